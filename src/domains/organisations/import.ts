/**
 * CSV import of the directory.
 *
 * A file is UTF-8 (with or without BOM), `,`- or `;`-separated (detected from the header line, as
 * spreadsheet programs write them in Italy and Sweden), with the columns of ./csv in any order.
 * Each row is validated with the same contract and reference rules as the forms, then matched to
 * an existing organisation on country + official code, else country + normalised name, and
 * planned as create, update or unchanged (unchanged when every given column already holds the
 * stored value, so importing the same file twice changes nothing).
 *
 * A dry run returns the plan and every problem by line, column and reason (in the caller's
 * language). A real import is all or nothing: any problem and nothing is written.
 *
 * Speed (≥ 10,000 rows/s at 100,000 rows on PostgreSQL): the organisations the rows could match
 * are loaded in one query (for a large file, every organisation of its countries); rows are
 * written in batches of 5,000 with one `INSERT … SELECT FROM unnest(…)` and one
 * `UPDATE … FROM unnest(…)` per batch (one array parameter per column), all in one transaction;
 * new organisations get time-ordered UUIDs (v7), which keeps primary-key inserts cheap.
 *
 * Decisions where the import differs from one-by-one edits, for speed:
 * - Audit: one audit event per import (`organisation.import`, with the counts) rather than one
 *   per row. A 100,000-row import would otherwise write 100,000 audit events and double its time;
 *   the per-organisation trail remains in each record's version and status history.
 * - Status history: a status change of an existing organisation is recorded (note `import`); an
 *   organisation created by the import starts with no history row (its first status dates from
 *   its creation), which spares 100,000 rows and their foreign-key checks.
 */
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { type SQL, sql } from "drizzle-orm";
import { recordAudit } from "~/audit/audit";
import { type Actor, actorUserId } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import { loadReferenceSnapshot, type ReferenceSnapshot } from "~/domains/reference/service";
import { AppError, type FieldProblem } from "~/errors/app-error";
import { issuesToFields } from "~/errors/validation";
import { defaultLanguage, type Language, translator } from "~/i18n/i18n";
import { logger } from "~/logging/logger";
import { normalizeText } from "~/text/normalize";
import { csvColumns, type ImportReport, OrganisationInput, type OrganisationStatus } from "./contract";
import {
  type CsvColumn,
  columnName,
  columnOfField,
  fieldOfColumn,
  isCsvColumn,
  PRIORITY_SEPARATOR,
  requiredColumns,
} from "./csv";
import { authorize, canImportOrganisations } from "./policy";
import {
  checkReferenceRules,
  defaultStatus,
  type OrganisationState,
  publicAuthorityOverrideFor,
  searchWordsOf,
  today,
} from "./rules";
import { rememberSearchWords } from "./search";
import { changedFields, type OrganisationValues, rowValues } from "./store";

export type ImportOptions = {
  dryRun: boolean;
  /** The language of the problem messages. */
  language?: Language;
  /** Called as rows are checked (`check`) and then written (`write`). */
  onProgress?: (done: number, total: number, phase: "check" | "write") => void;
};

/** Problems listed in a report; the rest are counted in one last line. */
const MAX_PROBLEMS = 1000;
/** Rows in the report's preview. */
const MAX_PREVIEW = 1000;
/** Rows per INSERT / UPDATE statement (one array parameter per column). */
const BATCH = 5000;
const PROGRESS_EVERY = 1000;
/** Imports that write at least this many rows tidy the indexes afterwards. */
const TIDY_AFTER = 1000;

type Problem = { row: number; column: string | null; key: string; values?: Record<string, string | number> };
export type Record_ = { line: number; cells: string[] };
type Planned = {
  line: number;
  action: "create" | "update" | "unchanged";
  id: string;
  before: OrganisationState | null;
  after: OrganisationState;
  version: number;
};

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * A time-ordered UUID (version 7) for new organisations: consecutive keys land on the same
 * index pages, which makes inserting 100,000 of them much cheaper than random keys.
 */
export function uuidV7(now = Date.now()): string {
  // randomUUID draws from a cached entropy pool (far cheaper per call than randomBytes); its
  // first 48 bits become the timestamp and its version nibble a 7. The variant bits stay as they are.
  const random = randomUUID();
  const time = now.toString(16).padStart(12, "0");
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15, 18)}-${random.slice(19)}`;
}

/** Text of the file (BOM removed), or the line of the first byte that is not UTF-8. */
function decode(input: string | Uint8Array): { text: string } | { badLine: number } {
  if (typeof input === "string") return { text: input.replace(/^\uFEFF/, "") };
  try {
    return { text: decoder.decode(input).replace(/^\uFEFF/, "") };
  } catch {
    const lossy = new TextDecoder("utf-8").decode(input);
    const at = lossy.indexOf("\uFFFD");
    return { badLine: lossy.slice(0, Math.max(at, 0)).split("\n").length };
  }
}

/** `;` when the header line has more semicolons than commas (outside quotes), else `,`. */
export function detectDelimiter(text: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) {
      if (commas + semicolons > 0) break;
    } else if (!quoted && ch === ",") commas++;
    else if (!quoted && ch === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

function* chunks(text: string, size = 64 * 1024): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/**
 * A file without a single double quote can neither quote nor escape anything: each line is a
 * record and each delimiter separates two cells, exactly as csv-parse would read it (see
 * import.unit.test.ts). Such files, which spreadsheet programs write unless a cell holds the
 * delimiter, a quote or a line break, are read by splitting, about four times faster than the
 * parser. Files with quotes, and old Mac line ends (a lone CR), go through csv-parse.
 */
export function readUnquoted(text: string, delimiter: string): Record_[] | undefined {
  if (text.includes('"') || /\r(?!\n)/.test(text)) return undefined;
  const records: Record_[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const content = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (content !== "") records.push({ line: i + 1, cells: content.split(delimiter) });
  }
  return records;
}

/** Reads every record with its line number; a malformed file stops at the line it breaks. */
export async function readRecords(text: string): Promise<{ records: Record_[]; malformedLine?: number }> {
  const delimiter = detectDelimiter(text);
  const unquoted = readUnquoted(text, delimiter);
  if (unquoted) return { records: unquoted };
  const records: Record_[] = [];
  const parser = parse({
    delimiter,
    skip_empty_lines: true,
    relax_column_count: true,
    // The line number is read as each record completes (cheaper than `info` snapshots).
    on_record: (cells: string[], context: { lines: number }) => {
      records.push({ line: context.lines, cells });
      return null;
    },
  });
  Readable.from(chunks(text)).pipe(parser);
  try {
    for await (const _ of parser) {
      // Records are collected by on_record; iterating drives the stream and surfaces errors.
    }
  } catch (e) {
    const lines = (e as { lines?: unknown }).lines;
    return { records, malformedLine: typeof lines === "number" ? lines : (records.at(-1)?.line ?? 1) + 1 };
  }
  return { records };
}

/** A whole number as spreadsheets write it: `12345`, `12 345`, `12.345` (thousands) → 12345. */
export function parseCount(cell: string): number | null | "invalid" {
  const value = cell.trim();
  if (value === "") return null;
  if (/^\d+$/.test(value)) return Number(value);
  if (/^\d{1,3}([ .,\u00a0\u202f']\d{3})+$/.test(value)) return Number(value.replace(/\D/g, ""));
  return "invalid";
}

/** A date as YYYY-MM-DD, or as DD/MM/YYYY or D.M.YYYY (Italian and Swedish spreadsheets). */
export function parseDate(cell: string): string | null | "invalid" {
  const value = cell.trim();
  if (value === "") return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(value);
  if (m) return `${m[3]}-${(m[2] ?? "").padStart(2, "0")}-${(m[1] ?? "").padStart(2, "0")}`;
  return "invalid";
}

type RowInput = { input: Record<string, unknown>; problems: Problem[] };

/** A record's cells as contract input (only the file's columns), plus cell-level problems. */
function rowInput(columns: (CsvColumn | null)[], record: Record_): RowInput {
  const input: Record<string, unknown> = {};
  const problems: Problem[] = [];
  columns.forEach((column, i) => {
    if (!column) return;
    const cell = (record.cells[i] ?? "").trim();
    const field = fieldOfColumn[column];
    switch (column) {
      // A cell that cannot be read is reported here and left out of the contract check.
      case "inhabitants":
      case "employees": {
        const n = parseCount(cell);
        if (n === "invalid") problems.push({ row: record.line, column, key: "errors:field.notInteger" });
        else input[field] = n;
        break;
      }
      case "member_since": {
        const d = parseDate(cell);
        if (d === "invalid") problems.push({ row: record.line, column, key: "errors:field.invalidDate" });
        else input[field] = d;
        break;
      }
      case "priorities":
        input[field] = cell
          .split(PRIORITY_SEPARATOR)
          .map((p) => p.trim())
          .filter(Boolean);
        break;
      case "status":
        if (cell !== "") input[field] = cell.toLowerCase();
        break;
      case "type":
        input[field] = cell.toLowerCase();
        break;
      default:
        input[field] = cell;
    }
  });
  return { input, problems };
}

function problemsOf(line: number, fields: Record<string, FieldProblem>): Problem[] {
  return Object.entries(fields).map(([field, p]) => ({
    row: line,
    column: columnOfField[field.split(".")[0] ?? field] ?? field,
    key: p.key,
    ...(p.values ? { values: p.values } : {}),
  }));
}

type ExistingRow = OrganisationState & { id: string; version: number; normalizedName: string };

const orNull = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);
const list = (v: unknown): string[] => (typeof v === "string" && v !== "" ? v.split(PRIORITY_SEPARATOR) : []);
const int = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Up to this many rows, an import looks up only the organisations its rows could match. */
const TARGETED_LOOKUP = 2000;

type MatchKey = { country: string; officialCode: string | null; normalizedName: string };

/**
 * The organisations the file's rows could match, in one query: for a small file those with one
 * of its (country, official code) or (country, normalised name) pairs (both indexed); for a large
 * file every organisation of its countries. Arrays and dates come as text (no per-value parsing by
 * the driver): at 100,000 rows this is several times faster than mapped rows.
 */
async function loadExisting(db: DbOrTx, keys: MatchKey[]): Promise<ExistingRow[]> {
  if (keys.length === 0) return [];
  const withCode = keys.filter((k) => k.officialCode !== null);
  const where =
    keys.length <= TARGETED_LOOKUP
      ? sql`(country, official_code) in (select * from unnest(${sql.param(withCode.map((k) => k.country))}::text[],
            ${sql.param(withCode.map((k) => k.officialCode))}::text[]))
          or (country, normalized_name) in (select * from unnest(${sql.param(keys.map((k) => k.country))}::text[],
            ${sql.param(keys.map((k) => k.normalizedName))}::text[]))`
      : sql`country = any(${sql.param([...new Set(keys.map((k) => k.country))])}::text[])`;
  const result = await db.execute(sql`select id, version, normalized_name, name, country, type,
      public_authority_override, official_code, nuts3, inhabitants, employees, website, street, postal_code,
      city, array_to_string(working_languages, ${PRIORITY_SEPARATOR}) as working_languages,
      array_to_string(priorities, ${PRIORITY_SEPARATOR}) as priorities, status, member_since::text as member_since
    from organisations where ${where}`);
  return rowsOf(result).map((r) => ({
    id: String(r.id),
    version: Number(r.version),
    normalizedName: String(r.normalized_name),
    name: String(r.name),
    country: String(r.country),
    type: String(r.type),
    publicAuthorityOverride: orNull(r.public_authority_override as boolean | null),
    officialCode: orNull(r.official_code as string | null),
    nuts3: orNull(r.nuts3 as string | null),
    inhabitants: int(r.inhabitants),
    employees: int(r.employees),
    website: orNull(r.website as string | null),
    street: orNull(r.street as string | null),
    postalCode: orNull(r.postal_code as string | null),
    city: orNull(r.city as string | null),
    workingLanguages: list(r.working_languages),
    priorities: list(r.priorities),
    status: r.status as OrganisationStatus,
    memberSince: orNull(r.member_since as string | null),
  }));
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  if (result && typeof result === "object" && "rows" in result && Array.isArray(result.rows))
    return result.rows as Record<string, unknown>[];
  return [];
}

export async function importOrganisations(
  db: DbOrTx,
  actor: Actor,
  file: string | Uint8Array,
  options: ImportOptions,
): Promise<ImportReport> {
  authorize(actor, canImportOrganisations(actor));
  const t = translator(options.language ?? defaultLanguage);
  const report = (problems: Problem[], counts: Partial<ImportReport> = {}): ImportReport => {
    const sorted = [...problems].sort((a, b) => a.row - b.row);
    const shown = sorted
      .slice(0, MAX_PROBLEMS)
      .map((p) => ({ row: p.row, column: p.column, message: t(p.key, p.values ?? {}) }));
    if (sorted.length > MAX_PROBLEMS) {
      const last = sorted[MAX_PROBLEMS];
      shown.push({
        row: last?.row ?? 1,
        column: null,
        message: t("errors:import.moreProblems", { count: sorted.length - MAX_PROBLEMS }),
      });
    }
    return {
      dryRun: options.dryRun,
      applied: false,
      rows: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: shown,
      ...counts,
    };
  };

  const decoded = decode(file);
  if ("badLine" in decoded) return report([{ row: decoded.badLine, column: null, key: "errors:import.notUtf8" }]);
  const { records, malformedLine } = await readRecords(decoded.text);
  const problems: Problem[] = [];
  if (malformedLine !== undefined) problems.push({ row: malformedLine, column: null, key: "errors:import.malformed" });

  // The header: known columns in any order; unknown, repeated and missing columns are reported.
  const [header, ...dataRecords] = records;
  if (!header) return report(problems.length ? problems : [{ row: 1, column: null, key: "errors:import.emptyFile" }]);
  const columns: (CsvColumn | null)[] = [];
  const seenColumns = new Set<string>();
  for (const cell of header.cells) {
    const name = columnName(cell);
    if (name === "") {
      columns.push(null);
      continue;
    }
    if (!isCsvColumn(name)) {
      problems.push({
        row: header.line,
        column: cell.trim(),
        key: "errors:import.unknownColumn",
        values: { column: cell.trim(), known: csvColumns.join(", ") },
      });
      columns.push(null);
    } else if (seenColumns.has(name)) {
      problems.push({ row: header.line, column: name, key: "errors:import.duplicateColumn", values: { column: name } });
      columns.push(null);
    } else {
      seenColumns.add(name);
      columns.push(name);
    }
  }
  for (const required of requiredColumns) {
    if (!seenColumns.has(required))
      problems.push({
        row: header.line,
        column: required,
        key: "errors:import.missingColumn",
        values: { column: required },
      });
  }
  const rows = dataRecords.filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (problems.some((p) => p.row === header.line)) return report(problems, { rows: rows.length });
  const given = new Set(columns.filter((c): c is CsvColumn => c !== null).map((c) => fieldOfColumn[c]));

  const run = async (tx: DbOrTx): Promise<ImportReport> => {
    const ref = await loadReferenceSnapshot(tx);
    const total = rows.length;
    // 1. Every row through the contract and the reference rules.
    type Valid = { line: number; input: ReturnType<typeof OrganisationInput.parse> };
    const valid: Valid[] = [];
    for (const [index, record] of rows.entries()) {
      // Every PROGRESS_EVERY rows: report, and let the event loop run, so a progress stream
      // sends its line now rather than after the whole check.
      if (index > 0 && index % PROGRESS_EVERY === 0) {
        options.onProgress?.(index, total, "check");
        if (options.onProgress) await new Promise((resolve) => setImmediate(resolve));
      }
      if (record.cells.length > header.cells.length && record.cells.slice(header.cells.length).some((c) => c.trim())) {
        problems.push({ row: record.line, column: null, key: "errors:import.malformed" });
        continue;
      }
      const { input, problems: cellProblems } = rowInput(columns, record);
      const parsed = OrganisationInput.safeParse(input, { reportInput: true });
      const fieldProblems = parsed.success ? [] : problemsOf(record.line, issuesToFields(parsed.error.issues));
      problems.push(...cellProblems, ...fieldProblems.filter((p) => !cellProblems.some((c) => c.column === p.column)));
      if (parsed.success && cellProblems.length === 0) valid.push({ line: record.line, input: parsed.data });
    }
    options.onProgress?.(total, total, "check");

    // 2. Match and plan.
    const names = valid.map((v) => normalizeText(v.input.name));
    const keys = valid
      .map((v, i) => ({
        country: v.input.country,
        officialCode: v.input.officialCode ?? null,
        normalizedName: names[i] ?? "",
      }))
      .filter((k) => ref.countries.has(k.country));
    const existing = await loadExisting(tx, keys);
    const byCode = new Map<string, ExistingRow>();
    const byName = new Map<string, ExistingRow>();
    for (const e of existing) {
      if (e.officialCode) byCode.set(`${e.country}|${e.officialCode}`, e);
      const nameKey = `${e.country}|${e.normalizedName}`;
      if (!byName.has(nameKey)) byName.set(nameKey, e);
    }
    const seen = new Map<string, number>();
    const plan: Planned[] = [];
    const todayValue = today();
    for (const [index, { line, input }] of valid.entries()) {
      const normalizedName = names[index] ?? "";
      const codeKey = input.officialCode ? `${input.country}|code|${input.officialCode}` : null;
      const nameKey = `${input.country}|name|${normalizedName}`;
      const firstLine = (codeKey ? seen.get(codeKey) : undefined) ?? (codeKey ? undefined : seen.get(nameKey));
      if (firstLine !== undefined) {
        problems.push({ row: line, column: null, key: "errors:import.duplicateRow", values: { row: firstLine } });
        continue;
      }
      if (codeKey) seen.set(codeKey, line);
      if (!seen.has(nameKey)) seen.set(nameKey, line);

      let match = input.officialCode ? byCode.get(`${input.country}|${input.officialCode}`) : undefined;
      if (!match) {
        const byNameMatch = byName.get(`${input.country}|${normalizedName}`);
        // A namesake with another official code is another organisation.
        if (byNameMatch && (!input.officialCode || !byNameMatch.officialCode)) match = byNameMatch;
      }
      const after = match ? mergeRow(ref, match, input, given, todayValue) : newRow(ref, input, given, todayValue);
      const changed = match ? changedFields(match, after) : null;
      const rules = checkReferenceRules(ref, after, changed ? new Set(changed) : "all");
      if (Object.keys(rules).length > 0) {
        problems.push(...problemsOf(line, rules));
        continue;
      }
      plan.push({
        line,
        action: !match ? "create" : changed && changed.length > 0 ? "update" : "unchanged",
        id: match?.id ?? uuidV7(),
        before: match ?? null,
        after,
        version: match?.version ?? 1,
      });
    }

    const counts = {
      rows: rows.length,
      created: plan.filter((p) => p.action === "create").length,
      updated: plan.filter((p) => p.action === "update").length,
      unchanged: plan.filter((p) => p.action === "unchanged").length,
      preview: plan.slice(0, MAX_PREVIEW).map((p) => ({ row: p.line, action: p.action, name: p.after.name })),
    };
    if (problems.length > 0 || options.dryRun) return report(problems, counts);

    // 3. Write, in the caller's transaction.
    await writePlan(tx, actor, ref, plan, (done) => options.onProgress?.(done, total, "write"));
    await recordAudit(tx, actor, {
      action: "organisation.import",
      entityType: "organisation",
      entityId: null,
      after: { rows: counts.rows, created: counts.created, updated: counts.updated, unchanged: counts.unchanged },
    });
    return { ...report([], counts), applied: true };
  };

  if (options.dryRun) return run(db);
  const result = await db.transaction(run);
  if (result.applied && result.created + result.updated >= TIDY_AFTER) await tidyIndexes(db);
  return result;
}

function newRow(
  ref: ReferenceSnapshot,
  input: ReturnType<typeof OrganisationInput.parse>,
  given: Set<string>,
  todayValue: string,
): OrganisationState {
  const status = input.status ?? defaultStatus(ref, input.country);
  return {
    name: input.name,
    country: input.country,
    type: input.type,
    publicAuthorityOverride: null,
    officialCode: input.officialCode ?? null,
    nuts3: input.nuts3 ?? null,
    inhabitants: input.inhabitants ?? null,
    employees: input.employees ?? null,
    website: input.website ?? null,
    street: null,
    postalCode: null,
    city: null,
    workingLanguages: [],
    priorities: given.has("priorities") ? [...new Set(input.priorities ?? [])] : [],
    status,
    memberSince: input.memberSince ?? (status === "member" ? todayValue : null),
  };
}

/** The existing state with the file's columns applied (a column not in the file is kept). */
function mergeRow(
  ref: ReferenceSnapshot,
  current: ExistingRow,
  input: ReturnType<typeof OrganisationInput.parse>,
  given: Set<string>,
  todayValue: string,
): OrganisationState {
  const next: OrganisationState = {
    name: current.name,
    country: current.country,
    type: current.type,
    publicAuthorityOverride: current.publicAuthorityOverride,
    officialCode: current.officialCode,
    nuts3: current.nuts3,
    inhabitants: current.inhabitants,
    employees: current.employees,
    website: current.website,
    street: current.street,
    postalCode: current.postalCode,
    city: current.city,
    workingLanguages: current.workingLanguages,
    priorities: current.priorities,
    status: current.status,
    memberSince: current.memberSince,
  };
  next.name = input.name;
  next.country = input.country;
  next.type = input.type;
  if (given.has("officialCode")) next.officialCode = input.officialCode ?? null;
  if (given.has("nuts3")) next.nuts3 = input.nuts3 ?? null;
  if (given.has("inhabitants")) next.inhabitants = input.inhabitants ?? null;
  if (given.has("employees")) next.employees = input.employees ?? null;
  if (given.has("website")) next.website = input.website ?? null;
  if (given.has("priorities")) next.priorities = [...new Set(input.priorities ?? [])];
  if (input.status) next.status = input.status;
  if (given.has("memberSince")) next.memberSince = input.memberSince ?? null;
  if (next.status === "member" && current.status !== "member" && !next.memberSince) next.memberSince = todayValue;
  next.publicAuthorityOverride = publicAuthorityOverrideFor(ref, next.type, current.publicAuthorityOverride);
  return next;
}

/**
 * The stored columns an import writes, with their PostgreSQL types. Rows go to the database as
 * one array per column (`unnest($1::uuid[], $2::text[], …)`): a statement of a few parameters,
 * whatever the batch size, which keeps both the SQL and the driver's work small. Array columns
 * travel as `|`-joined text (`string_to_array`), since unnest flattens arrays of arrays.
 */
const writeColumns: { key: keyof OrganisationValues; column: string; type: string; list?: true }[] = [
  { key: "name", column: "name", type: "text" },
  { key: "country", column: "country", type: "text" },
  { key: "type", column: "type", type: "text" },
  { key: "publicAuthorityOverride", column: "public_authority_override", type: "boolean" },
  { key: "publicAuthority", column: "public_authority", type: "boolean" },
  { key: "officialCode", column: "official_code", type: "text" },
  { key: "nuts3", column: "nuts3", type: "text" },
  { key: "nuts2", column: "nuts2", type: "text" },
  { key: "region", column: "region", type: "text" },
  { key: "inhabitants", column: "inhabitants", type: "integer" },
  { key: "employees", column: "employees", type: "integer" },
  { key: "website", column: "website", type: "text" },
  { key: "street", column: "street", type: "text" },
  { key: "postalCode", column: "postal_code", type: "text" },
  { key: "city", column: "city", type: "text" },
  { key: "workingLanguages", column: "working_languages", type: "text", list: true },
  { key: "priorities", column: "priorities", type: "text", list: true },
  { key: "status", column: "status", type: "text" },
  { key: "memberSince", column: "member_since", type: "date" },
  { key: "searchText", column: "search_text", type: "text" },
  { key: "normalizedName", column: "normalized_name", type: "text" },
];

/** `unnest($1::uuid[], …) as v(id, …)` over one array per column. */
function unnestOf(columns: { name: string; type: string; values: unknown[] }[]): SQL {
  const arrays = columns.map((c) => sql`${sql.param(c.values)}::${sql.raw(c.type)}[]`);
  const names = columns.map((c) => sql.identifier(c.name));
  return sql`unnest(${sql.join(arrays, sql`, `)}) as v(${sql.join(names, sql`, `)})`;
}

/** The value arrays of a batch: one per write column, in writeColumns order. */
function columnArrays(batch: { values: OrganisationValues }[]) {
  return writeColumns.map(({ key, column, type, list }) => ({
    name: column,
    type,
    values: batch.map(({ values }) => {
      const value = values[key];
      if (list) return Array.isArray(value) ? value.join(PRIORITY_SEPARATOR) : "";
      return value ?? null;
    }),
  }));
}

const fromV = (column: { column: string; list?: true }) =>
  column.list
    ? sql`string_to_array(v.${sql.identifier(column.column)}, ${PRIORITY_SEPARATOR})`
    : sql`v.${sql.identifier(column.column)}`;

async function writePlan(
  db: DbOrTx,
  actor: Actor,
  ref: ReferenceSnapshot,
  plan: Planned[],
  progress: (done: number) => void,
): Promise<void> {
  const words = new Set<string>();
  const withValues = (p: Planned) => {
    const values = rowValues(ref, p.after);
    for (const w of searchWordsOf(values.searchText)) words.add(w);
    return { plan: p, values };
  };
  const creates = plan.filter((p) => p.action === "create");
  const updates = plan.filter((p) => p.action === "update");
  let done = plan.length - creates.length - updates.length;
  const rebuild = await setAsideIndexes(db, creates.length);
  const columnNames = sql.join(
    writeColumns.map((c) => sql.identifier(c.column)),
    sql`, `,
  );

  // While the database writes one batch, the next one is prepared: on a server the two overlap.
  let writing: Promise<unknown> | undefined;
  for (let i = 0; i < creates.length; i += BATCH) {
    const batch = creates.slice(i, i + BATCH).map(withValues);
    const source = unnestOf([
      { name: "id", type: "uuid", values: batch.map((b) => b.plan.id) },
      ...columnArrays(batch),
    ]);
    const statement = sql`insert into organisations (id, ${columnNames})
      select v.id, ${sql.join(writeColumns.map(fromV), sql`, `)} from ${source}`;
    if (writing) {
      await writing;
      progress(done);
    }
    writing = Promise.resolve(db.execute(statement));
    done += batch.length;
  }
  if (writing) {
    await writing;
    progress(done);
  }

  for (let i = 0; i < updates.length; i += BATCH) {
    const batch = updates.slice(i, i + BATCH).map(withValues);
    const source = unnestOf([
      { name: "id", type: "uuid", values: batch.map((b) => b.plan.id) },
      { name: "version", type: "integer", values: batch.map((b) => b.plan.version) },
      ...columnArrays(batch),
    ]);
    const assignments = writeColumns.map((c) => sql`${sql.identifier(c.column)} = ${fromV(c)}`);
    const result = await db.execute(sql`update organisations as o set ${sql.join(assignments, sql`, `)},
        version = o.version + 1, updated_at = now()
      from ${source}
      where o.id = v.id and o.version = v.version`);
    // Someone changed one of these organisations since the file was checked: nothing is written.
    if (affectedRows(result) !== batch.length) throw new AppError("precondition_failed");
    done += batch.length;
    progress(done);
  }

  // A status change of an organisation that existed. A new organisation's first status is its
  // status at creation (created_at); recording 100,000 "created as member" rows would cost a
  // fifth of a large import's time.
  const changes = plan.filter((p) => p.action === "update" && p.before && p.before.status !== p.after.status);
  for (let i = 0; i < changes.length; i += BATCH) {
    const batch = changes.slice(i, i + BATCH);
    const source = unnestOf([
      { name: "organisation_id", type: "uuid", values: batch.map((p) => p.id) },
      { name: "from_status", type: "text", values: batch.map((p) => p.before?.status ?? null) },
      { name: "to_status", type: "text", values: batch.map((p) => p.after.status) },
    ]);
    await db.execute(sql`insert into organisation_status_changes (organisation_id, from_status, to_status, changed_by, note)
      select v.organisation_id, v.from_status, v.to_status, ${actorUserId(actor)}::uuid, 'import' from ${source}`);
  }
  await rememberSearchWords(db, words);
  if (rebuild) await rebuild();
}

/** An import that creates at least this many rows, and at least as many as the table holds, is a bulk load. */
const BULK_LOAD = 10_000;

/**
 * A bulk load (an import that at least doubles a large directory, such as the first import of a
 * whole country) writes its rows without the secondary indexes and builds them afterwards, in the
 * same transaction: building an index once over all rows costs about half of updating it row by
 * row (the full-text GIN index most of all). The definitions are read from the catalogue
 * (`pg_get_indexdef`), so they are rebuilt exactly as the migrations made them; the primary key and
 * unique indexes stay, as they guard the data. DROP INDEX locks the table, so on a PostgreSQL
 * server other sessions' directory reads wait until the import commits (seconds); an import that
 * adds fewer rows than the directory holds never does this. A failed import rolls the drop back.
 * See docs/decisions/008-bulk-import-indexes.md.
 */
async function setAsideIndexes(db: DbOrTx, creating: number): Promise<(() => Promise<void>) | undefined> {
  if (creating < BULK_LOAD) return undefined;
  const [size] = rowsOf(await db.execute(sql`select count(*)::int as n from organisations`));
  if (Number(size?.n ?? 0) > creating) return undefined;
  const indexes = rowsOf(
    await db.execute(sql`select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
      from pg_index i join pg_class c on c.oid = i.indexrelid
      where i.indrelid = 'organisations'::regclass and not i.indisprimary and not i.indisunique
      order by c.relname`),
  ).map((r) => ({ name: String(r.name), definition: String(r.definition) }));
  for (const index of indexes) await db.execute(sql`drop index ${sql.identifier(index.name)}`);
  return async () => {
    await db.execute(sql`set local maintenance_work_mem = '128MB'`);
    for (const index of indexes) await db.execute(sql.raw(index.definition));
  };
}

function affectedRows(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}

/**
 * After a large import: move the GIN indexes' pending entries into the indexes (searches would
 * otherwise scan them) and refresh the planner's statistics, so the first searches after an import
 * are as fast as later ones. Best effort: the import has already been committed.
 */
async function tidyIndexes(db: DbOrTx): Promise<void> {
  try {
    await db.execute(sql`select gin_clean_pending_list(c.oid) from pg_class c
      where c.relname in ('organisations_search_fts', 'organisations_priorities', 'organisation_search_words_trgm')`);
    await db.execute(sql`analyze organisations`);
  } catch (e) {
    logger.warn("index maintenance after import failed", { error: e instanceof Error ? e.message : String(e) });
  }
}
