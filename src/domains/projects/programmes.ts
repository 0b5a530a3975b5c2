/**
 * The funding programmes and their actions: reference data the projects point to. Seeded from the
 * network's configuration (reference/sern.ts) by reference/seed.ts; read by the forms, the API
 * and the checks of a project's programme and action.
 */
import { asc } from "drizzle-orm";
import type { DbOrTx } from "~/db/client";
import type { LocalizedText } from "~/db/columns";
import type { FundingProgramme } from "~/domains/reference/sern";
import { fundingActions, fundingProgrammes } from "./schema";

export type FundingAction = { code: string; names: LocalizedText };
export type Programme = {
  code: string;
  names: LocalizedText;
  level: "eu" | "national" | "member";
  active: boolean;
  actions: FundingAction[];
};

/**
 * Seeds the programmes and actions. Idempotent, and it never overwrites what is there: existing
 * rows are left as they are (the secretariat may have renamed one).
 */
export async function seedFundingProgrammes(db: DbOrTx, programmes: readonly FundingProgramme[]): Promise<void> {
  if (programmes.length === 0) return;
  await db
    .insert(fundingProgrammes)
    .values(
      programmes.map((p, i) => ({
        code: p.code,
        names: p.names,
        level: p.level,
        active: p.active ?? true,
        sortOrder: i,
      })),
    )
    .onConflictDoNothing();
  const actions = programmes.flatMap((p) =>
    (p.actions ?? []).map((a, i) => ({ code: a.code, programmeCode: p.code, names: a.names, sortOrder: i })),
  );
  if (actions.length > 0) await db.insert(fundingActions).values(actions).onConflictDoNothing();
}

/** Every programme with its actions, in the configured order. */
export async function listFundingProgrammes(db: DbOrTx): Promise<Programme[]> {
  const programmes = await db
    .select()
    .from(fundingProgrammes)
    .orderBy(asc(fundingProgrammes.sortOrder), asc(fundingProgrammes.code));
  const actions = await db
    .select()
    .from(fundingActions)
    .orderBy(asc(fundingActions.sortOrder), asc(fundingActions.code));
  return programmes.map((p) => ({
    code: p.code,
    names: p.names,
    level: p.level as Programme["level"],
    active: p.active,
    actions: actions.filter((a) => a.programmeCode === p.code).map((a) => ({ code: a.code, names: a.names })),
  }));
}
