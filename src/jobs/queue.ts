/**
 * Background jobs: pg-boss 10 in the database Ponte already uses (decision "background jobs").
 *
 * - On a PostgreSQL server pg-boss gets its own small pool from the connection string (so job
 *   polling never waits behind the app's pool), or, without one, runs on the app's pool.
 * - On PGlite it runs in the process that owns the database, through `db: { executeSql }`: pg-boss's
 *   schema plans are several statements in one text, which go through PGlite's `exec`.
 *
 * Domains declare their jobs (`JobDefinition`, listed in ./handlers.ts); handlers must be safe to
 * repeat — a job whose process dies runs again after its expiry. `enqueue` before `startJobs` (or
 * after `stopJobs`) does nothing and returns null: every job here has a fallback (a PDF is rendered
 * on demand, the daily job catches up).
 */
import { type SQL, sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import type { Database, DbOrTx } from "~/db/client";
import { logger } from "~/logging/logger";

export type JobDefinition = {
  name: string;
  /** Runs one job's data; throw to have it retried. */
  handle: (database: Database, data: unknown) => Promise<void>;
  /** A cron expression (UTC) for jobs that run on a schedule. */
  cron?: string;
  /** Upper bound of one job's run time; the job runs again after it if its worker died. */
  expireInSeconds?: number;
  /** Workers started in this process for the queue. */
  workers?: number;
};

type Running = { boss: PgBoss; database: Database; names: Set<string> };
let running: Running | undefined;

type SqlClient = {
  query: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;
  exec?: (text: string) => Promise<{ rows: unknown[] }[]>;
};

function isSqlClient(value: unknown): value is SqlClient {
  return typeof value === "object" && value !== null && typeof (value as { query?: unknown }).query === "function";
}

/** The driver under Drizzle: PGlite (query + exec) or the pg pool (query). */
function executorFor(database: Database): PgBoss.Db {
  const client = (database.db as unknown as { $client?: unknown }).$client;
  if (!isSqlClient(client)) throw new Error("jobs: the database handle exposes no SQL client");
  return {
    executeSql: async (text: string, values?: unknown[]) => {
      if (database.kind === "pglite" && (!values || values.length === 0) && client.exec) {
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      const result = await client.query(text, values ?? []);
      return { rows: result.rows };
    },
  };
}

export type StartJobsOptions = {
  /** PostgreSQL: pg-boss's own pool (else it shares the app's). Ignored on PGlite. */
  connectionString?: string | undefined;
  /** The jobs to run (default: every domain's, ./handlers.ts). */
  definitions?: readonly JobDefinition[];
  /** How often idle workers look for work (seconds; pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  /** Also run the scheduled (cron) jobs in this process. Default true. */
  schedule?: boolean;
};

/** Starts the queue and this process's workers. Calling it twice returns the running queue. */
export async function startJobs(database: Database, options: StartJobsOptions = {}): Promise<PgBoss> {
  if (running) return running.boss;
  const definitions = options.definitions ?? (await import("./handlers")).jobDefinitions;
  const scheduling = options.schedule ?? true;
  const base: PgBoss.ConstructorOptions = {
    schema: "pgboss",
    application_name: "ponte-jobs",
    schedule: scheduling,
    supervise: true,
    migrate: true,
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
  };
  const boss =
    database.kind === "postgres" && options.connectionString
      ? new PgBoss({ ...base, connectionString: options.connectionString, max: 4 })
      : new PgBoss({ ...base, db: executorFor(database) });
  boss.on("error", (error) => logger.warn("jobs: error", { error: error.message }));
  // pg-boss creates its schema with a few statements under an advisory lock; on a server two
  // starting processes are fine, on PGlite there is only this process.
  await boss.start();
  const names = new Set<string>();
  for (const def of definitions) {
    await boss.createQueue(def.name, {
      name: def.name,
      policy: "standard",
      ...(def.expireInSeconds ? { expireInSeconds: def.expireInSeconds } : {}),
    });
    names.add(def.name);
    const workers = def.workers ?? 1;
    for (let i = 0; i < workers; i++) {
      await boss.work<unknown>(
        def.name,
        { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
        async ([job]) => {
          if (!job) return;
          try {
            await def.handle(database, job.data);
          } catch (e) {
            logger.warn("jobs: handler failed", {
              job: def.name,
              error: e instanceof Error ? e.message : String(e),
            });
            throw e;
          }
        },
      );
    }
    if (def.cron && scheduling) await boss.schedule(def.name, def.cron, {}, { tz: "UTC" });
  }
  running = { boss, database, names };
  return boss;
}

/** Stops the workers (waiting for the jobs in hand) and the queue. Safe to call when not started. */
export async function stopJobs(): Promise<void> {
  const current = running;
  running = undefined;
  if (!current) return;
  await current.boss.stop({ graceful: true, wait: true, timeout: 10_000, close: true });
}

/** Whether the queue runs in this process. */
export function jobsRunning(): boolean {
  return running !== undefined;
}

/**
 * Queues jobs (one per data item). Does nothing when the queue is not running (tests, the CLI):
 * every job has a fallback. Returns how many were queued.
 */
/**
 * pg-boss's statements run through a Drizzle handle: inside a transaction, the jobs are written by
 * that transaction — they exist exactly when what they are about was committed, and on PGlite the
 * insert does not wait for the connection the transaction holds.
 */
function executorOf(db: DbOrTx): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      const chunks: SQL[] = [];
      let last = 0;
      for (const match of text.matchAll(/\$(\d+)/g)) {
        chunks.push(sql.raw(text.slice(last, match.index)));
        chunks.push(sql`${values[Number(match[1]) - 1]}`);
        last = (match.index ?? 0) + match[0].length;
      }
      chunks.push(sql.raw(text.slice(last)));
      const result = (await db.execute(sql.join(chunks, sql``))) as unknown as { rows: unknown[] };
      return { rows: result.rows };
    },
  };
}

export async function enqueue(
  name: string,
  items: readonly object[],
  options: { expireInSeconds?: number; startAfterSeconds?: number; db?: DbOrTx } = {},
): Promise<number> {
  const current = running;
  if (!current || items.length === 0) return 0;
  await current.boss.insert(
    items.map((data) => ({
      name,
      data,
      retryLimit: 5,
      retryDelay: 30,
      retryBackoff: true,
      ...(options.expireInSeconds ? { expireInSeconds: options.expireInSeconds } : {}),
      ...(options.startAfterSeconds ? { startAfter: new Date(Date.now() + options.startAfterSeconds * 1000) } : {}),
    })),
    options.db ? { db: executorOf(options.db) } : {},
  );
  return items.length;
}

/** Jobs waiting or running per queue (for the benchmark and the operations page). */
export async function backlog(database: Database, name: string): Promise<{ waiting: number; active: number }> {
  const rows = await database.query<{ state: string; n: string }>(
    "select state, count(*)::text as n from pgboss.job where name = $1 and state in ('created', 'retry', 'active') group by state",
    [name],
  );
  let waiting = 0;
  let active = 0;
  for (const row of rows) {
    if (row.state === "active") active += Number(row.n);
    else waiting += Number(row.n);
  }
  return { waiting, active };
}

/** Waits until a queue has nothing left to do (tests, the benchmark). */
export async function drain(database: Database, name: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { waiting, active } = await backlog(database, name);
    if (waiting + active === 0) return;
    if (Date.now() > until) throw new Error(`jobs: ${name} still has ${waiting + active} jobs after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
