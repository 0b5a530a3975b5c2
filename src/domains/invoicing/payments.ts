/**
 * Payments: registered by hand or imported from a bank statement. The invoice's status follows the
 * amount paid (./rules.ts statusFor). A bank line is recorded once: its reference (the bank's
 * transaction id, or a fingerprint of date, amount and text) is unique among imported payments.
 */
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "~/audit/audit";
import { type Actor, actorUserId } from "~/auth/actor";
import type { Db, DbOrTx } from "~/db/client";
import { AppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import { type BankImportReport, type Payment, PaymentInput } from "./contract";
import { authorize, canManageInvoices } from "./policy";
import { invoiceNumbersIn, parseAmountCents, parseBankDate, statusFor, today } from "./rules";
import { invoices, payments } from "./schema";
import { type InvoiceRow, toInvoice } from "./service";

async function applyPayment(
  tx: DbOrTx,
  actor: Actor,
  invoice: InvoiceRow,
  payment: {
    amountCents: number;
    paidOn: string;
    source: "manual" | "bank_import";
    reference: string | null;
    note: string | null;
  },
): Promise<Payment | null> {
  if (invoice.kind !== "invoice" || invoice.status === "cancelled")
    throw new AppError("conflict", "invoicing:errors.cancelledNoPayment");
  const [row] = await tx
    .insert(payments)
    .values({ invoiceId: invoice.id, ...payment, createdBy: actorUserId(actor) })
    .onConflictDoNothing()
    .returning();
  if (!row) return null;
  const paid = invoice.paidCents + payment.amountCents;
  const status = statusFor(invoice, paid, today());
  await tx
    .update(invoices)
    .set({ paidCents: paid, status, version: sql`${invoices.version} + 1`, updatedAt: new Date() })
    .where(eq(invoices.id, invoice.id));
  await recordAudit(tx, actor, {
    action: "invoice.payment",
    entityType: "invoice",
    entityId: invoice.id,
    before: { paidCents: invoice.paidCents, status: invoice.status },
    after: { paidCents: paid, status, amountCents: payment.amountCents, source: payment.source },
  });
  return {
    id: row.id,
    invoiceId: row.invoiceId,
    amountCents: row.amountCents,
    paidOn: row.paidOn,
    source: payment.source,
    reference: row.reference,
    note: row.note,
  };
}

async function lockInvoice(tx: DbOrTx, where: ReturnType<typeof eq>): Promise<InvoiceRow | undefined> {
  const [row] = await tx.select().from(invoices).where(where).limit(1).for("update");
  return row;
}

/** Registers a payment by hand (secretariat). */
export async function registerPayment(db: Db, actor: Actor, invoiceId: string, input: unknown) {
  authorize(actor, canManageInvoices(actor));
  const data = parseInput(PaymentInput, input);
  if (!/^[0-9a-f-]{36}$/i.test(invoiceId)) throw new AppError("not_found");
  return db.transaction(async (tx) => {
    const invoice = await lockInvoice(tx, eq(invoices.id, invoiceId));
    if (!invoice) throw new AppError("not_found");
    const payment = await applyPayment(tx, actor, invoice, {
      amountCents: data.amountCents,
      paidOn: data.paidOn,
      source: "manual",
      reference: data.reference ?? null,
      note: data.note ?? null,
    });
    const [after] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId));
    if (!payment || !after) throw new AppError("internal");
    return { payment, invoice: toInvoice(after) };
  });
}

const columnNames = {
  date: ["date", "datum", "data", "booking date", "value date", "bokföringsdag", "data valuta"],
  amount: ["amount", "belopp", "importo"],
  reference: ["reference", "referens", "riferimento", "causale"],
  description: ["description", "text", "meddelande", "descrizione"],
  id: ["id", "transaction id", "transaction_id", "bank reference", "bank_reference"],
};

function findColumn(header: string[], names: readonly string[]): number {
  return header.findIndex((h) => names.includes(h.trim().toLowerCase()));
}

/**
 * Imports a bank statement CSV (`,` or `;`; columns date, amount, reference and/or description, an
 * optional transaction id): each incoming amount whose text names an invoice number is recorded
 * as a payment of that invoice. Importing the same statement again records nothing new.
 */
export async function importBankStatement(db: Db, actor: Actor, csv: string): Promise<BankImportReport> {
  authorize(actor, canManageInvoices(actor));
  const text = csv.replace(/^\uFEFF/, "");
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch {
    throw new AppError("validation", "invoicing:errors.badCsv");
  }
  const [header, ...lines] = records;
  if (!header) throw new AppError("validation", "invoicing:errors.badCsv");
  const col = {
    date: findColumn(header, columnNames.date),
    amount: findColumn(header, columnNames.amount),
    reference: findColumn(header, columnNames.reference),
    description: findColumn(header, columnNames.description),
    id: findColumn(header, columnNames.id),
  };
  if (col.date < 0 || col.amount < 0 || (col.reference < 0 && col.description < 0))
    throw new AppError("validation", "invoicing:errors.badCsv");
  const report: BankImportReport = { rows: lines.length, recorded: 0, duplicates: 0, unmatched: [] };
  for (const [i, line] of lines.entries()) {
    const lineNo = i + 2;
    const cell = (c: number) => (c >= 0 ? (line[c] ?? "") : "");
    const paidOn = parseBankDate(cell(col.date));
    const amountCents = parseAmountCents(cell(col.amount));
    const words = `${cell(col.reference)} ${cell(col.description)}`.trim();
    if (!paidOn || amountCents === null) {
      report.unmatched.push({ line: lineNo, reason: "unreadable" });
      continue;
    }
    if (amountCents <= 0) {
      report.unmatched.push({ line: lineNo, reason: "not_incoming" });
      continue;
    }
    const numbers = invoiceNumbersIn(words);
    const reference =
      cell(col.id) ||
      `sha256:${createHash("sha256").update(`${paidOn}|${amountCents}|${words}`).digest("hex").slice(0, 32)}`;
    const outcome = await db.transaction(async (tx) => {
      for (const number of numbers) {
        const invoice = await lockInvoice(
          tx,
          and(eq(invoices.number, number), eq(invoices.kind, "invoice")) as ReturnType<typeof eq>,
        );
        if (!invoice || invoice.status === "cancelled") continue;
        const payment = await applyPayment(tx, actor, invoice, {
          amountCents,
          paidOn,
          source: "bank_import",
          reference,
          note: words.slice(0, 1000) || null,
        });
        return payment ? "recorded" : "duplicate";
      }
      return "unmatched";
    });
    if (outcome === "recorded") report.recorded += 1;
    else if (outcome === "duplicate") report.duplicates += 1;
    else report.unmatched.push({ line: lineNo, reason: "no_invoice" });
  }
  return report;
}
