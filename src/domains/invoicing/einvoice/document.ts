/**
 * What every e-invoice format is written from: one invoice or credit note with one line (the
 * year's membership fee), its seller and its buyer. The invoicing domain builds it from a stored
 * invoice; ./ubl.ts and ./fatturapa.ts turn it into XML.
 *
 * VAT (decision record "e-invoices"): a membership fee paid to the network is not consideration
 * for a supply, so it is outside the scope of VAT — UBL category "O" (not subject to VAT, with
 * exemption reason code VATEX-EU-O), FatturaPA AliquotaIVA 0.00 with Natura N2 ("non soggette").
 * No VAT is added to the amount.
 */
import { AppError } from "~/errors/app-error";
import type { Party } from "../party";

export type Seller = Party & {
  iban?: string | null;
  bic?: string | null;
  bankName?: string | null;
  /** FatturaPA RegimeFiscale (RF01 ordinary regime, …). */
  regimeFiscale?: string;
};

export type EInvoiceDocument = {
  kind: "invoice" | "credit_note";
  number: string;
  /** YYYY-MM-DD. */
  issueDate: string;
  /** YYYY-MM-DD. */
  dueDate: string;
  /** ISO 4217, e.g. EUR. */
  currency: string;
  /** The amount (a credit note's amount is given as a positive number or a negative one: its size counts). */
  amountCents: number;
  description: string;
  feeYear: number;
  /** A credit note: the invoice it cancels. */
  creditedNumber?: string | null;
  creditedIssueDate?: string | null;
  /** The buyer's own reference (Peppol BuyerReference); the invoice number when none was given. */
  buyerReference?: string | null;
  seller: Seller;
  buyer: Party;
};

export type EInvoiceFormat = "peppol" | "fatturapa-fpa12" | "fatturapa-fpr12" | "pdf-only";

/**
 * The format a buyer must receive: Swedish public bodies (and anyone with a Peppol ID) Peppol BIS
 * Billing 3.0; Italian public administrations FatturaPA FPA12, other Italian parties FPR12;
 * everyone else the PDF alone.
 */
export function formatFor(buyer: Party): EInvoiceFormat {
  if (buyer.country === "IT") return buyer.publicAdministration ? "fatturapa-fpa12" : "fatturapa-fpr12";
  if (buyer.peppolId) return "peppol";
  // A Swedish public body must be invoiced through Peppol: without its organisationsnummer the
  // e-invoice names what is missing rather than falling back to a PDF it may not accept.
  if (buyer.country === "SE" && buyer.publicAdministration) return "peppol";
  return "pdf-only";
}

/** VAT treatment of membership fees (see the module comment). */
export const membershipVat = {
  ublCategory: "O",
  ublExemptionCode: "VATEX-EU-O",
  ublExemptionReason: "Not subject to VAT",
  fatturapaNatura: "N2",
  fatturapaReference: "Quota associativa fuori campo IVA (art. 4 DPR 633/1972)",
} as const;

/** 12345 → "123.45" (the amount's size; a credit note's sign is given by its type). */
export function decimalAmount(cents: number): string {
  const abs = Math.abs(Math.round(cents));
  return `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/**
 * The e-invoice cannot be written: a party lacks an identifier the format needs. A 422 naming each
 * missing field (`buyer.ipaCode`, `seller.vatNumber`, …).
 */
export function incomplete(missing: string[]): AppError {
  return new AppError(
    "validation",
    "errors:einvoiceIncomplete",
    Object.fromEntries(missing.map((field) => [field, { key: "errors:field.required" }])),
  );
}
