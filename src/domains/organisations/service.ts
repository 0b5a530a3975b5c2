/**
 * Organisation directory use cases. Every function validates its input, authorizes with
 * ./policy, writes audit events in the same transaction, and returns DTOs (never raw rows).
 */
import { and, asc, desc, eq, ne, or, sql } from "drizzle-orm";
import { recordAudit } from "~/audit/audit";
import { type Actor, actorUserId } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import { contactsWithAccounts } from "~/domains/accounts/service";
import { listCountries, listOrganisationTypes, loadReferenceSnapshot } from "~/domains/reference/service";
import { AppError, type FieldProblem } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import type { Language } from "~/i18n/i18n";
import {
  type Contact,
  ContactInput,
  type MemberStats,
  type Organisation,
  OrganisationInput,
  OrganisationPatch,
  OrganisationQuery,
  type OrganisationStatus,
  type StatusChange,
} from "./contract";
import {
  type ContactRow,
  type OrganisationRow,
  toContact,
  toOrganisation,
  toStatusChange,
  withoutBilling,
} from "./dto";
import { checkIdentifiers, type Identifiers, normalizeIdentifiers } from "./identifiers";
import {
  abilities,
  authorize,
  canArchiveOrganisation,
  canCreateOrganisation,
  canEditContacts,
  canUpdateOrganisation,
  canViewContacts,
  canViewOrganisation,
  forbiddenFieldsError,
  forbiddenPatchFields,
  visibleStatuses,
} from "./policy";
import {
  checkReferenceRules,
  defaultStatus,
  type OrganisationState,
  publicAuthorityOverrideFor,
  searchWordsOf,
  withMemberSinceDefault,
} from "./rules";
import { contacts, organisationStatusChanges, organisations } from "./schema";
import { rememberSearchWords, searchOrganisations } from "./search";
import {
  type BillingFields,
  changedFields,
  isDuplicateOfficialCode,
  type OrganisationRecordState,
  rowValues,
  stateOfRow,
} from "./store";

export type OrganisationDetail = Organisation & {
  /** Contacts, when the actor may see them (else an empty list and `contactsVisible: false`). */
  contacts: Contact[];
  contactsVisible: boolean;
  statusHistory: StatusChange[];
  /** What the actor may do with this organisation (for the UI). */
  can: { edit: boolean; editAll: boolean; archive: boolean; editContacts: boolean };
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Validates a directory query (a query string's values or a parsed object). */
export function parseOrganisationQuery(query: Record<string, unknown>): OrganisationQuery {
  return parseInput(OrganisationQuery, query);
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Raw query input (strings from a query string or parsed object); validated inside. */
export async function listOrganisations(
  db: DbOrTx,
  actor: Actor,
  rawQuery: Record<string, unknown>,
): Promise<{ items: Organisation[]; total: number; page: number; pageSize: number; query: OrganisationQuery }> {
  const query = parseOrganisationQuery(rawQuery);
  const { rows, total } = await searchOrganisations(db, query, visibleStatuses(actor));
  const items = rows.map((row) =>
    canViewContacts(actor, row) ? toOrganisation(row) : withoutBilling(toOrganisation(row)),
  );
  return { items, total, page: query.page, pageSize: query.pageSize, query };
}

async function findRow(db: DbOrTx, id: string, lock = false): Promise<OrganisationRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const q = db.select().from(organisations).where(eq(organisations.id, id)).limit(1);
  const [row] = lock ? await q.for("update") : await q;
  return row;
}

/** The organisation if the actor may see it; otherwise not found (its existence is not revealed). */
async function visibleRow(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<OrganisationRow> {
  const row = await findRow(db, id, lock);
  if (!row || !canViewOrganisation(actor, row)) throw new AppError("not_found");
  return row;
}

export async function getOrganisation(db: DbOrTx, actor: Actor, id: string): Promise<OrganisationDetail> {
  const row = await visibleRow(db, actor, id);
  const contactsVisible = canViewContacts(actor, row);
  const contactList = contactsVisible ? await contactRows(db, row.id) : [];
  const history = await db
    .select()
    .from(organisationStatusChanges)
    .where(eq(organisationStatusChanges.organisationId, row.id))
    .orderBy(desc(organisationStatusChanges.changedAt), desc(organisationStatusChanges.id));
  return {
    ...(contactsVisible ? toOrganisation(row) : withoutBilling(toOrganisation(row))),
    contacts: contactList,
    contactsVisible,
    statusHistory: history.map(toStatusChange),
    can: abilities(actor, row),
  };
}

/** Whether an organisation exists (for other domains, e.g. binding an account to it). */
export async function organisationExists(db: DbOrTx, id: string): Promise<boolean> {
  return (await findRow(db, id)) !== undefined;
}

/**
 * Organisations (not archived) of this country that share a unique identifier with the one given:
 * codice fiscale, partita IVA or organisationsnummer. For duplicate checks (membership applications).
 */
export async function organisationsWithIdentifiers(
  db: DbOrTx,
  country: string,
  ids: Pick<Identifiers, "taxCode" | "vatNumber" | "orgNumber">,
): Promise<string[]> {
  const matches = [
    ids.taxCode ? eq(organisations.taxCode, ids.taxCode) : undefined,
    ids.vatNumber ? eq(organisations.vatNumber, ids.vatNumber) : undefined,
    ids.orgNumber ? eq(organisations.orgNumber, ids.orgNumber) : undefined,
  ].filter((m) => m !== undefined);
  if (matches.length === 0) return [];
  const rows = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.country, country), or(...matches)))
    .limit(10);
  return rows.map((r) => r.id);
}

/** Whether the contact is one of the organisation's people (an account may be bound to it). */
export async function contactBelongsTo(db: DbOrTx, contactId: string, organisationId: string): Promise<boolean> {
  const rows = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.id, contactId), eq(contacts.organisationId, organisationId)))
    .limit(1);
  return rows.length > 0;
}

/** The member figures the network publishes: organisations with status `member`. */
export async function memberStats(db: DbOrTx): Promise<MemberStats> {
  const rows = await db
    .select({
      country: organisations.country,
      type: organisations.type,
      publicAuthority: organisations.publicAuthority,
      n: sql<number>`count(*)`.mapWith(Number),
    })
    .from(organisations)
    .where(eq(organisations.status, "member"))
    .groupBy(organisations.country, organisations.type, organisations.publicAuthority);
  const countryList = await listCountries(db);
  const typeList = await listOrganisationTypes(db);
  const stats: MemberStats = { total: 0, byCountry: {}, byType: {}, publicAuthorities: 0, nonPublic: 0 };
  for (const c of countryList) if (c.memberCountry) stats.byCountry[c.code] = 0;
  for (const t of typeList) stats.byType[t.code] = 0;
  for (const r of rows) {
    stats.total += r.n;
    stats.byCountry[r.country] = (stats.byCountry[r.country] ?? 0) + r.n;
    stats.byType[r.type] = (stats.byType[r.type] ?? 0) + r.n;
    if (r.publicAuthority) stats.publicAuthorities += r.n;
    else stats.nonPublic += r.n;
  }
  return stats;
}

// ---------------------------------------------------------------------------------------------
// Writing organisations

function validationError(fields: Record<string, FieldProblem>): AppError {
  return new AppError("validation", "errors:validation", fields);
}

const duplicateCode = () =>
  new AppError("conflict", "errors:conflict", { officialCode: { key: "errors:field.duplicateOfficialCode" } });

async function assertCodeFree(db: DbOrTx, state: OrganisationState, exceptId?: string): Promise<void> {
  if (!state.officialCode) return;
  const found = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(
      and(
        eq(organisations.country, state.country),
        eq(organisations.officialCode, state.officialCode),
        exceptId ? ne(organisations.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (found.length > 0) throw duplicateCode();
}

async function recordStatusChange(
  db: DbOrTx,
  actor: Actor,
  organisationId: string,
  fromStatus: OrganisationStatus | null,
  toStatus: OrganisationStatus,
  note: string | null = null,
): Promise<void> {
  await db.insert(organisationStatusChanges).values({
    organisationId,
    fromStatus,
    toStatus,
    changedBy: actorUserId(actor),
    note,
  });
}

function pick(state: OrganisationRecordState, keys: readonly (keyof OrganisationRecordState)[]) {
  return Object.fromEntries(keys.map((k) => [k, state[k]]));
}

/** The billing fields of a validated input, identifiers normalised for the country. */
function billingOf(
  country: string,
  data: Partial<Record<keyof Identifiers | "invoiceEmail" | "invoiceLanguage", string | null | undefined>> & {
    annualBudget?: number | null | undefined;
  },
  current: BillingFields,
): BillingFields {
  const given = <T>(value: T | undefined, fallback: T): T => (value === undefined ? fallback : value);
  const ids = normalizeIdentifiers(country, {
    taxCode: given(data.taxCode, current.taxCode),
    vatNumber: given(data.vatNumber, current.vatNumber),
    ipaCode: given(data.ipaCode, current.ipaCode),
    orgNumber: given(data.orgNumber, current.orgNumber),
    peppolId: given(data.peppolId, current.peppolId),
  });
  const budget = data.annualBudget;
  return {
    ...ids,
    invoiceEmail: given(data.invoiceEmail, current.invoiceEmail),
    invoiceLanguage: given(data.invoiceLanguage, current.invoiceLanguage),
    annualBudgetCents:
      budget === undefined ? current.annualBudgetCents : budget === null ? null : Math.round(budget * 100),
  };
}

/** memberSince defaults to today for a new member (rules.ts), keeping the billing fields' type. */
const withMemberSince = (state: OrganisationRecordState): OrganisationRecordState => ({
  ...state,
  ...withMemberSinceDefault(state),
});

/** Reference rules and identifier checks together: every field's problem at once. */
function stateProblems(
  ref: Awaited<ReturnType<typeof loadReferenceSnapshot>>,
  state: OrganisationRecordState,
  changed: readonly string[] | "all",
): Record<string, FieldProblem> {
  const set = changed === "all" ? "all" : new Set(changed);
  return {
    ...checkReferenceRules(ref, state, set as ReadonlySet<keyof OrganisationState> | "all"),
    ...checkIdentifiers(state.country, state, set),
  };
}

export async function createOrganisation(db: DbOrTx, actor: Actor, input: OrganisationInput): Promise<Organisation> {
  authorize(actor, canCreateOrganisation(actor));
  const data = parseInput(OrganisationInput, input);
  const ref = await loadReferenceSnapshot(db);
  const state: OrganisationRecordState = withMemberSince({
    name: data.name,
    country: data.country,
    type: data.type,
    publicAuthorityOverride: publicAuthorityOverrideFor(ref, data.type, data.publicAuthority),
    officialCode: data.officialCode ?? null,
    nuts3: data.nuts3 ?? null,
    inhabitants: data.inhabitants ?? null,
    employees: data.employees ?? null,
    website: data.website ?? null,
    street: data.street ?? null,
    postalCode: data.postalCode ?? null,
    city: data.city ?? null,
    workingLanguages: data.workingLanguages ?? [],
    priorities: [...new Set(data.priorities ?? [])],
    status: data.status ?? defaultStatus(ref, data.country),
    memberSince: data.memberSince ?? null,
    ...billingOf(data.country, data, {
      taxCode: null,
      vatNumber: null,
      ipaCode: null,
      orgNumber: null,
      peppolId: null,
      invoiceEmail: null,
      invoiceLanguage: null,
      annualBudgetCents: null,
    }),
  });
  const problems = stateProblems(ref, state, "all");
  if (Object.keys(problems).length > 0) throw validationError(problems);
  const values = rowValues(ref, state);
  try {
    return await db.transaction(async (tx) => {
      await assertCodeFree(tx, state);
      const [row] = await tx.insert(organisations).values(values).returning();
      if (!row) throw new AppError("internal");
      await recordStatusChange(tx, actor, row.id, null, state.status);
      await rememberSearchWords(tx, searchWordsOf(values.searchText));
      const dto = toOrganisation(row);
      await recordAudit(tx, actor, {
        action: "organisation.create",
        entityType: "organisation",
        entityId: row.id,
        after: dto,
      });
      return dto;
    });
  } catch (e) {
    if (isDuplicateOfficialCode(e)) throw duplicateCode();
    throw e;
  }
}

/** The state after applying a validated patch (only the keys the caller sent). */
function applyPatch(
  ref: Awaited<ReturnType<typeof loadReferenceSnapshot>>,
  current: OrganisationRecordState,
  patch: ReturnType<typeof OrganisationPatch.parse>,
): OrganisationRecordState {
  const next: OrganisationRecordState = { ...current };
  const set = <K extends keyof OrganisationRecordState>(key: K, value: OrganisationRecordState[K] | undefined) => {
    if (value !== undefined) next[key] = value;
  };
  set("name", patch.name);
  set("country", patch.country);
  set("type", patch.type);
  set("officialCode", patch.officialCode);
  set("nuts3", patch.nuts3);
  set("inhabitants", patch.inhabitants);
  set("employees", patch.employees);
  set("website", patch.website);
  set("street", patch.street);
  set("postalCode", patch.postalCode);
  set("city", patch.city);
  set("workingLanguages", patch.workingLanguages);
  set("priorities", patch.priorities ? [...new Set(patch.priorities)] : undefined);
  set("status", patch.status);
  set("memberSince", patch.memberSince);
  const requested = patch.publicAuthority !== undefined ? patch.publicAuthority : current.publicAuthorityOverride;
  next.publicAuthorityOverride = publicAuthorityOverrideFor(ref, next.type, requested);
  Object.assign(next, billingOf(next.country, patch, current));
  return next;
}

/** The contract's field name for a state field (the override is `publicAuthority` outside). */
const inputName = (field: keyof OrganisationRecordState) =>
  field === "publicAuthorityOverride" ? "publicAuthority" : field === "annualBudgetCents" ? "annualBudget" : field;

/** expectedVersion: from If-Match (API) or a hidden field (form); mismatch → precondition_failed. */
export async function updateOrganisation(
  db: DbOrTx,
  actor: Actor,
  id: string,
  patch: OrganisationPatch,
  expectedVersion: number | undefined,
): Promise<Organisation> {
  try {
    return await db.transaction(async (tx) => {
      const row = await visibleRow(tx, actor, id, true);
      authorize(actor, canUpdateOrganisation(actor, row));
      const data = parseInput(OrganisationPatch, patch);
      const ref = await loadReferenceSnapshot(tx);
      const before = stateOfRow(row);
      const patched = applyPatch(ref, before, data);
      // A member contact may send the whole form: only fields whose value changes count.
      const forbidden = forbiddenPatchFields(actor, row, changedFields(before, patched).map(inputName));
      if (forbidden.length > 0) throw forbiddenFieldsError(forbidden);
      if (expectedVersion !== undefined && expectedVersion !== row.version) throw new AppError("precondition_failed");
      const after = withMemberSince(patched);
      const changed = changedFields(before, after);
      if (changed.length === 0) return toOrganisation(row);
      const problems = stateProblems(ref, after, changed);
      if (Object.keys(problems).length > 0) throw validationError(problems);
      if (changed.includes("officialCode") || changed.includes("country")) await assertCodeFree(tx, after, row.id);
      const values = rowValues(ref, after);
      const [updated] = await tx
        .update(organisations)
        .set({ ...values, version: sql`${organisations.version} + 1`, updatedAt: new Date() })
        .where(and(eq(organisations.id, row.id), eq(organisations.version, row.version)))
        .returning();
      if (!updated) throw new AppError("precondition_failed");
      if (after.status !== before.status) await recordStatusChange(tx, actor, row.id, before.status, after.status);
      await rememberSearchWords(tx, searchWordsOf(values.searchText));
      await recordAudit(tx, actor, {
        action: "organisation.update",
        entityType: "organisation",
        entityId: row.id,
        before: { ...pick(before, changed), version: row.version },
        after: { ...pick(after, changed), version: updated.version },
      });
      return toOrganisation(updated);
    });
  } catch (e) {
    if (isDuplicateOfficialCode(e)) throw duplicateCode();
    throw e;
  }
}

/** DELETE archives: status becomes `former`, history kept. */
export async function archiveOrganisation(
  db: DbOrTx,
  actor: Actor,
  id: string,
  expectedVersion: number | undefined,
): Promise<Organisation> {
  return db.transaction(async (tx) => {
    const row = await visibleRow(tx, actor, id, true);
    authorize(actor, canArchiveOrganisation(actor));
    if (expectedVersion !== undefined && expectedVersion !== row.version) throw new AppError("precondition_failed");
    if (row.status === "former") return toOrganisation(row);
    const [updated] = await tx
      .update(organisations)
      .set({ status: "former", version: sql`${organisations.version} + 1`, updatedAt: new Date() })
      .where(and(eq(organisations.id, row.id), eq(organisations.version, row.version)))
      .returning();
    if (!updated) throw new AppError("precondition_failed");
    await recordStatusChange(tx, actor, row.id, row.status as OrganisationStatus, "former");
    await recordAudit(tx, actor, {
      action: "organisation.archive",
      entityType: "organisation",
      entityId: row.id,
      before: { status: row.status, version: row.version },
      after: { status: updated.status, version: updated.version },
    });
    return toOrganisation(updated);
  });
}

// ---------------------------------------------------------------------------------------------
// Contacts

async function contactRows(db: DbOrTx, organisationId: string): Promise<Contact[]> {
  const rows = await db
    .select()
    .from(contacts)
    .where(eq(contacts.organisationId, organisationId))
    .orderBy(desc(contacts.primaryContact), desc(contacts.legalRepresentative), asc(contacts.name), asc(contacts.id));
  const withAccounts = await contactsWithAccounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toContact(r, withAccounts.has(r.id)));
}

export async function listContacts(db: DbOrTx, actor: Actor, organisationId: string): Promise<Contact[]> {
  const row = await visibleRow(db, actor, organisationId);
  authorize(actor, canViewContacts(actor, row));
  return contactRows(db, row.id);
}

function defaultContactLanguage(country: string): Language {
  if (country === "IT") return "it";
  if (country === "SE") return "sv";
  return "en";
}

/** Only one primary contact per organisation: a new primary contact takes over. */
async function clearOtherPrimary(db: DbOrTx, organisationId: string, keepId: string): Promise<void> {
  await db
    .update(contacts)
    .set({ primaryContact: false, updatedAt: new Date() })
    .where(
      and(eq(contacts.organisationId, organisationId), eq(contacts.primaryContact, true), ne(contacts.id, keepId)),
    );
}

export async function createContact(
  db: DbOrTx,
  actor: Actor,
  organisationId: string,
  input: ContactInput,
): Promise<Contact> {
  return db.transaction(async (tx) => {
    const org = await visibleRow(tx, actor, organisationId);
    authorize(actor, canEditContacts(actor, org));
    const data = parseInput(ContactInput, input);
    const [row] = await tx
      .insert(contacts)
      .values({
        organisationId: org.id,
        name: data.name,
        jobTitle: data.jobTitle ?? null,
        email: data.email ?? null,
        phone: data.phone ?? null,
        preferredLanguage: data.preferredLanguage ?? defaultContactLanguage(org.country),
        legalRepresentative: data.legalRepresentative ?? false,
        primaryContact: data.primaryContact ?? false,
      })
      .returning();
    if (!row) throw new AppError("internal");
    if (row.primaryContact) await clearOtherPrimary(tx, org.id, row.id);
    const dto = toContact(row, false);
    await recordAudit(tx, actor, { action: "contact.create", entityType: "contact", entityId: row.id, after: dto });
    return dto;
  });
}

async function contactForChange(db: DbOrTx, actor: Actor, contactId: string): Promise<ContactRow> {
  if (!UUID.test(contactId)) throw new AppError("not_found");
  const [row] = await db.select().from(contacts).where(eq(contacts.id, contactId)).limit(1).for("update");
  if (!row) throw new AppError("not_found");
  const org = await findRow(db, row.organisationId);
  if (!org || !canViewOrganisation(actor, org) || !canViewContacts(actor, org)) {
    // Someone who may not see the contact learns nothing about it.
    if (actor.kind === "anonymous") throw new AppError("unauthenticated");
    throw new AppError("not_found");
  }
  authorize(actor, canEditContacts(actor, org));
  return row;
}

const PartialContactInput = ContactInput.partial().strict();

/** Changes the fields given (a PATCH); the full ContactInput works as well. */
export async function updateContact(
  db: DbOrTx,
  actor: Actor,
  contactId: string,
  input: ContactInput | Partial<ContactInput>,
): Promise<Contact> {
  return db.transaction(async (tx) => {
    const row = await contactForChange(tx, actor, contactId);
    const data = parseInput(PartialContactInput, input);
    const changes: Partial<typeof contacts.$inferInsert> = {};
    for (const key of Object.keys(data) as (keyof typeof data)[]) {
      const value = data[key];
      if (value === undefined) continue;
      if (key === "name" && value === null) continue;
      if ((row as Record<string, unknown>)[key] !== value) Object.assign(changes, { [key]: value });
    }
    const hasAccount = await contactHasAccount(tx, row.id);
    if (Object.keys(changes).length === 0) return toContact(row, hasAccount);
    const [updated] = await tx
      .update(contacts)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(contacts.id, row.id))
      .returning();
    if (!updated) throw new AppError("not_found");
    if (changes.primaryContact === true) await clearOtherPrimary(tx, updated.organisationId, updated.id);
    const keys = Object.keys(changes) as (keyof ContactRow)[];
    await recordAudit(tx, actor, {
      action: "contact.update",
      entityType: "contact",
      entityId: row.id,
      before: Object.fromEntries(keys.map((k) => [k, row[k]])),
      after: Object.fromEntries(keys.map((k) => [k, updated[k]])),
    });
    return toContact(updated, hasAccount);
  });
}

async function contactHasAccount(db: DbOrTx, contactId: string): Promise<boolean> {
  return (await contactsWithAccounts(db, [contactId])).has(contactId);
}

export async function deleteContact(db: DbOrTx, actor: Actor, contactId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await contactForChange(tx, actor, contactId);
    await tx.delete(contacts).where(eq(contacts.id, row.id));
    await recordAudit(tx, actor, {
      action: "contact.delete",
      entityType: "contact",
      entityId: row.id,
      before: toContact(row, false),
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Membership over time (called by src/domains/membership/changes.ts, which owns the rules:
// resignation at year end, suspension for unpaid fees, re-admission)

/** An organisation's membership state: what the membership changes read and write. */
export type MembershipState = {
  id: string;
  name: string;
  country: string;
  status: OrganisationStatus;
  memberSince: string | null;
  suspendedSince: string | null;
  version: number;
};

const toMembershipState = (row: OrganisationRow): MembershipState => ({
  id: row.id,
  name: row.name,
  country: row.country,
  status: row.status as OrganisationStatus,
  memberSince: row.memberSince,
  suspendedSince: row.suspendedSince,
  version: row.version,
});

/** The membership state of an organisation the actor may see; not found otherwise. */
export async function getMembershipState(db: DbOrTx, actor: Actor, id: string): Promise<MembershipState> {
  return toMembershipState(await visibleRow(db, actor, id));
}

/**
 * Changes an organisation's membership state (secretariat or system): status, member-since and
 * suspended-since dates, with a status-history entry carrying `note` — also when the status stays
 * the same (a suspension keeps a member a member) — and an audit entry, in one transaction.
 * `at` dates the history entry (e.g. the first day after a resignation's year end); default now.
 */
export async function changeMembershipState(
  db: DbOrTx,
  actor: Actor,
  id: string,
  change: {
    status?: OrganisationStatus;
    memberSince?: string | null;
    suspendedSince?: string | null;
    note: string;
    at?: Date;
  },
): Promise<MembershipState> {
  authorize(actor, canArchiveOrganisation(actor));
  return db.transaction(async (tx) => {
    const row = await findRow(tx, id, true);
    if (!row) throw new AppError("not_found");
    const next = {
      status: change.status ?? row.status,
      memberSince: change.memberSince === undefined ? row.memberSince : change.memberSince,
      suspendedSince: change.suspendedSince === undefined ? row.suspendedSince : change.suspendedSince,
    };
    const [updated] = await tx
      .update(organisations)
      .set({ ...next, version: sql`${organisations.version} + 1`, updatedAt: new Date() })
      .where(eq(organisations.id, row.id))
      .returning();
    if (!updated) throw new AppError("not_found");
    await tx.insert(organisationStatusChanges).values({
      organisationId: row.id,
      fromStatus: row.status,
      toStatus: next.status,
      changedBy: actorUserId(actor),
      note: change.note,
      ...(change.at ? { changedAt: change.at } : {}),
    });
    await recordAudit(tx, actor, {
      action: "organisation.membership",
      entityType: "organisation",
      entityId: row.id,
      before: {
        status: row.status,
        memberSince: row.memberSince,
        suspendedSince: row.suspendedSince,
        version: row.version,
      },
      after: { ...next, note: change.note, version: updated.version },
    });
    return toMembershipState(updated);
  });
}

/**
 * Every organisation that has ever been a member, with its status history (oldest first), for the
 * member counts per year. Figures only: no names.
 */
export async function membershipTimeline(db: DbOrTx): Promise<
  {
    id: string;
    status: OrganisationStatus;
    memberSince: string | null;
    history: { fromStatus: string | null; toStatus: string; changedAt: Date }[];
  }[]
> {
  const orgs = await db
    .select({ id: organisations.id, status: organisations.status, memberSince: organisations.memberSince })
    .from(organisations)
    .where(
      sql`${organisations.status} = 'member' or ${organisations.memberSince} is not null or exists (select 1 from ${organisationStatusChanges} h where h.organisation_id = ${organisations.id} and h.to_status = 'member')`,
    );
  const history = await db
    .select({
      organisationId: organisationStatusChanges.organisationId,
      fromStatus: organisationStatusChanges.fromStatus,
      toStatus: organisationStatusChanges.toStatus,
      changedAt: organisationStatusChanges.changedAt,
    })
    .from(organisationStatusChanges)
    .orderBy(asc(organisationStatusChanges.changedAt), asc(organisationStatusChanges.id));
  const byOrg = new Map<string, { fromStatus: string | null; toStatus: string; changedAt: Date }[]>();
  for (const h of history) {
    const list = byOrg.get(h.organisationId) ?? [];
    list.push({ fromStatus: h.fromStatus, toStatus: h.toStatus, changedAt: h.changedAt });
    byOrg.set(h.organisationId, list);
  }
  return orgs.map((o) => ({
    id: o.id,
    status: o.status as OrganisationStatus,
    memberSince: o.memberSince,
    history: byOrg.get(o.id) ?? [],
  }));
}
