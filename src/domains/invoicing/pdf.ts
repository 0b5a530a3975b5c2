/**
 * The invoice (or credit note) as a PDF in its language, drawn from the stored snapshots, so the
 * PDF says what the invoice said when it was issued. Rendered in the background after issue
 * (./jobs.ts) and kept in stored_files; rendered on demand if the job has not run yet.
 */
import { eq } from "drizzle-orm";
import type { DbOrTx } from "~/db/client";
import { AppError } from "~/errors/app-error";
import { readFile, type StoredFile, storeFile } from "~/files/files";
import { formatDate, formatMoney, type Language, translator } from "~/i18n/i18n";
import { createPdf } from "~/pdf/document";
import type { Seller } from "./einvoice/document";
import type { Party } from "./party";
import { invoiceLanguageFor } from "./rules";
import { invoices } from "./schema";
import { type InvoiceRow, inTransaction } from "./service";

function partyLines(t: (key: string) => string, party: Party): [string, string][] {
  const address = [party.street, [party.postalCode, party.city].filter(Boolean).join(" "), party.country]
    .filter((v) => v && v.trim() !== "")
    .join(", ");
  const rows: [string, string][] = [["", party.name]];
  if (address) rows.push(["", address]);
  if (party.vatNumber) rows.push([t("invoicing:pdf.vatNumber"), party.vatNumber]);
  if (party.taxCode) rows.push([t("invoicing:pdf.taxCode"), party.taxCode]);
  if (party.ipaCode) rows.push([t("invoicing:pdf.ipaCode"), party.ipaCode]);
  if (party.orgNumber) rows.push([t("invoicing:pdf.orgNumber"), party.orgNumber]);
  if (party.peppolId) rows.push([t("invoicing:pdf.peppolId"), party.peppolId]);
  return rows;
}

/** Renders the document. `credited` is the number of the invoice a credit note cancels. */
export async function renderInvoicePdf(row: InvoiceRow, credited: string | null = null): Promise<Uint8Array> {
  const language = invoiceLanguageFor("", row.language);
  const t = translator(language);
  const seller = row.seller as Seller & { placeholder?: boolean };
  const buyer = row.buyer as Party;
  const number = row.number ?? "";
  const creditNote = row.kind === "credit_note";
  const title = `${t(creditNote ? "invoicing:pdf.creditNote" : "invoicing:pdf.invoice")} ${number}`;
  const pdf = await createPdf({ title, language, author: seller.name });
  pdf.doc.setSubject(`${number} ${buyer.name}`);
  pdf.doc.setKeywords([number, buyer.name, String(row.feeYear)]);
  pdf.title(title);
  const head: [string, string][] = [
    [t("invoicing:pdf.number"), number],
    [t("invoicing:pdf.issueDate"), row.issueDate ? formatDate(language, row.issueDate) : ""],
  ];
  if (!creditNote && row.dueDate) head.push([t("invoicing:pdf.dueDate"), formatDate(language, row.dueDate)]);
  if (credited) head.push([t("invoicing:pdf.credited"), credited]);
  pdf.fields(head);
  pdf.heading(t("invoicing:pdf.seller"));
  pdf.fields(partyLines(t, seller));
  pdf.heading(t("invoicing:pdf.buyer"));
  pdf.fields(partyLines(t, buyer));
  pdf.heading(t("invoicing:pdf.line"));
  const rule = row.rule as { details?: Partial<Record<Language, string>>; detail?: string };
  const ruleText = rule.details?.[language] ?? rule.detail ?? "";
  const amount = formatMoney(language, row.amountCents, row.currency);
  pdf.fields([
    [t("invoicing:pdf.line"), row.description],
    ...(ruleText ? ([[t("invoicing:pdf.rule"), ruleText]] as [string, string][]) : []),
    [t("invoicing:pdf.total"), amount],
  ]);
  pdf.paragraph(t("invoicing:pdf.vat"), { size: 9 });
  if (!creditNote) {
    pdf.heading(t("invoicing:pdf.payment"));
    const pay: [string, string][] = [];
    if (seller.iban) pay.push([t("invoicing:pdf.iban"), seller.iban]);
    if (seller.bic) pay.push([t("invoicing:pdf.bic"), seller.bic]);
    if (seller.bankName) pay.push([t("invoicing:pdf.bank"), seller.bankName]);
    if (pay.length) pdf.fields(pay);
    pdf.paragraph(t("invoicing:pdf.reference", { number }));
  }
  if (seller.placeholder) pdf.paragraph(t("invoicing:pdf.placeholder"), { size: 9, bold: true });
  pdf.footer(t("invoicing:pdf.page", { network: seller.name, number }));
  return pdf.save();
}

async function creditedNumber(db: DbOrTx, row: InvoiceRow): Promise<string | null> {
  if (!row.creditedInvoiceId) return null;
  const [credited] = await db
    .select({ number: invoices.number })
    .from(invoices)
    .where(eq(invoices.id, row.creditedInvoiceId));
  return credited?.number ?? null;
}

/**
 * The stored PDF of an invoice, rendering and storing it first if needed. Safe to repeat and to run
 * twice at once: the row is locked while the file is attached, and a PDF already attached wins.
 */
export async function ensureInvoicePdf(db: DbOrTx, row: InvoiceRow): Promise<StoredFile> {
  if (row.pdfFileId) return readFile(db, row.pdfFileId);
  const bytes = await renderInvoicePdf(row, await creditedNumber(db, row));
  const filename = `${row.kind === "credit_note" ? "credit-note" : "invoice"}-${row.number ?? row.id}.pdf`;
  const fileId = await inTransaction(db, async (tx) => {
    const [locked] = await tx
      .select({ pdfFileId: invoices.pdfFileId })
      .from(invoices)
      .where(eq(invoices.id, row.id))
      .for("update");
    if (!locked) throw new AppError("not_found");
    if (locked.pdfFileId) return locked.pdfFileId;
    const file = await storeFile(tx, { filename, contentType: "application/pdf", content: bytes });
    await tx.update(invoices).set({ pdfFileId: file.id }).where(eq(invoices.id, row.id));
    return file.id;
  });
  return readFile(db, fileId);
}
