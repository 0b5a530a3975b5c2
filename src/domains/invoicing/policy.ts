/** Who may do what with invoices: small pure functions of the actor. */
import { type Actor, roleOf } from "~/auth/actor";

export { authorize } from "~/auth/authorize";

/** The secretariat (and the system: jobs, CLI) issues, cancels and records payments. */
export function canManageInvoices(actor: Actor): boolean {
  const role = roleOf(actor);
  return role === "secretariat" || role === "system";
}

/** The secretariat sees every invoice; a member contact their own organisation's. */
export function canViewInvoice(actor: Actor, organisationId: string): boolean {
  if (canManageInvoices(actor)) return true;
  return actor.kind === "user" && actor.user.role === "member_contact" && actor.user.organisationId === organisationId;
}

/** The list of all invoices and the accountant's export. */
export function canListInvoices(actor: Actor): boolean {
  return canManageInvoices(actor);
}
