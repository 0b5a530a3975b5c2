/**
 * Who may do what with membership applications. Anyone may apply (no account); the applicant
 * follows their application through its private link (the token is the permission). The
 * secretariat reviews; the Board reads its meetings' applications with every document; the
 * decision is recorded by the secretariat or by the Board's chair (the board account named in
 * the setting `board.chairEmail`).
 */
import type { Actor } from "~/auth/actor";

const role = (actor: Actor) => (actor.kind === "user" ? actor.user.role : actor.kind);

/** Review applications: list, read, request completion, mark ready, reject, withdraw. */
export function canReviewApplications(actor: Actor): boolean {
  const r = role(actor);
  return r === "secretariat" || r === "system";
}

/** Read applications and their documents: the secretariat and the Board. */
export function canReadApplications(actor: Actor): boolean {
  return canReviewApplications(actor) || role(actor) === "board";
}

/** Whether the actor is the Board's chair (a board account whose e-mail is the setting's). */
export function isBoardChair(actor: Actor, chairEmail: string | null): boolean {
  return (
    actor.kind === "user" &&
    actor.user.role === "board" &&
    chairEmail !== null &&
    actor.user.email.toLowerCase() === chairEmail.trim().toLowerCase()
  );
}

/** Record the Board's decision: the secretariat, or the Board's chair. */
export function canRecordDecision(actor: Actor, chairEmail: string | null): boolean {
  return canReviewApplications(actor) || isBoardChair(actor, chairEmail);
}
