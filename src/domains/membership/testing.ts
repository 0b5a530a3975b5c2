/** Test helpers for membership: a valid application's fields and a real (tiny) PDF. Only imported by tests. */
import { createPdf } from "~/pdf/document";
import type { Upload } from "./contract";

let counter = 0;

export function applicationFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
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
