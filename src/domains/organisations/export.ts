/**
 * Export of the current filtered directory list, in the import's columns, so an export can be
 * edited in a spreadsheet and imported back (importing it unchanged changes nothing).
 * CSV: `,`-separated, UTF-8 with a BOM (so spreadsheet programs detect the encoding). XLSX: one
 * sheet with the same header row and values (numbers as numbers).
 */
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { Actor } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import { csvColumns } from "./contract";
import { cellsOf } from "./csv";
import { toOrganisation } from "./dto";
import { authorize, canExportOrganisations, visibleStatuses } from "./policy";
import { searchAll } from "./search";
import { parseOrganisationQuery } from "./service";

export const exportFormats = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof exportFormats)[number];

export type ExportFile = { filename: string; contentType: string; body: Uint8Array };

const contentTypes: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Everything matching the query's filters (paging ignored), in the list's order. */
export async function exportOrganisations(
  db: DbOrTx,
  actor: Actor,
  rawQuery: Record<string, unknown>,
  format: ExportFormat,
  now = new Date(),
): Promise<ExportFile> {
  authorize(actor, canExportOrganisations(actor));
  const query = parseOrganisationQuery(rawQuery);
  const rows = (await searchAll(db, query, visibleStatuses(actor))).map(toOrganisation).map(cellsOf);
  const filename = `organisations-${now.toISOString().slice(0, 10)}.${format}`;
  if (format === "csv") {
    const text = `\uFEFF${stringify([[...csvColumns], ...rows], { record_delimiter: "\r\n" })}`;
    return { filename, contentType: contentTypes.csv, body: new TextEncoder().encode(text) };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.created = now;
  const sheet = workbook.addWorksheet("organisations");
  sheet.addRow([...csvColumns]);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  // Codes stay text (a leading zero in "040012" matters).
  for (const row of rows) sheet.addRow(row.map((cell) => (typeof cell === "number" ? cell : String(cell))));
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return { filename, contentType: contentTypes.xlsx, body: new Uint8Array(buffer as ArrayBuffer) };
}
