import type { LocalizedText } from "~/db/columns";
import type { Language } from "./i18n";

/** Picks the reader's language from a per-language text, falling back to English, then any. */
export function localized(text: Partial<LocalizedText> | null | undefined, language: Language): string {
  if (!text) return "";
  return text[language] || text.en || text.it || text.sv || "";
}
