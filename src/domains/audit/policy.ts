import type { Actor } from "~/auth/actor";

/** Read the audit log (who changed what, before and after): the secretariat only. */
export function canReadAuditLog(actor: Actor): boolean {
  return actor.kind === "user" && actor.user.role === "secretariat";
}
