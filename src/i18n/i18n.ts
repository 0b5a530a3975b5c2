import i18next, { type i18n as I18n, type TFunction } from "i18next";
import { catalog as en } from "./locales/en";
import { catalog as it } from "./locales/it";
import { catalog as sv } from "./locales/sv";

export const languages = ["en", "sv", "it"] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = "en";

export const catalogs: Record<Language, typeof en> = { en, sv, it };
export const namespaces = Object.keys(en) as (keyof typeof en)[];

/** BCP 47 locale used by Intl for each language. */
export const localeOf: Record<Language, string> = { en: "en-GB", sv: "sv-SE", it: "it-IT" };

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

/** Picks the best supported language from an Accept-Language header. */
export function languageFromAcceptLanguage(header: string | null | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (isLanguage(base)) return base;
  }
  return undefined;
}

const instances = new Map<Language, I18n>();

/** One i18next instance per language, created once (one per request doubles render time). */
export function i18nFor(language: Language): I18n {
  let instance = instances.get(language);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      lng: language,
      fallbackLng: false,
      resources: { [language]: catalogs[language] },
      ns: namespaces,
      defaultNS: "common",
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
    });
    instances.set(language, instance);
  }
  return instance;
}

/** A translate function for a language: `t("errors:not_found")`, `t("nav.home")`. */
export function translator(language: Language): TFunction {
  return i18nFor(language).t;
}

export function formatNumber(language: Language, value: number): string {
  return new Intl.NumberFormat(localeOf[language]).format(value);
}

export function formatDate(language: Language, value: Date | string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(localeOf[language], { dateStyle: "medium", timeZone: "Europe/Rome" }).format(date);
}

/** An amount in cents as money in the reader's locale: "1 500,00 €", "€1,500.00". */
export function formatMoney(language: Language, cents: number, currency = "EUR"): string {
  return new Intl.NumberFormat(localeOf[language], { style: "currency", currency }).format(cents / 100);
}

export function formatDateTime(language: Language, value: Date | string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(localeOf[language], {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Rome",
  }).format(date);
}
