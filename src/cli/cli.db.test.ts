import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userForApiToken } from "~/auth/session";
import { projectRoot } from "~/config/paths";
import { type Database, openDatabase } from "~/db/client";
import { migrate } from "~/db/migrate";
import { findUserByEmail, listOutbox, signIn } from "~/domains/accounts/service";
import { createTestDatabase, TEST_POSTGRES_URL, type TestDatabase, testDbKind } from "~/testing/database";

/**
 * The `ponte` CLI end to end: `node bin/ponte.js …` in a child process, on the embedded database
 * in a temporary data folder (or on a fresh PostgreSQL database when PONTE_TEST_DB=postgres).
 */
const kind = testDbKind();
const folders: string[] = [];
let dataDir: string;
let server: TestDatabase | undefined;
let databaseUrl = "";
/** The test process's own handle on the data, opened once the CLI commands are done. */
let held: Database | undefined;

function tempFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ponte-cli-"));
  folders.push(dir);
  return path.join(dir, "data");
}

type Run = { code: number | null; stdout: string; stderr: string };

function ponte(args: string[], options: { stdin?: string; dataDir?: string; databaseUrl?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot(), "bin/ponte.js"), ...args], {
      cwd: projectRoot(),
      env: {
        ...process.env,
        NODE_ENV: "test",
        LOG_LEVEL: "silent",
        PONTE_DATA_DIR: options.dataDir ?? dataDir,
        DATABASE_URL: options.databaseUrl ?? databaseUrl,
        SMTP_URL: "",
        PUBLIC_URL: "https://ponte.sern.example",
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += String(d);
    });
    child.stderr.on("data", (d) => {
      stderr += String(d);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}

beforeAll(async () => {
  dataDir = tempFolder();
  if (kind === "postgres") {
    server = await createTestDatabase({ places: false });
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = `/${server.name}`;
    databaseUrl = url.toString();
  }
});
afterAll(async () => {
  await held?.close();
  await server?.close();
  for (const dir of folders) {
    // Only ever the folders this file made.
    if (path.basename(dir).startsWith("ponte-cli-")) fs.rmSync(dir, { recursive: true, force: true });
  }
});

const tokens: { first: string; second: string; firstId: string } = { first: "", second: "", firstId: "" };

// Every command is a new Node process that opens the database: slow on a busy machine.
describe("ponte user create / token create / token revoke", { timeout: 240_000 }, () => {
  it("creates an account with the password read from standard input", async () => {
    const run = await ponte(
      [
        "user",
        "create",
        "--email",
        "anna@sern.example",
        "--name",
        "Anna Rossi",
        "--role",
        "secretariat",
        "--password-stdin",
      ],
      { stdin: "correct horse battery staple\n" },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Created the account anna@sern\.example \(secretariat\), id [0-9a-f-]{36}\.$/m);
  });

  it("names every field with a problem and exits non-zero", async () => {
    const bad = await ponte(["user", "create", "--email", "not-an-email", "--role", "mayor", "--password-stdin"], {
      stdin: "short\n",
    });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("Some fields need attention.");
    expect(bad.stderr).toContain("email: Must be an e-mail address, like name@example.org.");
    expect(bad.stderr).toContain("name: This field is required.");
    expect(bad.stderr).toContain("role: Must be one of: secretariat, board, member_contact, expert, partner.");
    expect(bad.stderr).toContain("password: The password must be at least 10 characters.");

    const taken = await ponte(["user", "create", "--email", "ANNA@sern.example", "--name", "Anna", "--role", "board"]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain("email: An account with this e-mail already exists.");

    const unknown = await ponte(["user", "create", "--mail", "x@sern.example"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown option or missing value: .*--mail/);
  });

  it("without --password-stdin, mails a link to choose a password (kept in the outbox without SMTP)", async () => {
    const run = await ponte([
      "user",
      "create",
      "--email",
      "bo@sern.example",
      "--name",
      "Bo Ek",
      "--role",
      "expert",
      "--language",
      "sv",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("A link to choose a password is in the outbox");
  });

  it("prints a bearer token once, alone on standard output, and revokes it by id", async () => {
    const first = await ponte(["token", "create", "--email", "anna@sern.example", "--name", "integration"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^pnt_[\w-]{40,}\n$/);
    tokens.first = first.stdout.trim();
    tokens.firstId = /API token ([0-9a-f-]{36}) for anna@sern\.example/.exec(first.stderr)?.[1] ?? "";
    expect(tokens.firstId).not.toBe("");

    const second = await ponte(["token", "create", "--email", "anna@sern.example"]);
    tokens.second = second.stdout.trim();
    expect(tokens.second).not.toBe(tokens.first);

    const revoked = await ponte(["token", "revoke", "--id", tokens.firstId]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`API token ${tokens.firstId} is revoked.`);
    const nobody = await ponte(["token", "create", "--email", "nobody@sern.example"]);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain("email: There is no account with this e-mail address.");
  });

  it("left the data as it said: password, invitation in Swedish, tokens", async () => {
    held =
      kind === "pglite"
        ? await openDatabase({ kind: "pglite", dataDir }, { purpose: "test" })
        : await openDatabase({ kind: "postgres", url: databaseUrl, poolSize: 2 }, { purpose: "test" });
    const db = held.db;
    const signedIn = await signIn(
      db,
      { email: "anna@sern.example", password: "correct horse battery staple" },
      { clientAddress: "cli-test" },
    );
    expect(signedIn.user.role).toBe("secretariat");

    const { items } = await listOutbox(db, { kind: "user", user: signedIn.user, via: "session" }, {});
    const invite = items.find((m) => m.to === "bo@sern.example");
    expect(invite).toMatchObject({ kind: "invite", language: "sv", subject: "Ditt konto i Ponte", status: "outbox" });
    expect(invite?.text).toMatch(/https:\/\/ponte\.sern\.example\/password-reset\/[\w-]+/);
    const accounts = await held.query<{ email: string }>("select email from users order by email");
    expect(accounts.map((a) => a.email)).toEqual(["anna@sern.example", "bo@sern.example"]);

    expect(await userForApiToken(db, tokens.first)).toBeUndefined();
    expect((await userForApiToken(db, tokens.second))?.email).toBe("anna@sern.example");
    const stored = await held.query<{ token_hash: string }>("select token_hash from api_tokens");
    expect(stored.map((r) => r.token_hash)).not.toContain(tokens.second);
  });

  it("refuses clearly, and changes nothing, while another process holds the embedded data folder", async () => {
    // The embedded database: in the PostgreSQL run, a data folder of its own held by this process.
    let holder = held;
    let folder = dataDir;
    if (kind === "postgres") {
      folder = tempFolder();
      holder = await openDatabase({ kind: "pglite", dataDir: folder }, { purpose: "test" });
      await migrate(holder);
    }
    try {
      const run = await ponte(
        ["user", "create", "--email", "carl@sern.example", "--name", "Carl", "--role", "board", "--password-stdin"],
        { stdin: "correct horse battery staple\n", dataDir: folder, databaseUrl: "" },
      );
      expect(run.code).toBe(3);
      expect(run.stderr).toContain(
        `The database in ${folder} is in use by another Ponte process (pid ${process.pid}, test). Stop it first`,
      );
      expect(run.stdout).toBe("");
      const token = await ponte(["token", "create", "--email", "anna@sern.example"], {
        dataDir: folder,
        databaseUrl: "",
      });
      expect(token.code).toBe(3);
      expect(token.stdout).toBe("");
      if (!holder) throw new Error("no database");
      expect(await findUserByEmail(holder.db, "carl@sern.example")).toBeUndefined();
      const [count] = await holder.query<{ n: number }>("select count(*)::int as n from api_tokens");
      expect(count?.n).toBe(kind === "pglite" ? 2 : 0);
    } finally {
      if (holder !== held) await holder?.close();
    }
  });
});
