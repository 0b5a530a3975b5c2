/**
 * Money and counts as people type them in a form, in their language, and back. Pure functions,
 * shared by the projects' forms: amounts become integer cents exactly (no floating point), so
 * "1.234,56" (Italian, Swedish) and "1,234.56" (English) are both 123456.
 */
import type { Language } from "~/i18n/i18n";

/** The decimal mark each language writes; the other marks are thousands separators. */
const decimalMarkOf: Record<Language, string> = { en: ".", sv: ",", it: "," };

/** Digits grouped by threes with one separator (1.234.567, 1 234 567 already compacted), or plain digits. */
function wholeDigits(text: string, notSeparator: string): string | null {
  if (/^\d+$/.test(text)) return text;
  const grouped = /^\d{1,3}(([.,'’])\d{3})(\2\d{3})*$/.exec(text);
  if (!grouped || grouped[2] === notSeparator) return null;
  return text.replace(/[.,'’]/g, "");
}

/**
 * An amount in euro as typed → integer cents; null when empty; "invalid" when it cannot be read
 * without guessing. The last separator is the decimal mark when it is the language's mark or is
 * followed by one or two digits ("1.5", "1234,50"); a separator followed by three digits that is
 * not the language's decimal mark groups thousands ("1,234" in English, "1.234" in Italian).
 * Spaces (also non-breaking), "€" and "EUR" are ignored.
 */
export function parseMoneyCents(text: string, language: Language): number | null | "invalid" {
  const compact = text
    .replace(/[\s\u00a0\u202f€]/g, "")
    .replace(/^EUR/i, "")
    .replace(/EUR$/i, "");
  if (compact === "") return null;
  if (!/^\d[\d.,'’]*$/.test(compact) || /[.,'’]$/.test(compact)) return "invalid";
  const mark = decimalMarkOf[language];
  const last = Math.max(
    compact.lastIndexOf("."),
    compact.lastIndexOf(","),
    compact.lastIndexOf("'"),
    compact.lastIndexOf("’"),
  );
  let whole = compact;
  let fraction = "";
  if (last >= 0) {
    const separator = compact.charAt(last);
    const after = compact.slice(last + 1);
    const decimal = separator === mark || (after.length <= 2 && (separator === "." || separator === ","));
    if (decimal) {
      if (after.length < 1 || after.length > 2) return "invalid";
      whole = compact.slice(0, last);
      fraction = after;
    }
    const digits = wholeDigits(whole, decimal ? separator : "");
    if (digits === null) return "invalid";
    whole = digits;
  }
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return Number.isSafeInteger(cents) ? cents : "invalid";
}

/** Cents as the form shows them: whole euro without decimals, else two, with the language's mark. */
export function moneyText(cents: number | null | undefined, language: Language): string {
  if (cents === null || cents === undefined) return "";
  const euro = Math.trunc(cents / 100);
  const rest = Math.abs(cents % 100);
  return rest === 0 ? String(euro) : `${euro}${decimalMarkOf[language]}${String(rest).padStart(2, "0")}`;
}

/** A whole number typed with or without thousands separators (5000, 5 000, 5.000, 5,000). */
export function parseCount(text: string): number | null | "invalid" {
  const compact = text.replace(/[\s\u00a0\u202f]/g, "");
  if (compact === "") return null;
  const digits = wholeDigits(compact, "");
  if (digits === null) return "invalid";
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : "invalid";
}
