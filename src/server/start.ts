import { type ServerType, serve } from "@hono/node-server";
import { ConfigError, config } from "~/config/env";
import { AppError } from "~/errors/app-error";
import { createApp, type PageHandler } from "~/http/app";
import { translator } from "~/i18n/i18n";
import { startJobs, stopJobs } from "~/jobs/queue";
import { logger } from "~/logging/logger";
import { closeMailer } from "~/mail/mailer";
import { loadDemo } from "~/seed/demo";
import { prepareDatabase, shouldLoadDemo } from "./prepare";

export type StartOptions = { pages: PageHandler; staticRoot?: string };

/** Boots Ponte: configuration, database, migrations, seed, demo data, HTTP server. */
export async function startServer(options: StartOptions): Promise<ServerType> {
  let cfg: ReturnType<typeof config>;
  try {
    cfg = config();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  let database: Awaited<ReturnType<typeof prepareDatabase>>;
  try {
    database = await prepareDatabase(cfg, "server");
  } catch (e) {
    if (e instanceof AppError && e.code === "database_locked") {
      console.error(translator("en")(e.messageKey, e.values));
      process.exit(1);
    }
    throw e;
  }
  if (await shouldLoadDemo(cfg, database)) {
    const logins = await loadDemo(database);
    console.info("\nPonte loaded its demo data set. Demo logins (one per role):");
    for (const login of logins)
      console.info(`  ${login.role.padEnd(15)} ${login.email.padEnd(36)} password: ${login.password}`);
    console.info("");
  }
  await startJobs(database, {
    connectionString: cfg.database.kind === "postgres" ? cfg.database.url : undefined,
  });
  const app = createApp({
    database,
    pages: options.pages,
    ...(options.staticRoot ? { staticRoot: options.staticRoot } : {}),
  });
  const server = serve({ fetch: app.fetch, port: cfg.port, hostname: cfg.host }, (info) => {
    const where = cfg.database.kind === "pglite" ? `embedded database in ${cfg.database.dataDir}` : "PostgreSQL server";
    console.info(
      `Ponte is listening on http://${cfg.host === "0.0.0.0" ? "localhost" : cfg.host}:${info.port} (${where})`,
    );
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down", { signal });
    server.close();
    await stopJobs().catch(() => undefined);
    closeMailer();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  return server;
}
