import { type Language, localeOf } from "~/i18n/i18n";

/** An amount in cents as money in the reader's locale: "1 500,00 €", "€1,500.00". */
export function money(language: Language, cents: number, currency = "EUR"): string {
  return new Intl.NumberFormat(localeOf[language], { style: "currency", currency }).format(cents / 100);
}
