import { describe, expect, it } from "vitest";
import { normalizeText, normalizeTextReference } from "./normalize";

describe("normalizeText", () => {
  it.each([
    ["Forlì", "forli"],
    ["Västerås", "vasteras"],
    ["Malmö", "malmo"],
    ["Reggio nell'Emilia", "reggio nell emilia"],
    ["  Comune  di   PARMA ", "comune di parma"],
    ["Sankt Pölten-Land (AT)", "sankt polten land at"],
    ["Łódź", "lodz"],
    ["Straße", "strasse"],
    ["Øresund Æbeltoft", "oresund aebeltoft"],
    ["Dolní Česná nad Sázavou", "dolni cesna nad sazavou"],
    ["Forli\u0300", "forli"],
    ["ITH59 — 040012", "ith59 040012"],
    ["", ""],
    ["—", ""],
  ])("%j → %j", (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it("agrees with the whole-string definition on random European text", () => {
    const alphabet =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -'.,;/()àáâãäåçèéêëìíîïñòóôõöùúûüýÿÀÁÂÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÖÙÚÛÜÝőűŐŰčďěňřšťžČĎĚŇŘŠŤŽąćęłńśźżĄĆĘŁŃŚŹŻøæœßđðþıØÆŒĐÐÞİșțȘȚăĂ€«»–—\u0301\u0308\u00a0\u202f𝔄👍";
    const chars = [...alphabet];
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let n = 0; n < 5000; n++) {
      const length = Math.floor(random() * 30);
      const text = Array.from({ length }, () => chars[Math.floor(random() * chars.length)]).join("");
      expect(normalizeText(text), JSON.stringify(text)).toBe(normalizeTextReference(text));
    }
  });
});
