/**
 * Import of funded projects from CORDIS exports (decision 021): `importCordis` is the one
 * implementation behind `POST /api/v1/projects/import`.
 *
 * - Each row of projects.csv is a funded project: created in implementation (closure once its end
 *   date has passed) with its funding approved and the EU contribution as the grant awarded, its
 *   arrival recorded as a transition; its coordinator becomes the lead applicant.
 * - Re-importing never duplicates: a project is found again by its CORDIS number (in `cordis_url`,
 *   whatever the address's form). The fields the import owns (acronym, English title, dates,
 *   amounts, programme, call, website) are updated when the file changes them; the phase is never
 *   moved by an import (moves belong to the pipeline, with their reasons), nor are the other
 *   languages' titles, the summary, priorities or other partners touched.
 * - The coordinator, and every organisation of participants.csv, is matched to the directory
 *   (./cordis.ts `classifyMatch`). A certain match makes the lead a directory organisation; an
 *   uncertain one is never guessed: the lead is an outside partner and the match is listed for
 *   review, until the caller passes a decision for the row. The participants file is not linked to
 *   projects row by row, so its organisations are matched and reported, not made partners.
 * - Secretariat only. All or nothing: every row is checked first; any problem and nothing is
 *   written; a real import runs in one transaction with one audit event; a dry run writes nothing.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "~/audit/audit";
import { type Actor, actorUserId } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import { readRecords } from "~/domains/organisations/import";
import { AppError } from "~/errors/app-error";
import { defaultLanguage, type Language, translator } from "~/i18n/i18n";
import { normalizeText } from "~/text/normalize";
import {
  type CordisFile,
  type CordisParticipant,
  type CordisProblem,
  type CordisProject,
  type CordisRecord,
  candidateQuery,
  classifyMatch,
  type DirectoryCandidate,
  decodeCsv,
  type MatchOutcome,
  type MatchSubject,
  type ParticipantsFile,
  type ProjectColumn,
  partnerTypeOf,
  phaseOfFunded,
  readParticipantsFile,
  readProjectsFile,
} from "./cordis";
import type { CordisDecisions, CordisImportReport } from "./cordis-contract";
import { type PartnerView, type ProjectRow, stateOfRow } from "./dto";
import type { Phase } from "./pipeline";
import { authorize } from "./policy";
import { checkProjectState, type ProjectField, type ProjectState, searchTextOf } from "./rules";
import { projectPartners, projects, projectTransitions } from "./schema";
import { isUuid, loadProjectReference, missingOrganisations, partnerViews } from "./store";

export type CordisImportInput = {
  projectsCsv: string | Uint8Array;
  participantsCsv?: string | Uint8Array | null;
};

export type CordisImportOptions = {
  dryRun: boolean;
  /** The review step: projects.csv row → the coordinator's organisation id, or "external". */
  decisions?: CordisDecisions;
  /** The language of the problem messages. */
  language?: Language;
  /** Today (YYYY-MM-DD), which decides implementation or closure; the server's day by default. */
  today?: string;
};

/** Only the secretariat (and the system: the command line) imports projects. */
export function canImportProjects(actor: Actor): boolean {
  return actor.kind === "system" || (actor.kind === "user" && actor.user.role === "secretariat");
}

/** Problems listed in a report; the rest are counted in one last line. */
const MAX_PROBLEMS = 1000;
/** Projects listed in a report's preview (the counts cover them all). */
const MAX_PREVIEW = 1000;
/** Rows per INSERT. */
const BATCH = 500;
/** Candidates fetched per organisation before they are classified. */
const CANDIDATES = 20;

/** The fields the import owns: set on creation, updated when the file changes them. */
const importedFields = [
  "acronym",
  "title",
  "programmeCode",
  "callIdentifier",
  "startDate",
  "endDate",
  "totalBudgetCents",
  "grantAwardedCents",
  "cordisUrl",
  "websiteUrl",
] as const satisfies readonly ProjectField[];

/** The column of projects.csv a field's problem is reported on. */
const columnOfField: Partial<Record<ProjectField, ProjectColumn>> = {
  acronym: "acronym",
  title: "title",
  programmeCode: "programme",
  actionCode: "programme",
  callIdentifier: "topic",
  startDate: "startDate",
  endDate: "endDate",
  totalBudgetCents: "totalBudget",
  grantAwardedCents: "euContribution",
  cordisUrl: "projectId",
  websiteUrl: "website",
};

type LeadPlan =
  | { kind: "organisation"; organisationId: string; name: string; country: string; match: "certain" | "decided" }
  | {
      kind: "external";
      name: string;
      country: string;
      /** From the participants file; null when it is not given (an outside lead is then created as `other`). */
      organisationType: string | null;
      match: "uncertain" | "none" | "decided";
    };

/** What an update does to the partners so the lead is right (in this order). */
type LeadOp =
  | { op: "delete"; partnerId: string }
  | { op: "demote"; partnerId: string }
  | { op: "promote"; partnerId: string }
  | { op: "setExternal"; partnerId: string; name: string; country: string; organisationType: string }
  | { op: "insert"; lead: LeadPlan };

type Planned = {
  source: CordisProject;
  action: "create" | "update" | "unchanged";
  id: string;
  row: ProjectRow | null;
  after: ProjectState;
  phase: Phase;
  changes: string[];
  lead: LeadPlan | null;
  leadOps: LeadOp[];
};

const rowsOf = (result: unknown): Record<string, unknown>[] =>
  result && typeof result === "object" && "rows" in result && Array.isArray(result.rows)
    ? (result.rows as Record<string, unknown>[])
    : [];

const todayUtc = () => new Date().toISOString().slice(0, 10);

async function readFile(
  file: CordisFile,
  input: string | Uint8Array,
): Promise<{ records: CordisRecord[]; problems: CordisProblem[] }> {
  const decoded = decodeCsv(input);
  if ("badLine" in decoded) {
    return { records: [], problems: [{ file, row: decoded.badLine, field: null, key: "errors:import.notUtf8" }] };
  }
  const { records, malformedLine } = await readRecords(decoded.text);
  const problems: CordisProblem[] =
    malformedLine === undefined ? [] : [{ file, row: malformedLine, field: null, key: "errors:import.malformed" }];
  return { records, problems };
}

const isEmptyInput = (input: string | Uint8Array | null | undefined) =>
  input === null ||
  input === undefined ||
  (typeof input === "string" ? input.trim() === "" : input.every((b) => b === 0x20 || b === 0x0a || b === 0x0d));

/**
 * Imports the projects of a CORDIS export (and matches the organisations of its participants
 * file). Returns the report; a report with errors has written nothing.
 */
export async function importCordis(
  db: DbOrTx,
  actor: Actor,
  input: CordisImportInput,
  options: CordisImportOptions,
): Promise<CordisImportReport> {
  authorize(actor, canImportProjects(actor));
  const t = translator(options.language ?? defaultLanguage);
  const today = options.today ?? todayUtc();
  const problems: CordisProblem[] = [];

  const projectsRead = await readFile("projects", input.projectsCsv);
  problems.push(...projectsRead.problems);
  const projectsFile = readProjectsFile(projectsRead.records);
  problems.push(...projectsFile.problems);
  let participantsFile: ParticipantsFile | null = null;
  if (!isEmptyInput(input.participantsCsv) && input.participantsCsv) {
    const read = await readFile("participants", input.participantsCsv);
    problems.push(...read.problems);
    participantsFile = readParticipantsFile(read.records);
    problems.push(...participantsFile.problems);
  }

  const base = (): CordisImportReport => ({
    dryRun: options.dryRun,
    applied: false,
    rows: projectsFile.total,
    created: 0,
    updated: 0,
    unchanged: 0,
    projects: [],
    participants: null,
    matched: [],
    uncertain: [],
    errors: [],
  });
  const withErrors = (report: CordisImportReport, list: CordisProblem[]): CordisImportReport => {
    const order = (p: CordisProblem) => (p.file === "projects" ? 0 : 1);
    const sorted = [...list].sort((a, b) => order(a) - order(b) || a.row - b.row);
    const errors = sorted.slice(0, MAX_PROBLEMS).map((p) => ({
      file: p.file,
      row: p.row,
      field: p.field,
      message: t(p.key, p.values ?? {}),
    }));
    if (sorted.length > MAX_PROBLEMS) {
      const last = sorted[MAX_PROBLEMS];
      errors.push({
        file: last?.file ?? "projects",
        row: last?.row ?? 1,
        field: null,
        message: t("errors:import.moreProblems", { count: sorted.length - MAX_PROBLEMS }),
      });
    }
    return { ...report, errors };
  };

  // A file that cannot be read, or lacks a column, stops here.
  if (problems.some((p) => p.field === null || p.row === 1)) return withErrors(base(), problems);

  const decisions = new Map<number, string>();
  const rowsByLine = new Map(projectsFile.rows.map((r) => [r.row, r]));
  for (const [key, value] of Object.entries(options.decisions ?? {})) {
    const row = Number(key);
    const project = rowsByLine.get(row);
    if (!Number.isInteger(row) || !project) {
      problems.push({
        file: "projects",
        row: Number.isInteger(row) ? row : 0,
        field: "decisions",
        key: "projects:import.errors.decisionRow",
        values: { row: key },
      });
    } else if (!project.coordinator) {
      problems.push({ file: "projects", row, field: "decisions", key: "projects:import.errors.decisionNoCoordinator" });
    } else if (value !== "external" && !isUuid(value)) {
      problems.push({ file: "projects", row, field: "decisions", key: "projects:errors.unknownOrganisation" });
    } else decisions.set(row, value);
  }

  const run = async (tx: DbOrTx): Promise<CordisImportReport> => {
    const reference = await loadProjectReference(tx);

    // 1. The organisations: the coordinators (known better through the participants file) and
    //    the participants, matched to the directory in one query.
    const participantsByName = new Map<string, CordisParticipant>();
    for (const p of participantsFile?.rows ?? []) {
      const key = `${p.country}|${normalizeText(p.name)}`;
      if (!participantsByName.has(key)) participantsByName.set(key, p);
    }
    const coordinatorInfo = (project: CordisProject) => {
      const c = project.coordinator;
      return c ? participantsByName.get(`${c.country}|${normalizeText(c.name)}`) : undefined;
    };
    const subjects: MatchSubject[] = [];
    const coordinatorSubject = new Map<number, number>();
    for (const project of projectsFile.rows) {
      if (!project.coordinator) continue;
      const info = coordinatorInfo(project);
      coordinatorSubject.set(project.row, subjects.length);
      subjects.push({ ...project.coordinator, city: info?.city ?? null, officialCode: info?.pic ?? null });
    }
    const participantSubject = new Map<number, number>();
    for (const p of participantsFile?.rows ?? []) {
      participantSubject.set(p.row, subjects.length);
      subjects.push({ name: p.name, country: p.country, city: p.city, officialCode: p.pic });
    }
    const outcomes = await matchAll(tx, subjects);

    // 2. The decisions name organisations of the directory.
    const decided = [...decisions.values()].filter((v) => v !== "external");
    const missing = await missingOrganisations(tx, decided);
    const decidedNames = await organisationNames(
      tx,
      decided.filter((id) => !missing.has(id)),
    );
    for (const [row, value] of decisions) {
      if (missing.has(value)) {
        problems.push({ file: "projects", row, field: "decisions", key: "projects:errors.unknownOrganisation" });
      }
    }

    // 3. The projects already in Ponte, by their CORDIS number.
    const existing = await existingProjects(
      tx,
      projectsFile.rows.map((r) => r.cordisNumber),
    );
    const partners = await partnerViews(
      tx,
      [...existing.values()].flatMap((list) => list.map((r) => r.id)),
    );
    const partnersOf = new Map<string, PartnerView[]>();
    for (const p of partners) partnersOf.set(p.projectId, [...(partnersOf.get(p.projectId) ?? []), p]);

    // 4. Plan every row; check it with the same rules as the forms.
    const plan: Planned[] = [];
    const matched: CordisImportReport["matched"] = [];
    const uncertain: CordisImportReport["uncertain"] = [];
    for (const source of projectsFile.rows) {
      const column = (field: ProjectField) => {
        const key = columnOfField[field];
        return key ? projectsFile.columns[key] : field;
      };
      const programmeCode = source.programmeCodes.find((code) => reference.programmes.has(code));
      if (!programmeCode) {
        problems.push({
          file: "projects",
          row: source.row,
          field: projectsFile.columns.programme,
          key: "projects:import.errors.programmeNotSeeded",
          values: { value: source.programme, codes: source.programmeCodes.join(", ") },
        });
        continue;
      }
      const found = existing.get(source.cordisNumber) ?? [];
      if (found.length > 1) {
        problems.push({
          file: "projects",
          row: source.row,
          field: projectsFile.columns.projectId,
          key: "projects:import.errors.severalProjects",
          values: { acronyms: found.map((f) => f.acronym).join(", ") },
        });
        continue;
      }
      const current = found[0] ?? null;

      // The lead applicant.
      let lead: LeadPlan | null = null;
      const subjectIndex = coordinatorSubject.get(source.row);
      const coordinator = source.coordinator;
      if (coordinator && subjectIndex !== undefined) {
        const outcome: MatchOutcome = outcomes[subjectIndex] ?? { level: "none" };
        const decision = decisions.get(source.row);
        const external = (match: "uncertain" | "none" | "decided"): LeadPlan => ({
          kind: "external",
          name: coordinator.name,
          country: coordinator.country,
          organisationType: participantsFile ? partnerTypeOf[coordinatorInfo(source)?.type ?? "OTH"] : null,
          match,
        });
        if (decision === "external") lead = external("decided");
        else if (decision !== undefined) {
          const org = decidedNames.get(decision);
          lead = org ? { kind: "organisation", organisationId: decision, ...org, match: "decided" } : null;
        } else if (outcome.level === "certain") {
          const org = outcome.organisation;
          lead = {
            kind: "organisation",
            organisationId: org.id,
            name: org.name,
            country: org.country,
            match: "certain",
          };
          matched.push({
            file: "projects",
            row: source.row,
            name: coordinator.name,
            country: coordinator.country,
            organisationId: org.id,
            organisationName: org.name,
          });
        } else if (outcome.level === "uncertain") {
          lead = external("uncertain");
          uncertain.push(uncertainEntry("projects", source.row, subjects[subjectIndex], outcome));
        } else lead = external("none");
      }

      const before = current ? stateOfRow(current) : null;
      const after: ProjectState = {
        ...(before ?? emptyState()),
        acronym: source.acronym,
        title: { ...(before?.title ?? {}), en: source.title },
        programmeCode,
        // An action of another programme would no longer fit; CORDIS's types of action are not the network's actions.
        actionCode: before?.programmeCode === programmeCode ? before.actionCode : null,
        callIdentifier: source.callIdentifier,
        startDate: source.startDate,
        endDate: source.endDate,
        totalBudgetCents: source.totalBudgetCents,
        grantAwardedCents: source.euContributionCents,
        cordisUrl: source.cordisUrl,
        websiteUrl: source.websiteUrl ?? before?.websiteUrl ?? null,
      };
      const changedFields = before
        ? ([...importedFields, "actionCode"] as ProjectField[]).filter(
            (f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]),
          )
        : null;
      const ruleProblems = checkProjectState(reference, after, changedFields ? new Set(changedFields) : "all");
      for (const [field, p] of Object.entries(ruleProblems)) {
        problems.push({
          file: "projects",
          row: source.row,
          field: column(field as ProjectField),
          key: p.key,
          ...(p.values ? { values: p.values } : {}),
        });
      }
      if (Object.keys(ruleProblems).length > 0) continue;

      const leadOps = current
        ? leadChanges(partnersOf.get(current.id) ?? [], lead)
        : lead
          ? [{ op: "insert" as const, lead }]
          : [];
      const changes = [...(changedFields ?? []), ...(current && leadOps.length > 0 ? ["lead"] : [])];
      plan.push({
        source,
        action: !current ? "create" : changes.length > 0 ? "update" : "unchanged",
        id: current?.id ?? randomUUID(),
        row: current,
        after,
        phase: current ? (current.phase as Phase) : phaseOfFunded(source.endDate, today),
        changes: current ? changes : [],
        lead,
        leadOps,
      });
    }

    // The participants file: matched and reported.
    let participantCounts: CordisImportReport["participants"] = null;
    if (participantsFile) {
      participantCounts = { rows: participantsFile.total, certain: 0, uncertain: 0, none: 0 };
      for (const p of participantsFile.rows) {
        const index = participantSubject.get(p.row);
        const outcome = (index === undefined ? undefined : outcomes[index]) ?? { level: "none" as const };
        participantCounts[outcome.level] += 1;
        if (outcome.level === "certain") {
          matched.push({
            file: "participants",
            row: p.row,
            name: p.name,
            country: p.country,
            organisationId: outcome.organisation.id,
            organisationName: outcome.organisation.name,
          });
        } else if (outcome.level === "uncertain") {
          uncertain.push(uncertainEntry("participants", p.row, subjects[index ?? -1], outcome));
        }
      }
    }

    const created = plan.filter((p) => p.action === "create");
    const updated = plan.filter((p) => p.action === "update");
    const report: CordisImportReport = {
      ...base(),
      created: created.length,
      updated: updated.length,
      unchanged: plan.length - created.length - updated.length,
      projects: plan.slice(0, MAX_PREVIEW).map((p) => ({
        row: p.source.row,
        acronym: p.after.acronym,
        cordisUrl: p.source.cordisUrl,
        action: p.action,
        projectId: p.action === "create" && options.dryRun ? null : p.id,
        changes: p.changes,
        phase: p.phase,
        lead: p.lead
          ? {
              kind: p.lead.kind,
              organisationId: p.lead.kind === "organisation" ? p.lead.organisationId : null,
              name: p.lead.name,
              country: p.lead.country,
              match: p.lead.match,
            }
          : null,
      })),
      participants: participantCounts,
      matched,
      uncertain,
    };
    if (problems.length > 0) return withErrors(report, problems);
    if (options.dryRun) return report;

    await writePlan(tx, actor, plan);
    await recordAudit(tx, actor, {
      action: "project.import",
      entityType: "project",
      entityId: null,
      after: {
        source: "cordis",
        rows: report.rows,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        participants: participantCounts,
        updates: updated.slice(0, MAX_PREVIEW).map((p) => ({ id: p.id, acronym: p.after.acronym, changes: p.changes })),
      },
    });
    return { ...report, applied: true };
  };

  if (options.dryRun) return run(db);
  return db.transaction(run);
}

function uncertainEntry(
  file: CordisFile,
  row: number,
  subject: MatchSubject | undefined,
  outcome: Extract<MatchOutcome, { level: "uncertain" }>,
): CordisImportReport["uncertain"][number] {
  return {
    file,
    row,
    name: subject?.name ?? "",
    country: subject?.country ?? "",
    city: subject?.city ?? null,
    candidates: outcome.candidates.map((c) => ({ organisationId: c.id, name: c.name, city: c.city })),
  };
}

function emptyState(): ProjectState {
  return {
    acronym: "",
    title: {},
    summary: {},
    priorities: [],
    programmeCode: null,
    actionCode: null,
    callIdentifier: null,
    deadline: null,
    submittedOn: null,
    initiatorOrganisationId: null,
    totalBudgetCents: null,
    grantRequestedCents: null,
    grantAwardedCents: null,
    grantPaidCents: null,
    participantsPlanned: null,
    participantsActual: null,
    startDate: null,
    endDate: null,
    cordisUrl: null,
    erasmusPlusUrl: null,
    keepEuUrl: null,
    websiteUrl: null,
    internal: false,
  };
}

/**
 * What to do with an existing project's partners so its lead is the planned one. A lead that a
 * person set to a directory organisation (or the network) is kept unless the import is certain of
 * another organisation or a decision says otherwise: an uncertain or unknown coordinator never
 * replaces it. The lead replaced by an organisation stays as a partner, unless it was an outside one.
 */
function leadChanges(partners: readonly PartnerView[], lead: LeadPlan | null): LeadOp[] {
  if (!lead) return [];
  const current = partners.find((p) => p.role === "lead");
  if (lead.kind === "external") {
    if (current && current.kind !== "external" && lead.match !== "decided") return [];
    if (current?.kind === "external") {
      const same =
        normalizeText(current.name ?? "") === normalizeText(lead.name) &&
        current.country === lead.country &&
        (lead.organisationType === null || current.organisationType === lead.organisationType);
      if (same) return [];
      return [
        {
          op: "setExternal",
          partnerId: current.id,
          name: lead.name,
          country: lead.country,
          organisationType: lead.organisationType ?? current.organisationType ?? partnerTypeOf.OTH,
        },
      ];
    }
    return [...(current ? [{ op: "demote" as const, partnerId: current.id }] : []), { op: "insert", lead }];
  }
  if (current?.kind === "organisation" && current.organisationId === lead.organisationId) return [];
  const ops: LeadOp[] = [];
  if (current) ops.push({ op: current.kind === "external" ? "delete" : "demote", partnerId: current.id });
  const already = partners.find((p) => p.kind === "organisation" && p.organisationId === lead.organisationId);
  ops.push(already ? { op: "promote", partnerId: already.id } : { op: "insert", lead });
  return ops;
}

/** Each organisation's outcome against the directory, in the order given. */
async function matchAll(db: DbOrTx, subjects: readonly MatchSubject[]): Promise<MatchOutcome[]> {
  if (subjects.length === 0) return [];
  // The same organisation (country, name, code) is looked up once.
  const keys = new Map<string, number>();
  const unique: { country: string; name: string; q: string; code: string | null }[] = [];
  const keyOf = subjects.map((s) => {
    const name = normalizeText(s.name);
    const key = `${s.country}|${name}|${s.officialCode ?? ""}`;
    let at = keys.get(key);
    if (at === undefined) {
      at = unique.length;
      keys.set(key, at);
      unique.push({ country: s.country, name, q: candidateQuery(name), code: s.officialCode });
    }
    return at;
  });
  const result = await db.execute(sql`select v.i, c.id, c.name, c.normalized_name, c.country, c.city, c.official_code
    from unnest(${sql.param(unique.map((_, i) => i))}::int[], ${sql.param(unique.map((u) => u.country))}::text[],
      ${sql.param(unique.map((u) => u.name))}::text[], ${sql.param(unique.map((u) => u.q))}::text[],
      ${sql.param(unique.map((u) => u.code))}::text[]) as v(i, country, name, q, code)
    cross join lateral (
      select o.id, o.name, o.normalized_name, o.country, o.city, o.official_code
      from organisations o
      where o.country = v.country
        and (o.normalized_name = v.name
          or (v.code is not null and o.official_code = v.code)
          or (v.q <> '' and to_tsvector('simple', o.search_text) @@ to_tsquery('simple', v.q)))
      order by (o.normalized_name = v.name) desc, similarity(o.normalized_name, v.name) desc, o.id
      limit ${CANDIDATES}
    ) c`);
  const candidates = new Map<number, DirectoryCandidate[]>();
  for (const r of rowsOf(result)) {
    const i = Number(r.i);
    const list = candidates.get(i) ?? [];
    list.push({
      id: String(r.id),
      name: String(r.name),
      normalizedName: String(r.normalized_name),
      country: String(r.country),
      city: r.city === null || r.city === undefined ? null : String(r.city),
      officialCode: r.official_code === null || r.official_code === undefined ? null : String(r.official_code),
    });
    candidates.set(i, list);
  }
  const outcomes = unique.map((_, i) => candidates.get(i) ?? []);
  return subjects.map((subject, i) => classifyMatch(subject, outcomes[keyOf[i] ?? -1] ?? []));
}

async function organisationNames(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, { name: string; country: string }>> {
  if (ids.length === 0) return new Map();
  const result = await db.execute(
    sql`select id, name, country from organisations where id = any(${sql.param([...new Set(ids)])}::uuid[])`,
  );
  return new Map(rowsOf(result).map((r) => [String(r.id), { name: String(r.name), country: String(r.country) }]));
}

/** The projects whose CORDIS address (in any of its forms) names one of these numbers, by number. */
async function existingProjects(db: DbOrTx, numbers: readonly string[]): Promise<Map<string, ProjectRow[]>> {
  const byNumber = new Map<string, ProjectRow[]>();
  if (numbers.length === 0) return byNumber;
  const numberOf = sql<string>`substring(${projects.cordisUrl} from ${"cordis\\.europa\\.eu/project/(?:id|rcn)/([0-9]+)"})`;
  const found = await db
    .select({ row: projects, number: numberOf })
    .from(projects)
    .where(sql`${projects.cordisUrl} is not null and ${numberOf} = any(${sql.param([...numbers])}::text[])`);
  for (const { row, number } of found) byNumber.set(number, [...(byNumber.get(number) ?? []), row]);
  return byNumber;
}

const actorName = (actor: Actor) =>
  actor.kind === "user" ? actor.user.name : actor.kind === "system" ? `system:${actor.label}` : "anonymous";

function leadValues(projectId: string, lead: LeadPlan) {
  return lead.kind === "organisation"
    ? {
        projectId,
        kind: "organisation",
        organisationId: lead.organisationId,
        name: null,
        country: null,
        organisationType: null,
        role: "lead",
      }
    : {
        projectId,
        kind: "external",
        organisationId: null,
        name: lead.name,
        country: lead.country,
        organisationType: lead.organisationType ?? partnerTypeOf.OTH,
        role: "lead",
      };
}

/** Writes the plan in the caller's transaction: new projects in batches, then each update. */
async function writePlan(db: DbOrTx, actor: Actor, plan: readonly Planned[]): Promise<void> {
  const creates = plan.filter((p) => p.action === "create");
  for (let i = 0; i < creates.length; i += BATCH) {
    const batch = creates.slice(i, i + BATCH);
    await db.insert(projects).values(
      batch.map((p) => ({
        id: p.id,
        ideaId: p.id,
        ...p.after,
        phase: p.phase,
        fundingStatus: "approved",
        searchText: searchTextOf(p.after),
      })),
    );
    const leads = batch.flatMap((p) => (p.lead ? [leadValues(p.id, p.lead)] : []));
    if (leads.length > 0) await db.insert(projectPartners).values(leads);
    await db.insert(projectTransitions).values(
      batch.map((p) => ({
        projectId: p.id,
        fromPhase: null,
        toPhase: p.phase,
        fromFundingStatus: null,
        toFundingStatus: "approved",
        reason: null,
        actorUserId: actorUserId(actor),
        actorName: actorName(actor),
      })),
    );
  }

  for (const p of plan) {
    if (p.action !== "update" || !p.row) continue;
    for (const op of p.leadOps) {
      if (op.op === "delete") await db.delete(projectPartners).where(eq(projectPartners.id, op.partnerId));
      else if (op.op === "demote" || op.op === "promote") {
        await db
          .update(projectPartners)
          .set({ role: op.op === "demote" ? "partner" : "lead", updatedAt: new Date() })
          .where(eq(projectPartners.id, op.partnerId));
      } else if (op.op === "setExternal") {
        await db
          .update(projectPartners)
          .set({ name: op.name, country: op.country, organisationType: op.organisationType, updatedAt: new Date() })
          .where(eq(projectPartners.id, op.partnerId));
      } else await db.insert(projectPartners).values(leadValues(p.id, op.lead));
    }
    const updated = await db
      .update(projects)
      .set({
        ...p.after,
        searchText: searchTextOf(p.after),
        version: sql`${projects.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(projects.id, p.id), eq(projects.version, p.row.version)))
      .returning({ id: projects.id });
    // Someone changed the project since the file was checked: nothing is written.
    if (updated.length !== 1) throw new AppError("precondition_failed");
  }
}
