import type { TFunction } from "i18next";
import { useRouteLoaderData } from "react-router";
import { defaultLanguage, formatDate, formatNumber, i18nFor, type Language } from "~/i18n/i18n";

type RootData = {
  language: Language;
  csrfToken: string;
  user: { name: string; role: string; organisationId: string | null } | null;
};

export function useRootData(): RootData {
  const data = useRouteLoaderData("root") as RootData | undefined;
  return data ?? { language: defaultLanguage, csrfToken: "", user: null };
}

/** Translation and locale formatting for the reader's language. */
export function useT(): {
  t: TFunction;
  language: Language;
  n: (v: number) => string;
  d: (v: Date | string) => string;
} {
  const { language } = useRootData();
  return {
    t: i18nFor(language).t,
    language,
    n: (v) => formatNumber(language, v),
    d: (v) => formatDate(language, v),
  };
}
