import type { Database } from "~/db/client";
import { markDemoLoaded } from "~/server/prepare";

export type DemoLogin = { role: string; email: string; password: string };

/** Loads the demo data set (filled in by the demo seed). */
export async function loadDemo(database: Database): Promise<DemoLogin[]> {
  await markDemoLoaded(database.db);
  return [];
}
