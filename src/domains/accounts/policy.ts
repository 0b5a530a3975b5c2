import type { Actor } from "~/auth/actor";

/** Who may do what with accounts, API tokens and the mail outbox. */

const isSecretariat = (actor: Actor) => actor.kind === "user" && actor.user.role === "secretariat";

/** Create accounts: the secretariat, or the system (CLI, seed). */
export function canCreateUsers(actor: Actor): boolean {
  return actor.kind === "system" || isSecretariat(actor);
}

/** Issue and revoke API tokens for integrations: the secretariat, or the system (CLI). */
export function canManageApiTokens(actor: Actor): boolean {
  return actor.kind === "system" || isSecretariat(actor);
}

/** Read the mails Ponte sent or kept (they contain sign-in links): the secretariat only. */
export function canReadOutbox(actor: Actor): boolean {
  return isSecretariat(actor);
}
