/**
 * The identifiers e-invoices need, checked for form (and check digit, where the standard has one)
 * when they are entered. Pure functions: each `normalize*` cleans what people type (spaces, dashes,
 * lower case), each `isValid*` checks a normalised value, and `checkIdentifiers` applies the
 * per-country rules the organisation service enforces.
 *
 * Which identifier belongs to which country (decision record "e-invoices"):
 * - taxCode: Italy only (codice fiscale: 11 digits for bodies, 16 characters for persons);
 * - ipaCode: Italy only (6-character IPA office code of a public administration, or the
 *   7-character SDI recipient code of a private party);
 * - orgNumber: Sweden only (organisationsnummer NNNNNN-NNNN);
 * - vatNumber: any country, with its country prefix (IT + partita IVA, SE + organisationsnummer + 01,
 *   EL for Greece); typed without the prefix for Italy and Sweden it is added;
 * - peppolId: any country (scheme:value).
 */
import type { FieldProblem } from "~/errors/app-error";

// ---------------------------------------------------------------------------------------------
// Normalisation

/** Trimmed, upper case, without spaces, dots and dashes. */
export function compactCode(raw: string): string {
  return raw
    .trim()
    .toUpperCase()
    .replace(/[\s\u00a0.\-–]/g, "");
}

// ---------------------------------------------------------------------------------------------
// Check digits

/** Luhn (mod 10) over a string of digits, the last being the check digit. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Digits with their Luhn check digit appended (for generated demo and test identifiers). */
export function withLuhnDigit(body: string): string {
  for (let check = 0; check <= 9; check++) if (luhnValid(`${body}${check}`)) return `${body}${check}`;
  throw new Error(`not digits: ${body}`);
}

// ---------------------------------------------------------------------------------------------
// Italy

/** Partita IVA: 11 digits, the last a Luhn check digit over the first ten. */
export function isValidPartitaIva(value: string): boolean {
  return /^\d{11}$/.test(value) && luhnValid(value) && value !== "00000000000";
}

/** The odd-position values of the codice fiscale's control character (DM 23/12/1976). */
const CF_ODD: Record<string, number> = {
  "0": 1,
  "1": 0,
  "2": 5,
  "3": 7,
  "4": 9,
  "5": 13,
  "6": 15,
  "7": 17,
  "8": 19,
  "9": 21,
  A: 1,
  B: 0,
  C: 5,
  D: 7,
  E: 9,
  F: 13,
  G: 15,
  H: 17,
  I: 19,
  J: 21,
  K: 2,
  L: 4,
  M: 18,
  N: 20,
  O: 11,
  P: 3,
  Q: 6,
  R: 8,
  S: 12,
  T: 14,
  U: 16,
  V: 10,
  W: 22,
  X: 25,
  Y: 24,
  Z: 23,
};

const evenValue = (c: string) => (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65);

/** The control character of the first 15 characters of a personal codice fiscale. */
export function codiceFiscaleControl(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15.charAt(i);
    // Positions are counted from 1: odd positions are the even indexes.
    sum += i % 2 === 0 ? (CF_ODD[c] ?? 0) : evenValue(c);
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** Omocodia replaces digits by L M N P Q R S T U V, so those letters may stand where digits do. */
const CF_PERSON = /^[A-Z]{6}[0-9LMNP-V]{2}[ABCDEHLMPRST][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z]$/;

/** Codice fiscale: 16 characters (a person) with its control character, or 11 digits (a body). */
export function isValidCodiceFiscale(value: string): boolean {
  if (/^\d{11}$/.test(value)) return isValidPartitaIva(value);
  if (!CF_PERSON.test(value)) return false;
  return codiceFiscaleControl(value.slice(0, 15)) === value.charAt(15);
}

/** IPA office code (codice univoco ufficio): 6 letters or digits. */
export function isValidIpaCode(value: string): boolean {
  return /^[A-Z0-9]{6}$/.test(value);
}

/** SDI recipient code (codice destinatario) of a private party: 7 letters or digits. */
export function isValidSdiCode(value: string): boolean {
  return /^[A-Z0-9]{7}$/.test(value);
}

// ---------------------------------------------------------------------------------------------
// Sweden

/**
 * Organisationsnummer: 10 digits with a Luhn check digit; the third digit is at least 2 for a
 * legal person (a lower one is a personal identity number, which is not accepted here).
 */
export function isValidOrgNumber(digits: string): boolean {
  return /^\d{10}$/.test(digits) && Number(digits.charAt(2)) >= 2 && luhnValid(digits);
}

/** 5567321707 → 556732-1707 (how Swedish registers write it). */
export function formatOrgNumber(digits: string): string {
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/** Swedish VAT number: SE + organisationsnummer + 01. */
export function isValidSwedishVat(value: string): boolean {
  const match = /^SE(\d{10})01$/.exec(value);
  return match?.[1] !== undefined && isValidOrgNumber(match[1]);
}

// ---------------------------------------------------------------------------------------------
// VAT numbers of any country

/** The VAT prefix of a country (ISO 3166 code), where it differs: Greece is EL. */
export function vatPrefix(country: string): string {
  return country === "GR" ? "EL" : country;
}

/** A VAT number with its country prefix: checked digit by digit for Italy and Sweden. */
export function isValidVatNumber(value: string, country: string): boolean {
  if (country === "IT") return value.startsWith("IT") && isValidPartitaIva(value.slice(2));
  if (country === "SE") return isValidSwedishVat(value);
  return value.startsWith(vatPrefix(country)) && /^[A-Z]{2}[0-9A-Z+*]{2,12}$/.test(value);
}

/** A VAT number as typed, with the country prefix added where the country's form is clear. */
export function normalizeVatNumber(raw: string, country: string): string {
  const value = compactCode(raw);
  if (country === "IT" && /^\d{11}$/.test(value)) return `IT${value}`;
  if (country === "SE" && /^\d{12}$/.test(value)) return `SE${value}`;
  if (country === "SE" && /^\d{10}$/.test(value)) return `SE${value}01`;
  return value;
}

// ---------------------------------------------------------------------------------------------
// Peppol participant identifiers

/**
 * ICD schemes (ISO 6523) whose values are checked; other 4-digit schemes are accepted as they are.
 * 0007 Swedish organisationsnummer, 0088 GLN, 0201 Italian IPA code, 0210 codice fiscale,
 * 0211 Italian VAT (IT + partita IVA), 9906 Italian VAT (older scheme), 9955 Swedish VAT.
 */
const peppolValueChecks: Record<string, (value: string) => boolean> = {
  "0007": isValidOrgNumber,
  "0088": (v) => /^\d{13}$/.test(v) && gs1Valid(v),
  "0201": isValidIpaCode,
  "0210": isValidCodiceFiscale,
  "0211": (v) => v.startsWith("IT") && isValidPartitaIva(v.slice(2)),
  "9906": (v) => v.startsWith("IT") && isValidPartitaIva(v.slice(2)),
  "9955": isValidSwedishVat,
};

/** GS1 check digit (GLN, GTIN): weights 3 and 1 from the right, excluding the check digit. */
export function gs1Valid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  const body = digits.slice(0, -1);
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === Number(digits.slice(-1));
}

/** "iso6523-actorid-upis::0007:556732-1707 " → "0007:5567321707". */
export function normalizePeppolId(raw: string): string {
  const value = raw.trim().replace(/^iso6523-actorid-upis::/i, "");
  const colon = value.indexOf(":");
  if (colon < 0) return compactCode(value);
  const scheme = value.slice(0, colon).trim();
  const rest = value.slice(colon + 1).trim();
  // Only the schemes whose values are codes lose their dashes and spaces.
  const cleaned = scheme in peppolValueChecks ? compactCode(rest) : rest.replace(/\s/g, "");
  return `${scheme}:${cleaned}`;
}

/** A participant ID: a 4-digit ICD scheme, a colon and a value (checked for the known schemes). */
export function isValidPeppolId(value: string): boolean {
  const match = /^(\d{4}):([^\s:]{1,50})$/.exec(value);
  if (!match?.[1] || !match[2]) return false;
  const check = peppolValueChecks[match[1]];
  return check ? check(match[2]) : true;
}

/** Splits a valid participant ID into its scheme and value. */
export function splitPeppolId(value: string): { scheme: string; value: string } | null {
  const colon = value.indexOf(":");
  if (colon !== 4) return null;
  return { scheme: value.slice(0, 4), value: value.slice(5) };
}

// ---------------------------------------------------------------------------------------------
// Per-country rules for an organisation

export type Identifiers = {
  taxCode: string | null;
  vatNumber: string | null;
  ipaCode: string | null;
  orgNumber: string | null;
  peppolId: string | null;
};

export const identifierFields = ["taxCode", "vatNumber", "ipaCode", "orgNumber", "peppolId"] as const;
export type IdentifierField = (typeof identifierFields)[number];

/** Each identifier as it is stored: normalised for the organisation's country. */
export function normalizeIdentifiers(country: string, ids: Identifiers): Identifiers {
  const orgDigits = ids.orgNumber === null ? null : compactCode(ids.orgNumber);
  return {
    taxCode: ids.taxCode === null ? null : compactCode(ids.taxCode),
    vatNumber: ids.vatNumber === null ? null : normalizeVatNumber(ids.vatNumber, country),
    ipaCode: ids.ipaCode === null ? null : compactCode(ids.ipaCode),
    orgNumber: orgDigits === null ? null : /^\d{10}$/.test(orgDigits) ? formatOrgNumber(orgDigits) : orgDigits,
    peppolId: ids.peppolId === null ? null : normalizePeppolId(ids.peppolId),
  };
}

/**
 * The problems of normalised identifiers for an organisation of this country, as field problems
 * (message keys of the `errors` catalog). `changed` names the fields to check (plus all of them
 * when the country changed), so an unrelated edit is not blocked by an old value.
 */
export function checkIdentifiers(
  country: string,
  ids: Identifiers,
  changed: ReadonlySet<string> | "all" = "all",
): Record<string, FieldProblem> {
  const has = (f: IdentifierField) => changed === "all" || changed.has(f) || changed.has("country");
  const problems: Record<string, FieldProblem> = {};
  const onlyFor = (c: "IT" | "SE") => ({
    key: c === "IT" ? "errors:field.onlyForItaly" : "errors:field.onlyForSweden",
  });
  if (has("taxCode") && ids.taxCode !== null) {
    if (country !== "IT") problems.taxCode = onlyFor("IT");
    else if (!isValidCodiceFiscale(ids.taxCode)) problems.taxCode = { key: "errors:field.invalidTaxCode" };
  }
  if (has("ipaCode") && ids.ipaCode !== null) {
    if (country !== "IT") problems.ipaCode = onlyFor("IT");
    else if (!isValidIpaCode(ids.ipaCode) && !isValidSdiCode(ids.ipaCode))
      problems.ipaCode = { key: "errors:field.invalidIpaCode" };
  }
  if (has("orgNumber") && ids.orgNumber !== null) {
    if (country !== "SE") problems.orgNumber = onlyFor("SE");
    else if (!isValidOrgNumber(ids.orgNumber.replace("-", "")))
      problems.orgNumber = { key: "errors:field.invalidOrgNumber" };
  }
  if (has("vatNumber") && ids.vatNumber !== null && !isValidVatNumber(ids.vatNumber, country)) {
    problems.vatNumber = { key: "errors:field.invalidVatNumber", values: { prefix: vatPrefix(country) } };
  }
  // A Swedish VAT number is the organisationsnummer with SE and 01 around it.
  if (
    (has("vatNumber") || has("orgNumber")) &&
    country === "SE" &&
    !problems.vatNumber &&
    !problems.orgNumber &&
    ids.vatNumber !== null &&
    ids.orgNumber !== null &&
    ids.vatNumber.slice(2, 12) !== ids.orgNumber.replace("-", "")
  ) {
    problems.vatNumber = { key: "errors:field.vatNotOrgNumber" };
  }
  if (has("peppolId") && ids.peppolId !== null && !isValidPeppolId(ids.peppolId)) {
    problems.peppolId = { key: "errors:field.invalidPeppolId" };
  }
  return problems;
}
