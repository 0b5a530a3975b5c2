/**
 * Reading CORDIS exports (pure: no database). Two files, in the column layout of CORDIS's own
 * exports (see `data-seed/cordis-sample/`, copied from the shared data set):
 *
 * - `projects.csv`: one funded project a row: ACRONYM, TITLE, Project id (the CORDIS address),
 *   Project Start Date, Project End Date, Total budget (euro), EU financial contribution (euro),
 *   Funding programme, TOPIC_CODE, Type of Action, coordinator ("Name, Country"), website, … —
 *   other columns are ignored.
 * - `participants.csv`: one organisation a row, with its number of participations over the
 *   exported projects: Legal Name, Participant Identification Code (the PIC, as a portal address),
 *   Participant Type (PUB, HES, REC, PRC, OTH), Country/Territory, CITY, NUTS names. It is NOT
 *   linked to the projects row by row: it tells who took part in the exported projects, not in
 *   which one. The importer uses it to know more of each coordinator (city, type, PIC) and to
 *   report which of its organisations are already in the directory (decision 021).
 *
 * Both are UTF-8 (a byte-order mark is tolerated), `,`-separated with `"` quotes, read by the
 * directory import's CSV reader. Text that went through a Mac Roman round trip on its way
 * (`f√ºr` for `für`, as in the sample) is repaired.
 *
 * Matching an organisation of these files to the directory (`classifyMatch`) has three outcomes:
 * certain (same normalised name and country, or the same official code), uncertain (a similar
 * name in the same country: never taken without a person's decision), none.
 */
import { normalizeText } from "~/text/normalize";
import { MAX_CENTS } from "./contract";
import type { Phase } from "./pipeline";

export type CordisFile = "projects" | "participants";

/** A problem of a file: its row (line), the column as the file names it, a message key. */
export type CordisProblem = {
  file: CordisFile;
  row: number;
  field: string | null;
  key: string;
  values?: Record<string, string | number>;
};

// ---------------------------------------------------------------------------------------------
// Text

const decoder = new TextDecoder("utf-8", { fatal: true });

/** The file's text without its byte-order mark, or the line of the first byte that is not UTF-8. */
export function decodeCsv(input: string | Uint8Array): { text: string } | { badLine: number } {
  if (typeof input === "string") return { text: input.replace(/^\uFEFF/, "") };
  try {
    return { text: decoder.decode(input).replace(/^\uFEFF/, "") };
  } catch {
    const lossy = new TextDecoder("utf-8").decode(input);
    const at = lossy.indexOf("\uFFFD");
    return { badLine: lossy.slice(0, Math.max(at, 0)).split("\n").length };
  }
}

/** Mac Roman's characters for the bytes 0x80–0xFF. */
const MAC_ROMAN =
  "\u00C4\u00C5\u00C7\u00C9\u00D1\u00D6\u00DC\u00E1\u00E0\u00E2\u00E4\u00E3\u00E5\u00E7\u00E9\u00E8\u00EA\u00EB\u00ED\u00EC\u00EE\u00EF\u00F1\u00F3\u00F2\u00F4\u00F6\u00F5\u00FA\u00F9\u00FB\u00FC" +
  "\u2020\u00B0\u00A2\u00A3\u00A7\u2022\u00B6\u00DF\u00AE\u00A9\u2122\u00B4\u00A8\u2260\u00C6\u00D8\u221E\u00B1\u2264\u2265\u00A5\u00B5\u2202\u2211\u220F\u03C0\u222B\u00AA\u00BA\u03A9\u00E6\u00F8" +
  "\u00BF\u00A1\u00AC\u221A\u0192\u2248\u2206\u00AB\u00BB\u2026\u00A0\u00C0\u00C3\u00D5\u0152\u0153\u2013\u2014\u201C\u201D\u2018\u2019\u00F7\u25CA\u00FF\u0178\u2044\u20AC\u2039\u203A\uFB01\uFB02" +
  "\u2021\u00B7\u201A\u201E\u2030\u00C2\u00CA\u00C1\u00CB\u00C8\u00CD\u00CE\u00CF\u00CC\u00D3\u00D4\uF8FF\u00D2\u00DA\u00DB\u00D9\u0131\u02C6\u02DC\u00AF\u02D8\u02D9\u02DA\u00B8\u02DD\u02DB\u02C7";
const macRomanByte = new Map<string, number>([...MAC_ROMAN].map((ch, i) => [ch, 0x80 + i]));
/** A UTF-8 lead byte (0xC2–0xF4) then a continuation byte (0x80–0xBF), as Mac Roman shows them. */
const MOJIBAKE = new RegExp(`[${MAC_ROMAN.slice(0x42, 0x75)}][${MAC_ROMAN.slice(0, 0x40)}]`, "u");

/**
 * Text whose UTF-8 bytes were read as Mac Roman and written again as UTF-8 (`f√ºr`, `‚Äì`), as
 * some exports in the wild are: the original text when the whole string decodes back to valid
 * UTF-8, else the string unchanged (so real text with a `√` in it is left alone).
 */
export function repairMojibake(value: string): string {
  if (!MOJIBAKE.test(value)) return value;
  const bytes: number[] = [];
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else {
      const byte = macRomanByte.get(ch);
      if (byte === undefined) return value;
      bytes.push(byte);
    }
  }
  try {
    return decoder.decode(new Uint8Array(bytes));
  } catch {
    return value;
  }
}

/** A cell's text: repaired, trimmed; CORDIS's `-` for "nothing" is empty. */
export function cellText(cell: string | undefined): string {
  const value = repairMojibake(cell ?? "").trim();
  return value === "-" ? "" : value;
}

// ---------------------------------------------------------------------------------------------
// Values

/**
 * An amount in euro as CORDIS writes it (`3124628.75`, `2050000`, or with a float's noise:
 * `9999358.6299999896`) in integer cents, read from the digits — never through a float. Digits
 * after the cents round half up (`…62.99999` → …63 cents). Empty or `-`: null.
 */
export function parseEuroCents(cell: string): number | null | "invalid" {
  const value = cell.trim();
  if (value === "" || value === "-") return null;
  const m = /^(\d+)(?:\.(\d*))?$/.exec(value);
  if (!m) return "invalid";
  const fraction = m[2] ?? "";
  let cents = BigInt(m[1] ?? "0") * 100n + BigInt(`${fraction}00`.slice(0, 2));
  if (fraction.length > 2 && (fraction[2] ?? "0") >= "5") cents += 1n;
  if (cents > BigInt(MAX_CENTS)) return "invalid";
  return Number(cents);
}

/** A day as YYYY-MM-DD (or DD/MM/YYYY) that exists in the calendar. Empty or `-`: null. */
export function parseDay(cell: string): string | null | "invalid" {
  const value = cell.trim();
  if (value === "" || value === "-") return null;
  let iso: string | undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) iso = value;
  const m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(value);
  if (m) iso = `${m[3]}-${(m[2] ?? "").padStart(2, "0")}-${(m[1] ?? "").padStart(2, "0")}`;
  if (!iso) return "invalid";
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? "invalid" : iso;
}

/**
 * The project's number in CORDIS, from its address (`https://cordis.europa.eu/project/id/101036560`,
 * with or without a language or a trailing slash) or the bare number.
 */
export function cordisProjectNumber(cell: string): string | null {
  const value = cell.trim();
  if (/^\d{4,12}$/.test(value)) return value;
  const m = /^(?:https?:\/\/)?cordis\.europa\.eu\/project\/(?:id|rcn)\/(\d{4,12})(?:[/?#].*)?$/i.exec(value);
  return m?.[1] ?? null;
}

/** The one address Ponte stores for a CORDIS project (re-imports find the project by it). */
export function cordisUrlOf(projectNumber: string): string {
  return `https://cordis.europa.eu/project/id/${projectNumber}`;
}

/** A web site as CORDIS writes it (`www.regilience.eu`) as an address, or null if it is not one. */
export function websiteOf(cell: string): string | null {
  const value = cell.trim();
  if (value === "" || value === "-" || /\s/.test(value)) return null;
  const withScheme = /^https?:\/\//i.test(value) ? value : `https://${value}`;
  try {
    const url = new URL(withScheme);
    return url.hostname.includes(".") && withScheme.length <= 500 ? withScheme : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Countries

/**
 * The countries CORDIS names, in its English spelling (and a few other spellings in use): the EU,
 * the EEA and the countries associated to Horizon Europe, and the other countries met in exports.
 * Any other country is looked up in the English names the runtime knows (Intl.DisplayNames).
 */
const COUNTRIES: Record<string, string> = {
  Austria: "AT",
  Belgium: "BE",
  Bulgaria: "BG",
  Croatia: "HR",
  Cyprus: "CY",
  Czechia: "CZ",
  "Czech Republic": "CZ",
  Denmark: "DK",
  Estonia: "EE",
  Finland: "FI",
  France: "FR",
  Germany: "DE",
  Greece: "GR",
  Hungary: "HU",
  Ireland: "IE",
  Italy: "IT",
  Latvia: "LV",
  Lithuania: "LT",
  Luxembourg: "LU",
  Malta: "MT",
  Netherlands: "NL",
  "The Netherlands": "NL",
  Poland: "PL",
  Portugal: "PT",
  Romania: "RO",
  Slovakia: "SK",
  Slovenia: "SI",
  Spain: "ES",
  Sweden: "SE",
  // EEA and EFTA
  Iceland: "IS",
  Liechtenstein: "LI",
  Norway: "NO",
  Switzerland: "CH",
  // Associated to Horizon Europe
  Albania: "AL",
  Armenia: "AM",
  "Bosnia and Herzegovina": "BA",
  Canada: "CA",
  "Faroe Islands": "FO",
  Georgia: "GE",
  Israel: "IL",
  Kosovo: "XK",
  "Kosovo * UN resolution": "XK",
  Moldova: "MD",
  "Moldova, Republic of": "MD",
  "Republic of Moldova": "MD",
  Montenegro: "ME",
  "New Zealand": "NZ",
  "North Macedonia": "MK",
  "Former Yugoslav Republic of Macedonia": "MK",
  Serbia: "RS",
  "South Korea": "KR",
  "Korea, Republic of": "KR",
  "Republic of Korea": "KR",
  Tunisia: "TN",
  Türkiye: "TR",
  Turkey: "TR",
  Ukraine: "UA",
  "United Kingdom": "GB",
  // Other European states and countries met in exports
  Andorra: "AD",
  Monaco: "MC",
  "San Marino": "SM",
  Morocco: "MA",
  Egypt: "EG",
  Australia: "AU",
  "United States": "US",
  "United States of America": "US",
  "Hong Kong": "HK",
  "Cabo Verde": "CV",
  "Cape Verde": "CV",
};

/** CORDIS's own two-letter codes that differ from ISO 3166. */
const CORDIS_CODES: Record<string, string> = { EL: "GR", UK: "GB" };

let countryIndex: Map<string, string> | undefined;

function countriesByName(): Map<string, string> {
  if (countryIndex) return countryIndex;
  const index = new Map<string, string>();
  try {
    const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        const name = names.of(code);
        if (name && name !== code) index.set(normalizeText(name), code);
      }
    }
  } catch {
    // A runtime without region names: the table below is enough for Europe.
  }
  for (const [name, code] of Object.entries(COUNTRIES)) index.set(normalizeText(name), code);
  countryIndex = index;
  return index;
}

/** The ISO 3166 code of a country as CORDIS names it (`Italy`, `Türkiye`, or a code), else null. */
export function countryCode(value: string): string | null {
  const trimmed = value.trim();
  if (/^[A-Z]{2}$/.test(trimmed)) {
    const code = CORDIS_CODES[trimmed] ?? trimmed;
    return [...countriesByName().values()].includes(code) ? code : null;
  }
  return countriesByName().get(normalizeText(trimmed)) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Programmes, types, phases

/**
 * The network's programme codes for a CORDIS funding programme, in order of preference: the first
 * one the database knows is taken. Horizon 2020 and FP7 have no programme of their own in the
 * seeded list; they go to `horizon_2020` / `fp7` if the secretariat adds one, else to Horizon
 * Europe, the framework programme that continues them. Unknown: empty.
 */
export function programmeCandidates(value: string): readonly string[] {
  const key = normalizeText(value).replace(/ /g, "");
  if (["horizon", "horizoneurope", "he", "horizoneu"].includes(key)) return ["horizon_europe"];
  if (["h2020", "horizon2020"].includes(key)) return ["horizon_2020", "horizon_europe"];
  if (["fp7"].includes(key)) return ["fp7", "horizon_europe"];
  return [];
}

export const participantTypes = ["PUB", "HES", "REC", "PRC", "OTH"] as const;
export type ParticipantType = (typeof participantTypes)[number];

/**
 * The type an outside partner gets from CORDIS's participant type: the directory's own type code
 * where one fits (public body, education, private), else `research` or `other` (decision 021).
 */
export const partnerTypeOf: Record<ParticipantType, string> = {
  PUB: "other_public",
  HES: "education",
  REC: "research",
  PRC: "private",
  OTH: "other",
};

/** A participant type cell: one of the five codes, empty (other), or invalid. */
export function parseParticipantType(cell: string): ParticipantType | "invalid" {
  const value = cell.trim().toUpperCase();
  if (value === "" || value === "-") return "OTH";
  return (participantTypes as readonly string[]).includes(value) ? (value as ParticipantType) : "invalid";
}

/**
 * The phase of a funded project: implementation while it runs, closure once its end date has
 * passed (decision 021). Its funding status is approved in both.
 */
export function phaseOfFunded(endDate: string | null, today: string): Phase {
  return endDate !== null && endDate < today ? "closure" : "implementation";
}

/** "Name, Country" (the name may hold commas itself): the name and the country's name. */
export function splitCoordinator(cell: string): { name: string; countryName: string } | null {
  const value = cell.trim();
  const at = value.lastIndexOf(",");
  if (at <= 0) return null;
  const name = value.slice(0, at).trim();
  const countryName = value.slice(at + 1).trim();
  return name && countryName ? { name, countryName } : null;
}

/** The PIC (9 digits) from a portal address or the bare number. */
export function picOf(cell: string): string | null {
  const m = /(?:^|\/)(\d{9})\/?$/.exec(cell.trim());
  return m?.[1] ?? null;
}

// ---------------------------------------------------------------------------------------------
// The files

export type CordisRecord = { line: number; cells: string[] };

type ColumnSpec<K extends string> = { key: K; names: readonly string[]; required: boolean };

const projectColumns = [
  { key: "acronym", names: ["ACRONYM"], required: true },
  { key: "title", names: ["TITLE"], required: true },
  { key: "projectId", names: ["Project id", "project_id_num"], required: true },
  { key: "startDate", names: ["Project Start Date", "Start Date"], required: true },
  { key: "endDate", names: ["Project End Date", "End Date"], required: true },
  { key: "totalBudget", names: ["Total budget (euro)", "Total budget"], required: true },
  { key: "euContribution", names: ["EU financial contribution (euro)", "EU contribution (euro)"], required: true },
  { key: "programme", names: ["Funding programme"], required: true },
  { key: "topic", names: ["TOPIC_CODE", "Topic code"], required: false },
  { key: "actionType", names: ["Type of Action"], required: false },
  { key: "coordinator", names: ["coordinator"], required: true },
  { key: "website", names: ["website"], required: false },
] as const satisfies readonly ColumnSpec<string>[];

const participantColumns = [
  { key: "name", names: ["Legal Name", "Name"], required: true },
  { key: "pic", names: ["Participant Identification Code", "PIC"], required: false },
  { key: "type", names: ["Participant Type"], required: false },
  { key: "country", names: ["Country/Territory", "Country"], required: true },
  { key: "city", names: ["CITY"], required: false },
  { key: "participations", names: ["Participations"], required: false },
] as const satisfies readonly ColumnSpec<string>[];

export type ProjectColumn = (typeof projectColumns)[number]["key"];
export type ParticipantColumn = (typeof participantColumns)[number]["key"];

const headerKey = (cell: string) =>
  cell
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ");

/**
 * Where each known column is, and the header as the file writes it (errors name it so). The first
 * spelling found wins; unknown columns are ignored (CORDIS exports carry many).
 */
function mapHeader<K extends string>(
  file: CordisFile,
  header: CordisRecord,
  specs: readonly ColumnSpec<K>[],
): { index: Map<K, number>; names: Record<K, string>; problems: CordisProblem[] } {
  const keys = header.cells.map(headerKey);
  const index = new Map<K, number>();
  const names = {} as Record<K, string>;
  const problems: CordisProblem[] = [];
  for (const spec of specs) {
    names[spec.key] = spec.names[0] ?? spec.key;
    for (const name of spec.names) {
      const at = keys.indexOf(headerKey(name));
      if (at >= 0) {
        index.set(spec.key, at);
        names[spec.key] = (header.cells[at] ?? name).replace(/^\uFEFF/, "").trim();
        break;
      }
    }
    if (spec.required && !index.has(spec.key)) {
      problems.push({
        file,
        row: header.line,
        field: names[spec.key],
        key: "errors:import.missingColumn",
        values: { column: names[spec.key] },
      });
    }
  }
  return { index, names, problems };
}

const nonEmpty = (record: CordisRecord) => record.cells.some((c) => c.trim() !== "");

/** A funded project as a row of projects.csv gives it. */
export type CordisProject = {
  row: number;
  cordisNumber: string;
  cordisUrl: string;
  acronym: string;
  title: string;
  startDate: string | null;
  endDate: string | null;
  totalBudgetCents: number | null;
  euContributionCents: number | null;
  /** The programme as CORDIS names it, and the network's codes it may stand for. */
  programme: string;
  programmeCodes: readonly string[];
  callIdentifier: string | null;
  actionType: string | null;
  websiteUrl: string | null;
  coordinator: { name: string; country: string } | null;
};

export type ProjectsFile = {
  rows: CordisProject[];
  /** Data rows (not blank) in the file. */
  total: number;
  columns: Record<ProjectColumn, string>;
  problems: CordisProblem[];
};

const ACRONYM_MAX = 40;
const TITLE_MAX = 300;
const CALL_MAX = 120;

/** Every row of projects.csv checked on its own (the rules that need the database come later). */
export function readProjectsFile(records: readonly CordisRecord[]): ProjectsFile {
  const [header, ...data] = records;
  const empty = {} as Record<ProjectColumn, string>;
  if (!header) {
    return { rows: [], total: 0, columns: empty, problems: [problem("projects", 1, null, "errors:import.emptyFile")] };
  }
  const { index, names, problems } = mapHeader("projects", header, projectColumns);
  const records_ = data.filter(nonEmpty);
  if (problems.length > 0) return { rows: [], total: records_.length, columns: names, problems };
  const cell = (record: CordisRecord, key: ProjectColumn) => {
    const at = index.get(key);
    return at === undefined ? "" : cellText(record.cells[at]);
  };
  const rows: CordisProject[] = [];
  const seen = new Map<string, number>();
  for (const record of records_) {
    const line = record.line;
    const own: CordisProblem[] = [];
    const fail = (key: ProjectColumn, messageKey: string, values?: Record<string, string | number>) =>
      own.push(problem("projects", line, names[key], messageKey, values));

    const acronym = cell(record, "acronym");
    if (acronym === "") fail("acronym", "errors:field.required");
    else if (acronym.length > ACRONYM_MAX) fail("acronym", "errors:field.tooLong", { max: ACRONYM_MAX });
    const title = cell(record, "title");
    if (title === "") fail("title", "errors:field.required");
    else if (title.length > TITLE_MAX) fail("title", "errors:field.tooLong", { max: TITLE_MAX });

    const idCell = cell(record, "projectId");
    const cordisNumber = cordisProjectNumber(idCell);
    if (idCell === "") fail("projectId", "errors:field.required");
    else if (cordisNumber === null) fail("projectId", "projects:import.errors.projectId");
    else if (seen.has(cordisNumber)) {
      fail("projectId", "projects:import.errors.duplicateProject", { row: seen.get(cordisNumber) ?? 0 });
    } else seen.set(cordisNumber, line);

    const startDate = parseDay(cell(record, "startDate"));
    if (startDate === "invalid") fail("startDate", "errors:field.invalidDate");
    const endDate = parseDay(cell(record, "endDate"));
    if (endDate === "invalid") fail("endDate", "errors:field.invalidDate");
    else if (endDate !== null && startDate !== "invalid" && startDate !== null && endDate < startDate) {
      fail("endDate", "projects:errors.endBeforeStart");
    }

    const totalBudget = parseEuroCents(cell(record, "totalBudget"));
    if (totalBudget === "invalid") fail("totalBudget", "projects:import.errors.amount");
    const euContribution = parseEuroCents(cell(record, "euContribution"));
    if (euContribution === "invalid") fail("euContribution", "projects:import.errors.amount");

    const programme = cell(record, "programme");
    const programmeCodes = programmeCandidates(programme);
    if (programme === "") fail("programme", "errors:field.required");
    else if (programmeCodes.length === 0) {
      fail("programme", "projects:import.errors.unknownProgramme", { value: programme });
    }

    const callIdentifier = cell(record, "topic");
    if (callIdentifier.length > CALL_MAX) fail("topic", "errors:field.tooLong", { max: CALL_MAX });

    let coordinator: CordisProject["coordinator"] = null;
    const coordinatorCell = cell(record, "coordinator");
    if (coordinatorCell !== "") {
      const parts = splitCoordinator(coordinatorCell);
      const country = parts ? countryCode(parts.countryName) : null;
      if (!parts) fail("coordinator", "projects:import.errors.coordinator");
      else if (!country) fail("coordinator", "projects:import.errors.unknownCountry", { value: parts.countryName });
      else coordinator = { name: parts.name, country };
    }

    if (own.length > 0 || cordisNumber === null) {
      problems.push(...own);
      continue;
    }
    rows.push({
      row: line,
      cordisNumber,
      cordisUrl: cordisUrlOf(cordisNumber),
      acronym,
      title,
      startDate: startDate as string | null,
      endDate: endDate as string | null,
      totalBudgetCents: totalBudget as number | null,
      euContributionCents: euContribution as number | null,
      programme,
      programmeCodes,
      callIdentifier: callIdentifier || null,
      actionType: cell(record, "actionType") || null,
      websiteUrl: websiteOf(cell(record, "website")),
      coordinator,
    });
  }
  return { rows, total: records_.length, columns: names, problems };
}

/** An organisation of participants.csv. */
export type CordisParticipant = {
  row: number;
  name: string;
  country: string;
  city: string | null;
  type: ParticipantType;
  pic: string | null;
  participations: number | null;
};

export type ParticipantsFile = {
  rows: CordisParticipant[];
  total: number;
  columns: Record<ParticipantColumn, string>;
  problems: CordisProblem[];
};

export function readParticipantsFile(records: readonly CordisRecord[]): ParticipantsFile {
  const [header, ...data] = records;
  const empty = {} as Record<ParticipantColumn, string>;
  if (!header) {
    return {
      rows: [],
      total: 0,
      columns: empty,
      problems: [problem("participants", 1, null, "errors:import.emptyFile")],
    };
  }
  const { index, names, problems } = mapHeader("participants", header, participantColumns);
  const records_ = data.filter(nonEmpty);
  if (problems.length > 0) return { rows: [], total: records_.length, columns: names, problems };
  const cell = (record: CordisRecord, key: ParticipantColumn) => {
    const at = index.get(key);
    return at === undefined ? "" : cellText(record.cells[at]);
  };
  const rows: CordisParticipant[] = [];
  for (const record of records_) {
    const line = record.line;
    const own: CordisProblem[] = [];
    const name = cell(record, "name");
    if (name === "") own.push(problem("participants", line, names.name, "errors:field.required"));
    const countryName = cell(record, "country");
    const country = countryCode(countryName);
    if (countryName === "") own.push(problem("participants", line, names.country, "errors:field.required"));
    else if (!country) {
      own.push(
        problem("participants", line, names.country, "projects:import.errors.unknownCountry", { value: countryName }),
      );
    }
    const typeCell = cell(record, "type");
    const type = parseParticipantType(typeCell);
    if (type === "invalid") {
      own.push(
        problem("participants", line, names.type, "projects:import.errors.participantType", { value: typeCell }),
      );
    }
    const participations = cell(record, "participations");
    if (participations !== "" && !/^\d+$/.test(participations)) {
      own.push(problem("participants", line, names.participations, "errors:field.notInteger"));
    }
    if (own.length > 0 || !country || type === "invalid") {
      problems.push(...own);
      continue;
    }
    rows.push({
      row: line,
      name,
      country,
      city: cell(record, "city") || null,
      type,
      pic: picOf(cell(record, "pic")),
      participations: participations === "" ? null : Number(participations),
    });
  }
  return { rows, total: records_.length, columns: names, problems };
}

function problem(
  file: CordisFile,
  row: number,
  field: string | null,
  key: string,
  values?: Record<string, string | number>,
): CordisProblem {
  return values ? { file, row, field, key, values } : { file, row, field, key };
}

// ---------------------------------------------------------------------------------------------
// Matching organisations to the directory

/**
 * Words that say what kind of body something is, or its legal form, rather than which one it is
 * (normalised, in the network's languages and those CORDIS writes most): left out when two names
 * are compared word by word, so "Comune di Parma" and "Parma Municipality" share all that counts.
 */
const GENERIC_WORDS = new Set(
  [
    // articles, prepositions, conjunctions
    "a al and au aux av da dal de degli dei del dell della delle dello der des di die do dos du e ed el en et for fur",
    "gli het i il in la las le les lo los och of pa per pour para the und van von y zu",
    // municipalities, regions, provinces
    "city citta comune commune municipality municipio municipal ayuntamiento ajuntament concello ville gemeinde",
    "stadt gemeente kommun kommune kunta kaupunki dimos grad opcina mesto miasto gmina region regione regional",
    "regionale regio provincia province county lan landsting comunidad comunitat generalitat diputacion",
    "departement kreis landkreis council",
    // legal forms
    "srl spa sa sl slu sas sarl scarl scrl soc coop onlus ets aps gmbh mbh ag ev eg kg ug bv nv vzw asbl aisbl",
    "ltd limited plc llp inc ab as asa oy oyj ay doo sro kft zrt ae ike epe oe ou sia uab ad ood eood zoo lda",
  ]
    .join(" ")
    .split(" "),
);

/** The words of a normalised name that tell it apart (every word, if all of them are generic). */
export function significantWords(normalizedName: string): string[] {
  const words = normalizedName.split(" ").filter((w) => w.length > 1);
  const significant = words.filter((w) => !GENERIC_WORDS.has(w));
  return [...new Set(significant.length > 0 ? significant : words)];
}

function trigrams(normalized: string): Set<string> {
  const out = new Set<string>();
  for (const word of normalized.split(" ")) {
    if (word === "") continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

/** Trigram similarity of two normalised strings, as PostgreSQL's pg_trgm computes it (0 to 1). */
export function trigramSimilarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

/** Names at least this similar (same country) are uncertain matches. */
export const SIMILAR = 0.5;
/** Candidates shown for an uncertain match. */
export const MAX_CANDIDATES = 5;

export type MatchSubject = { name: string; country: string; city: string | null; officialCode: string | null };
export type DirectoryCandidate = {
  id: string;
  name: string;
  normalizedName: string;
  country: string;
  city: string | null;
  officialCode: string | null;
};
export type MatchOutcome =
  | { level: "certain"; organisation: DirectoryCandidate }
  | { level: "uncertain"; candidates: DirectoryCandidate[] }
  | { level: "none" };

const sameCity = (a: string | null, b: string | null) =>
  a !== null && b !== null && normalizeText(a) !== "" && normalizeText(a) === normalizeText(b);

const sameWords = (a: readonly string[], b: readonly string[]) =>
  a.length > 0 && a.length === b.length && a.every((w) => b.includes(w));

/**
 * How an organisation of a CORDIS file matches the directory's organisations (candidates of any
 * country may be passed; only those of the subject's country count):
 *
 * - certain: the same normalised name ("COMUNE DI PARMA" = "Comune di Parma", "REGIONE EMILIA
 *   ROMAGNA" = "Regione Emilia-Romagna"), or the same official code. Two namesakes are told apart
 *   by the city; if the city does not settle it, the match is uncertain.
 * - uncertain: the same distinctive words ("Parma Municipality" ~ "Comune di Parma"), or a
 *   similar name (trigram similarity ≥ 0.5: "University of Parma" ~ "Università di Parma").
 *   Never taken by itself: a person decides. The candidates in the same city come first.
 * - none.
 */
export function classifyMatch(subject: MatchSubject, candidates: readonly DirectoryCandidate[]): MatchOutcome {
  const name = normalizeText(subject.name);
  const inCountry = candidates.filter((c) => c.country === subject.country);
  const code = subject.officialCode?.trim() || null;
  const exact = inCountry.filter((c) => c.normalizedName === name || (code !== null && c.officialCode === code));
  if (exact.length === 1 && exact[0]) return { level: "certain", organisation: exact[0] };
  if (exact.length > 1) {
    const byCode = code === null ? [] : exact.filter((c) => c.officialCode === code);
    if (byCode.length === 1 && byCode[0]) return { level: "certain", organisation: byCode[0] };
    const here = exact.filter((c) => sameCity(c.city, subject.city));
    if (here.length === 1 && here[0]) return { level: "certain", organisation: here[0] };
    return { level: "uncertain", candidates: exact.slice(0, MAX_CANDIDATES) };
  }
  const words = significantWords(name);
  const similar = inCountry
    .map((c) => ({ c, similarity: trigramSimilarity(name, c.normalizedName) }))
    .filter(({ c, similarity }) => similarity >= SIMILAR || sameWords(words, significantWords(c.normalizedName)))
    .map((s) => ({ ...s, here: sameCity(s.c.city, subject.city) ? 1 : 0 }))
    .sort((a, b) => b.here - a.here || b.similarity - a.similarity || a.c.name.localeCompare(b.c.name));
  if (similar.length > 0) return { level: "uncertain", candidates: similar.slice(0, MAX_CANDIDATES).map((s) => s.c) };
  return { level: "none" };
}

/** The words the database looks candidates up by (full-text, any of them). */
export function candidateQuery(normalizedName: string): string {
  return significantWords(normalizedName).slice(0, 8).join(" | ");
}
