import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, openDatabase } from "~/db/client";
import { migrate } from "~/db/migrate";
import { seedReference } from "~/domains/reference/seed";

/** The PostgreSQL server the tests use (each run gets a fresh database of its own). */
export const TEST_POSTGRES_URL = process.env.PONTE_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export type TestDbKind = "pglite" | "postgres";

export function testDbKind(): TestDbKind {
  const kind = process.env.PONTE_TEST_DB ?? "pglite";
  if (kind !== "pglite" && kind !== "postgres")
    throw new Error(`PONTE_TEST_DB must be pglite or postgres, not ${kind}`);
  return kind;
}

export type TestDatabase = Database & { name: string };

/**
 * A fresh, migrated and seeded database for one test file: in-memory PGlite, or a new
 * database on the PostgreSQL server (dropped again by `dispose`). A missing server is a
 * failure, never a skip.
 */
export async function createTestDatabase(options: { places?: boolean } = {}): Promise<TestDatabase> {
  const kind = testDbKind();
  let database: Database;
  let name = "memory";
  if (kind === "postgres") {
    name = `ponte_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = `/${name}`;
    database = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 5 }, { purpose: "test" });
  } else {
    database = await openDatabase({ kind: "pglite", dataDir: "" }, { purpose: "test", memory: true });
  }
  await migrate(database);
  await database.db.transaction(async (tx) => seedReference(tx, { places: options.places ?? true }));
  const close = database.close;
  return {
    ...database,
    name,
    close: async () => {
      await close();
      if (kind === "postgres") await dropDatabase(name);
    },
  };
}

async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
