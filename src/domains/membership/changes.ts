/**
 * Membership over time: resignation (effective at the end of the year it is received),
 * suspension for unpaid fees, re-admission. Each change is a row of `membership_changes`; the
 * organisation's status and dates change through the organisations domain's service
 * (`changeMembershipState`), which writes the status history and the audit entry.
 *
 * Rules (docs/decisions: "membership over time"):
 * - A resignation received on any day of year Y takes effect on 31 December of Y — there is no
 *   cutoff date: one received on 30 December still ends the membership that year, and the fee
 *   for Y stays due. The organisation stays a member until then; from 1 January it is `former`.
 *   `applyDueMembershipChanges(db, today)` applies resignations whose effective date is before
 *   `today`, exactly once (the row's `applied_at` is claimed with a conditional update).
 * - Suspension for unpaid fees: the setting `membership.suspendAfterDays` (default 90; null =
 *   never) — a member with an invoice unpaid that many days after its due date is suspended.
 *   A suspended member keeps the status `member` (it is still bound by the statute and the
 *   fees) with `suspended_since` set; the status history gets an entry member → member.
 * - Re-admission: of a suspended member clears `suspended_since`; of a `former` organisation
 *   makes it a member again with a new member-since date.
 */
import { z } from "@hono/zod-openapi";
import { and, asc, desc, eq, isNull, lt, sql } from "drizzle-orm";
import { type Actor, actorUserId, system } from "~/auth/actor";
import { authorize } from "~/auth/authorize";
import type { DbOrTx } from "~/db/client";
import { listInvoices } from "~/domains/invoicing/service";
import { changeMembershipState, getMembershipState, type MembershipState } from "~/domains/organisations/service";
import { readSetting, writeSetting } from "~/domains/reference/settings";
import { AppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import type { JobDefinition } from "~/jobs/queue";
import { canManageMembership, canResign, canViewMembershipChanges } from "./changes-policy";
import { membershipChanges } from "./schema";

export const membershipChangeKinds = ["resignation", "suspension", "readmission"] as const;
export type MembershipChangeKind = (typeof membershipChangeKinds)[number];

/** The setting: days after an invoice's due date before its member is suspended (null = never). */
export const SUSPEND_AFTER_DAYS_SETTING = "membership.suspendAfterDays";
export const DEFAULT_SUSPEND_AFTER_DAYS = 90;

// ---------------------------------------------------------------------------------------------
// Contract

const reason = z.string().trim().max(2000);
const optionalReason = reason
  .transform((v) => (v === "" ? null : v))
  .nullish()
  .transform((v) => v ?? null);
const optionalDate = z
  .union([z.iso.date(), z.literal("")])
  .nullish()
  .transform((v) => (v ? v : null));

export const ResignationInput = z
  .object({
    /** The day the resignation was received (default today); not in the future. */
    receivedOn: optionalDate.openapi({ example: "2026-09-15" }),
    reason: optionalReason,
  })
  .strict()
  .openapi("ResignationInput");
export type ResignationInput = z.input<typeof ResignationInput>;

export const SuspensionInput = z
  .object({
    reason: reason.min(1),
    /** The day the suspension starts (default today). */
    since: optionalDate,
  })
  .strict()
  .openapi("SuspensionInput");
export type SuspensionInput = z.input<typeof SuspensionInput>;

export const ReadmissionInput = z
  .object({
    reason: optionalReason,
    /** The day of re-admission: a former member's new member-since date (default today). */
    on: optionalDate,
  })
  .strict()
  .openapi("ReadmissionInput");
export type ReadmissionInput = z.input<typeof ReadmissionInput>;

export const MembershipChange = z
  .object({
    id: z.string().uuid(),
    organisationId: z.string().uuid(),
    kind: z.enum(membershipChangeKinds),
    effectiveOn: z.string().openapi({ example: "2026-12-31" }),
    appliedAt: z.string().nullable(),
    reason: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("MembershipChange");
export type MembershipChange = z.infer<typeof MembershipChange>;

export const MembershipChangeList = z
  .object({
    status: z.enum(["applicant", "member", "partner", "former"]),
    memberSince: z.string().nullable(),
    suspendedSince: z.string().nullable(),
    /** A resignation received and not yet in effect. */
    pendingResignation: MembershipChange.nullable(),
    items: z.array(MembershipChange),
  })
  .openapi("MembershipChangeList");
export type MembershipChangeList = z.infer<typeof MembershipChangeList>;

export const DueChangesReport = z
  .object({
    /** Organisations whose resignation took effect now. */
    resigned: z.array(z.string().uuid()),
    /** Members suspended now for unpaid invoices. */
    suspended: z.array(z.string().uuid()),
  })
  .openapi("DueMembershipChangesReport");
export type DueChangesReport = z.infer<typeof DueChangesReport>;

// ---------------------------------------------------------------------------------------------
// Dates

const networkDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Rome",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** A moment's date (YYYY-MM-DD) in the network's time zone (Europe/Rome). */
export function dateInNetwork(at: Date): string {
  return networkDate.format(at);
}

/** Today in the network's time zone. */
export function todayInNetwork(now: Date = new Date()): string {
  return dateInNetwork(now);
}

/** The day a resignation received on `receivedOn` takes effect: 31 December of that year. */
export function resignationEffectiveOn(receivedOn: string): string {
  return `${receivedOn.slice(0, 4)}-12-31`;
}

/** The day after a date (YYYY-MM-DD). */
export function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Midnight at the start of a day in the network's time zone (Rome: UTC+1 in winter, +2 in summer). */
function startOfDayInNetwork(date: string): Date {
  for (const offset of ["+01:00", "+02:00"]) {
    const at = new Date(`${date}T00:00:00${offset}`);
    if (dateInNetwork(at) === date && dateInNetwork(new Date(at.getTime() - 1)) !== date) return at;
  }
  return new Date(`${date}T00:00:00Z`);
}

/** The moment a change dated `day` is recorded at: now if it is today, else that day's first moment. */
function momentOf(day: string): Date {
  return day === todayInNetwork() ? new Date() : startOfDayInNetwork(day);
}

// ---------------------------------------------------------------------------------------------
// Reading

type Row = typeof membershipChanges.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

function toChange(row: Row): MembershipChange {
  return {
    id: row.id,
    organisationId: row.organisationId,
    kind: row.kind as MembershipChangeKind,
    effectiveOn: row.effectiveOn,
    appliedAt: row.appliedAt ? iso(row.appliedAt) : null,
    reason: row.reason,
    createdAt: iso(row.createdAt),
  };
}

/** The organisation (as the actor may see it) — not found when unknown or invisible. */
async function stateFor(db: DbOrTx, actor: Actor, organisationId: string): Promise<MembershipState> {
  if (!UUID.test(organisationId)) throw new AppError("not_found");
  // The system reads every organisation; a member contact their own whatever its status.
  return getMembershipState(db, actor.kind === "user" ? actor : system("membership"), organisationId);
}

async function pendingResignation(db: DbOrTx, organisationId: string): Promise<Row | undefined> {
  const [row] = await db
    .select()
    .from(membershipChanges)
    .where(
      and(
        eq(membershipChanges.organisationId, organisationId),
        eq(membershipChanges.kind, "resignation"),
        isNull(membershipChanges.appliedAt),
      ),
    )
    .limit(1);
  return row;
}

/** An organisation's membership changes, newest first, with its current state. */
export async function listMembershipChanges(
  db: DbOrTx,
  actor: Actor,
  organisationId: string,
): Promise<MembershipChangeList> {
  const state = await stateFor(db, actor, organisationId);
  authorize(actor, canViewMembershipChanges(actor, state.id));
  const rows = await db
    .select()
    .from(membershipChanges)
    .where(eq(membershipChanges.organisationId, state.id))
    .orderBy(desc(membershipChanges.createdAt), desc(membershipChanges.effectiveOn));
  const pending = rows.find((r) => r.kind === "resignation" && r.appliedAt === null);
  return {
    status: state.status,
    memberSince: state.memberSince,
    suspendedSince: state.suspendedSince,
    pendingResignation: pending ? toChange(pending) : null,
    items: rows.map(toChange),
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

const conflict = (key: string) => new AppError("conflict", `membershipChanges:errors.${key}`);

function fieldError(field: string, key: string): AppError {
  return new AppError("validation", "errors:validation", { [field]: { key: `membershipChanges:errors.${key}` } });
}

async function insertChange(
  db: DbOrTx,
  actor: Actor,
  values: {
    organisationId: string;
    kind: MembershipChangeKind;
    effectiveOn: string;
    reason: string | null;
    applied: boolean;
  },
): Promise<Row> {
  const [row] = await db
    .insert(membershipChanges)
    .values({
      organisationId: values.organisationId,
      kind: values.kind,
      effectiveOn: values.effectiveOn,
      appliedAt: values.applied ? new Date() : null,
      reason: values.reason,
      createdBy: actorUserId(actor),
    })
    .returning();
  if (!row) throw new AppError("internal");
  return row;
}

/**
 * Records a member's resignation (secretariat, or the organisation's own contact). It takes
 * effect on 31 December of the year received; until then the organisation stays a member.
 */
export async function recordResignation(
  db: DbOrTx,
  actor: Actor,
  organisationId: string,
  input: ResignationInput,
  today: string = todayInNetwork(),
): Promise<MembershipChange> {
  const state = await stateFor(db, actor, organisationId);
  authorize(actor, canResign(actor, state.id));
  const data = parseInput(ResignationInput, input);
  const receivedOn = data.receivedOn ?? today;
  if (receivedOn > today) throw fieldError("receivedOn", "inFuture");
  return db.transaction(async (tx) => {
    if (state.status !== "member") throw conflict("notMember");
    if (await pendingResignation(tx, state.id)) throw conflict("alreadyResigned");
    const row = await insertChange(tx, actor, {
      organisationId: state.id,
      kind: "resignation",
      effectiveOn: resignationEffectiveOn(receivedOn),
      reason: data.reason,
      applied: false,
    });
    await changeMembershipState(tx, system("membership"), state.id, {
      note: `resignation received on ${receivedOn}, effective ${row.effectiveOn}${data.reason ? `: ${data.reason}` : ""}`,
    });
    return toChange(row);
  });
}

async function suspendOne(
  db: DbOrTx,
  actor: Actor,
  state: MembershipState,
  since: string,
  why: string,
): Promise<MembershipChange> {
  return db.transaction(async (tx) => {
    const row = await insertChange(tx, actor, {
      organisationId: state.id,
      kind: "suspension",
      effectiveOn: since,
      reason: why,
      applied: true,
    });
    await changeMembershipState(tx, actor, state.id, {
      suspendedSince: since,
      note: `suspended: ${why}`,
      at: momentOf(since),
    });
    return toChange(row);
  });
}

/** Suspends a member (secretariat), e.g. for unpaid fees. */
export async function suspendMembership(
  db: DbOrTx,
  actor: Actor,
  organisationId: string,
  input: SuspensionInput,
  today: string = todayInNetwork(),
): Promise<MembershipChange> {
  authorize(actor, canManageMembership(actor));
  const state = await stateFor(db, actor, organisationId);
  const data = parseInput(SuspensionInput, input);
  const since = data.since ?? today;
  if (since > today) throw fieldError("since", "inFuture");
  if (state.status !== "member") throw conflict("notMember");
  if (state.suspendedSince !== null) throw conflict("alreadySuspended");
  return suspendOne(db, actor, state, since, data.reason);
}

/**
 * Re-admits (secretariat): a suspended member is no longer suspended; a former member becomes a
 * member again from the re-admission day (its new member-since date).
 */
export async function readmitMember(
  db: DbOrTx,
  actor: Actor,
  organisationId: string,
  input: ReadmissionInput,
  today: string = todayInNetwork(),
): Promise<MembershipChange> {
  authorize(actor, canManageMembership(actor));
  const state = await stateFor(db, actor, organisationId);
  const data = parseInput(ReadmissionInput, input);
  const on = data.on ?? today;
  if (on > today) throw fieldError("on", "inFuture");
  const suspended = state.status === "member" && state.suspendedSince !== null;
  if (!suspended && state.status !== "former") throw conflict("notReadmissible");
  return db.transaction(async (tx) => {
    const row = await insertChange(tx, actor, {
      organisationId: state.id,
      kind: "readmission",
      effectiveOn: on,
      reason: data.reason,
      applied: true,
    });
    const why = data.reason ? `: ${data.reason}` : "";
    if (suspended) {
      await changeMembershipState(tx, actor, state.id, {
        suspendedSince: null,
        note: `suspension lifted${why}`,
        at: momentOf(on),
      });
    } else {
      await changeMembershipState(tx, actor, state.id, {
        status: "member",
        memberSince: on,
        suspendedSince: null,
        note: `re-admitted as member from ${on}${why}`,
        at: momentOf(on),
      });
    }
    return toChange(row);
  });
}

// ---------------------------------------------------------------------------------------------
// Due changes (the daily job, the CLI, the secretariat's button)

/**
 * Applies the resignations due on `today` (effective date before today): the organisation
 * becomes `former`, its history entry dated the first day after the effective date. Each change
 * is claimed by setting `applied_at` where it is still null, so two runs at once, or a run
 * repeated, apply it once. Returns the organisations that resigned now.
 */
export async function applyDueResignations(db: DbOrTx, today: string = todayInNetwork()): Promise<string[]> {
  const due = await db
    .select({ id: membershipChanges.id })
    .from(membershipChanges)
    .where(
      and(
        eq(membershipChanges.kind, "resignation"),
        isNull(membershipChanges.appliedAt),
        lt(membershipChanges.effectiveOn, today),
      ),
    )
    .orderBy(asc(membershipChanges.effectiveOn));
  const resigned: string[] = [];
  const actor = system("membership");
  for (const { id } of due) {
    const organisationId = await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(membershipChanges)
        .set({ appliedAt: new Date() })
        .where(and(eq(membershipChanges.id, id), isNull(membershipChanges.appliedAt)))
        .returning();
      if (!claimed) return null;
      const state = await getMembershipState(tx, actor, claimed.organisationId);
      // Archived (or otherwise no longer a member) in the meantime: nothing left to end.
      if (state.status !== "member") return null;
      await changeMembershipState(tx, actor, state.id, {
        status: "former",
        suspendedSince: null,
        note: `resignation effective ${claimed.effectiveOn}${claimed.reason ? `: ${claimed.reason}` : ""}`,
        at: startOfDayInNetwork(nextDay(claimed.effectiveOn)),
      });
      return state.id;
    });
    if (organisationId) resigned.push(organisationId);
  }
  return resigned;
}

/** The setting `membership.suspendAfterDays`: a number of days, or null (never suspend). */
export async function suspendAfterDays(db: DbOrTx): Promise<number | null> {
  const value = await readSetting(db, SUSPEND_AFTER_DAYS_SETTING);
  if (value === undefined) return DEFAULT_SUSPEND_AFTER_DAYS;
  if (value === null) return null;
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : DEFAULT_SUSPEND_AFTER_DAYS;
}

export const SuspendAfterDaysInput = z
  .object({ days: z.number().int().min(0).max(3650).nullable() })
  .strict()
  .openapi("SuspendAfterDaysInput");

/** Changes the setting (secretariat). */
export async function setSuspendAfterDays(db: DbOrTx, actor: Actor, input: unknown): Promise<number | null> {
  authorize(actor, canManageMembership(actor));
  const { days } = parseInput(SuspendAfterDaysInput, input);
  // A JSON null (never), not an SQL NULL, which the settings table does not take.
  await writeSetting(db, SUSPEND_AFTER_DAYS_SETTING, days === null ? sql`'null'::jsonb` : days);
  return days;
}

/**
 * The organisations with an invoice unpaid more than `days` after its due date, through the
 * invoicing domain's own listing (invoices it has marked overdue or partially paid).
 */
async function organisationsOverdue(db: DbOrTx, today: string, days: number): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const actor = system("membership");
  for (const status of ["overdue", "partially_paid"] as const) {
    for (let page = 1; ; page++) {
      const { items, total, pageSize } = await listInvoices(db, actor, {
        status,
        kind: "invoice",
        page,
        pageSize: 500,
      });
      for (const invoice of items) {
        if (invoice.dueDate === null || daysBetween(invoice.dueDate, today) <= days) continue;
        if (!found.has(invoice.organisationId)) found.set(invoice.organisationId, invoice.number ?? invoice.id);
      }
      if (page * pageSize >= total || items.length === 0) break;
    }
  }
  return found;
}

/**
 * Suspends every member with an invoice unpaid longer than the setting allows (nothing when the
 * setting is null). Members already suspended are left alone. Returns those suspended now.
 */
export async function suspendOverdueMembers(
  db: DbOrTx,
  actor: Actor,
  today: string = todayInNetwork(),
): Promise<string[]> {
  authorize(actor, canManageMembership(actor));
  const days = await suspendAfterDays(db);
  if (days === null) return [];
  const overdue = await organisationsOverdue(db, today, days);
  const suspended: string[] = [];
  for (const [organisationId, invoiceNumber] of overdue) {
    const state = await getMembershipState(db, system("membership"), organisationId).catch(() => null);
    if (state?.status !== "member" || state.suspendedSince !== null) continue;
    await suspendOne(
      db,
      actor,
      state,
      today,
      `invoice ${invoiceNumber} unpaid more than ${days} days after its due date`,
    );
    suspended.push(organisationId);
  }
  return suspended;
}

/**
 * Everything due on `today`: resignations that have taken effect, and suspensions for unpaid
 * fees. Safe to run any number of times (the daily job, `ponte`, the secretariat's button).
 */
export async function applyDueMembershipChanges(
  db: DbOrTx,
  today: string = todayInNetwork(),
  actor: Actor = system("membership"),
): Promise<DueChangesReport> {
  authorize(actor, canManageMembership(actor));
  const resigned = await applyDueResignations(db, today);
  const suspended = await suspendOverdueMembers(db, actor, today);
  return { resigned, suspended };
}

/** The daily job, for src/jobs/handlers.ts: `[...invoicingJobs, ...membershipChangesJobs]`. */
export const membershipChangesJobs: readonly JobDefinition[] = [
  {
    name: "membership.daily-changes",
    // 05:30 UTC, after midnight in Rome and before the invoicing's daily job (06:00 UTC).
    cron: "30 5 * * *",
    expireInSeconds: 15 * 60,
    handle: async (database) => {
      await applyDueMembershipChanges(database.db, todayInNetwork());
    },
  },
];

/** Resignations received and not yet in effect, soonest first, with the organisation's name (secretariat). */
export async function listPendingResignations(
  db: DbOrTx,
  actor: Actor,
): Promise<(MembershipChange & { organisationName: string })[]> {
  authorize(actor, canManageMembership(actor));
  const rows = await db
    .select()
    .from(membershipChanges)
    .where(and(eq(membershipChanges.kind, "resignation"), isNull(membershipChanges.appliedAt)))
    .orderBy(asc(membershipChanges.effectiveOn), asc(membershipChanges.createdAt));
  const out: (MembershipChange & { organisationName: string })[] = [];
  for (const row of rows) {
    const state = await getMembershipState(db, system("membership"), row.organisationId);
    out.push({ ...toChange(row), organisationName: state.name });
  }
  return out;
}
