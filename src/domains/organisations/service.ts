/**
 * Organisation directory use cases. STUB SIGNATURES — being implemented.
 * Every function validates its input, authorizes with ./policy, writes audit events in the
 * same transaction, and returns DTOs (never raw rows).
 */
import type { Actor } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import type {
  Contact,
  ContactInput,
  MemberStats,
  Organisation,
  OrganisationInput,
  OrganisationPatch,
  OrganisationQuery,
  StatusChange,
} from "./contract";

export type OrganisationDetail = Organisation & {
  /** Contacts, when the actor may see them (else an empty list and `contactsVisible: false`). */
  contacts: Contact[];
  contactsVisible: boolean;
  statusHistory: StatusChange[];
  /** What the actor may do with this organisation (for the UI). */
  can: { edit: boolean; editAll: boolean; archive: boolean; editContacts: boolean };
};

const todo = (): never => {
  throw new Error("not implemented yet");
};

/** Raw query input (strings from a query string or parsed object); validated inside. */
export async function listOrganisations(
  _db: DbOrTx,
  _actor: Actor,
  _query: Record<string, unknown>,
): Promise<{ items: Organisation[]; total: number; page: number; pageSize: number; query: OrganisationQuery }> {
  return todo();
}
export async function getOrganisation(_db: DbOrTx, _actor: Actor, _id: string): Promise<OrganisationDetail> {
  return todo();
}
export async function createOrganisation(_db: DbOrTx, _actor: Actor, _input: OrganisationInput): Promise<Organisation> {
  return todo();
}
/** expectedVersion: from If-Match (API) or a hidden field (form); mismatch → precondition_failed. */
export async function updateOrganisation(
  _db: DbOrTx,
  _actor: Actor,
  _id: string,
  _patch: OrganisationPatch,
  _expectedVersion: number | undefined,
): Promise<Organisation> {
  return todo();
}
/** DELETE archives: status becomes `former`, history kept. */
export async function archiveOrganisation(
  _db: DbOrTx,
  _actor: Actor,
  _id: string,
  _expectedVersion: number | undefined,
): Promise<Organisation> {
  return todo();
}
export async function memberStats(_db: DbOrTx): Promise<MemberStats> {
  return todo();
}
export async function createContact(_db: DbOrTx, _actor: Actor, _organisationId: string, _input: ContactInput): Promise<Contact> {
  return todo();
}
export async function updateContact(_db: DbOrTx, _actor: Actor, _contactId: string, _input: ContactInput): Promise<Contact> {
  return todo();
}
export async function deleteContact(_db: DbOrTx, _actor: Actor, _contactId: string): Promise<void> {
  return todo();
}
