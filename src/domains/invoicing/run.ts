/**
 * The annual invoicing run: one `invoicing_runs` row, then an invoice for every member (status
 * member, not suspended) without an invoice for the fee year, in batches.
 *
 * Each batch is one transaction that (1) locks the issue year's counter, (2) picks the next members
 * in id order that still have no invoice for the fee year, (3) prices them in JS with the pure fee
 * rules and the year's schedule (loaded once), (4) inserts the batch with one statement and moves
 * the counter by the batch's size. Because the counter is locked before step 2, two runs at once
 * take turns batch by batch and the second sees what the first committed: exactly one invoice per
 * member, numbers 1..n without gaps. A run that stops half way leaves whole batches; starting it
 * again issues only what is missing. PDFs and mails follow in background jobs (./jobs.ts).
 *
 * A member the schedule cannot price (no rule for its type, a figure missing) is skipped and
 * reported; once its data is fixed, running again invoices it.
 */
import { eq, sql } from "drizzle-orm";
import { recordAudit } from "~/audit/audit";
import { type Actor, actorUserId } from "~/auth/actor";
import type { Db } from "~/db/client";
import { bandIndex, type FeeFacts, type FeeQuote, quote, ruleFor, type ScheduleRules } from "~/domains/fees/rules";
import { getSchedule } from "~/domains/fees/service";
import { AppError, isAppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import { RunInput, type RunReport } from "./contract";
import { type Party, partyOf } from "./party";
import { authorize, canManageInvoices } from "./policy";
import { addDays, formatNumber, invoiceLanguageFor, today } from "./rules";
import { invoicingRuns } from "./schema";
import { getSeller } from "./seller";
import { describeLine, enqueueDelivery, lockCounter } from "./service";
import { invoicingSettings } from "./settings";

export type RunOptions = {
  /** Members per transaction (default 2,000). */
  batchSize?: number;
  /** The issue date (default today in Italy). */
  issueDate?: string;
  /** Called after each batch has committed (tests stop a run half way by throwing here). */
  afterBatch?: (batch: { index: number; created: number }) => void | Promise<void>;
};

type Candidate = {
  id: string;
  name: string;
  country: string;
  type: string;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  vat_number: string | null;
  tax_code: string | null;
  ipa_code: string | null;
  org_number: string | null;
  peppol_id: string | null;
  invoice_email: string | null;
  public_authority: boolean;
  invoice_language: string | null;
  inhabitants: number | null;
  employees: number | null;
  annual_budget_cents: string | number | null;
};

function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * The fee rules' quote, memoised per rule and band: two members whose figures fall in the same
 * band of the same rule get the same quote (amount, rule and its description), and quoting
 * formats numbers in three languages, which is the run's main cost without the memo.
 */
export function memoisedQuote(schedule: ScheduleRules): (facts: FeeFacts) => FeeQuote {
  const memo = new Map<string, FeeQuote>();
  const band = (bands: Parameters<typeof bandIndex>[0] | null | undefined, value: number | null) =>
    !bands ? "-" : value === null ? "n" : value < 0 ? null : String(bandIndex(bands, value));
  return (facts) => {
    const rule = ruleFor(schedule.rules, facts.country, facts.type);
    if (!rule) return quote(schedule, facts);
    const parts = [
      band(
        rule.bands,
        rule.basis === "inhabitants"
          ? facts.inhabitants
          : rule.basis === "employees"
            ? facts.employees
            : rule.basis === "budget"
              ? facts.budgetCents
              : 0,
      ),
      band(rule.budgetBands, facts.budgetCents),
    ];
    if (parts.includes(null)) return quote(schedule, facts);
    const key = `${rule.code}|${parts.join("|")}`;
    let hit = memo.get(key);
    if (!hit) {
      hit = quote(schedule, facts);
      memo.set(key, hit);
    }
    return hit;
  };
}

const FIRST_ID = "00000000-0000-0000-0000-000000000000";

/** Starts (or starts again) the run for a fee year and waits for it to finish. */
export async function runAnnualInvoicing(
  db: Db,
  actor: Actor,
  input: unknown,
  options: RunOptions = {},
): Promise<RunReport> {
  authorize(actor, canManageInvoices(actor));
  const { year } = parseInput(RunInput, input);
  const schedule = await getSchedule(db, year);
  const settings = await invoicingSettings(db);
  const seller = await getSeller(db);
  const issueDate = options.issueDate ?? today();
  const dueDate = addDays(issueDate, settings.paymentDays);
  const numberYear = Number(issueDate.slice(0, 4));
  const batchSize = options.batchSize ?? 2_000;
  const priced = memoisedQuote(schedule);

  const [run] = await db
    .insert(invoicingRuns)
    .values({ year, status: "running", startedBy: actorUserId(actor) })
    .returning();
  if (!run) throw new AppError("internal");
  await db.transaction((tx) =>
    recordAudit(tx, actor, {
      action: "invoicing_run.start",
      entityType: "invoicing_run",
      entityId: run.id,
      before: null,
      after: { year },
    }),
  );

  const skipped: RunReport["skipped"] = [];
  let created = 0;
  let batches = 0;
  let cursor = FIRST_ID;
  try {
    for (;;) {
      const batch = await db.transaction(async (tx) => {
        const last = await lockCounter(tx, numberYear);
        const candidates = rowsOf<Candidate>(
          await tx.execute(sql`
            select o.id, o.name, o.country, o.type, o.street, o.postal_code, o.city, o.vat_number, o.tax_code,
                   o.ipa_code, o.org_number, o.peppol_id, o.invoice_email, o.public_authority, o.invoice_language,
                   o.inhabitants, o.employees, o.annual_budget_cents
            from organisations o
            where o.status = 'member' and o.suspended_since is null and o.id > ${cursor}
              and not exists (select 1 from invoices i where i.organisation_id = o.id and i.fee_year = ${year}
                              and i.kind = 'invoice' and i.status <> 'cancelled')
              and not exists (select 1 from invoices i where i.organisation_id = o.id and i.fee_year = ${year}
                              and i.kind = 'invoice' and i.status = 'cancelled')
            order by o.id
            limit ${batchSize}`),
        );
        const rows: {
          number: string;
          sequence: number;
          organisation_id: string;
          amount_cents: number;
          currency: string;
          description: string;
          rule: unknown;
          language: string;
          buyer: Party;
        }[] = [];
        const skippedHere: RunReport["skipped"] = [];
        const descriptions = new Map<string, string>();
        for (const c of candidates) {
          let fee: FeeQuote;
          try {
            fee = priced({
              country: c.country,
              type: c.type,
              inhabitants: c.inhabitants,
              employees: c.employees,
              budgetCents: c.annual_budget_cents === null ? null : Number(c.annual_budget_cents),
            });
          } catch (e) {
            if (!isAppError(e)) throw e;
            skippedHere.push({ organisationId: c.id, name: c.name, reason: e.messageKey });
            continue;
          }
          if (fee.amountCents <= 0) {
            skippedHere.push({ organisationId: c.id, name: c.name, reason: "invoicing:errors.nothingToInvoice" });
            continue;
          }
          const language = invoiceLanguageFor(c.country, c.invoice_language);
          let description = descriptions.get(language);
          if (description === undefined) {
            description = describeLine(language, year, null);
            descriptions.set(language, description);
          }
          const sequence = last + rows.length + 1;
          rows.push({
            number: formatNumber(numberYear, sequence),
            sequence,
            organisation_id: c.id,
            amount_cents: fee.amountCents,
            currency: fee.currency,
            description,
            rule: { ...fee.rule, scheduleYear: year, fullAmountCents: fee.amountCents, proRata: null },
            language,
            buyer: partyOf({
              name: c.name,
              country: c.country,
              street: c.street,
              postalCode: c.postal_code,
              city: c.city,
              vatNumber: c.vat_number,
              taxCode: c.tax_code,
              ipaCode: c.ipa_code,
              orgNumber: c.org_number,
              peppolId: c.peppol_id,
              invoiceEmail: c.invoice_email,
              publicAuthority: c.public_authority,
            }),
          });
        }
        let ids: string[] = [];
        if (rows.length > 0) {
          ids = rowsOf<{ id: string }>(
            await tx.execute(sql`
              insert into invoices (kind, number, year, sequence, organisation_id, fee_year, status, issue_date,
                                    due_date, currency, amount_cents, description, rule, language, buyer, seller, run_id)
              select 'invoice', x.number, ${numberYear}, x.sequence, x.organisation_id, ${year}, 'issued',
                     ${issueDate}::date, ${dueDate}::date, x.currency, x.amount_cents, x.description, x.rule,
                     x.language, x.buyer, ${JSON.stringify(seller)}::jsonb, ${run.id}::uuid
              from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
                   as x(number text, sequence int, organisation_id uuid, amount_cents int, currency text,
                        description text, rule jsonb, language text, buyer jsonb)
              returning id`),
          ).map((r) => r.id);
          await tx.execute(
            sql`update invoice_counters set last_sequence = ${last + rows.length} where year = ${numberYear}`,
          );
          await tx
            .update(invoicingRuns)
            .set({ created: sql`${invoicingRuns.created} + ${rows.length}` })
            .where(eq(invoicingRuns.id, run.id));
        }
        return { ids, candidates: candidates.length, skipped: skippedHere, lastId: candidates.at(-1)?.id };
      });
      batches += 1;
      created += batch.ids.length;
      skipped.push(...batch.skipped);
      if (batch.ids.length > 0) await enqueueDelivery(batch.ids);
      if (batch.lastId) cursor = batch.lastId;
      await options.afterBatch?.({ index: batches, created: batch.ids.length });
      if (batch.candidates < batchSize) break;
    }
  } catch (e) {
    await db
      .update(invoicingRuns)
      .set({
        status: "failed",
        finishedAt: new Date(),
        error: e instanceof Error ? e.message.slice(0, 1000) : String(e),
      })
      .where(eq(invoicingRuns.id, run.id));
    throw e;
  }
  const [done] = await db
    .update(invoicingRuns)
    .set({ status: "completed", finishedAt: new Date() })
    .where(eq(invoicingRuns.id, run.id))
    .returning();
  return {
    id: run.id,
    year,
    status: "completed",
    created,
    skipped,
    batches,
    startedAt: run.startedAt.toISOString(),
    finishedAt: done?.finishedAt ? done.finishedAt.toISOString() : null,
  };
}

/** The runs of a fee year, latest first. */
export async function listRuns(db: Db, actor: Actor, year?: number) {
  authorize(actor, canManageInvoices(actor));
  const rows = await db
    .select()
    .from(invoicingRuns)
    .where(year === undefined ? undefined : eq(invoicingRuns.year, year))
    .orderBy(sql`${invoicingRuns.startedAt} desc`)
    .limit(20);
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    status: r.status,
    created: r.created,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
    error: r.error,
  }));
}
