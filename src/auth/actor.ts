import type { Language } from "~/i18n/i18n";

export const roles = ["secretariat", "board", "member_contact", "expert", "partner"] as const;
export type Role = (typeof roles)[number];

export type SignedInUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string | null;
  language: Language | null;
};

/** Who is acting: a signed-in user, an anonymous visitor, or the system (CLI, seed, jobs). */
export type Actor =
  | { kind: "user"; user: SignedInUser; via: "session" | "token" }
  | { kind: "anonymous" }
  | { kind: "system"; label: string };

export const anonymous: Actor = { kind: "anonymous" };
export const system = (label: string): Actor => ({ kind: "system", label });

export function roleOf(actor: Actor): Role | "anonymous" | "system" {
  if (actor.kind === "user") return actor.user.role;
  return actor.kind;
}

export function actorLabel(actor: Actor): string {
  if (actor.kind === "user") return actor.user.email;
  if (actor.kind === "system") return `system:${actor.label}`;
  return "anonymous";
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.user.id : null;
}
