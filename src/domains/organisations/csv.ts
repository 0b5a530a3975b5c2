/**
 * The CSV/XLSX columns of the directory, shared by import and export so a file written by the
 * export reads back unchanged: `name, country, type, official_code, nuts3, inhabitants,
 * employees, website, status, member_since, priorities` (priority codes separated by `|`).
 */
import { csvColumns, type Organisation } from "./contract";

export type CsvColumn = (typeof csvColumns)[number];

/** The JSON field for each column (camelCase of the column). */
export const fieldOfColumn: Record<CsvColumn, keyof Organisation> = {
  name: "name",
  country: "country",
  type: "type",
  official_code: "officialCode",
  nuts3: "nuts3",
  inhabitants: "inhabitants",
  employees: "employees",
  website: "website",
  status: "status",
  member_since: "memberSince",
  priorities: "priorities",
};

export const columnOfField: Record<string, CsvColumn> = Object.fromEntries(
  Object.entries(fieldOfColumn).map(([column, field]) => [field, column as CsvColumn]),
);

/** Columns a file must have (the rest are optional; a missing optional column changes nothing). */
export const requiredColumns: readonly CsvColumn[] = ["name", "country", "type"];

export const PRIORITY_SEPARATOR = "|";

export function isCsvColumn(name: string): name is CsvColumn {
  return (csvColumns as readonly string[]).includes(name);
}

/**
 * A header cell as a column name: case, surrounding spaces, spaces and dashes and camelCase are
 * forgiven (`Official code`, `officialCode`, `OFFICIAL-CODE` → `official_code`).
 */
export function columnName(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/** An organisation as the cells of one row, in export column order. */
export function cellsOf(org: Organisation): (string | number)[] {
  return csvColumns.map((column) => {
    const value = org[fieldOfColumn[column]];
    if (Array.isArray(value)) return value.join(PRIORITY_SEPARATOR);
    if (value === null || value === undefined) return "";
    if (typeof value === "boolean") return value ? "true" : "false";
    return value;
  });
}
