/**
 * Sending invoices, credit notes and reminders by e-mail, in the recipient's language, with the PDF
 * attached. The recipient is the organisation's billing contact, else its primary contact, else the
 * invoice e-mail address. Sending an invoice is recorded as reminder level 0 (invoice_reminders), so
 * a repeated job never sends it twice.
 */
import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Database, DbOrTx } from "~/db/client";
import { contacts } from "~/domains/organisations/schema";
import { formatDate, formatMoney, isLanguage, type Language, translator } from "~/i18n/i18n";
import { sendMail } from "~/mail/mailer";
import type { Party } from "./party";
import { ensureInvoicePdf } from "./pdf";
import { invoiceLanguageFor } from "./rules";
import { invoiceReminders, invoices } from "./schema";
import type { InvoiceRow } from "./service";

export type Recipient = { email: string; name: string; language: Language };

/** Who receives an organisation's invoices, or null when nobody has an address. */
export async function billingRecipient(db: DbOrTx, row: InvoiceRow): Promise<Recipient | null> {
  const candidates = await db
    .select({
      email: contacts.email,
      name: contacts.name,
      language: contacts.preferredLanguage,
      billing: contacts.billingContact,
      primary: contacts.primaryContact,
    })
    .from(contacts)
    .where(and(eq(contacts.organisationId, row.organisationId), isNotNull(contacts.email)))
    .orderBy(desc(contacts.billingContact), desc(contacts.primaryContact), contacts.createdAt);
  const chosen = candidates.find((c) => c.billing) ?? candidates.find((c) => c.primary);
  if (chosen?.email) {
    return { email: chosen.email, name: chosen.name, language: isLanguage(chosen.language) ? chosen.language : "en" };
  }
  const buyer = row.buyer as Party;
  if (buyer.email) return { email: buyer.email, name: buyer.name, language: invoiceLanguageFor("", row.language) };
  return null;
}

/** Records a level for an invoice; false when it was already recorded (someone else sends it). */
async function claimLevel(tx: DbOrTx, invoiceId: string, level: number): Promise<boolean> {
  const rows = await tx
    .insert(invoiceReminders)
    .values({ invoiceId, level })
    .onConflictDoNothing()
    .returning({ id: invoiceReminders.id });
  return rows.length > 0;
}

/** Renders the PDF if needed and e-mails the document once. Safe to repeat. */
export async function deliverInvoice(
  database: Database,
  id: string,
): Promise<"sent" | "already" | "no_recipient" | "missing"> {
  const [row] = await database.db.select().from(invoices).where(eq(invoices.id, id));
  if (!row) return "missing";
  const pdf = await ensureInvoicePdf(database.db, row);
  return database.db.transaction(async (tx) => {
    const recipient = await billingRecipient(tx, row);
    if (!recipient) return "no_recipient";
    if (!(await claimLevel(tx, row.id, 0))) return "already";
    const t = translator(recipient.language);
    const seller = row.seller as Party;
    const values = {
      name: recipient.name,
      number: row.number ?? "",
      year: row.feeYear,
      organisation: (row.buyer as Party).name,
      amount: formatMoney(recipient.language, row.amountCents, row.currency),
      dueDate: row.dueDate ? formatDate(recipient.language, row.dueDate) : "",
      network: seller.name,
      credited: "",
    };
    if (row.creditedInvoiceId) {
      const [credited] = await tx
        .select({ number: invoices.number })
        .from(invoices)
        .where(eq(invoices.id, row.creditedInvoiceId));
      values.credited = credited?.number ?? "";
    }
    const creditNote = row.kind === "credit_note";
    await sendMail(tx, {
      kind: creditNote ? "invoicing.credit_note" : "invoicing.invoice",
      to: recipient.email,
      language: recipient.language,
      subject: t(creditNote ? "invoicing:mail.creditNoteSubject" : "invoicing:mail.invoiceSubject", values),
      text: t(creditNote ? "invoicing:mail.creditNoteBody" : "invoicing:mail.invoiceBody", values),
      attachments: [{ filename: pdf.filename, content: pdf.content, contentType: "application/pdf" }],
    });
    return "sent";
  });
}

/** Sends reminder `level` for an overdue invoice, unless it was sent already. */
export async function sendReminder(
  tx: DbOrTx,
  row: InvoiceRow,
  level: number,
  lowerLevels: readonly number[],
): Promise<boolean> {
  for (const lower of lowerLevels) await claimLevel(tx, row.id, lower);
  if (!(await claimLevel(tx, row.id, level))) return false;
  const recipient = await billingRecipient(tx, row);
  if (!recipient) return true;
  const t = translator(recipient.language);
  const values = {
    name: recipient.name,
    number: row.number ?? "",
    organisation: (row.buyer as Party).name,
    amount: formatMoney(recipient.language, row.amountCents - row.paidCents, row.currency),
    dueDate: row.dueDate ? formatDate(recipient.language, row.dueDate) : "",
    network: (row.seller as Party).name,
  };
  await sendMail(tx, {
    kind: "invoicing.reminder",
    to: recipient.email,
    language: recipient.language,
    subject: t("invoicing:mail.reminderSubject", values),
    text: t("invoicing:mail.reminderBody", values),
  });
  return true;
}
