/**
 * Export of the projects list (issue 5, item 7): every project the caller may read that matches
 * the list's filters (paging ignored), in the list's order, as CSV or XLSX (`tableFile`), with the
 * column headers, titles, programmes, phases and funding decisions in the reader's language.
 * Amounts are euro with two decimals (numbers in XLSX), dates ISO (YYYY-MM-DD), so a spreadsheet
 * sorts and sums them.
 */
import type { Actor } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import { type Cell, type TableFile, type TableFormat, tableFile } from "~/files/table-file";
import { type Language, translator } from "~/i18n/i18n";
import { localized } from "~/i18n/localized";
import type { Project } from "./contract";
import { listFundingProgrammes } from "./programmes";
import { listProjects } from "./service";

/** The list's largest page: the export reads the list page by page. */
const PAGE = 200;

const columns = [
  "acronym",
  "title",
  "programmeCode",
  "actionCode",
  "callIdentifier",
  "deadline",
  "submittedOn",
  "phase",
  "fundingStatus",
  "lead",
  "totalBudgetCents",
  "grantRequestedCents",
  "grantAwardedCents",
  "grantPaidCents",
  "participantsPlanned",
  "participantsActual",
  "startDate",
  "endDate",
  "cordisUrl",
] as const;

const euro = (cents: number | null): Cell => (cents === null ? "" : cents / 100);

export async function exportProjects(
  db: DbOrTx,
  actor: Actor,
  rawQuery: Record<string, unknown>,
  format: TableFormat,
  language: Language,
  now = new Date(),
): Promise<TableFile> {
  const t = translator(language);
  const programmes = await listFundingProgrammes(db);
  const programmeName = new Map(programmes.map((p) => [p.code, localized(p.names, language)]));
  const actionName = new Map(programmes.flatMap((p) => p.actions.map((a) => [a.code, localized(a.names, language)])));
  const projects: Project[] = [];
  for (let page = 1; ; page++) {
    const found = await listProjects(db, actor, { ...rawQuery, page, pageSize: PAGE });
    projects.push(...found.items);
    if (found.items.length < PAGE || projects.length >= found.total) break;
  }
  const rows = projects.map((p): Cell[] => [
    p.acronym,
    localized(p.title, language),
    p.programmeCode ? (programmeName.get(p.programmeCode) ?? p.programmeCode) : "",
    p.actionCode ? (actionName.get(p.actionCode) ?? p.actionCode) : "",
    p.callIdentifier ?? "",
    p.deadline ?? "",
    p.submittedOn ?? "",
    t(`projects:phases.${p.phase}`),
    p.fundingStatus ? t(`projects:fundingStatuses.${p.fundingStatus}`) : "",
    p.lead ? (p.lead.kind === "network" ? t("projects:theNetwork") : (p.lead.name ?? "")) : "",
    euro(p.totalBudgetCents),
    euro(p.grantRequestedCents),
    euro(p.grantAwardedCents),
    euro(p.grantPaidCents),
    p.participantsPlanned ?? "",
    p.participantsActual ?? "",
    p.startDate ?? "",
    p.endDate ?? "",
    p.cordisUrl ?? "",
  ]);
  const header = columns.map((c) => t(`projects:fields.${c}`));
  return tableFile("projects", header, rows, format, now);
}
