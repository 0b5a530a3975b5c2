import { AppError } from "~/errors/app-error";
import type { Actor } from "./actor";

/**
 * Enforces a policy decision: an anonymous caller is asked to sign in (401), anyone else who
 * is not allowed gets 403. Policies themselves are plain functions in each domain's policy.ts.
 */
export function authorize(actor: Actor, allowed: boolean): void {
  if (allowed) return;
  if (actor.kind === "anonymous") throw new AppError("unauthenticated");
  throw new AppError("forbidden");
}
