/**
 * The register of decisions: every approved, rejected or elected outcome (and any decision other
 * modules record, for example a vote's), numbered per year without gaps — `2027/3`.
 *
 * Numbering takes a transaction-scoped advisory lock on the year (`pg_advisory_xact_lock`), then
 * reads the year's highest number: two decisions recorded at once wait for each other, so they can
 * never get the same number, and as decisions are never deleted there is never a gap. (Invoices
 * lock a counter row instead; the register needs no extra table since its numbers are its rows.)
 * A decision's number never changes; its text may be corrected.
 *
 * Search is accent-insensitive without the unaccent extension: the text is folded in SQL with
 * `translate()` over the accented letters of Italian, Swedish and their neighbours, and the query
 * is folded the same way in TypeScript.
 */
import { and, count, desc, eq, type SQL, sql } from "drizzle-orm";
import { recordAudit } from "~/audit/audit";
import type { Actor } from "~/auth/actor";
import { authorize } from "~/auth/authorize";
import type { DbOrTx } from "~/db/client";
import { AppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import { type DecisionList, DecisionQuery, type RegisteredDecision } from "./meetings-contract";
import { canViewGovernance } from "./policy";
import { decisions } from "./schema";

/** The advisory lock's first key: "register of decisions" (the second is the year). */
const REGISTER_LOCK = 20_270_004;

export const labelOf = (d: { year: number; number: number }) => `${d.year}/${d.number}`;

type DecisionRow = typeof decisions.$inferSelect;

function toDecision(row: DecisionRow): RegisteredDecision {
  return {
    id: row.id,
    year: row.year,
    number: row.number,
    label: labelOf(row),
    bodyCode: row.bodyCode,
    meetingId: row.meetingId,
    agendaItemId: row.agendaItemId,
    decidedOn: row.decidedOn,
    text: row.text,
    voteId: row.voteId,
  };
}

/**
 * Enters a decision in the register with the next number of its year (the year of `decidedOn`).
 * Call inside a transaction: the number is reserved until it commits.
 */
export async function recordDecisionInRegister(
  tx: DbOrTx,
  actor: Actor,
  input: {
    bodyCode: string;
    meetingId?: string | null;
    agendaItemId?: string | null;
    decidedOn: string;
    text: string;
    voteId?: string | null;
    /** The membership application the Board decided. */
    applicationId?: string | null;
  },
): Promise<{ id: string; year: number; number: number; label: string }> {
  const year = Number(input.decidedOn.slice(0, 4));
  if (!Number.isInteger(year) || year < 1900) throw new AppError("bad_request");
  await tx.execute(sql`select pg_advisory_xact_lock(${REGISTER_LOCK}, ${year})`);
  const [last] = await tx
    .select({ max: sql<number | null>`max(${decisions.number})` })
    .from(decisions)
    .where(eq(decisions.year, year));
  const number = Number(last?.max ?? 0) + 1;
  const [row] = await tx
    .insert(decisions)
    .values({
      year,
      number,
      bodyCode: input.bodyCode,
      meetingId: input.meetingId ?? null,
      agendaItemId: input.agendaItemId ?? null,
      decidedOn: input.decidedOn,
      text: input.text,
      voteId: input.voteId ?? null,
      applicationId: input.applicationId ?? null,
    })
    .returning();
  if (!row) throw new AppError("internal");
  await recordAudit(tx, actor, {
    action: "decision.register",
    entityType: "decision",
    entityId: row.id,
    after: toDecision(row),
  });
  return { id: row.id, year, number, label: labelOf(row) };
}

/** Corrects a registered decision's text (its number stays). */
export async function updateRegisterText(tx: DbOrTx, actor: Actor, id: string, text: string): Promise<void> {
  const [before] = await tx.select().from(decisions).where(eq(decisions.id, id)).limit(1);
  if (!before) throw new AppError("not_found");
  if (before.text === text) return;
  await tx.update(decisions).set({ text }).where(eq(decisions.id, id));
  await recordAudit(tx, actor, {
    action: "decision.text",
    entityType: "decision",
    entityId: id,
    before: { text: before.text },
    after: { text },
  });
}

const LOWER_ACCENTED = "àáâãäåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõöøōőŕřśšşťùúûüūůűųýÿźżž";
/** Upper and lower case: the database's lower() may leave non-ASCII letters alone (C locale). */
const ACCENTED = LOWER_ACCENTED + LOWER_ACCENTED.toUpperCase();
/** Each accented letter's base letter in lower case, one for one (ø and ł do not decompose). */
const PLAIN = [...ACCENTED]
  .map(
    (c) =>
      ({ ø: "o", Ø: "o", ł: "l", Ł: "l" })[c] ??
      c
        .normalize("NFD")
        .replace(/\p{M}+/gu, "")
        .toLowerCase(),
  )
  .join("");

/** Lower case without accents (the same letters as the SQL side folds). */
export function foldQuery(q: string): string {
  let out = "";
  for (const ch of q.toLowerCase()) {
    const i = ACCENTED.indexOf(ch);
    out += i >= 0 ? (PLAIN[i] ?? ch) : ch;
  }
  return out;
}

const foldedText = sql`translate(lower(${decisions.text}), ${ACCENTED}, ${PLAIN})`;

/** The register (secretariat and Board): newest first, searched by text, filtered by year and body. */
export async function listDecisions(
  db: DbOrTx,
  actor: Actor,
  query: Record<string, unknown> = {},
): Promise<DecisionList> {
  authorize(actor, canViewGovernance(actor));
  const q = parseInput(DecisionQuery, query);
  const conditions: SQL[] = [];
  if (q.q) {
    const pattern = `%${foldQuery(q.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`${foldedText} like ${pattern}`);
  }
  if (q.year) conditions.push(eq(decisions.year, q.year));
  if (q.body) conditions.push(eq(decisions.bodyCode, q.body));
  const where = conditions.length ? and(...conditions) : undefined;
  const [total] = await db.select({ n: count() }).from(decisions).where(where);
  const rows = await db
    .select()
    .from(decisions)
    .where(where)
    .orderBy(desc(decisions.year), desc(decisions.number))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows.map(toDecision), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

/** The years that have decisions (for the register's filter). */
export async function decisionYears(db: DbOrTx): Promise<number[]> {
  const rows = await db.selectDistinct({ year: decisions.year }).from(decisions).orderBy(desc(decisions.year));
  return rows.map((r) => r.year);
}
