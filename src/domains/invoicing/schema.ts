import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "~/db/columns";
import { organisations } from "~/domains/organisations/schema";
import { storedFiles } from "~/files/schema";

/** The next number of each year's series: taken with a row lock inside the transaction that issues. */
export const invoiceCounters = pgTable("invoice_counters", {
  year: integer("year").primaryKey(),
  lastSequence: integer("last_sequence").notNull().default(0),
});

/** One annual invoicing run (it can be started again: it only creates what is missing). */
export const invoicingRuns = pgTable("invoicing_runs", {
  id: id(),
  year: integer("year").notNull(),
  /** `running`, `completed` or `failed`. */
  status: text("status").notNull().default("running"),
  created: integer("created").notNull().default(0),
  startedBy: uuid("started_by"),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
  error: text("error"),
});

/**
 * Invoices and credit notes. Numbers (`2027-0001`) are given when a document is issued, from one
 * gapless series per year shared by invoices and credit notes. Nothing is deleted: cancelling an
 * invoice issues a credit note. `rule` records the fee rule that produced the amount; `buyer` and
 * `seller` are the parties as they were at issue (what the document said stays what it said).
 * Statuses: draft, issued, paid, partially_paid, overdue, cancelled.
 */
export const invoices = pgTable(
  "invoices",
  {
    id: id(),
    /** `invoice` or `credit_note`. */
    kind: text("kind").notNull().default("invoice"),
    number: text("number").unique(),
    year: integer("year"),
    sequence: integer("sequence"),
    creditedInvoiceId: uuid("credited_invoice_id"),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** The membership year the fee is for. */
    feeYear: integer("fee_year").notNull(),
    status: text("status").notNull().default("draft"),
    issueDate: date("issue_date"),
    dueDate: date("due_date"),
    currency: text("currency").notNull().default("EUR"),
    amountCents: integer("amount_cents").notNull(),
    paidCents: integer("paid_cents").notNull().default(0),
    /** The line's description, in the document's language. */
    description: text("description").notNull(),
    rule: jsonb("rule").notNull(),
    /** `it`, `sv` or `en`: the PDF and e-mails are in it. */
    language: text("language").notNull(),
    buyer: jsonb("buyer").notNull(),
    seller: jsonb("seller").notNull(),
    runId: uuid("run_id").references(() => invoicingRuns.id),
    pdfFileId: uuid("pdf_file_id").references(() => storedFiles.id),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("invoices_year_sequence").on(t.year, t.sequence),
    // One membership invoice per organisation and fee year (a run started twice creates nothing new).
    uniqueIndex("invoices_one_per_fee_year")
      .on(t.organisationId, t.feeYear)
      .where(sql`${t.kind} = 'invoice' and ${t.status} <> 'cancelled'`),
    index("invoices_status").on(t.status, t.dueDate),
    index("invoices_fee_year").on(t.feeYear, t.status),
  ],
);

/** Payments registered by hand or imported from a bank statement (the bank's reference dedupes). */
export const payments = pgTable(
  "payments",
  {
    id: id(),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id),
    amountCents: integer("amount_cents").notNull(),
    paidOn: date("paid_on").notNull(),
    /** `manual` or `bank_import`. */
    source: text("source").notNull(),
    reference: text("reference"),
    note: text("note"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    index("payments_invoice").on(t.invoiceId),
    uniqueIndex("payments_bank_reference").on(t.reference).where(sql`${t.source} = 'bank_import'`),
  ],
);

/** Reminders sent for overdue invoices (one per level: first, second, …). */
export const invoiceReminders = pgTable(
  "invoice_reminders",
  {
    id: id(),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id),
    level: integer("level").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("invoice_reminders_level").on(t.invoiceId, t.level)],
);
