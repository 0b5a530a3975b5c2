/**
 * Export of the current filtered directory list, in the import's columns, so an export can be
 * edited in a spreadsheet and imported back (importing it unchanged changes nothing). The file is
 * written by `tableFile` (CSV with a BOM, or XLSX with the same header row and values).
 */
import type { Actor } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import { type TableFile, tableFile, tableFormats } from "~/files/table-file";
import { csvColumns } from "./contract";
import { cellsOf } from "./csv";
import { toOrganisation } from "./dto";
import { authorize, canExportOrganisations, visibleStatuses } from "./policy";
import { searchAll } from "./search";
import { parseOrganisationQuery } from "./service";

export const exportFormats = tableFormats;
export type ExportFormat = (typeof exportFormats)[number];

export type ExportFile = TableFile;

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
  return tableFile("organisations", csvColumns, rows, format, now);
}
