import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import type { Config } from "~/config/env";
import { acquireDataDirLock } from "./lock";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A database handle or an open transaction: services accept either. */
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  kind: "pglite" | "postgres";
  /** Runs raw SQL with parameters ($1…), returning rows: used by benchmarks and search. */
  query: <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;
  /** Runs fn while holding a server-wide lock (one migrator at a time across processes). */
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
};

const MIGRATION_LOCK_KEY = 7_261_042_001;

export type OpenOptions = {
  /** Why the process opens the embedded database (shown to anyone the lock turns away). */
  purpose: string;
  /** In-memory PGlite (tests). */
  memory?: boolean;
};

export async function openDatabase(cfg: Config["database"], options: OpenOptions): Promise<Database> {
  if (cfg.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: cfg.url, max: cfg.poolSize });
    pool.on("error", () => {
      // An idle client lost its connection; the pool replaces it. Never crash the server for it.
    });
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: "postgres",
      query: async <T>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as T[],
      exclusive: async (fn) => {
        const client = await pool.connect();
        try {
          await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
          return await fn();
        } finally {
          await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }

  let release = () => {};
  let client: PGlite;
  if (options.memory) {
    client = await PGlite.create({ extensions: { pg_trgm } });
  } else {
    fs.mkdirSync(path.dirname(cfg.dataDir), { recursive: true });
    release = acquireDataDirLock(cfg.dataDir, options.purpose);
    try {
      client = await PGlite.create({ dataDir: path.join(cfg.dataDir, "pg"), extensions: { pg_trgm } });
    } catch (e) {
      release();
      throw e;
    }
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    query: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[],
    // The data folder lock already makes this process the only one.
    exclusive: (fn) => fn(),
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}
