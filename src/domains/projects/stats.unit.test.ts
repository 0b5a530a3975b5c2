import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { byKey, type FigureColumn, figureColumns, figuresCsv, grantRate, sortGroups, toFigures } from "./stats";
import type { ProjectFigureGroup } from "./stats-contract";

const group = (key: string | null, label: string | null = key, submitted = 1): ProjectFigureGroup => ({
  key,
  label,
  submitted,
  approved: 0,
  rejected: 0,
  grantRate: null,
  participants: 0,
  euGrantAwardedCents: 0,
});

describe("grant rate", () => {
  it("is approved over decided, rounded to 4 decimals", () => {
    expect(grantRate(130, 48)).toBe(0.7303);
    expect(grantRate(2, 1)).toBe(0.6667);
    expect(grantRate(1, 0)).toBe(1);
    expect(grantRate(0, 3)).toBe(0);
  });

  it("is null when nothing is decided", () => {
    expect(grantRate(0, 0)).toBeNull();
  });
});

describe("figures of a group's rows", () => {
  it("counts every status as submitted, takes participants and EU grants from the approved row only", () => {
    expect(
      toFigures([
        { status: "approved", n: 3, participants: "1200", eu_grant: "130000000000" },
        { status: "rejected", n: "1", participants: 400, eu_grant: null },
        { status: "reserve", n: 1, participants: 50, eu_grant: null },
        { status: "submitted", n: 2, participants: 10, eu_grant: null },
      ]),
    ).toEqual({
      submitted: 7,
      approved: 3,
      rejected: 1,
      grantRate: 0.75,
      participants: 1200,
      euGrantAwardedCents: 130_000_000_000,
    });
  });

  it("is all zeros, with no grant rate, without rows", () => {
    expect(toFigures([])).toEqual({
      submitted: 0,
      approved: 0,
      rejected: 0,
      grantRate: null,
      participants: 0,
      euGrantAwardedCents: 0,
    });
  });

  it("gathers the rows by key, the missing key as null", () => {
    const rows = [
      { key: "2019", status: "approved", n: 1, participants: 0, eu_grant: 0 },
      { key: null, status: "rejected", n: 1, participants: 0, eu_grant: 0 },
      { key: "2019", status: "rejected", n: 2, participants: 0, eu_grant: 0 },
    ];
    expect(byKey(rows).map((g) => [g.key, g.rows.length])).toEqual([
      ["2019", 2],
      [null, 1],
    ]);
  });
});

describe("group order", () => {
  it("puts years in ascending order and the unknown year last", () => {
    const sorted = sortGroups([group("2021"), group(null), group("2009"), group("2019")], "year", "en");
    expect(sorted.map((g) => g.key)).toEqual(["2009", "2019", "2021", null]);
  });

  it("follows the configured order of programmes, unknown codes after them", () => {
    const sorted = sortGroups(
      [group("zzz_old"), group("cerv"), group(null), group("erasmus_plus"), group("aaa_old")],
      "programme",
      "en",
      ["erasmus_plus", "cerv"],
    );
    expect(sorted.map((g) => g.key)).toEqual(["erasmus_plus", "cerv", "aaa_old", "zzz_old", null]);
  });

  it("orders countries and members by their names in the reader's language", () => {
    const groups = [group("SE", "Svezia"), group("network", "SERN"), group("AT", "Austria"), group("DE", "Germania")];
    expect(sortGroups(groups, "country", "it").map((g) => g.key)).toEqual(["AT", "DE", "network", "SE"]);
    const members = [group("b", "Örebro kommun"), group("a", "Ale kommun"), group("c", "Östersunds kommun")];
    expect(sortGroups(members, "member", "sv").map((g) => g.label)).toEqual([
      "Ale kommun",
      "Örebro kommun",
      "Östersunds kommun",
    ]);
  });
});

describe("figures as CSV", () => {
  const headers = Object.fromEntries(figureColumns.map((c) => [c, `H ${c}`])) as Record<FigureColumn, string>;

  it("starts with a BOM and a header row, ends rows with CRLF, quotes what needs it", () => {
    const text = figuresCsv(
      [
        { ...group("2019", 'Comune di "Parma", IT', 4), approved: 3, rejected: 1, grantRate: 0.75, participants: 120 },
        group(null, null, 2),
      ],
      headers,
    );
    expect(text.startsWith("\uFEFFH key,H label,H submitted,")).toBe(true);
    expect(text).toContain('\r\n2019,"Comune di ""Parma"", IT",4,3,1,0.75,120,0\r\n');
    expect(text.endsWith(",,2,0,0,,0,0\r\n")).toBe(true);
    const parsed = parse(text.slice(1), { columns: true }) as Record<string, string>[];
    expect(parsed).toHaveLength(2);
    expect(parsed[0]?.["H label"]).toBe('Comune di "Parma", IT');
  });
});
