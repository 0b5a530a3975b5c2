/**
 * Every e-invoice Ponte writes is valid against the official schemas (copied into ./schemas so a
 * fresh clone validates offline): Peppol BIS 3.0 UBL for a Swedish municipality, FatturaPA FPA12
 * for an Italian comune and FPR12 for an Italian association, each as invoice and credit note.
 */
import { describe, expect, it } from "vitest";
import { AppError } from "~/errors/app-error";
import type { Party } from "../party";
import { defaultSeller, isValidIban, SellerSettings, sellerParty } from "../seller";
import { type EInvoiceDocument, formatFor } from "./document";
import { latin1, toFatturaPA } from "./fatturapa";
import { schemaErrors } from "./testing";
import { PEPPOL_CUSTOMIZATION_ID, PEPPOL_PROFILE_ID, toPeppolUbl } from "./ubl";

const seller = sellerParty(defaultSeller);

const malmo: Party = {
  name: "Malmö stad",
  country: "SE",
  street: "August Palms plats 1",
  postalCode: "205 80",
  city: "Malmö",
  vatNumber: "SE212000112401",
  taxCode: null,
  ipaCode: null,
  orgNumber: "212000-1124",
  peppolId: "0007:2120001124",
  email: "fakturor@malmo.se",
  publicAdministration: true,
};

const parma: Party = {
  name: "Comune di Parma – Settore Relazioni Internazionali",
  country: "IT",
  street: "Strada della Repubblica 1",
  postalCode: "43121",
  city: "Parma",
  vatNumber: "IT00162210348",
  taxCode: "00162210348",
  ipaCode: "UFXQ2L",
  orgNumber: null,
  peppolId: null,
  email: null,
  publicAdministration: true,
};

const association: Party = {
  name: "Associazione Città Solidale “Forlì” ł",
  country: "IT",
  street: "Via dell’Università 3",
  postalCode: "47121",
  city: "Forlì",
  vatNumber: null,
  taxCode: "92012345671",
  ipaCode: null,
  orgNumber: null,
  peppolId: null,
  email: "segreteria@example.org",
  publicAdministration: false,
};

function documentFor(buyer: Party, kind: EInvoiceDocument["kind"]): EInvoiceDocument {
  return {
    kind,
    number: kind === "invoice" ? "2027-0001" : "2027-C001",
    issueDate: "2027-01-15",
    dueDate: "2027-02-14",
    currency: "EUR",
    amountCents: 150_050,
    description: "Årsavgift / quota associativa 2027 — Sweden Emilia-Romagna Network",
    feeYear: 2027,
    ...(kind === "credit_note" ? { creditedNumber: "2027-0001", creditedIssueDate: "2027-01-15" } : {}),
    seller,
    buyer,
  };
}

describe("formats", () => {
  it("Swedish public bodies get Peppol, Italian ones FPA12, Italian private parties FPR12, others the PDF", () => {
    expect(formatFor(malmo)).toBe("peppol");
    expect(formatFor(parma)).toBe("fatturapa-fpa12");
    expect(formatFor(association)).toBe("fatturapa-fpr12");
    expect(formatFor({ ...malmo, country: "DE", peppolId: null, orgNumber: null })).toBe("pdf-only");
    expect(formatFor({ ...malmo, publicAdministration: false, peppolId: null })).toBe("pdf-only");
    // A Swedish public body is invoiced through Peppol even before its identifiers are known:
    // the e-invoice then names the missing organisationsnummer instead of falling back to a PDF.
    const unknown = { ...malmo, peppolId: null, orgNumber: null, vatNumber: null };
    expect(formatFor(unknown)).toBe("peppol");
    const thrown = (() => {
      try {
        toPeppolUbl(documentFor(unknown, "invoice"));
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).fields).toEqual({ "buyer.orgNumber": { key: "errors:field.required" } });
  });
});

describe("Peppol BIS Billing 3.0 (UBL 2.1)", () => {
  it("an invoice to a Swedish municipality is valid and carries the Peppol identifiers", async () => {
    const xml = toPeppolUbl(documentFor(malmo, "invoice"));
    expect(await schemaErrors(xml, "invoice")).toEqual([]);
    expect(xml).toContain(`<cbc:CustomizationID>${PEPPOL_CUSTOMIZATION_ID}</cbc:CustomizationID>`);
    expect(xml).toContain(`<cbc:ProfileID>${PEPPOL_PROFILE_ID}</cbc:ProfileID>`);
    expect(xml).toContain('<cbc:EndpointID schemeID="0007">2120001124</cbc:EndpointID>');
    expect(xml).toContain('<cbc:EndpointID schemeID="0211">IT12345678903</cbc:EndpointID>');
    expect(xml).toContain("<cbc:Name>Malmö stad</cbc:Name>");
    expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">1500.50</cbc:PayableAmount>');
    expect(xml).toContain("<cbc:ID>IT60X0542811101000000123456</cbc:ID>");
    expect(xml).toContain("<cbc:TaxExemptionReasonCode>VATEX-EU-O</cbc:TaxExemptionReasonCode>");
  });

  it("a credit note refers to the invoice it cancels and is valid", async () => {
    const xml = toPeppolUbl(documentFor(malmo, "credit_note"));
    expect(await schemaErrors(xml, "creditNote")).toEqual([]);
    expect(xml).toContain("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>");
    expect(xml).toMatch(/<cac:InvoiceDocumentReference>\s*<cbc:ID>2027-0001<\/cbc:ID>/);
  });

  it("refuses to write a document without the buyer's Peppol address", () => {
    const buyer = { ...malmo, peppolId: null, orgNumber: null };
    expect(() => toPeppolUbl(documentFor(buyer, "invoice"))).toThrow(AppError);
  });
});

describe("FatturaPA 1.2.1", () => {
  it("an invoice to a comune is FPA12 addressed to its IPA office code, and valid", async () => {
    const xml = toFatturaPA(documentFor(parma, "invoice"));
    expect(await schemaErrors(xml, "fatturapa")).toEqual([]);
    expect(xml).toContain('versione="FPA12"');
    expect(xml).toContain("<CodiceDestinatario>UFXQ2L</CodiceDestinatario>");
    expect(xml).toContain("<TipoDocumento>TD01</TipoDocumento>");
    expect(xml).toContain("<Natura>N2</Natura>");
    expect(xml).toContain("<IBAN>IT60X0542811101000000123456</IBAN>");
    // Accented Latin-1 letters are kept; the en dash becomes a hyphen.
    expect(xml).toContain("<Denominazione>Comune di Parma - Settore Relazioni Internazionali</Denominazione>");
    expect(xml).toContain("<Indirizzo>Stradone Martiri della Libertà 15</Indirizzo>");
  });

  it("a credit note to a comune is TD04 and names the invoice it cancels", async () => {
    const xml = toFatturaPA(documentFor(parma, "credit_note"));
    expect(await schemaErrors(xml, "fatturapa")).toEqual([]);
    expect(xml).toContain("<TipoDocumento>TD04</TipoDocumento>");
    expect(xml).toMatch(/<DatiFattureCollegate>\s*<IdDocumento>2027-0001<\/IdDocumento>/);
  });

  it("an invoice and a credit note to an association are FPR12 with code 0000000, and valid", async () => {
    const invoice = toFatturaPA(documentFor(association, "invoice"));
    expect(await schemaErrors(invoice, "fatturapa")).toEqual([]);
    expect(invoice).toContain('versione="FPR12"');
    expect(invoice).toContain("<CodiceDestinatario>0000000</CodiceDestinatario>");
    expect(invoice).toContain("<CodiceFiscale>92012345671</CodiceFiscale>");
    expect(invoice).toContain("<Comune>Forlì</Comune>");
    const credit = toFatturaPA(documentFor({ ...association, ipaCode: "M5UXCR1" }, "credit_note"));
    expect(await schemaErrors(credit, "fatturapa")).toEqual([]);
    expect(credit).toContain("<CodiceDestinatario>M5UXCR1</CodiceDestinatario>");
  });

  it("refuses an FPA12 without the office's IPA code, naming the field", () => {
    try {
      toFatturaPA(documentFor({ ...parma, ipaCode: null }, "invoice"));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).fields).toHaveProperty(["buyer.ipaCode"]);
    }
  });

  it("keeps text within Latin-1 as FatturaPA requires", () => {
    expect(latin1("Łódź “città” – Malmö…", 80)).toBe('Lódz "città" - Malmö...');
  });
});

describe("the validator can fail", () => {
  it("reports a Peppol invoice without its buyer", async () => {
    const xml = toPeppolUbl(documentFor(malmo, "invoice")).replace(
      /<cac:AccountingCustomerParty>[\s\S]*<\/cac:AccountingCustomerParty>/,
      "",
    );
    const errors = await schemaErrors(xml, "invoice");
    expect(errors.join("\n")).toMatch(/AccountingCustomerParty/);
  });

  it("reports a FatturaPA without its CessionarioCommittente", async () => {
    const xml = toFatturaPA(documentFor(parma, "invoice")).replace(
      /<CessionarioCommittente>[\s\S]*<\/CessionarioCommittente>/,
      "",
    );
    const errors = await schemaErrors(xml, "fatturapa");
    expect(errors.join("\n")).toMatch(/CessionarioCommittente/);
  });
});

describe("seller settings", () => {
  it("the defaults are SERN's seat with placeholder codes, valid in form", () => {
    expect(defaultSeller.placeholder).toBe(true);
    expect(SellerSettings.parse(defaultSeller)).toEqual(defaultSeller);
    expect(isValidIban("IT60X0542811101000000123456")).toBe(true);
    expect(isValidIban("IT61X0542811101000000123456")).toBe(false);
  });

  it("normalises and checks the seller's codes", () => {
    const parsed = SellerSettings.safeParse({
      ...defaultSeller,
      vatNumber: "00162210349",
      iban: "IT60 X054 2811 1010 0000 0123 456",
    });
    expect(parsed.success).toBe(false);
    const ok = SellerSettings.parse({
      ...defaultSeller,
      vatNumber: "00162210348",
      iban: "it60 x054 2811 1010 0000 0123 456",
    });
    expect(ok.vatNumber).toBe("IT00162210348");
    expect(ok.iban).toBe("IT60X0542811101000000123456");
  });
});
