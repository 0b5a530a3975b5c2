/**
 * What the import page does with a submission and a report, the same whether the import ran in
 * the page's server action (no JavaScript) or through the API from its client action (with
 * progress). Plain functions, used on the server and in the browser.
 */
import type { ImportReport } from "../contract";

/** Up to this size the checked file rides along in the page, so "Import these rows" needs no new upload. */
export const CARRY_LIMIT = 2_000_000;

/** The figures an applied import shows after its redirect (Post/Redirect/Get), from the URL. */
export const importCounts = ["rows", "created", "updated", "unchanged"] as const;
export type ImportCounts = Record<(typeof importCounts)[number], number>;

export type ActionResult = { report: ImportReport | null; csv: string | null; problem: string | null };

/** A dry run unless the form's button says "import". */
export function isDryRun(form: FormData): boolean {
  return form.get("intent") !== "import";
}

/**
 * The CSV the form submits: the chosen file, else the pasted text; null when there is neither.
 * A file stays bytes, so the import can tell a file that is not UTF-8 by its line.
 */
export function submittedCsv(form: FormData): Blob | string | null {
  const file = form.get("file");
  if (file instanceof Blob && file.size > 0) return file;
  const pasted = form.get("csv");
  return typeof pasted === "string" && pasted.trim() !== "" ? pasted : null;
}

/** The figures of an applied import, read back from the page's URL (absent: no import just happened). */
export function countsFromUrl(url: URL): ImportCounts | null {
  if (!url.searchParams.has("created")) return null;
  const count = (k: string) => Math.max(0, Number.parseInt(url.searchParams.get(k) ?? "0", 10) || 0);
  return { rows: count("rows"), created: count("created"), updated: count("updated"), unchanged: count("unchanged") };
}

export type ImportOutcome = { redirectTo: string } | { result: ActionResult; status: 200 | 422 };

/**
 * The page's answer to a report: an applied import reloads the page with its figures in the URL;
 * otherwise the report is shown (422 when it lists problems), and after a clean dry run the
 * checked text comes along (if small enough) for "Import these rows".
 */
export async function importOutcome(
  report: ImportReport,
  text: () => string | Promise<string>,
): Promise<ImportOutcome> {
  if (report.applied) {
    const params = new URLSearchParams(importCounts.map((k) => [k, String(report[k])]));
    return { redirectTo: `/organisations/import?${params.toString()}` };
  }
  const ok = report.errors.length === 0;
  const carried = ok && report.dryRun ? await text() : null;
  return {
    result: { report, csv: carried !== null && carried.length <= CARRY_LIMIT ? carried : null, problem: null },
    status: ok ? 200 : 422,
  };
}

/** A failed import as one line of text: the message, then each field's problem. */
export function problemText(message: string, fields: Record<string, string>): string {
  return [message, ...Object.values(fields)].join(" ");
}
