import { eq, sql } from "drizzle-orm";
import type { Config } from "~/config/env";
import { type Database, openDatabase } from "~/db/client";
import { migrate } from "~/db/migrate";
import { users } from "~/domains/accounts/schema";
import { settings } from "~/domains/reference/schema";
import { seedReference } from "~/domains/reference/seed";

const DEMO_KEY = "demo.loadedAt";

/** Opens the database, applies migrations and seeds the network's configuration. */
export async function prepareDatabase(cfg: Config, purpose: string): Promise<Database> {
  const database = await openDatabase(cfg.database, { purpose });
  try {
    await migrate(database);
    await database.db.transaction(async (tx) => seedReference(tx));
  } catch (e) {
    await database.close();
    throw e;
  }
  return database;
}

/**
 * The demo data set loads on a new embedded database, on a PostgreSQL server only with
 * PONTE_DEMO=true, never with PONTE_DEMO=false, and never twice.
 */
export async function shouldLoadDemo(cfg: Config, database: Database): Promise<boolean> {
  if (cfg.demo === false) return false;
  const loaded = await database.db.select().from(settings).where(eq(settings.key, DEMO_KEY)).limit(1);
  if (loaded.length > 0) return false;
  if (cfg.demo === true) return true;
  if (database.kind !== "pglite") return false;
  const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(users);
  return (row?.n ?? 0) === 0;
}

export async function markDemoLoaded(db: Database["db"]): Promise<void> {
  await db.insert(settings).values({ key: DEMO_KEY, value: new Date().toISOString() }).onConflictDoNothing();
}
