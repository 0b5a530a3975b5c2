/**
 * Who may do what with fee schedules. Anyone reads schedules and asks for a quote (the fee
 * calculator is public); the secretariat (and the system: seed, CLI) edits them.
 */
import { type Actor, roleOf } from "~/auth/actor";

export function canEditFeeSchedules(actor: Actor): boolean {
  const role = roleOf(actor);
  return role === "secretariat" || role === "system";
}

export function canReadFeeSchedules(_actor: Actor): boolean {
  return true;
}
