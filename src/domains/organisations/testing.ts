/**
 * Test factories for the directory: small `build*()` helpers that go through the service, so
 * every test organisation obeys the same rules as real ones. Only imported by tests.
 */
import { randomUUID } from "node:crypto";
import { type Actor, anonymous, type Role, system } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import type { Contact, ContactInput, Organisation, OrganisationInput } from "./contract";
import { createContact, createOrganisation } from "./service";

let counter = 0;

/** A valid organisation input: an Italian member municipality with a unique name. */
export function organisationInput(overrides: Partial<OrganisationInput> = {}): OrganisationInput {
  counter += 1;
  return {
    name: `Test organisation ${counter}`,
    country: "IT",
    type: "municipality",
    status: "member",
    ...overrides,
  };
}

export async function buildOrganisation(
  db: DbOrTx,
  overrides: Partial<OrganisationInput> = {},
  actor: Actor = system("test"),
): Promise<Organisation> {
  return createOrganisation(db, actor, organisationInput(overrides));
}

export async function buildContact(
  db: DbOrTx,
  organisationId: string,
  overrides: Partial<ContactInput> = {},
  actor: Actor = system("test"),
): Promise<Contact> {
  counter += 1;
  return createContact(db, actor, organisationId, {
    name: `Contact ${counter}`,
    email: `contact${counter}@example.org`,
    ...overrides,
  });
}

/** An actor of a role without an account in the database (for service tests). */
export function actorAs(role: Role, organisationId: string | null = null): Actor {
  return {
    kind: "user",
    via: "session",
    user: {
      id: randomUUID(),
      email: `${role}@test.example`,
      name: `Test ${role}`,
      role,
      organisationId,
      language: null,
    },
  };
}

export const testActors = {
  system: system("test"),
  anonymous,
  secretariat: () => actorAs("secretariat"),
  board: () => actorAs("board"),
  expert: () => actorAs("expert"),
  partner: () => actorAs("partner"),
  memberContact: (organisationId: string) => actorAs("member_contact", organisationId),
};
