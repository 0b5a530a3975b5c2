import { describe, expect, it } from "vitest";
import { moneyText, parseCount, parseMoneyCents } from "./money";

describe("parseMoneyCents", () => {
  it("reads each language's way of writing an amount, exactly to the cent", () => {
    expect(parseMoneyCents("1,234.56", "en")).toBe(123456);
    expect(parseMoneyCents("1.234,56", "it")).toBe(123456);
    expect(parseMoneyCents("1 234,56", "sv")).toBe(123456);
    expect(parseMoneyCents("1\u00a0234,56 €", "sv")).toBe(123456);
    expect(parseMoneyCents("€ 2,500,000", "en")).toBe(250_000_000);
    expect(parseMoneyCents("2.500.000", "it")).toBe(250_000_000);
    expect(parseMoneyCents("EUR 0,10", "it")).toBe(10);
    expect(parseMoneyCents("1234.5", "en")).toBe(123450);
    // Cents never go through floating point: 0.29 * 100 is 28.999999999999996.
    expect(parseMoneyCents("0,29", "it")).toBe(29);
    expect(parseMoneyCents("99999999999,99", "sv")).toBe(9_999_999_999_999);
  });

  it("takes three digits after the other language's mark as thousands, and after its own as a mistake", () => {
    expect(parseMoneyCents("1,234", "en")).toBe(123400);
    expect(parseMoneyCents("1.234", "it")).toBe(123400);
    expect(parseMoneyCents("1.234", "en")).toBe("invalid");
    expect(parseMoneyCents("1,234", "it")).toBe("invalid");
    // Two decimals after either mark are unambiguous.
    expect(parseMoneyCents("1234.50", "it")).toBe(123450);
    expect(parseMoneyCents("1.234,56", "en")).toBe(123456);
  });

  it("refuses what it cannot read without guessing, and leaves an empty field empty", () => {
    expect(parseMoneyCents("", "en")).toBeNull();
    expect(parseMoneyCents("  ", "sv")).toBeNull();
    for (const text of ["abc", "-5", "1,2,3", "12.34.56", "1.234.5678", "1,23,456", "12,", "1.2345"]) {
      expect(parseMoneyCents(text, "en"), text).toBe("invalid");
    }
  });
});

describe("moneyText", () => {
  it("writes cents back as the form shows them in the reader's language", () => {
    expect(moneyText(123456, "en")).toBe("1234.56");
    expect(moneyText(123456, "it")).toBe("1234,56");
    expect(moneyText(250_000_000, "sv")).toBe("2500000");
    expect(moneyText(5, "sv")).toBe("0,05");
    expect(moneyText(null, "en")).toBe("");
    for (const language of ["en", "sv", "it"] as const) {
      expect(parseMoneyCents(moneyText(987654321, language), language)).toBe(987654321);
    }
  });
});

describe("parseCount", () => {
  it("reads whole numbers with thousands separators", () => {
    expect(parseCount("20 000")).toBe(20000);
    expect(parseCount("20.000")).toBe(20000);
    expect(parseCount("20,000")).toBe(20000);
    expect(parseCount("")).toBeNull();
    expect(parseCount("twelve")).toBe("invalid");
    expect(parseCount("1.5")).toBe("invalid");
  });
});
