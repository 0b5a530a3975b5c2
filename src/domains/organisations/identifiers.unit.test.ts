import { describe, expect, it } from "vitest";
import {
  checkIdentifiers,
  type Identifiers,
  isValidCodiceFiscale,
  isValidIpaCode,
  isValidOrgNumber,
  isValidPartitaIva,
  isValidPeppolId,
  isValidSdiCode,
  isValidSwedishVat,
  normalizeIdentifiers,
  normalizePeppolId,
  normalizeVatNumber,
} from "./identifiers";

const none: Identifiers = { taxCode: null, vatNumber: null, ipaCode: null, orgNumber: null, peppolId: null };

describe("Italian partita IVA", () => {
  it("accepts real numbers of public bodies", () => {
    // Comune di Parma, Comune di Bologna, Comune di Milano, Regione Emilia-Romagna (codice fiscale).
    for (const v of ["00162210348", "01232710374", "01199250158", "80062590379"])
      expect(isValidPartitaIva(v)).toBe(true);
  });
  it("refuses a wrong check digit, a wrong length and letters", () => {
    expect(isValidPartitaIva("00162210349")).toBe(false);
    expect(isValidPartitaIva("0016221034")).toBe(false);
    expect(isValidPartitaIva("0016221034A")).toBe(false);
    expect(isValidPartitaIva("00000000000")).toBe(false);
  });
});

describe("Italian codice fiscale", () => {
  it("accepts a personal code with its control character, and the 11-digit code of a body", () => {
    expect(isValidCodiceFiscale("RSSMRA80A01H501U")).toBe(true);
    expect(isValidCodiceFiscale("RSSMRA85T10A562S")).toBe(true);
    expect(isValidCodiceFiscale("80062590379")).toBe(true);
  });
  it("accepts omocodia (letters in place of digits) when the control character matches", () => {
    // RSSMRA80A01H501U with its last digit of the place code replaced (1 → M), control recomputed.
    expect(isValidCodiceFiscale("RSSMRA80A01H50MM")).toBe(true);
  });
  it("refuses a wrong control character, an impossible month letter and a wrong body check digit", () => {
    expect(isValidCodiceFiscale("RSSMRA80A01H501V")).toBe(false);
    expect(isValidCodiceFiscale("RSSMRA80F01H501U")).toBe(false);
    expect(isValidCodiceFiscale("80062590378")).toBe(false);
    expect(isValidCodiceFiscale("RSSMRA80A01H501")).toBe(false);
  });
});

describe("Italian recipient codes", () => {
  it("IPA office codes have 6 characters, SDI codes 7", () => {
    expect(isValidIpaCode("UFXQ2L")).toBe(true);
    expect(isValidIpaCode("UFXQ2")).toBe(false);
    expect(isValidSdiCode("M5UXCR1")).toBe(true);
    expect(isValidSdiCode("0000000")).toBe(true);
    expect(isValidSdiCode("M5UXCR")).toBe(false);
  });
});

describe("Swedish organisationsnummer", () => {
  it("accepts the numbers of municipalities and companies (Luhn)", () => {
    // Malmö, Stockholm, Göteborg, Uppsala kommun; a limited company.
    for (const v of ["2120001124", "2120000142", "2120001355", "2120003005", "5567321707"])
      expect(isValidOrgNumber(v)).toBe(true);
  });
  it("refuses a wrong check digit and a personal identity number", () => {
    expect(isValidOrgNumber("2120001125")).toBe(false);
    expect(isValidOrgNumber("8112189876")).toBe(false);
    expect(isValidOrgNumber("212000112")).toBe(false);
  });
  it("Swedish VAT numbers are SE, the organisationsnummer and 01", () => {
    expect(isValidSwedishVat("SE212000112401")).toBe(true);
    expect(isValidSwedishVat("SE212000112402")).toBe(false);
    expect(isValidSwedishVat("SE212000112501")).toBe(false);
  });
});

describe("Peppol participant IDs", () => {
  it("normalises what people paste", () => {
    expect(normalizePeppolId(" iso6523-actorid-upis::0007:212000-1124 ")).toBe("0007:2120001124");
    expect(normalizePeppolId("0211:it 00162210348")).toBe("0211:IT00162210348");
  });
  it("checks the value for the schemes it knows, the scheme's form for the others", () => {
    expect(isValidPeppolId("0007:2120001124")).toBe(true);
    expect(isValidPeppolId("0007:2120001125")).toBe(false);
    expect(isValidPeppolId("0088:7300010000001")).toBe(true);
    expect(isValidPeppolId("0088:7300010000002")).toBe(false);
    expect(isValidPeppolId("0201:UFXQ2L")).toBe(true);
    expect(isValidPeppolId("0211:IT00162210348")).toBe(true);
    expect(isValidPeppolId("9906:IT00162210349")).toBe(false);
    expect(isValidPeppolId("9955:SE212000112401")).toBe(true);
    expect(isValidPeppolId("0192:987654321")).toBe(true);
    expect(isValidPeppolId("007:2120001124")).toBe(false);
    expect(isValidPeppolId("2120001124")).toBe(false);
  });
});

describe("per-country rules", () => {
  it("normalises Swedish numbers and adds the VAT prefix", () => {
    expect(normalizeIdentifiers("SE", { ...none, orgNumber: " 2120001124", vatNumber: "212000-1124" })).toEqual({
      ...none,
      orgNumber: "212000-1124",
      vatNumber: "SE212000112401",
    });
    expect(normalizeVatNumber("it 001 622 103 48", "IT")).toBe("IT00162210348");
    expect(normalizeVatNumber("00162210348", "IT")).toBe("IT00162210348");
  });

  it("accepts a comune's codice fiscale, partita IVA and IPA code", () => {
    const ids = normalizeIdentifiers("IT", {
      taxCode: "00162210348",
      vatNumber: "00162210348",
      ipaCode: "ufxq2l",
      orgNumber: null,
      peppolId: null,
    });
    expect(checkIdentifiers("IT", ids)).toEqual({});
  });

  it("names each field whose value is wrong", () => {
    const ids = normalizeIdentifiers("IT", {
      taxCode: "00162210349",
      vatNumber: "IT0016221034",
      ipaCode: "UFX",
      orgNumber: null,
      peppolId: "abc",
    });
    expect(checkIdentifiers("IT", ids)).toEqual({
      taxCode: { key: "errors:field.invalidTaxCode" },
      vatNumber: { key: "errors:field.invalidVatNumber", values: { prefix: "IT" } },
      ipaCode: { key: "errors:field.invalidIpaCode" },
      peppolId: { key: "errors:field.invalidPeppolId" },
    });
  });

  it("keeps Italian codes to Italy and the organisationsnummer to Sweden", () => {
    expect(checkIdentifiers("SE", { ...none, taxCode: "00162210348", ipaCode: "UFXQ2L" })).toEqual({
      taxCode: { key: "errors:field.onlyForItaly" },
      ipaCode: { key: "errors:field.onlyForItaly" },
    });
    expect(checkIdentifiers("IT", { ...none, orgNumber: "212000-1124" })).toEqual({
      orgNumber: { key: "errors:field.onlyForSweden" },
    });
  });

  it("a Swedish VAT number must be the organisationsnummer's", () => {
    expect(checkIdentifiers("SE", { ...none, orgNumber: "212000-1124", vatNumber: "SE212000014201" })).toEqual({
      vatNumber: { key: "errors:field.vatNotOrgNumber" },
    });
  });

  it("other countries: VAT number with the country's prefix (EL for Greece), Peppol ID", () => {
    expect(checkIdentifiers("GR", { ...none, vatNumber: "EL094014201", peppolId: "9933:EL094014201" })).toEqual({});
    expect(checkIdentifiers("DE", { ...none, vatNumber: "FR12345678901" })).toEqual({
      vatNumber: { key: "errors:field.invalidVatNumber", values: { prefix: "DE" } },
    });
  });

  it("checks only the fields that changed, unless the country changed", () => {
    const old = { ...none, taxCode: "BAD" };
    expect(checkIdentifiers("IT", old, new Set(["name"]))).toEqual({});
    expect(Object.keys(checkIdentifiers("IT", old, new Set(["country"])))).toEqual(["taxCode"]);
  });
});
