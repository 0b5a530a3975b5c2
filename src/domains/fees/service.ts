/**
 * Fee schedules: reading and saving a year's schedule (the secretariat; audited, versioned), and
 * quoting fees from it — for invoicing (`feeFor`) and for the public calculator (`quoteFor`).
 * The rules themselves are pure functions in ./rules.ts.
 */

import { z } from "@hono/zod-openapi";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { recordAudit } from "~/audit/audit";
import { type Actor, actorUserId } from "~/auth/actor";
import { authorize } from "~/auth/authorize";
import type { DbOrTx } from "~/db/client";
import { AppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import type { Language } from "~/i18n/i18n";
import { FeeQuoteQuery, FeeRules, type FeeSchedule, FeeScheduleInput, type FeeScheduleSummary, Year } from "./contract";
import { canEditFeeSchedules } from "./policy";
import { assertFeeRules, type FeeFacts, type FeeQuote, quote } from "./rules";
import { feeSchedules } from "./schema";

export type { FeeFacts, FeeQuote, FeeRuleRef } from "./rules";

type ScheduleRow = typeof feeSchedules.$inferSelect;

const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

function toSchedule(row: ScheduleRow): FeeSchedule {
  return {
    year: row.year,
    currency: row.currency,
    example: row.example,
    // Stored rules passed the contract when saved; a failure here is a bug (500).
    rules: FeeRules.parse(row.rules),
    version: row.version,
    updatedAt: iso(row.updatedAt),
  };
}

const YearField = z.object({ year: Year });

/** A year (2000–2100); a bad one is a validation error naming `year`. */
function parseYear(year: unknown): number {
  return parseInput(YearField, { year }).year;
}

const notFound = (year: number) => new AppError("not_found", "fees:problems.notFound", {}, { year });

async function findRow(db: DbOrTx, year: number, lock = false): Promise<ScheduleRow | undefined> {
  const q = db.select().from(feeSchedules).where(eq(feeSchedules.year, year)).limit(1);
  const [row] = lock ? await q.for("update") : await q;
  return row;
}

/** A year's schedule; not found (404) when the year has none. Anyone may read schedules. */
export async function getSchedule(db: DbOrTx, year: number): Promise<FeeSchedule> {
  const y = parseYear(year);
  const row = await findRow(db, y);
  if (!row) throw notFound(y);
  return toSchedule(row);
}

/** The years that have a schedule, newest first. */
export async function listYears(db: DbOrTx): Promise<FeeScheduleSummary[]> {
  const rows = await db
    .select({
      year: feeSchedules.year,
      currency: feeSchedules.currency,
      example: feeSchedules.example,
      rules: sql<number>`jsonb_array_length(${feeSchedules.rules})`.mapWith(Number),
      version: feeSchedules.version,
      updatedAt: feeSchedules.updatedAt,
    })
    .from(feeSchedules)
    .orderBy(desc(feeSchedules.year));
  return rows.map((r) => ({ ...r, updatedAt: iso(r.updatedAt) }));
}

/**
 * Creates or replaces a year's schedule (secretariat). `expectedVersion`: the version being
 * replaced (a mismatch is 412); `null` means the caller expects no schedule yet (one exists: 428,
 * the change needs its version); undefined skips the check. Returns the schedule and whether it
 * was created. Audited with the rules before and after.
 */
export async function putSchedule(
  db: DbOrTx,
  actor: Actor,
  year: number,
  input: unknown,
  expectedVersion?: number | null,
): Promise<FeeSchedule & { created: boolean }> {
  authorize(actor, canEditFeeSchedules(actor));
  const y = parseYear(year);
  const parsed = parseInput(FeeScheduleInput, input);
  assertFeeRules(parsed.rules);
  return db.transaction(async (tx) => {
    const row = await findRow(tx, y, true);
    if (!row) {
      if (typeof expectedVersion === "number") throw new AppError("precondition_failed");
      const [created] = await tx
        .insert(feeSchedules)
        .values({
          year: y,
          currency: parsed.currency,
          example: parsed.example,
          rules: parsed.rules,
          updatedBy: actorUserId(actor),
        })
        .onConflictDoNothing()
        .returning();
      // Someone else created it between our read and write.
      if (!created) throw new AppError("precondition_failed");
      const schedule = toSchedule(created);
      await recordAudit(tx, actor, {
        action: "fee_schedule.create",
        entityType: "fee_schedule",
        entityId: String(y),
        before: null,
        after: { example: schedule.example, rules: schedule.rules, version: schedule.version },
      });
      return { ...schedule, created: true };
    }
    if (expectedVersion === null) throw new AppError("precondition_required");
    if (expectedVersion !== undefined && expectedVersion !== row.version) throw new AppError("precondition_failed");
    const [updated] = await tx
      .update(feeSchedules)
      .set({
        currency: parsed.currency,
        example: parsed.example,
        rules: parsed.rules,
        version: sql`${feeSchedules.version} + 1`,
        updatedBy: actorUserId(actor),
        updatedAt: new Date(),
      })
      .where(and(eq(feeSchedules.year, y), eq(feeSchedules.version, row.version)))
      .returning();
    if (!updated) throw new AppError("precondition_failed");
    const before = toSchedule(row);
    const schedule = toSchedule(updated);
    await recordAudit(tx, actor, {
      action: "fee_schedule.update",
      entityType: "fee_schedule",
      entityId: String(y),
      before: { example: before.example, rules: before.rules, version: before.version },
      after: { example: schedule.example, rules: schedule.rules, version: schedule.version },
    });
    return { ...schedule, created: false };
  });
}

/**
 * The fee for an organisation in a year (used by invoicing): not found (404) when the year has no
 * schedule; a validation error (422) naming the field when no rule applies or a figure is missing.
 */
export async function feeFor(db: DbOrTx, year: number, facts: FeeFacts): Promise<FeeQuote> {
  const schedule = await getSchedule(db, year);
  return quote(schedule, facts);
}

/** The year the calculator uses when none is asked for: this year's schedule, else the latest. */
export async function defaultQuoteYear(db: DbOrTx, now: Date = new Date()): Promise<number> {
  const current = now.getFullYear();
  if (await findRow(db, current)) return current;
  const [latest] = await db
    .select({ year: feeSchedules.year })
    .from(feeSchedules)
    .orderBy(desc(feeSchedules.year))
    .limit(1);
  if (!latest) throw new AppError("not_found", "fees:problems.noSchedule");
  return latest.year;
}

export type QuoteAnswer = FeeQuote & { year: number; example: boolean };

/**
 * The public calculator: the fee for a country, type and size (budget in euro) under a year's
 * schedule (default: defaultQuoteYear). Input as the query string gives it, validated here.
 */
export async function quoteFor(db: DbOrTx, input: unknown, now: Date = new Date()): Promise<QuoteAnswer> {
  const q = parseInput(FeeQuoteQuery, input);
  const year = q.year ?? (await defaultQuoteYear(db, now));
  const schedule = await getSchedule(db, year);
  const answer = quote(schedule, {
    country: q.country,
    type: q.type,
    inhabitants: q.inhabitants ?? null,
    employees: q.employees ?? null,
    budgetCents: q.budget === undefined ? null : Math.round(q.budget * 100),
  });
  return { ...answer, year, example: schedule.example };
}

/** The rule reference in the reader's language (what the API answers). */
export function presentQuote(answer: QuoteAnswer, language: Language) {
  const { code, label, basis, details } = answer.rule;
  return {
    amountCents: answer.amountCents,
    currency: answer.currency,
    rule: { code, label, basis, detail: details[language] },
    year: answer.year,
    example: answer.example,
  };
}

/** Years with a schedule, oldest first (for pickers). */
export async function scheduleYears(db: DbOrTx): Promise<number[]> {
  const rows = await db.select({ year: feeSchedules.year }).from(feeSchedules).orderBy(asc(feeSchedules.year));
  return rows.map((r) => r.year);
}
