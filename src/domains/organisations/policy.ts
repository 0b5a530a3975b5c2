/**
 * Who may do what in the organisation directory: the one place that decides. Pure functions over
 * the actor and the organisation (only the fields a decision needs), so the API, the pages and
 * the CLI enforce the same rules, and each rule is unit-tested.
 *
 * The system actor (CLI, seed, jobs) may do everything the secretariat may.
 */
import type { Actor, Role } from "~/auth/actor";
import { AppError } from "~/errors/app-error";
import { memberEditableFields, type OrganisationStatus, organisationStatuses } from "./contract";

/** What a decision needs to know about an organisation. */
export type OrganisationRef = { id: string; status: OrganisationStatus | string };

type Who = Role | "anonymous" | "system";

function who(actor: Actor): Who {
  if (actor.kind === "user") return actor.user.role;
  return actor.kind;
}

function isStaff(actor: Actor): boolean {
  const w = who(actor);
  return w === "secretariat" || w === "system";
}

/** A member contact bound to exactly this organisation. */
export function isOwnOrganisation(actor: Actor, organisationId: string): boolean {
  return actor.kind === "user" && actor.user.role === "member_contact" && actor.user.organisationId === organisationId;
}

/** Statuses anyone may see in the public directory. */
export const publicStatuses = ["member", "partner"] as const satisfies readonly OrganisationStatus[];

/**
 * The statuses this actor may list: the secretariat and the Board see applicants and former
 * members too; everyone else sees the public directory (members and partners).
 */
export function visibleStatuses(actor: Actor): readonly OrganisationStatus[] {
  const w = who(actor);
  if (w === "secretariat" || w === "board" || w === "system") return organisationStatuses;
  return publicStatuses;
}

/**
 * Whether the actor may see this organisation's page. A member contact also sees their own
 * organisation whatever its status (an applicant's contact follows their own application).
 */
export function canViewOrganisation(actor: Actor, org: OrganisationRef): boolean {
  if ((visibleStatuses(actor) as readonly string[]).includes(org.status)) return true;
  return isOwnOrganisation(actor, org.id);
}

/** Contacts are personal data: visible to the network's own people, not to partners or visitors. */
export function canViewContacts(actor: Actor, org: OrganisationRef): boolean {
  if (!canViewOrganisation(actor, org)) return false;
  const w = who(actor);
  return w === "secretariat" || w === "board" || w === "member_contact" || w === "expert" || w === "system";
}

export function canCreateOrganisation(actor: Actor): boolean {
  return isStaff(actor);
}

export function canArchiveOrganisation(actor: Actor): boolean {
  return isStaff(actor);
}

export function canImportOrganisations(actor: Actor): boolean {
  return isStaff(actor);
}

export function canExportOrganisations(actor: Actor): boolean {
  const w = who(actor);
  return w === "secretariat" || w === "board" || w === "system";
}

/** Which fields of this organisation the actor may change: all, some (member contact) or none. */
export function editableFields(actor: Actor, org: OrganisationRef): "all" | readonly string[] {
  if (isStaff(actor)) return "all";
  if (isOwnOrganisation(actor, org.id)) return memberEditableFields;
  return [];
}

export function canUpdateOrganisation(actor: Actor, org: OrganisationRef): boolean {
  const fields = editableFields(actor, org);
  return fields === "all" || fields.length > 0;
}

/** The fields of a patch that the actor may not change (empty when the whole patch is allowed). */
export function forbiddenPatchFields(actor: Actor, org: OrganisationRef, patchKeys: readonly string[]): string[] {
  const fields = editableFields(actor, org);
  if (fields === "all") return [];
  return patchKeys.filter((key) => !fields.includes(key));
}

export function canEditContacts(actor: Actor, org: OrganisationRef): boolean {
  return isStaff(actor) || isOwnOrganisation(actor, org.id);
}

/** What the actor may do with an organisation, for the UI. */
export function abilities(actor: Actor, org: OrganisationRef) {
  return {
    edit: canUpdateOrganisation(actor, org),
    editAll: editableFields(actor, org) === "all",
    archive: canArchiveOrganisation(actor) && org.status !== "former",
    editContacts: canEditContacts(actor, org),
  };
}

/**
 * Throws when a decision says no: 401 for a visitor who is not signed in (signing in may help),
 * 403 for a signed-in user.
 */
export function authorize(actor: Actor, allowed: boolean): void {
  if (allowed) return;
  if (actor.kind === "anonymous") throw new AppError("unauthenticated");
  throw new AppError("forbidden");
}

/** 403 naming each field the actor may not change. */
export function forbiddenFieldsError(fields: readonly string[]): AppError {
  return new AppError(
    "forbidden",
    "errors:forbidden",
    Object.fromEntries(fields.map((f) => [f, { key: "errors:field.notEditable" }])),
  );
}
