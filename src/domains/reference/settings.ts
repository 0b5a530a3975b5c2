import { eq } from "drizzle-orm";
import type { DbOrTx } from "~/db/client";
import { settings } from "~/domains/reference/schema";

/** A network setting's value (jsonb), or undefined when it is not set. */
export async function readSetting(db: DbOrTx, key: string): Promise<unknown> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1);
  return row?.value;
}

/** Writes a network setting (the secretariat's configuration; tests). */
export async function writeSetting(db: DbOrTx, key: string, value: unknown): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}
