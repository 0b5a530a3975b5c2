/**
 * A table as a file people open in a spreadsheet program, for the exports: CSV (`,`-separated,
 * CRLF, UTF-8 with a BOM so spreadsheet programs detect the encoding) or XLSX (one sheet, a bold
 * frozen header row, numbers as numbers and everything else as text, so codes keep their leading
 * zeros).
 */
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";

export const tableFormats = ["csv", "xlsx"] as const;
export type TableFormat = (typeof tableFormats)[number];

export type TableFile = { filename: string; contentType: string; body: Uint8Array };

export type Cell = string | number;

const contentTypes: Record<TableFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** `name-YYYY-MM-DD.csv|xlsx` with the header row and the rows given. */
export async function tableFile(
  name: string,
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  format: TableFormat,
  now = new Date(),
): Promise<TableFile> {
  const filename = `${name}-${now.toISOString().slice(0, 10)}.${format}`;
  if (format === "csv") {
    const text = `\uFEFF${stringify([[...header], ...rows.map((r) => [...r])], { record_delimiter: "\r\n" })}`;
    return { filename, contentType: contentTypes.csv, body: new TextEncoder().encode(text) };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.created = now;
  const sheet = workbook.addWorksheet(name);
  sheet.addRow([...header]);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  for (const row of rows) sheet.addRow(row.map((cell) => (typeof cell === "number" ? cell : String(cell))));
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return { filename, contentType: contentTypes.xlsx, body: new Uint8Array(buffer as ArrayBuffer) };
}
