/**
 * The projects' data rules that a zod shape cannot say alone: known priorities, programme and
 * action; the links' sites; awarded ≤ requested ≤ …; dates in order; a partner's fields for its
 * kind. Pure functions: the service passes in the reference data.
 */
import type { FieldProblem } from "~/errors/app-error";
import { normalizeText } from "~/text/normalize";
import type { ParsedPartnerInput } from "./contract";
import { consistentState, type FundingStatus, type Phase } from "./pipeline";
import type { ProjectText } from "./schema";

/** The stored state of a project's own fields (what PATCH changes), as the rules see it. */
export type ProjectState = {
  acronym: string;
  title: ProjectText;
  summary: ProjectText;
  priorities: string[];
  programmeCode: string | null;
  actionCode: string | null;
  callIdentifier: string | null;
  deadline: string | null;
  submittedOn: string | null;
  initiatorOrganisationId: string | null;
  totalBudgetCents: number | null;
  grantRequestedCents: number | null;
  grantAwardedCents: number | null;
  grantPaidCents: number | null;
  participantsPlanned: number | null;
  participantsActual: number | null;
  startDate: string | null;
  endDate: string | null;
  cordisUrl: string | null;
  erasmusPlusUrl: string | null;
  keepEuUrl: string | null;
  websiteUrl: string | null;
  internal: boolean;
};
export type ProjectField = keyof ProjectState;
export const projectFields = [
  "acronym",
  "title",
  "summary",
  "priorities",
  "programmeCode",
  "actionCode",
  "callIdentifier",
  "deadline",
  "submittedOn",
  "initiatorOrganisationId",
  "totalBudgetCents",
  "grantRequestedCents",
  "grantAwardedCents",
  "grantPaidCents",
  "participantsPlanned",
  "participantsActual",
  "startDate",
  "endDate",
  "cordisUrl",
  "erasmusPlusUrl",
  "keepEuUrl",
  "websiteUrl",
  "internal",
] as const satisfies readonly ProjectField[];

/** What the rules need to know of the reference data. */
export type ProjectReference = {
  priorities: ReadonlySet<string>;
  /** Programme code → its action codes. */
  programmes: ReadonlyMap<string, ReadonlySet<string>>;
};

/** The sites each kind of link must point to (the host or a subdomain of it). */
export const linkSites = {
  cordisUrl: ["cordis.europa.eu"],
  erasmusPlusUrl: ["erasmus-plus.ec.europa.eu", "ec.europa.eu"],
  keepEuUrl: ["keep.eu"],
} as const;

/** Whether a URL's host is one of the sites or a subdomain of one. */
export function isOnSite(url: string, sites: readonly string[]): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return sites.some((site) => host === site || host.endsWith(`.${site}`));
}

const problem = (key: string, values?: Record<string, string | number>): FieldProblem =>
  values ? { key: `projects:errors.${key}`, values } : { key: `projects:errors.${key}` };

/**
 * Every problem of a project's state. `changed`: the fields a change touched (a rule is checked
 * when one of its fields changed, so data entered under older rules does not block other edits),
 * or "all" for a new project.
 */
export function checkProjectState(
  ref: ProjectReference,
  state: ProjectState,
  changed: ReadonlySet<ProjectField> | "all" = "all",
): Record<string, FieldProblem> {
  const touched = (...fields: ProjectField[]) => changed === "all" || fields.some((f) => changed.has(f));
  const problems: Record<string, FieldProblem> = {};

  if (touched("title") && !Object.values(state.title).some((v) => v?.trim())) {
    problems.title = problem("titleRequired");
  }
  if (touched("priorities")) {
    const unknown = state.priorities.find((p) => !ref.priorities.has(p));
    if (unknown !== undefined)
      problems.priorities = { key: "errors:field.unknownPriority", values: { value: unknown } };
  }
  if (touched("programmeCode", "actionCode")) {
    const actions = state.programmeCode === null ? undefined : ref.programmes.get(state.programmeCode);
    if (state.programmeCode !== null && actions === undefined) problems.programmeCode = problem("unknownProgramme");
    else if (state.actionCode !== null && !actions?.has(state.actionCode)) {
      problems.actionCode = problem("actionNotInProgramme");
    }
  }
  if (
    touched("grantAwardedCents", "grantRequestedCents") &&
    state.grantAwardedCents !== null &&
    state.grantRequestedCents !== null &&
    state.grantAwardedCents > state.grantRequestedCents
  ) {
    problems.grantAwardedCents = problem("awardedOverRequested");
  }
  if (
    touched("grantPaidCents", "grantAwardedCents") &&
    state.grantPaidCents !== null &&
    state.grantAwardedCents !== null &&
    state.grantPaidCents > state.grantAwardedCents
  ) {
    problems.grantPaidCents = problem("paidOverAwarded");
  }
  if (
    touched("startDate", "endDate") &&
    state.startDate !== null &&
    state.endDate !== null &&
    state.endDate < state.startDate
  ) {
    problems.endDate = problem("endBeforeStart");
  }
  for (const [field, sites] of Object.entries(linkSites) as [keyof typeof linkSites, readonly string[]][]) {
    const value = state[field];
    if (touched(field) && value !== null && !isOnSite(value, sites)) {
      problems[field] = problem("wrongSite", { site: sites[0] ?? "" });
    }
  }
  return problems;
}

/** A new project's phase and funding status must fit together (see pipeline.consistentState). */
export function checkInitialState(phase: Phase, fundingStatus: FundingStatus | null): Record<string, FieldProblem> {
  return consistentState(phase, fundingStatus) ? {} : { fundingStatus: problem("statusDoesNotFitPhase") };
}

/** The fields a partner of its kind needs, and none it may not have. `path`: the field's prefix. */
export function checkPartner(partner: ParsedPartnerInput, path = ""): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  const required = { key: "errors:field.required" };
  const notForKind = { key: "errors:field.unknownField" };
  const field = (name: string) => `${path}${name}`;
  const external = { name: partner.name, country: partner.country, organisationType: partner.organisationType };
  if (partner.kind === "organisation") {
    if (!partner.organisationId) problems[field("organisationId")] = required;
  } else if (partner.organisationId) {
    problems[field("organisationId")] = notForKind;
  }
  if (partner.kind === "external") {
    for (const [name, value] of Object.entries(external)) if (!value) problems[field(name)] = required;
  } else {
    for (const [name, value] of Object.entries(external)) if (value) problems[field(name)] = notForKind;
  }
  return problems;
}

/** Normalised acronym, titles and call identifier, for search. */
export function searchTextOf(state: Pick<ProjectState, "acronym" | "title" | "callIdentifier">): string {
  return normalizeText([state.acronym, ...Object.values(state.title), state.callIdentifier ?? ""].join(" "));
}

/** The year the list filters by: of the deadline, else of the submission (decision 019). */
export function projectYear(state: Pick<ProjectState, "deadline" | "submittedOn">): number | null {
  const day = state.deadline ?? state.submittedOn;
  return day ? Number(day.slice(0, 4)) : null;
}
