import { ConfigError, config } from "~/config/env";
import { AppError } from "~/errors/app-error";
import { translator } from "~/i18n/i18n";
import { closeMailer } from "~/mail/mailer";
import { commands } from "./commands";

const usage = `Usage: ponte <command> [options]

Commands:
${commands.map((c) => `  ${c.usage.padEnd(70)} ${c.summary}`).join("\n")}

Configuration comes from the same environment variables as the server
(DATABASE_URL, PONTE_DATA_DIR, SMTP_URL, …).`;

async function main(argv: string[]): Promise<number> {
  const words = argv.filter((a) => !a.startsWith("-"));
  const command = commands.find((c) => c.name.every((w, i) => words[i] === w));
  if (!command || argv.includes("--help") || argv.includes("-h")) {
    console.log(usage);
    return command || argv.includes("--help") ? 0 : 2;
  }
  const rest = argv.slice();
  for (const w of command.name) rest.splice(rest.indexOf(w), 1);
  try {
    return await command.run(rest, config());
  } catch (e) {
    const t = translator("en");
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    if (e instanceof AppError) {
      const fields = Object.entries(e.fields).map(([f, p]) => `  ${f}: ${t(p.key, p.values ?? {})}`);
      console.error([t(e.messageKey, e.values), ...fields].join("\n"));
      return e.code === "database_locked" ? 3 : 1;
    }
    console.error(e instanceof Error ? e.message : String(e));
    return 1;
  } finally {
    closeMailer();
  }
}

process.exitCode = await main(process.argv.slice(2));
