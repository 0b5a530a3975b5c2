/** Test helpers for membership: a valid application's fields and a real (tiny) PDF. Only imported by tests. */
import { withLuhnDigit } from "~/domains/organisations/identifiers";
import { createPdf } from "~/pdf/document";
import type { Upload } from "./contract";

let counter = 0;

/** A valid 11-digit Italian codice fiscale / partita IVA (Luhn check digit) made from a number. */
export function italianTaxCode(n: number): string {
  return withLuhnDigit(String(80_000_000_0 + n).padStart(10, "0"));
}

/** A valid Swedish organisationsnummer (third digit ≥ 2, Luhn check digit) made from a number. */
export function swedishOrgNumber(n: number): string {
  const digits = withLuhnDigit(`2120${String(n % 100_000).padStart(5, "0")}`);
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/** The identifiers an application from this country must give (see eligibility.ts). */
function identifiersFor(country: unknown, n: number): Record<string, string> {
  if (country === "IT") return { taxCode: italianTaxCode(n), ipaCode: `UF${String(n % 10_000).padStart(4, "0")}` };
  if (country === "SE") return { orgNumber: swedishOrgNumber(n) };
  return {};
}

export function applicationFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  const country = overrides.country ?? "IT";
  return {
    ...identifiersFor(country, counter),
    language: "en",
    name: `Comune di Prova ${counter}`,
    country: "IT",
    type: "municipality",
    inhabitants: "12000",
    priorities: ["climate_action"],
    legalName: "Maria Rossi",
    legalJobTitle: "Sindaca",
    legalEmail: `sindaca${counter}@prova.example`,
    contactName: "Luca Bianchi",
    contactEmail: `luca${counter}@prova.example`,
    contactLanguage: "it",
    letterText: "Gentile Presidente, chiediamo di aderire alla rete.",
    acceptStatute: "on",
    acceptPrivacy: "on",
    ...overrides,
  };
}

/** A real PDF, as a signed form would be. */
export async function realPdf(filename = "signed.pdf"): Promise<Upload> {
  const pdf = await createPdf({ title: "Signed", language: "en" });
  pdf.paragraph("Signed by the legal representative. Firmato. Underskriven.");
  return { filename, contentType: "application/pdf", content: await pdf.save() };
}

/** Text dressed up as a PDF: named .pdf, even starting with the header, but not a PDF. */
export function fakePdf(filename = "signed.pdf"): Upload {
  return { filename, contentType: "application/pdf", content: new TextEncoder().encode("%PDF-1.7\nnot really a pdf") };
}
