/**
 * Who may do what with projects: the one place that decides. Pure functions of the actor and
 * the project (only what a decision needs), called by the service for every action.
 *
 * - The secretariat (and the system: CLI, imports, jobs) creates, edits and moves every project.
 * - A member contact starts ideas (identification) for their organisation, and edits the projects
 *   their organisation leads while in identification or formulation (partners too, but not the lead).
 * - The Board reads every project and changes none.
 * - Member contacts and experts read their organisation's projects and those not marked internal;
 *   a partner organisation's user reads only the projects their organisation takes part in.
 * - Visitors read nothing here (the public pages come later, with their own rules).
 */
import type { Actor } from "~/auth/actor";
import { AppError } from "~/errors/app-error";
import { memberEditableFields } from "./contract";
import type { Phase } from "./pipeline";

/** What a decision needs to know about a project. */
export type ProjectRef = {
  phase: Phase;
  internal: boolean;
  initiatorOrganisationId: string | null;
  /** The lead applicant's organisation, when the lead is an organisation of the directory. */
  leadOrganisationId: string | null;
  /** Every directory organisation taking part (the lead included). */
  partnerOrganisationIds: readonly string[];
};

type Who = ReturnType<typeof who>;
function who(actor: Actor) {
  return actor.kind === "user" ? actor.user.role : actor.kind;
}

function isStaff(actor: Actor): boolean {
  const w = who(actor);
  return w === "secretariat" || w === "system";
}

const organisationOf = (actor: Actor): string | null => (actor.kind === "user" ? actor.user.organisationId : null);

/** A member contact bound to an organisation: that organisation, else null. */
export function memberOrganisation(actor: Actor): string | null {
  return who(actor) === "member_contact" ? organisationOf(actor) : null;
}

/** Phases in which a lead member organisation edits its project. */
export const memberEditablePhases: readonly Phase[] = ["identification", "formulation"];

/**
 * Which projects the actor may read: all of them, those of one organisation (plus, with
 * `alsoOpen`, every project not marked internal), or none.
 */
export type ReadScope =
  | { kind: "all" }
  | { kind: "organisation"; organisationId: string | null; alsoOpen: boolean }
  | { kind: "none" };

export function readScope(actor: Actor): ReadScope {
  const w: Who = who(actor);
  if (w === "secretariat" || w === "system" || w === "board") return { kind: "all" };
  if (w === "member_contact" || w === "expert") {
    return { kind: "organisation", organisationId: organisationOf(actor), alsoOpen: true };
  }
  if (w === "partner") return { kind: "organisation", organisationId: organisationOf(actor), alsoOpen: false };
  return { kind: "none" };
}

export function canListProjects(actor: Actor): boolean {
  return readScope(actor).kind !== "none";
}

/** Whether the organisation takes part in the project (initiated it, leads it or is a partner). */
export function takesPart(project: ProjectRef, organisationId: string | null): boolean {
  if (organisationId === null) return false;
  return (
    project.initiatorOrganisationId === organisationId ||
    project.leadOrganisationId === organisationId ||
    project.partnerOrganisationIds.includes(organisationId)
  );
}

export function canViewProject(actor: Actor, project: ProjectRef): boolean {
  const scope = readScope(actor);
  if (scope.kind === "all") return true;
  if (scope.kind === "none") return false;
  return (scope.alsoOpen && !project.internal) || takesPart(project, scope.organisationId);
}

export function canCreateProject(actor: Actor): boolean {
  return isStaff(actor) || memberOrganisation(actor) !== null;
}

/** Whether the actor leads this project as a member contact, in a phase where a member edits. */
function leadsInEditablePhase(actor: Actor, project: ProjectRef): boolean {
  const own = memberOrganisation(actor);
  return own !== null && project.leadOrganisationId === own && memberEditablePhases.includes(project.phase);
}

/** Which fields of the project the actor may change: all, some (the lead member) or none. */
export function editableFields(actor: Actor, project: ProjectRef): "all" | readonly string[] {
  if (isStaff(actor)) return "all";
  if (leadsInEditablePhase(actor, project)) return memberEditableFields;
  return [];
}

export function canEditProject(actor: Actor, project: ProjectRef): boolean {
  const fields = editableFields(actor, project);
  return fields === "all" || fields.length > 0;
}

/** The fields of a change the actor may not make (empty when all of it is allowed). */
export function forbiddenFields(actor: Actor, project: ProjectRef, keys: readonly string[]): string[] {
  const fields = editableFields(actor, project);
  if (fields === "all") return [];
  return keys.filter((key) => !fields.includes(key));
}

/** Adding and removing partners; only the secretariat sets or removes the lead applicant. */
export function canEditPartners(actor: Actor, project: ProjectRef): boolean {
  return isStaff(actor) || leadsInEditablePhase(actor, project);
}

export function canChangeLead(actor: Actor): boolean {
  return isStaff(actor);
}

export function canMoveProject(actor: Actor): boolean {
  return isStaff(actor);
}

export function canResubmitProject(actor: Actor): boolean {
  return isStaff(actor);
}

/** What the actor may do with a project, for the UI. */
export function abilities(actor: Actor, project: ProjectRef) {
  return {
    edit: canEditProject(actor, project),
    editAll: editableFields(actor, project) === "all",
    editPartners: canEditPartners(actor, project),
    move: canMoveProject(actor),
    resubmit: canResubmitProject(actor),
  };
}

/** 401 for a visitor who is not signed in, 403 for anyone else who may not. */
export function authorize(actor: Actor, allowed: boolean): void {
  if (allowed) return;
  if (actor.kind === "anonymous") throw new AppError("unauthenticated");
  throw new AppError("forbidden");
}

/** 403 naming each field the actor may not set, with a message key (default: not editable). */
export function forbiddenFieldsError(fields: readonly string[], key = "errors:field.notEditable"): AppError {
  return new AppError("forbidden", "errors:forbidden", Object.fromEntries(fields.map((f) => [f, { key }])));
}
