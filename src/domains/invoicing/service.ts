/**
 * Invoicing's use cases: numbering, issuing a membership invoice, reading and listing invoices,
 * cancelling with a credit note. The annual run is in ./run.ts, payments in ./payments.ts,
 * reminders in ./reminders.ts, the PDF in ./pdf.ts.
 *
 * Numbering (decision "invoicing"): one gapless series per calendar year of issue, shared by
 * invoices and credit notes (`2027-0001`). The year's counter row (invoice_counters) is locked
 * (`select … for update`) first thing in the transaction that issues, and moved on in the same
 * transaction: a transaction that fails gives its numbers back, two that issue at once take turns,
 * so numbers never repeat and never skip.
 */
import { and, asc, count, desc, eq, ilike, ne, or, type SQL, sql } from "drizzle-orm";
import { recordAudit } from "~/audit/audit";
import { type Actor, actorUserId } from "~/auth/actor";
import type { Db, DbOrTx, Tx } from "~/db/client";
import { feeFor } from "~/domains/fees/service";
import { identifierFields } from "~/domains/organisations/identifiers";
import { organisations } from "~/domains/organisations/schema";
import { AppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import { translator } from "~/i18n/i18n";
import { enqueue } from "~/jobs/queue";
import { type Invoice, type InvoiceDetail, InvoiceQuery, type Payment } from "./contract";
import { type EInvoiceDocument, formatFor } from "./einvoice/document";
import { toFatturaPA } from "./einvoice/fatturapa";
import { toPeppolUbl } from "./einvoice/ubl";
import { type Party, partyOf } from "./party";
import { authorize, canListInvoices, canManageInvoices, canViewInvoice } from "./policy";
import {
  addDays,
  formatNumber,
  type InvoiceStatus,
  invoiceLanguageFor,
  invoiceStatuses,
  proRata,
  today,
} from "./rules";
import { invoiceCounters, invoiceReminders, invoices, payments } from "./schema";
import { getSeller } from "./seller";
import { invoicingSettings } from "./settings";

export type InvoiceRow = typeof invoices.$inferSelect;

/** The job that renders an invoice's PDF and e-mails it (./jobs.ts). */
export const DELIVER_JOB = "invoicing.deliver";

// ---------------------------------------------------------------------------------------------
// Numbering

function isTransaction(db: DbOrTx): db is Tx {
  return typeof (db as { rollback?: unknown }).rollback === "function";
}

/** Runs fn in the caller's transaction, or in a new one when given the database. */
export async function inTransaction<T>(db: DbOrTx, fn: (tx: DbOrTx) => Promise<T>): Promise<T> {
  if (isTransaction(db)) return fn(db);
  return (db as Db).transaction((tx) => fn(tx));
}

/**
 * Locks the year's counter (creating it at 0) until the transaction ends and returns the last
 * sequence given. Only call inside a transaction, before looking at what to issue.
 */
export async function lockCounter(tx: DbOrTx, year: number): Promise<number> {
  await tx.insert(invoiceCounters).values({ year, lastSequence: 0 }).onConflictDoNothing();
  const [row] = await tx
    .select({ last: invoiceCounters.lastSequence })
    .from(invoiceCounters)
    .where(eq(invoiceCounters.year, year))
    .for("update");
  if (!row) throw new AppError("internal");
  return row.last;
}

/** Moves the locked counter to the last sequence given. */
export async function advanceCounter(tx: DbOrTx, year: number, last: number): Promise<void> {
  await tx.update(invoiceCounters).set({ lastSequence: last }).where(eq(invoiceCounters.year, year));
}

// ---------------------------------------------------------------------------------------------
// Presenting

const buyerOf = (row: InvoiceRow): Party => row.buyer as Party;

export function toInvoice(row: InvoiceRow, creditNoteId: string | null = null): Invoice {
  const buyer = buyerOf(row);
  return {
    id: row.id,
    kind: row.kind === "credit_note" ? "credit_note" : "invoice",
    number: row.number,
    organisationId: row.organisationId,
    feeYear: row.feeYear,
    status: (invoiceStatuses as readonly string[]).includes(row.status) ? (row.status as InvoiceStatus) : "draft",
    issueDate: row.issueDate,
    dueDate: row.dueDate,
    currency: row.currency,
    amountCents: row.amountCents,
    paidCents: row.paidCents,
    description: row.description,
    language: invoiceLanguageFor("", row.language),
    rule: (row.rule ?? {}) as Record<string, unknown>,
    buyer,
    seller: (row.seller ?? {}) as Record<string, unknown>,
    creditedInvoiceId: row.creditedInvoiceId,
    creditNoteId,
    runId: row.runId,
    pdfReady: row.pdfFileId !== null,
    eInvoiceFormat: formatFor(buyer),
    version: row.version,
  };
}

function toPayment(row: typeof payments.$inferSelect): Payment {
  return {
    id: row.id,
    invoiceId: row.invoiceId,
    amountCents: row.amountCents,
    paidOn: row.paidOn,
    source: row.source === "bank_import" ? "bank_import" : "manual",
    reference: row.reference,
    note: row.note,
  };
}

// ---------------------------------------------------------------------------------------------
// Issuing one membership invoice

/** What issuing needs of an organisation (read in one query, also by the run). */
export const buyerColumns = {
  id: organisations.id,
  name: organisations.name,
  country: organisations.country,
  type: organisations.type,
  status: organisations.status,
  street: organisations.street,
  postalCode: organisations.postalCode,
  city: organisations.city,
  vatNumber: organisations.vatNumber,
  taxCode: organisations.taxCode,
  ipaCode: organisations.ipaCode,
  orgNumber: organisations.orgNumber,
  peppolId: organisations.peppolId,
  invoiceEmail: organisations.invoiceEmail,
  publicAuthority: organisations.publicAuthority,
  invoiceLanguage: organisations.invoiceLanguage,
  inhabitants: organisations.inhabitants,
  employees: organisations.employees,
  annualBudgetCents: organisations.annualBudgetCents,
};

/** The line's description in the invoice's language ("Membership fee 2027", pro rata noted). */
export function describeLine(
  language: "en" | "sv" | "it",
  feeYear: number,
  pro: { months: number; from: string } | null,
): string {
  const t = translator(language);
  const line = t("invoicing:line.membershipFee", { year: feeYear });
  return pro && pro.months < 12
    ? `${line} ${t("invoicing:line.proRata", { months: pro.months, from: pro.from })}`
    : line;
}

export type IssueOptions = {
  feeYear: number;
  /** YYYY-MM-DD decision date: the fee is pro rata from its month (setting invoicing.proRata). */
  from?: string;
  /** The issue date (default today in Italy); the number's year is its year. */
  issueDate?: string;
};

/**
 * Issues the organisation's membership invoice for a fee year, numbered, in the caller's
 * transaction (or a new one). Idempotent: an organisation that already has an invoice for the fee
 * year (not cancelled) gets that one back. The amount comes from the year's fee schedule — pro
 * rata from `from` when the setting says so — and the rule that produced it is recorded.
 */
export async function createMembershipInvoice(
  db: DbOrTx,
  actor: Actor,
  organisationId: string,
  options: IssueOptions,
): Promise<{ id: string; number: string }> {
  authorize(actor, canManageInvoices(actor));
  const issued = await inTransaction(db, async (tx) => {
    const issueDate = options.issueDate ?? today();
    const numberYear = Number(issueDate.slice(0, 4));
    // The lock first: whoever issues next for this year waits here, then sees what we issued.
    const last = await lockCounter(tx, numberYear);
    const [existing] = await tx
      .select({ id: invoices.id, number: invoices.number })
      .from(invoices)
      .where(
        and(
          eq(invoices.organisationId, organisationId),
          eq(invoices.feeYear, options.feeYear),
          eq(invoices.kind, "invoice"),
          ne(invoices.status, "cancelled"),
        ),
      )
      .limit(1);
    if (existing?.number) return { id: existing.id, number: existing.number, created: false };

    const [org] = await tx.select(buyerColumns).from(organisations).where(eq(organisations.id, organisationId));
    if (!org) throw new AppError("not_found");
    const fee = await feeFor(tx, options.feeYear, {
      country: org.country,
      type: org.type,
      inhabitants: org.inhabitants,
      employees: org.employees,
      budgetCents: org.annualBudgetCents,
    });
    const settings = await invoicingSettings(tx);
    const pro = options.from && settings.proRata ? proRata(fee.amountCents, options.feeYear, options.from) : null;
    const amountCents = pro ? pro.amountCents : fee.amountCents;
    if (amountCents <= 0) throw new AppError("validation", "invoicing:errors.nothingToInvoice");
    const language = invoiceLanguageFor(org.country, org.invoiceLanguage);
    const seller = await getSeller(tx);
    const sequence = last + 1;
    const number = formatNumber(numberYear, sequence);
    const rule = {
      ...fee.rule,
      scheduleYear: options.feeYear,
      fullAmountCents: fee.amountCents,
      proRata: pro && options.from ? { from: options.from, months: pro.months } : null,
    };
    const [row] = await tx
      .insert(invoices)
      .values({
        kind: "invoice",
        number,
        year: numberYear,
        sequence,
        organisationId,
        feeYear: options.feeYear,
        status: "issued",
        issueDate,
        dueDate: addDays(issueDate, settings.paymentDays),
        currency: fee.currency,
        amountCents,
        description: describeLine(
          language,
          options.feeYear,
          pro && options.from ? { months: pro.months, from: options.from } : null,
        ),
        rule,
        language,
        buyer: partyOf(org),
        seller,
      })
      .returning();
    if (!row) throw new AppError("internal");
    await advanceCounter(tx, numberYear, sequence);
    await recordAudit(tx, actor, {
      action: "invoice.issue",
      entityType: "invoice",
      entityId: row.id,
      before: null,
      after: { number, organisationId, feeYear: options.feeYear, amountCents, rule: fee.rule.code },
    });
    // Rendered and mailed in the background: the job is written by this transaction, so it exists
    // only if the invoice does (and on PGlite it does not wait for the connection the transaction holds).
    await enqueueDelivery([row.id], 0, tx);
    return { id: row.id, number, created: true };
  });
  return { id: issued.id, number: issued.number };
}

/** Queues the PDF and mail of invoices, in jobs of 50. */
export async function enqueueDelivery(ids: readonly string[], delaySeconds = 0, db?: DbOrTx): Promise<number> {
  const jobs: { ids: string[] }[] = [];
  for (let i = 0; i < ids.length; i += 50) jobs.push({ ids: ids.slice(i, i + 50) });
  return enqueue(DELIVER_JOB, jobs, {
    expireInSeconds: 15 * 60,
    startAfterSeconds: delaySeconds,
    ...(db ? { db } : {}),
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

async function findInvoice(db: DbOrTx, id: string, lock = false): Promise<InvoiceRow> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new AppError("not_found");
  const q = db.select().from(invoices).where(eq(invoices.id, id)).limit(1);
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw new AppError("not_found");
  return row;
}

/** An invoice row the actor may see (404 for one they may not, so ids leak nothing). */
export async function getInvoiceRow(db: DbOrTx, actor: Actor, id: string): Promise<InvoiceRow> {
  const row = await findInvoice(db, id);
  if (!canViewInvoice(actor, row.organisationId)) {
    if (actor.kind === "anonymous") throw new AppError("unauthenticated");
    throw new AppError("not_found");
  }
  return row;
}

async function creditNoteOf(db: DbOrTx, id: string): Promise<string | null> {
  const [row] = await db
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.creditedInvoiceId, id), eq(invoices.kind, "credit_note")))
    .limit(1);
  return row?.id ?? null;
}

/** An invoice with its payments and reminders. */
export async function getInvoice(db: DbOrTx, actor: Actor, id: string): Promise<InvoiceDetail> {
  const row = await getInvoiceRow(db, actor, id);
  const [paid, sent, creditNoteId] = await Promise.all([
    db.select().from(payments).where(eq(payments.invoiceId, id)).orderBy(asc(payments.paidOn), asc(payments.createdAt)),
    db
      .select({ level: invoiceReminders.level, sentAt: invoiceReminders.sentAt })
      .from(invoiceReminders)
      .where(and(eq(invoiceReminders.invoiceId, id), sql`${invoiceReminders.level} > 0`))
      .orderBy(asc(invoiceReminders.level)),
    creditNoteOf(db, id),
  ]);
  return {
    ...toInvoice(row, creditNoteId),
    payments: paid.map(toPayment),
    reminders: sent.map((r) => ({ level: r.level, sentAt: new Date(r.sentAt).toISOString() })),
  };
}

function listFilters(query: InvoiceQuery): SQL | undefined {
  const where: SQL[] = [];
  if (query.year !== undefined) where.push(eq(invoices.feeYear, query.year));
  if (query.status) where.push(eq(invoices.status, query.status));
  if (query.kind) where.push(eq(invoices.kind, query.kind));
  if (query.organisationId) where.push(eq(invoices.organisationId, query.organisationId));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(ilike(invoices.number, like), sql`${invoices.buyer}->>'name' ilike ${like}`);
    if (match) where.push(match);
  }
  return where.length ? and(...where) : undefined;
}

/** The invoices (secretariat), filtered by fee year, status, kind, organisation or text; newest number first. */
export async function listInvoices(
  db: DbOrTx,
  actor: Actor,
  input: unknown,
): Promise<{ items: Invoice[]; total: number; page: number; pageSize: number }> {
  authorize(actor, canListInvoices(actor));
  const query = parseInput(InvoiceQuery, input);
  const where = listFilters(query);
  const [rows, [totalRow]] = await Promise.all([
    db
      .select()
      .from(invoices)
      .where(where)
      .orderBy(desc(invoices.year), desc(invoices.sequence))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(invoices).where(where),
  ]);
  return { items: rows.map((r) => toInvoice(r)), total: totalRow?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/**
 * The sums of every invoice and credit note a list query matches (all pages), per currency: the
 * net amount (credit notes are negative, so a cancelled invoice and its credit note cancel out),
 * what was paid, and what is still outstanding on open invoices.
 */
export async function invoiceTotals(
  db: DbOrTx,
  actor: Actor,
  input: unknown,
): Promise<{ currency: string; amountCents: number; paidCents: number; outstandingCents: number }[]> {
  authorize(actor, canListInvoices(actor));
  const query = parseInput(InvoiceQuery, input);
  const rows = await db
    .select({
      currency: invoices.currency,
      amount: sql<string>`coalesce(sum(${invoices.amountCents}), 0)::text`,
      paid: sql<string>`coalesce(sum(${invoices.paidCents}), 0)::text`,
      outstanding: sql<string>`coalesce(sum(case when ${invoices.kind} = 'invoice' and ${invoices.status} <> 'cancelled'
        then greatest(${invoices.amountCents} - ${invoices.paidCents}, 0) else 0 end), 0)::text`,
    })
    .from(invoices)
    .where(listFilters(query))
    .groupBy(invoices.currency)
    .orderBy(asc(invoices.currency));
  return rows.map((r) => ({
    currency: r.currency,
    amountCents: Number(r.amount),
    paidCents: Number(r.paid),
    outstandingCents: Number(r.outstanding),
  }));
}

/** An organisation's invoices (its page; a member contact's own). */
export async function listOrganisationInvoices(db: DbOrTx, actor: Actor, organisationId: string): Promise<Invoice[]> {
  authorize(actor, canViewInvoice(actor, organisationId));
  const rows = await db
    .select()
    .from(invoices)
    .where(eq(invoices.organisationId, organisationId))
    .orderBy(desc(invoices.year), desc(invoices.sequence));
  return rows.map((r) => toInvoice(r));
}

// ---------------------------------------------------------------------------------------------
// Cancelling

/**
 * Cancels an invoice by issuing a credit note (decision "invoicing"): a document of its own, with
 * the next number of the issue year's series, the same parties and line, and the amount NEGATIVE
 * (−amount), so the sum of an organisation's documents is what it owes. The invoice becomes
 * `cancelled`; nothing is deleted. An invoice with payments cannot be cancelled (refund first).
 */
export async function cancelInvoice(
  db: Db,
  actor: Actor,
  id: string,
  input: { reason: string },
  options: { issueDate?: string } = {},
): Promise<{ invoice: Invoice; creditNote: Invoice }> {
  authorize(actor, canManageInvoices(actor));
  const reason = input.reason.trim();
  if (!reason) throw new AppError("validation", "errors:validation", { reason: { key: "errors:field.required" } });
  const result = await db.transaction(async (tx) => {
    const issueDate = options.issueDate ?? today();
    const numberYear = Number(issueDate.slice(0, 4));
    const last = await lockCounter(tx, numberYear);
    const invoice = await findInvoice(tx, id, true);
    if (invoice.kind !== "invoice") throw new AppError("conflict", "invoicing:errors.notAnInvoice");
    if (invoice.status === "cancelled") throw new AppError("conflict", "invoicing:errors.alreadyCancelled");
    if (invoice.paidCents > 0) throw new AppError("conflict", "invoicing:errors.hasPayments");
    const sequence = last + 1;
    const number = formatNumber(numberYear, sequence);
    const language = invoiceLanguageFor("", invoice.language);
    const [creditNote] = await tx
      .insert(invoices)
      .values({
        kind: "credit_note",
        number,
        year: numberYear,
        sequence,
        creditedInvoiceId: invoice.id,
        organisationId: invoice.organisationId,
        feeYear: invoice.feeYear,
        status: "issued",
        issueDate,
        dueDate: issueDate,
        currency: invoice.currency,
        amountCents: -invoice.amountCents,
        description: translator(language)("invoicing:line.creditNote", {
          number: invoice.number ?? "",
          description: invoice.description,
        }),
        rule: { ...(invoice.rule as Record<string, unknown>), cancellationReason: reason },
        language,
        buyer: invoice.buyer,
        seller: invoice.seller,
      })
      .returning();
    if (!creditNote) throw new AppError("internal");
    await advanceCounter(tx, numberYear, sequence);
    const [cancelled] = await tx
      .update(invoices)
      .set({ status: "cancelled", version: sql`${invoices.version} + 1`, updatedAt: new Date() })
      .where(eq(invoices.id, invoice.id))
      .returning();
    if (!cancelled) throw new AppError("internal");
    await recordAudit(tx, actor, {
      action: "invoice.cancel",
      entityType: "invoice",
      entityId: invoice.id,
      before: { status: invoice.status },
      after: { status: "cancelled", creditNote: number, reason },
    });
    return { invoice: toInvoice(cancelled, creditNote.id), creditNote: toInvoice(creditNote) };
  });
  await enqueueDelivery([result.creditNote.id], 2);
  return result;
}

// ---------------------------------------------------------------------------------------------
// E-invoices

/** The e-invoice document of an invoice or credit note, from its snapshots. */
export async function eInvoiceDocument(db: DbOrTx, row: InvoiceRow): Promise<EInvoiceDocument> {
  let creditedNumber: string | null = null;
  let creditedIssueDate: string | null = null;
  if (row.creditedInvoiceId) {
    const credited = await findInvoice(db, row.creditedInvoiceId);
    creditedNumber = credited.number;
    creditedIssueDate = credited.issueDate;
  }
  if (!row.number || !row.issueDate) throw new AppError("conflict", "invoicing:errors.notIssued");
  return {
    kind: row.kind === "credit_note" ? "credit_note" : "invoice",
    number: row.number,
    issueDate: row.issueDate,
    dueDate: row.dueDate ?? row.issueDate,
    currency: row.currency,
    amountCents: row.amountCents,
    description: row.description,
    feeYear: row.feeYear,
    creditedNumber,
    creditedIssueDate,
    seller: row.seller as EInvoiceDocument["seller"],
    buyer: row.buyer as Party,
  };
}

/** Why an invoice's e-invoice cannot be written: the missing fields (`buyer.taxCode`, …), or none. */
export async function eInvoiceGaps(db: DbOrTx, row: InvoiceRow): Promise<string[]> {
  const format = formatFor(row.buyer as Party);
  if (format === "pdf-only" || !row.number) return [];
  try {
    const doc = await eInvoiceDocument(db, row);
    if (format === "peppol") toPeppolUbl(doc);
    else toFatturaPA(doc);
    return [];
  } catch (e) {
    if (e instanceof AppError && e.code === "validation") return Object.keys(e.fields);
    throw e;
  }
}

/**
 * Completes an invoice's buyer snapshot with identifiers added to the organisation since the
 * invoice was issued (decision record "application identifiers"): only the ones the snapshot
 * lacks, so nothing an issued document already states changes. The stored PDF is rendered again.
 */
export async function completeBuyerIdentifiers(db: DbOrTx, actor: Actor, id: string): Promise<string[]> {
  authorize(actor, canManageInvoices(actor));
  return inTransaction(db, async (tx) => {
    const row = await findInvoice(tx, id, true);
    if (!row.organisationId) return [];
    const [org] = await tx.select(buyerColumns).from(organisations).where(eq(organisations.id, row.organisationId));
    if (!org) throw new AppError("not_found");
    const buyer = row.buyer as Party;
    const current = partyOf(org);
    const added = identifierFields.filter((f) => buyer[f] === null && current[f] !== null);
    if (added.length === 0) return [];
    const next: Party = { ...buyer, ...Object.fromEntries(added.map((f) => [f, current[f]])) };
    await tx
      .update(invoices)
      .set({ buyer: next, pdfFileId: null, version: sql`${invoices.version} + 1`, updatedAt: new Date() })
      .where(eq(invoices.id, row.id));
    await recordAudit(tx, actor, {
      action: "invoice.buyer_identifiers",
      entityType: "invoice",
      entityId: row.id,
      before: Object.fromEntries(added.map((f) => [f, null])),
      after: Object.fromEntries(added.map((f) => [f, current[f]])),
    });
    return [...added];
  });
}

/** Who started something (for runs and payments). */
export const userIdOf = actorUserId;
