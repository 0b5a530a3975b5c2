/**
 * Project use cases: list, read, create, change. Every function validates its input, authorizes
 * with ./policy, writes its audit entry in the same transaction, and returns DTOs (never rows).
 * Moves between phases and resubmissions are in ./transitions.ts, partners in ./partners.ts.
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import { recordAudit } from "~/audit/audit";
import type { Actor } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import { AppError, type FieldProblem } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import {
  type ParsedPartnerInput,
  type Project,
  type ProjectDetail,
  ProjectInput,
  ProjectPatch,
  ProjectQuery,
} from "./contract";
import { type ProjectRow, stateOfRow, toPartner, toSubmission } from "./dto";
import { canBeResubmitted, type FundingStatus, type Phase } from "./pipeline";
import {
  abilities,
  authorize,
  canCreateProject,
  canEditProject,
  forbiddenFields,
  forbiddenFieldsError,
  memberOrganisation,
  readScope,
} from "./policy";
import {
  checkInitialState,
  checkPartner,
  checkProjectState,
  type ProjectField,
  type ProjectState,
  projectFields,
  searchTextOf,
} from "./rules";
import { projectPartners, projects } from "./schema";
import {
  isUniqueViolation,
  type LoadedProject,
  loadProjectReference,
  missingOrganisations,
  networkName,
  presentProjects,
  recordTransition,
  visibleProject,
} from "./store";

export function validationError(fields: Record<string, FieldProblem>): AppError {
  return new AppError("validation", "errors:validation", fields);
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Validates a list query (a query string's values or a parsed object). */
export function parseProjectQuery(query: Record<string, unknown>): ProjectQuery {
  return parseInput(ProjectQuery, query);
}

const partnerOf = (organisationId: string): SQL =>
  sql`exists (select 1 from ${projectPartners} where ${projectPartners.projectId} = ${projects.id} and ${projectPartners.organisationId} = ${organisationId})`;

/** The organisation took part in the project: initiated it, leads it or is a partner. */
const takesPartSql = (organisationId: string): SQL =>
  or(eq(projects.initiatorOrganisationId, organisationId), partnerOf(organisationId)) as SQL;

/** A query word may contain LIKE's wildcards: they are matched as themselves. */
const likeEscape = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One page of the projects the actor may read, filtered. Raw query input (strings from a query
 * string or a parsed object) is validated here.
 */
export async function listProjects(
  db: DbOrTx,
  actor: Actor,
  rawQuery: Record<string, unknown>,
): Promise<{ items: Project[]; total: number; page: number; pageSize: number; query: ProjectQuery }> {
  const scope = readScope(actor);
  authorize(actor, scope.kind !== "none");
  const query = parseProjectQuery(rawQuery);
  const conditions: (SQL | undefined)[] = [];
  if (scope.kind === "organisation") {
    const own = scope.organisationId ? takesPartSql(scope.organisationId) : undefined;
    conditions.push(scope.alsoOpen ? or(eq(projects.internal, false), own) : (own ?? sql`false`));
  }
  if (query.phase?.length) conditions.push(inArray(projects.phase, query.phase));
  if (query.fundingStatus?.length) conditions.push(inArray(projects.fundingStatus, query.fundingStatus));
  if (query.programme?.length) conditions.push(inArray(projects.programmeCode, query.programme));
  if (query.priority?.length) {
    conditions.push(sql`${projects.priorities} && ${sql.param(query.priority)}::text[]`);
  }
  if (query.member) conditions.push(takesPartSql(query.member));
  if (query.year !== undefined) {
    conditions.push(
      sql`coalesce(${projects.deadline}, ${projects.submittedOn}) between ${`${query.year}-01-01`}::date and ${`${query.year}-12-31`}::date`,
    );
  }
  if (query.idea) conditions.push(eq(projects.ideaId, query.idea));
  for (const word of searchTextOf({ acronym: query.q ?? "", title: {}, callIdentifier: null })
    .split(" ")
    .filter(Boolean)) {
    conditions.push(sql`${projects.searchText} like ${`%${likeEscape(word)}%`}`);
  }
  const where = and(...conditions);
  const order = {
    "-created": [desc(projects.createdAt), desc(projects.id)],
    acronym: [asc(projects.acronym), asc(projects.id)],
    deadline: [sql`${projects.deadline} asc nulls last`, asc(projects.id)],
    "-deadline": [sql`${projects.deadline} desc nulls last`, asc(projects.id)],
  }[query.sort ?? "-created"];
  const [rows, [counted]] = await Promise.all([
    db
      .select()
      .from(projects)
      .where(where)
      .orderBy(...order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(projects)
      .where(where),
  ]);
  return {
    items: await presentProjects(db, rows),
    total: counted?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    query,
  };
}

/** A project's full view for an actor who may read it. */
async function detailOf(db: DbOrTx, actor: Actor, loaded: LoadedProject): Promise<ProjectDetail> {
  const { row, partners, ref } = loaded;
  const [project] = await presentProjects(db, [row]);
  if (!project) throw new AppError("internal");
  const network = partners.some((p) => p.kind === "network") ? await networkName(db) : null;
  const submissions = await db
    .select()
    .from(projects)
    .where(eq(projects.ideaId, row.ideaId))
    .orderBy(asc(projects.submissionNumber), asc(projects.createdAt));
  const can = abilities(actor, ref);
  return {
    ...project,
    partners: partners.map((p) => toPartner(p, network)),
    submissions: submissions.map(toSubmission),
    can: {
      ...can,
      resubmit:
        can.resubmit &&
        canBeResubmitted({ fundingStatus: row.fundingStatus as FundingStatus | null }) &&
        !submissions.some((s) => s.resubmissionOf === row.id),
    },
  };
}

export async function getProject(db: DbOrTx, actor: Actor, id: string): Promise<ProjectDetail> {
  return detailOf(db, actor, await visibleProject(db, actor, id));
}

// ---------------------------------------------------------------------------------------------
// Creating

export const PARTNER_CONSTRAINTS = [
  "project_partners_organisation_unique",
  "project_partners_network_unique",
  "project_partners_lead_unique",
] as const;

/** 409 naming the field of a partner that clashes with one already in the project. */
export function partnerConflict(constraint: string, path = ""): AppError {
  const field =
    constraint === "project_partners_lead_unique"
      ? { [`${path}role`]: { key: "projects:errors.oneLead" } }
      : constraint === "project_partners_network_unique"
        ? { [`${path}kind`]: { key: "projects:errors.networkTwice" } }
        : { [`${path}organisationId`]: { key: "projects:errors.duplicatePartner" } };
  return new AppError("conflict", "errors:conflict", field);
}

/** Problems among a list of partners: each one's fields, unknown organisations, duplicates, two leads. */
export async function checkPartners(
  db: DbOrTx,
  partners: readonly ParsedPartnerInput[],
  existing: readonly { kind: string; organisationId: string | null; role: string }[] = [],
  prefix = (i: number) => `partners.${i}.`,
): Promise<Record<string, FieldProblem>> {
  const problems: Record<string, FieldProblem> = {};
  const missing = await missingOrganisations(
    db,
    partners.flatMap((p) => (p.kind === "organisation" && p.organisationId ? [p.organisationId] : [])),
  );
  const seen = [...existing];
  partners.forEach((partner, i) => {
    const path = prefix(i);
    Object.assign(problems, checkPartner(partner, path));
    if (partner.kind === "organisation" && partner.organisationId) {
      if (missing.has(partner.organisationId)) {
        problems[`${path}organisationId`] = { key: "projects:errors.unknownOrganisation" };
      } else if (seen.some((s) => s.organisationId === partner.organisationId)) {
        problems[`${path}organisationId`] = { key: "projects:errors.duplicatePartner" };
      }
    }
    if (partner.kind === "network" && seen.some((s) => s.kind === "network")) {
      problems[`${path}kind`] = { key: "projects:errors.networkTwice" };
    }
    if (partner.role === "lead" && seen.some((s) => s.role === "lead")) {
      problems[`${path}role`] = { key: "projects:errors.oneLead" };
    }
    seen.push({ kind: partner.kind, organisationId: partner.organisationId ?? null, role: partner.role });
  });
  return problems;
}

/** A partner's row values from its validated input. */
export function partnerValues(projectId: string, partner: ParsedPartnerInput) {
  return {
    projectId,
    kind: partner.kind,
    organisationId: partner.kind === "organisation" ? (partner.organisationId ?? null) : null,
    name: partner.kind === "external" ? (partner.name ?? null) : null,
    country: partner.kind === "external" ? (partner.country ?? null) : null,
    organisationType: partner.kind === "external" ? (partner.organisationType ?? null) : null,
    role: partner.role,
    budgetShareCents: partner.budgetShareCents ?? null,
  };
}

/** The input fields a member contact may not set on a new idea. */
const memberCreateFields = new Set<string>([
  "acronym",
  "title",
  "summary",
  "priorities",
  "programmeCode",
  "actionCode",
  "callIdentifier",
  "deadline",
  "totalBudgetCents",
  "grantRequestedCents",
  "participantsPlanned",
  "startDate",
  "endDate",
  "websiteUrl",
  "initiatorOrganisationId",
  "phase",
  "partners",
]);

/**
 * A member contact's idea: in identification, for their organisation, which leads it unless the
 * partners name it otherwise (and only their own organisation may lead). Throws 403 naming the
 * fields they may not set.
 */
function asMemberIdea(
  actor: Actor,
  raw: Record<string, unknown>,
  data: ReturnType<typeof ProjectInput.parse>,
): ReturnType<typeof ProjectInput.parse> {
  const own = memberOrganisation(actor);
  if (own === null) return data;
  const notAllowed = Object.keys(raw).filter((k) => raw[k] !== undefined && !memberCreateFields.has(k));
  if (notAllowed.length > 0) throw forbiddenFieldsError(notAllowed);
  if (data.phase !== undefined && data.phase !== "identification") {
    throw forbiddenFieldsError(["phase"], "projects:errors.ideasOnly");
  }
  if (data.initiatorOrganisationId && data.initiatorOrganisationId !== own) {
    throw forbiddenFieldsError(["initiatorOrganisationId"], "projects:errors.ownOrganisationOnly");
  }
  const partners = data.partners ?? [];
  const otherLead = partners.findIndex(
    (p) => p.role === "lead" && !(p.kind === "organisation" && p.organisationId === own),
  );
  if (otherLead >= 0) throw forbiddenFieldsError([`partners.${otherLead}.role`], "projects:errors.ownOrganisationOnly");
  const hasLead = partners.some((p) => p.role === "lead");
  const ownListed = partners.some((p) => p.kind === "organisation" && p.organisationId === own);
  const withOwnLead = hasLead
    ? partners
    : ownListed
      ? partners.map((p) =>
          p.kind === "organisation" && p.organisationId === own ? { ...p, role: "lead" as const } : p,
        )
      : [{ kind: "organisation" as const, organisationId: own, role: "lead" as const }, ...partners];
  return { ...data, phase: "identification", initiatorOrganisationId: own, partners: withOwnLead };
}

function initialState(data: ReturnType<typeof ProjectInput.parse>): ProjectState {
  return {
    acronym: data.acronym,
    title: data.title,
    summary: data.summary ?? {},
    priorities: [...new Set(data.priorities ?? [])],
    programmeCode: data.programmeCode ?? null,
    actionCode: data.actionCode ?? null,
    callIdentifier: data.callIdentifier ?? null,
    deadline: data.deadline ?? null,
    submittedOn: data.submittedOn ?? null,
    initiatorOrganisationId: data.initiatorOrganisationId ?? null,
    totalBudgetCents: data.totalBudgetCents ?? null,
    grantRequestedCents: data.grantRequestedCents ?? null,
    grantAwardedCents: data.grantAwardedCents ?? null,
    grantPaidCents: data.grantPaidCents ?? null,
    participantsPlanned: data.participantsPlanned ?? null,
    participantsActual: data.participantsActual ?? null,
    startDate: data.startDate ?? null,
    endDate: data.endDate ?? null,
    cordisUrl: data.cordisUrl ?? null,
    erasmusPlusUrl: data.erasmusPlusUrl ?? null,
    keepEuUrl: data.keepEuUrl ?? null,
    websiteUrl: data.websiteUrl ?? null,
    internal: data.internal ?? false,
  };
}

/** Checks an initiator organisation exists. */
async function initiatorProblems(db: DbOrTx, initiator: string | null): Promise<Record<string, FieldProblem>> {
  if (!initiator) return {};
  const missing = await missingOrganisations(db, [initiator]);
  return missing.size > 0 ? { initiatorOrganisationId: { key: "projects:errors.unknownOrganisation" } } : {};
}

/**
 * Creates a project (the first submission of a new idea) with its partners, and records its arrival
 * in its first phase. The secretariat may enter a past project in any phase with a funding status
 * that fits; a member contact starts an idea for their organisation (identification).
 */
export async function createProject(db: DbOrTx, actor: Actor, input: ProjectInput): Promise<ProjectDetail> {
  authorize(actor, canCreateProject(actor));
  const data = asMemberIdea(actor, input as Record<string, unknown>, parseInput(ProjectInput, input));
  const phase: Phase = data.phase ?? "identification";
  const fundingStatus: FundingStatus | null = data.fundingStatus ?? (phase === "financing" ? "submitted" : null);
  const state = initialState(data);
  const partners = data.partners ?? [];
  try {
    return await db.transaction(async (tx) => {
      const ref = await loadProjectReference(tx);
      const problems = {
        ...checkProjectState(ref, state),
        ...checkInitialState(phase, fundingStatus),
        ...(await initiatorProblems(tx, state.initiatorOrganisationId)),
        ...(await checkPartners(tx, partners)),
      };
      if (Object.keys(problems).length > 0) throw validationError(problems);
      const id = randomUUID();
      const [row] = await tx
        .insert(projects)
        .values({ id, ideaId: id, ...state, phase, fundingStatus, searchText: searchTextOf(state) })
        .returning();
      if (!row) throw new AppError("internal");
      if (partners.length > 0) await tx.insert(projectPartners).values(partners.map((p) => partnerValues(id, p)));
      await recordTransition(tx, actor, id, {
        fromPhase: null,
        toPhase: phase,
        fromFundingStatus: null,
        toFundingStatus: fundingStatus,
        reason: null,
      });
      const detail = await getProject(tx, actor, id);
      await recordAudit(tx, actor, { action: "project.create", entityType: "project", entityId: id, after: detail });
      return detail;
    });
  } catch (e) {
    const constraint = isUniqueViolation(e, PARTNER_CONSTRAINTS);
    if (constraint) throw partnerConflict(constraint, "partners.");
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Changing

function applyPatch(current: ProjectState, patch: ReturnType<typeof ProjectPatch.parse>): ProjectState {
  const next: ProjectState = { ...current };
  for (const field of projectFields) {
    const value = patch[field];
    if (value === undefined) continue;
    if (field === "priorities") next.priorities = [...new Set(value as string[])];
    else if (field === "summary" || field === "title") next[field] = value as ProjectState["title"];
    else if (field === "internal") next.internal = value === true;
    else Object.assign(next, { [field]: value });
  }
  return next;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields whose value differs between two states. */
export function changedFields(before: ProjectState, after: ProjectState): ProjectField[] {
  return projectFields.filter((f) => !same(before[f], after[f]));
}

const pick = (state: ProjectState, fields: readonly ProjectField[]) =>
  Object.fromEntries(fields.map((f) => [f, state[f]]));

/**
 * Changes a project's data (not its phase: see moveProject). `expectedVersion` comes from If-Match
 * (API) or a hidden field (form): a mismatch is 412. A member contact may send the whole form:
 * only the fields whose value changes count against what they may change.
 */
export async function updateProject(
  db: DbOrTx,
  actor: Actor,
  id: string,
  patch: ProjectPatch,
  expectedVersion: number | undefined,
): Promise<ProjectDetail> {
  return db.transaction(async (tx) => {
    const loaded = await visibleProject(tx, actor, id, true);
    const { row } = loaded;
    authorize(actor, canEditProject(actor, loaded.ref));
    const data = parseInput(ProjectPatch, patch);
    const before = stateOfRow(row);
    const after = applyPatch(before, data);
    const changed = changedFields(before, after);
    const forbidden = forbiddenFields(actor, loaded.ref, changed);
    if (forbidden.length > 0) throw forbiddenFieldsError(forbidden);
    if (expectedVersion !== undefined && expectedVersion !== row.version) throw new AppError("precondition_failed");
    if (changed.length === 0) return detailOf(tx, actor, loaded);
    const ref = await loadProjectReference(tx);
    const problems = {
      ...checkProjectState(ref, after, new Set(changed)),
      ...(changed.includes("initiatorOrganisationId")
        ? await initiatorProblems(tx, after.initiatorOrganisationId)
        : {}),
    };
    if (Object.keys(problems).length > 0) throw validationError(problems);
    const [updated] = await tx
      .update(projects)
      .set({ ...after, searchText: searchTextOf(after), version: sql`${projects.version} + 1`, updatedAt: new Date() })
      .where(and(eq(projects.id, row.id), eq(projects.version, row.version)))
      .returning();
    if (!updated) throw new AppError("precondition_failed");
    await recordAudit(tx, actor, {
      action: "project.update",
      entityType: "project",
      entityId: row.id,
      before: { ...pick(before, changed), version: row.version },
      after: { ...pick(after, changed), version: updated.version },
    });
    return getProject(tx, actor, row.id);
  });
}

/** Bumps a project's version after a change of its partners or phase (the ETag changes with it). */
export async function touchProject(db: DbOrTx, row: ProjectRow, values: Partial<typeof projects.$inferInsert> = {}) {
  const [updated] = await db
    .update(projects)
    .set({ ...values, version: sql`${projects.version} + 1`, updatedAt: new Date() })
    .where(and(eq(projects.id, row.id), eq(projects.version, row.version)))
    .returning();
  if (!updated) throw new AppError("precondition_failed");
  return updated;
}
