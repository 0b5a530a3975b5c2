/**
 * Who may change a membership over time. Pure functions of the actor and the organisation.
 *
 * - The secretariat (and the system: CLI, daily job) records resignations, suspensions and
 *   re-admissions, applies due changes and reads every organisation's changes.
 * - A member contact may hand in their own organisation's resignation (it takes effect at the
 *   year end, like one received by letter), read their own organisation's changes and download
 *   its membership certificate. They may not suspend or re-admit.
 * - The Board reads changes (it follows the membership) but changes nothing.
 */
import type { Actor } from "~/auth/actor";

const role = (actor: Actor) => (actor.kind === "user" ? actor.user.role : actor.kind);

function isStaff(actor: Actor): boolean {
  const r = role(actor);
  return r === "secretariat" || r === "system";
}

function isOwnContact(actor: Actor, organisationId: string): boolean {
  return actor.kind === "user" && actor.user.role === "member_contact" && actor.user.organisationId === organisationId;
}

/** Suspend, re-admit, apply due changes: the secretariat. */
export function canManageMembership(actor: Actor): boolean {
  return isStaff(actor);
}

/** Record a resignation: the secretariat, or a contact of the organisation itself. */
export function canResign(actor: Actor, organisationId: string): boolean {
  return isStaff(actor) || isOwnContact(actor, organisationId);
}

/** Read an organisation's membership changes: the secretariat, the Board, its own contacts. */
export function canViewMembershipChanges(actor: Actor, organisationId: string): boolean {
  return isStaff(actor) || role(actor) === "board" || isOwnContact(actor, organisationId);
}

/** Download a membership certificate: the secretariat and the organisation's own contacts. */
export function canGetCertificate(actor: Actor, organisationId: string): boolean {
  return isStaff(actor) || isOwnContact(actor, organisationId);
}
