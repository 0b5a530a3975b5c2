/**
 * Who may do what in governance. The secretariat runs the bodies, meetings, votes and minutes;
 * the Board sees the Board's and the Assembly's meetings with their papers; a member contact
 * sees the General Assembly and casts their organisation's vote; everyone sees who holds public
 * offices and public meetings. Finer rules (a participant of a meeting, a proxy holder) are checked
 * by the services with the meeting's data.
 */
import type { Actor } from "~/auth/actor";

const role = (actor: Actor) => (actor.kind === "user" ? actor.user.role : null);

/** Change bodies' rules, mandates, meetings, agendas, attendance, votes, minutes: the secretariat. */
export function canManageGovernance(actor: Actor): boolean {
  return actor.kind === "system" || role(actor) === "secretariat";
}

/** See the register of decisions and every meeting's papers: the secretariat and the Board. */
export function canViewGovernance(actor: Actor): boolean {
  return canManageGovernance(actor) || role(actor) === "board";
}

/** See the General Assembly's meetings and papers: also member contacts (their organisation votes there). */
export function canViewAssembly(actor: Actor): boolean {
  return canViewGovernance(actor) || role(actor) === "member_contact";
}
