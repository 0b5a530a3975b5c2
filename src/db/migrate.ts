import path from "node:path";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { projectRoot } from "~/config/paths";
import type { Database } from "./client";

export function defaultMigrationsFolder(): string {
  return path.join(projectRoot(), "drizzle");
}

/**
 * Applies pending migrations. Drizzle runs them all in one transaction, so a failing
 * migration leaves the database exactly as it was; on a server, an advisory lock lets only
 * one starting Ponte process migrate at a time.
 */
export async function migrate(database: Database, migrationsFolder = defaultMigrationsFolder()): Promise<void> {
  const opts = { migrationsFolder, migrationsSchema: "public", migrationsTable: "__ponte_migrations" };
  await database.exclusive(async () => {
    if (database.kind === "pglite") {
      await migratePglite(database.db as unknown as PgliteDatabase, opts);
    } else {
      await migrateNodePg(database.db as unknown as NodePgDatabase, opts);
    }
  });
}
