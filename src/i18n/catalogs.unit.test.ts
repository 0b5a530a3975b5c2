import { describe, expect, it } from "vitest";
import { catalogs, languageFromAcceptLanguage, languages, translator } from "./i18n";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("message catalogs", () => {
  const english = flatten(catalogs.en as unknown as Tree);

  it.each(languages.filter((l) => l !== "en"))("%s has every English message, and no extra ones", (language) => {
    const other = flatten(catalogs[language] as unknown as Tree);
    const missing = [...english.keys()].filter((k) => !other.has(k));
    const extra = [...other.keys()].filter((k) => !english.has(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(languages)("%s has no empty message and keeps the interpolation variables", (language) => {
    const messages = flatten(catalogs[language] as unknown as Tree);
    for (const [key, text] of messages) {
      expect(text.trim(), `${language}:${key} is empty`).not.toBe("");
      expect(variables(text), `${language}:${key} variables`).toEqual(variables(english.get(key) ?? ""));
    }
  });

  it("translates with the namespace prefix and interpolates", () => {
    expect(translator("it")("errors:field.tooLong", { max: 20 })).toBe("Al massimo 20 caratteri.");
    expect(translator("sv")("common:nav.signIn")).toBe("Logga in");
  });
});

describe("language from Accept-Language", () => {
  it("picks the best supported language by weight", () => {
    expect(languageFromAcceptLanguage("de-DE,de;q=0.9,it;q=0.8,sv;q=0.7")).toBe("it");
    expect(languageFromAcceptLanguage("sv-SE")).toBe("sv");
    expect(languageFromAcceptLanguage("fr, en;q=0.1")).toBe("en");
    expect(languageFromAcceptLanguage("fr, de")).toBeUndefined();
    expect(languageFromAcceptLanguage(undefined)).toBeUndefined();
  });
});
