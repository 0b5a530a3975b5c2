import { parseArgs } from "node:util";
import { system } from "~/auth/actor";
import type { Config } from "~/config/env";
import { IssueTokenInput, NewUserInput, RevokeTokenInput } from "~/domains/accounts/contract";
import { createUser, issueApiToken, linkBase, revokeApiToken } from "~/domains/accounts/service";
import { AppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import { translator } from "~/i18n/i18n";
import { prepareDatabase } from "~/server/prepare";

export type Command = {
  name: string[];
  usage: string;
  summary: string;
  run: (args: string[], cfg: Config) => Promise<number>;
};

/** The CLI speaks English, from the same catalogs as the rest of Ponte. */
const t = translator("en");
const actor = system("cli");

type OptionSpec = Record<string, { type: "string" | "boolean" }>;

function options<S extends OptionSpec>(args: string[], spec: S) {
  try {
    return parseArgs({ args, options: spec, strict: true, allowPositionals: false }).values;
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new AppError("bad_request", "accounts:cli.unknownOption", {}, { detail });
  }
}

/** One line from standard input (the password of `--password-stdin`), without its line end. */
async function readLine(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  stream.setEncoding("utf8");
  let text = "";
  for await (const chunk of stream) {
    text += String(chunk);
    if (text.includes("\n")) break;
  }
  return (text.split("\n")[0] ?? "").replace(/\r$/, "");
}

/** Runs `work` with the database open, closing it however `work` ends. */
async function withDatabase<T>(
  cfg: Config,
  purpose: string,
  work: (db: Awaited<ReturnType<typeof prepareDatabase>>) => Promise<T>,
): Promise<T> {
  const database = await prepareDatabase(cfg, purpose);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const migrateCommand: Command = {
  name: ["migrate"],
  usage: "migrate",
  summary: "Apply pending database migrations (and seed the network's configuration).",
  run: async (_args, cfg) => {
    const database = await prepareDatabase(cfg, "ponte migrate");
    await database.close();
    console.log("Database is up to date.");
    return 0;
  },
};

const userCreateCommand: Command = {
  name: ["user", "create"],
  usage: "user create --email E --name N --role R [--organisation ID] [--language sv] [--password-stdin]",
  summary:
    "Create an account. With --password-stdin the password is one line of standard input; without it, the person is mailed a link to choose one.",
  run: async (args, cfg) => {
    const o = options(args, {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      organisation: { type: "string" },
      language: { type: "string" },
      "password-stdin": { type: "boolean" },
    });
    const password = o["password-stdin"] ? await readLine() : undefined;
    // Bad input is reported before the database is opened (createUser checks it again).
    const input = parseInput(NewUserInput, {
      email: o.email,
      name: o.name,
      role: o.role,
      organisationId: o.organisation,
      language: o.language,
      password,
    });
    const user = await withDatabase(cfg, "ponte user create", (database) =>
      createUser(database.db, actor, input, { inviteBaseUrl: linkBase(`http://localhost:${cfg.port}`) }),
    );
    console.log(t("accounts:cli.userCreated", { email: user.email, role: user.role, id: user.id }));
    if (user.invitation === "sent") console.log(t("accounts:cli.inviteSent", { email: user.email }));
    if (user.invitation === "outbox") console.log(t("accounts:cli.inviteKept"));
    if (user.invitation === "failed") console.error(t("accounts:cli.inviteFailed"));
    return 0;
  },
};

const tokenCreateCommand: Command = {
  name: ["token", "create"],
  usage: "token create --email E [--name N]",
  summary: "Create an API token for the account; prints the bearer token once (only its hash is stored).",
  run: async (args, cfg) => {
    const o = options(args, { email: { type: "string" }, name: { type: "string" } });
    parseInput(IssueTokenInput, { email: o.email, name: o.name });
    const issued = await withDatabase(cfg, "ponte token create", (database) =>
      issueApiToken(database.db, actor, { email: o.email, name: o.name }),
    );
    // The token alone on standard output (for scripts); the explanation on standard error.
    console.error(t("accounts:cli.tokenCreated", { id: issued.id, email: issued.user.email }));
    console.log(issued.token);
    return 0;
  },
};

const tokenRevokeCommand: Command = {
  name: ["token", "revoke"],
  usage: "token revoke --id ID",
  summary: "Revoke an API token: it is refused from then on.",
  run: async (args, cfg) => {
    const o = options(args, { id: { type: "string" } });
    parseInput(RevokeTokenInput, { id: o.id });
    await withDatabase(cfg, "ponte token revoke", (database) => revokeApiToken(database.db, actor, { id: o.id }));
    console.log(t("accounts:cli.tokenRevoked", { id: o.id }));
    return 0;
  },
};

export const commands: Command[] = [migrateCommand, userCreateCommand, tokenCreateCommand, tokenRevokeCommand];
