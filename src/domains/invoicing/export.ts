/**
 * The accountant's CSV: every invoice and credit note of a fee year (or all), one line each, in
 * number order — amounts in euro with a dot, dates ISO, UTF-8 with BOM and `;` so spreadsheets in
 * Italy and Sweden open it as columns.
 */
import { asc, eq } from "drizzle-orm";
import type { Actor } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import type { Party } from "./party";
import { authorize, canListInvoices } from "./policy";
import { invoices } from "./schema";

const columns = [
  "number",
  "kind",
  "issue_date",
  "due_date",
  "fee_year",
  "status",
  "organisation_id",
  "buyer_name",
  "buyer_country",
  "buyer_vat_number",
  "buyer_tax_code",
  "buyer_org_number",
  "currency",
  "amount",
  "paid",
  "outstanding",
  "rule",
  "credited_invoice",
] as const;

function cell(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  // Formula injection: a leading =, +, -, @ is neutralised for text (never for our numbers).
  const safe = typeof value === "string" && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const euro = (cents: number) => (cents / 100).toFixed(2);

export async function exportInvoicesCsv(db: DbOrTx, actor: Actor, year?: number): Promise<string> {
  authorize(actor, canListInvoices(actor));
  const rows = await db
    .select()
    .from(invoices)
    .where(year === undefined ? undefined : eq(invoices.feeYear, year))
    .orderBy(asc(invoices.year), asc(invoices.sequence));
  const numbers = new Map(rows.map((r) => [r.id, r.number]));
  const lines = [columns.join(";")];
  for (const r of rows) {
    const buyer = r.buyer as Party;
    const rule = r.rule as { code?: string };
    const outstanding = r.kind === "invoice" && r.status !== "cancelled" ? r.amountCents - r.paidCents : 0;
    lines.push(
      [
        r.number,
        r.kind,
        r.issueDate,
        r.dueDate,
        r.feeYear,
        r.status,
        r.organisationId,
        buyer.name,
        buyer.country,
        buyer.vatNumber,
        buyer.taxCode,
        buyer.orgNumber,
        r.currency,
        euro(r.amountCents),
        euro(r.paidCents),
        euro(outstanding),
        rule.code ?? null,
        r.creditedInvoiceId ? (numbers.get(r.creditedInvoiceId) ?? r.creditedInvoiceId) : null,
      ]
        .map((v) => cell(typeof v === "number" || typeof v === "string" || v === null ? v : null))
        .join(";"),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
