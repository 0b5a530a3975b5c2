/** Letters that Unicode decomposition does not split into base letter + accent. */
const SPECIAL: Record<string, string> = { ø: "o", æ: "ae", œ: "oe", ß: "ss", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };

/**
 * The reference definition, one character (code point) at a time: lower case, decomposed, accents
 * dropped, the special letters spelled out, anything that is not a letter or digit a space.
 */
function foldSlow(ch: string): string {
  return ch
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[øæœßłđðþı]/g, (c) => SPECIAL[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, " ");
}

/** Folded form of each non-ASCII character met so far (a few hundred at most: Europe's alphabets). */
const folded = new Map<number, string>();
const CACHE_LIMIT = 20_000;

function fold(code: number): string {
  let value = folded.get(code);
  if (value === undefined) {
    value = foldSlow(String.fromCodePoint(code));
    if (folded.size < CACHE_LIMIT) folded.set(code, value);
  }
  return value;
}

/**
 * Lower case, accents removed, punctuation turned into spaces, spaces collapsed:
 * "Forlì" → "forli", "Västerås" → "vasteras", "Reggio nell'Emilia" → "reggio nell emilia".
 * Used for both stored search text and queries, so they always agree.
 *
 * It works character by character with a cache of folded characters, because an import
 * normalises several strings per row: at 100,000 rows, Unicode normalisation and regular
 * expressions over each whole string cost seconds. The result is the same as applying foldSlow
 * to the whole string (checked by normalize.unit.test.ts), except for the Greek final sigma,
 * which is lower-cased as σ wherever it stands.
 */
export function normalizeText(value: string): string {
  let out = "";
  let space = false;
  for (let i = 0; i < value.length; i++) {
    let code = value.charCodeAt(i);
    let part: string;
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) part = value[i] ?? "";
    else if (code >= 65 && code <= 90) part = String.fromCharCode(code + 32);
    else if (code < 128) part = " ";
    else {
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
        code = value.codePointAt(i) ?? code;
        if (code > 0xffff) i++;
      }
      part = fold(code);
      if (part === "") continue;
    }
    if (part === " ") {
      space = out !== "";
      continue;
    }
    if (space) {
      out += " ";
      space = false;
    }
    out += part.includes(" ") ? part.trim().replace(/ +/g, " ") : part;
  }
  return out;
}

/** The whole-string definition normalizeText follows (for tests). */
export function normalizeTextReference(value: string): string {
  return foldSlow(value).replace(/ +/g, " ").trim();
}
