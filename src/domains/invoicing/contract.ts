/** The invoicing contract: zod schemas of inputs and outputs (the OpenAPI document comes from them). */
import { z } from "@hono/zod-openapi";
import { invoiceStatuses } from "./rules";

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "field.invalidDate");
export const FeeYear = z.coerce.number().int("field.notInteger").min(2000).max(2100);

export const PartySchema = z
  .object({
    name: z.string(),
    country: z.string(),
    street: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    vatNumber: z.string().nullable(),
    taxCode: z.string().nullable(),
    ipaCode: z.string().nullable(),
    orgNumber: z.string().nullable(),
    peppolId: z.string().nullable(),
    email: z.string().nullable(),
    publicAdministration: z.boolean(),
  })
  .openapi("InvoiceParty");

export const Invoice = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(["invoice", "credit_note"]),
    number: z.string().nullable().openapi({ example: "2027-0001" }),
    organisationId: z.string().uuid(),
    feeYear: z.number().int(),
    status: z.enum(invoiceStatuses),
    issueDate: z.string().nullable(),
    dueDate: z.string().nullable(),
    currency: z.string(),
    amountCents: z.number().int().openapi({ description: "A credit note's amount is negative" }),
    paidCents: z.number().int(),
    description: z.string(),
    language: z.enum(["en", "sv", "it"]),
    rule: z.record(z.string(), z.unknown()).openapi({ description: "The fee rule that produced the amount" }),
    buyer: PartySchema,
    seller: z.record(z.string(), z.unknown()),
    creditedInvoiceId: z.string().uuid().nullable(),
    creditNoteId: z.string().uuid().nullable(),
    runId: z.string().uuid().nullable(),
    pdfReady: z.boolean(),
    eInvoiceFormat: z.enum(["peppol", "fatturapa-fpa12", "fatturapa-fpr12", "pdf-only"]),
    version: z.number().int(),
  })
  .openapi("Invoice");
export type Invoice = z.infer<typeof Invoice>;

export const Payment = z
  .object({
    id: z.string().uuid(),
    invoiceId: z.string().uuid(),
    amountCents: z.number().int(),
    paidOn: z.string(),
    source: z.enum(["manual", "bank_import"]),
    reference: z.string().nullable(),
    note: z.string().nullable(),
  })
  .openapi("Payment");
export type Payment = z.infer<typeof Payment>;

export const InvoiceDetail = Invoice.extend({
  payments: z.array(Payment),
  reminders: z.array(z.object({ level: z.number().int(), sentAt: z.string() })),
}).openapi("InvoiceDetail");
export type InvoiceDetail = z.infer<typeof InvoiceDetail>;

export const InvoiceQuery = z
  .object({
    year: FeeYear.optional(),
    status: z.enum(invoiceStatuses).optional(),
    kind: z.enum(["invoice", "credit_note"]).optional(),
    organisationId: z.string().uuid().optional(),
    q: z.string().trim().max(100).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type InvoiceQuery = z.output<typeof InvoiceQuery>;

export const InvoiceList = z
  .object({
    items: z.array(Invoice),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi("InvoiceList");

export const RunInput = z.object({ year: FeeYear }).strict().openapi("InvoicingRunInput");

export const RunReport = z
  .object({
    id: z.string().uuid(),
    year: z.number().int(),
    status: z.enum(["running", "completed", "failed"]),
    created: z.number().int(),
    skipped: z.array(z.object({ organisationId: z.string().uuid(), name: z.string(), reason: z.string() })),
    batches: z.number().int(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi("InvoicingRun");
export type RunReport = z.infer<typeof RunReport>;

export const PaymentInput = z
  .object({
    amountCents: z.coerce.number().int("field.notInteger").min(1).max(100_000_000_00),
    paidOn: IsoDate,
    reference: z.string().trim().max(200).optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .strict()
  .openapi("PaymentInput");
export type PaymentInput = z.input<typeof PaymentInput>;

export const CancelInput = z
  .object({ reason: z.string().trim().min(1).max(500) })
  .strict()
  .openapi("CancelInput");

export const BankImportReport = z
  .object({
    rows: z.number().int(),
    recorded: z.number().int(),
    duplicates: z.number().int(),
    unmatched: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  })
  .openapi("BankImportReport");
export type BankImportReport = z.infer<typeof BankImportReport>;
