import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { readRecords, readUnquoted } from "./import";

/** What csv-parse reads, with each record's line, as the import configures it. */
function parsed(text: string, delimiter: string) {
  const out: { line: number; cells: string[] }[] = [];
  parse(text, {
    delimiter,
    skip_empty_lines: true,
    relax_column_count: true,
    on_record: (cells: string[], context: { lines: number }) => {
      out.push({ line: context.lines, cells });
      return null;
    },
  });
  return out;
}

describe("reading a CSV file without quotes", () => {
  it.each([
    ["name;country\nParma;IT\n", ";"],
    ["name;country\r\nParma;IT\r\nMalmö;SE", ";"],
    ["name,country\n\nParma,IT\n\n\nBologna , IT ,\n", ","],
    ["name;country;type\n;;\nParma;IT\nLonger;row;with;extra;cells\n", ";"],
    ["only a header", ";"],
    ["a;b\r\n\r\nc;d\r\n", ";"],
  ])("reads %j exactly as csv-parse does", (text, delimiter) => {
    expect(readUnquoted(text, delimiter)).toEqual(parsed(text, delimiter));
  });

  it("leaves files with quotes or lone carriage returns to the parser", async () => {
    expect(readUnquoted('name;country\n"Parma; città";IT\n', ";")).toBeUndefined();
    expect(readUnquoted("name;country\rParma;IT\r", ";")).toBeUndefined();
    const { records } = await readRecords('name;country\n"Reggio; Emilia";IT\n"Two\nlines";SE\n');
    expect(records).toEqual([
      { line: 1, cells: ["name", "country"] },
      { line: 2, cells: ["Reggio; Emilia", "IT"] },
      { line: 4, cells: ["Two\nlines", "SE"] },
    ]);
  });
});
