/** Letters that Unicode decomposition does not split into base letter + accent. */
const SPECIAL: Record<string, string> = { ø: "o", æ: "ae", œ: "oe", ß: "ss", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };

/**
 * Lower case, accents removed, punctuation turned into spaces, spaces collapsed:
 * "Forlì" → "forli", "Västerås" → "vasteras", "Reggio nell'Emilia" → "reggio nell emilia".
 * Used for both stored search text and queries, so they always agree.
 */
export function normalizeText(value: string): string {
  return value
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[øæœßłđðþı]/g, (ch) => SPECIAL[ch] ?? ch)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
