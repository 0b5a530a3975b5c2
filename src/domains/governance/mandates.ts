/**
 * Mandates: who holds a seat or office in a governance body, from when to when, given by which
 * decision. The secretariat records them; the rules of the body are checked over the whole
 * period of a new mandate, day by day where mandates begin:
 * - no more members (role `member`) than seats at any time;
 * - the balance rule (`balancedCountries`, e.g. IT and SE with 10 seats: at most 5 each), by the
 *   country of the holder's organisation;
 * - an office (Chair, Vice-chair) only for someone holding a seat in the parent body (the Board)
 *   for the whole period;
 * - nobody twice in the same body at the same time; the General Assembly has no mandates (its
 *   members are the member organisations).
 * A mandate holds from `startsOn` to `endsOn` (its term; null: open-ended); ended early, it no
 * longer holds from `endedOn`. `name` is a snapshot of the holder's name, for history.
 * Every change runs in one transaction, with the body's row locked so two changes to the same
 * body cannot both take the last seat, and is audited.
 */
import { and, asc, eq, gt, inArray, isNull, lte, or, type SQL } from "drizzle-orm";
import { recordAudit } from "~/audit/audit";
import type { Actor } from "~/auth/actor";
import { authorize } from "~/auth/authorize";
import type { DbOrTx } from "~/db/client";
import { users } from "~/domains/accounts/schema";
import { contacts, organisations } from "~/domains/organisations/schema";
import { governanceBodies } from "~/domains/reference/schema";
import { AppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import { isLanguage } from "~/i18n/i18n";
import {
  type CurrentHolder,
  EndMandateInput,
  type Mandate,
  MandateInput,
  MandateQuery,
  type MandateRole,
  type MandateStatus,
} from "./bodies-contract";
import { canManageGovernance, canViewGovernance } from "./policy";
import { decisions, mandates } from "./schema";

// ---------------------------------------------------------------------------------------------
// Dates (YYYY-MM-DD, calendar days)

const romeDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Rome",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today in the network's time zone (Europe/Rome). */
export function governanceToday(now: Date = new Date()): string {
  return romeDate.format(now);
}

/** A date plus (or minus) some days. */
export function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A date plus some months, on the same day of the month (the month's last day when it is shorter). */
export function plusMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** The last day of a term beginning on `startsOn`: the start plus the term, less one day. */
export function defaultTermEnd(startsOn: string, termMonths: number | null): string | null {
  return termMonths ? plusDays(plusMonths(startsOn, termMonths), -1) : null;
}

const FOREVER = "9999-12-31";

// ---------------------------------------------------------------------------------------------
// Reading

type Row = typeof mandates.$inferSelect;
type Joined = {
  m: Row;
  organisationName: string | null;
  organisationCountry: string | null;
  contactEmail: string | null;
  contactLanguage: string | null;
  userEmail: string | null;
  userLanguage: string | null;
};

/** The last day a mandate holds: the day before it ended early, else its term's end (null: open-ended). */
export function lastDayOf(m: { endsOn: string | null; endedOn: string | null }): string | null {
  const early = m.endedOn ? plusDays(m.endedOn, -1) : null;
  if (early && m.endsOn) return [early, m.endsOn].sort()[0] ?? null;
  return early ?? m.endsOn;
}

export function statusOn(
  m: { startsOn: string; endsOn: string | null; endedOn: string | null },
  at: string,
): MandateStatus {
  const last = lastDayOf(m) ?? FOREVER;
  if (last < m.startsOn || last < at) return "past";
  if (m.startsOn > at) return "upcoming";
  return "current";
}

/** Mandates holding on a day, as SQL. */
export function heldOn(at: string): SQL {
  return and(
    lte(mandates.startsOn, at),
    or(isNull(mandates.endsOn), gt(mandates.endsOn, plusDays(at, -1))),
    or(isNull(mandates.endedOn), gt(mandates.endedOn, at)),
  ) as SQL;
}

async function selectMandates(db: DbOrTx, where: SQL | undefined): Promise<Joined[]> {
  return db
    .select({
      m: mandates,
      organisationName: organisations.name,
      organisationCountry: organisations.country,
      contactEmail: contacts.email,
      contactLanguage: contacts.preferredLanguage,
      userEmail: users.email,
      userLanguage: users.language,
    })
    .from(mandates)
    .leftJoin(organisations, eq(organisations.id, mandates.organisationId))
    .leftJoin(contacts, eq(contacts.id, mandates.contactId))
    .leftJoin(users, eq(users.id, mandates.userId))
    .where(where)
    .orderBy(asc(mandates.startsOn), asc(mandates.name), asc(mandates.id));
}

/** A mandate as the services answer it; the e-mail only for the secretariat. */
function toMandate(j: Joined, at: string, withEmail: boolean): Mandate {
  const { m } = j;
  return {
    id: m.id,
    bodyCode: m.bodyCode,
    contactId: m.contactId,
    userId: m.userId,
    organisationId: m.organisationId,
    organisationName: j.organisationName,
    organisationCountry: j.organisationCountry,
    name: m.name,
    ...(withEmail ? { email: j.contactEmail ?? j.userEmail ?? null } : {}),
    role: m.role as MandateRole,
    startsOn: m.startsOn,
    endsOn: m.endsOn,
    endedOn: m.endedOn,
    endReason: m.endReason,
    lastDay: lastDayOf(m),
    decisionId: m.decisionId,
    decisionNote: m.decisionNote,
    status: statusOn(m, at),
  };
}

/** Every mandate of some bodies (all of them when `codes` is undefined), with their status on `at`. */
export async function mandatesOfBodies(
  db: DbOrTx,
  codes: readonly string[] | undefined,
  at: string,
  withEmail: boolean,
): Promise<Mandate[]> {
  if (codes && codes.length === 0) return [];
  const rows = await selectMandates(db, codes ? inArray(mandates.bodyCode, [...codes]) : undefined);
  return rows.map((r) => toMandate(r, at, withEmail));
}

export async function findBody(db: DbOrTx, code: string) {
  const [body] = await db.select().from(governanceBodies).where(eq(governanceBodies.code, code)).limit(1);
  if (!body) throw new AppError("not_found");
  return body;
}

/**
 * A body's mandates (secretariat, Board): those holding on `at` (default today), or with
 * `history` every mandate, past and upcoming too, newest first.
 */
export async function listMandates(
  db: DbOrTx,
  actor: Actor,
  code: string,
  query: { at?: string | undefined; history?: boolean | string | undefined } = {},
): Promise<Mandate[]> {
  authorize(actor, canViewGovernance(actor));
  const q = parseInput(MandateQuery, {
    at: query.at,
    history: typeof query.history === "boolean" ? String(query.history) : query.history,
  });
  const at = q.at ?? governanceToday();
  await findBody(db, code);
  const rows = await selectMandates(db, eq(mandates.bodyCode, code));
  const all = rows.map((r) => toMandate(r, at, canManageGovernance(actor)));
  if (q.history) return all.reverse();
  return all.filter((m) => m.status === "current");
}

/**
 * The holders of a body's seats on a day, with the address and language to write to them (the
 * contact's, else the account's). For invitations to meetings: no authorization, callers decide.
 */
export async function currentMandates(db: DbOrTx, bodyCode: string, onDate: string): Promise<CurrentHolder[]> {
  const rows = await selectMandates(db, and(eq(mandates.bodyCode, bodyCode), heldOn(onDate)));
  return rows.map((j) => {
    const language = j.contactLanguage ?? j.userLanguage;
    return {
      mandateId: j.m.id,
      contactId: j.m.contactId,
      userId: j.m.userId,
      organisationId: j.m.organisationId,
      organisationCountry: j.organisationCountry,
      name: j.m.name,
      email: j.contactEmail ?? j.userEmail ?? null,
      language: isLanguage(language) ? language : "en",
      role: j.m.role as MandateRole,
    };
  });
}

export async function getMandate(db: DbOrTx, actor: Actor, id: string): Promise<Mandate> {
  authorize(actor, canViewGovernance(actor));
  if (!UUID.test(id)) throw new AppError("not_found");
  const [row] = await selectMandates(db, eq(mandates.id, id));
  if (!row) throw new AppError("not_found");
  return toMandate(row, governanceToday(), canManageGovernance(actor));
}

// ---------------------------------------------------------------------------------------------
// Rules

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fieldError(field: string, key: string, values: Record<string, string | number> = {}): AppError {
  return new AppError("validation", "errors:validation", { [field]: { key: `governance:errors.${key}`, values } });
}

type Interval = { start: string; end: string };
type Holding = Interval & { contactId: string | null; userId: string | null; role: string; country: string | null };

const overlaps = (a: Interval, b: Interval) => a.start <= b.end && b.start <= a.end;

/**
 * The most holdings (matching `counts`) present on one day of `period`, with that day. The most
 * is reached on a day some holding begins, or on the period's first day.
 */
export function peakWithin(period: Interval, holdings: readonly Interval[]): { count: number; day: string } {
  const within = holdings.filter((h) => overlaps(h, period));
  const days = new Set([
    period.start,
    ...within.map((h) => h.start).filter((d) => d > period.start && d <= period.end),
  ]);
  let best = { count: 0, day: period.start };
  for (const day of [...days].sort()) {
    const count = within.filter((h) => h.start <= day && day <= h.end).length;
    if (count > best.count) best = { count, day };
  }
  return best;
}

/** At most this many members per balanced country (seats shared equally), or null: no rule. */
export function balanceMax(seats: number | null, countries: readonly string[]): number | null {
  if (!seats || countries.length === 0) return null;
  return Math.floor(seats / countries.length);
}

const samePerson = (a: { contactId: string | null; userId: string | null }, b: typeof a) =>
  (a.contactId !== null && a.contactId === b.contactId) || (a.userId !== null && a.userId === b.userId);

async function holdingsOf(db: DbOrTx, bodyCode: string): Promise<Holding[]> {
  const rows = await db
    .select({ m: mandates, country: organisations.country })
    .from(mandates)
    .leftJoin(organisations, eq(organisations.id, mandates.organisationId))
    .where(eq(mandates.bodyCode, bodyCode));
  return rows
    .map(({ m, country }) => ({
      start: m.startsOn,
      end: lastDayOf(m) ?? FOREVER,
      contactId: m.contactId,
      userId: m.userId,
      role: m.role,
      country,
    }))
    .filter((h) => h.end >= h.start);
}

type Holder = {
  contactId: string | null;
  userId: string | null;
  organisationId: string | null;
  country: string | null;
  name: string;
};

/** Who the new mandate is for: a contact of a member organisation, or a user (staff, or bound to a member organisation). */
async function resolveHolder(
  tx: DbOrTx,
  kind: string,
  input: { contactId?: string | undefined; userId?: string | undefined; organisationId?: string | undefined },
): Promise<Holder> {
  let user: { id: string; name: string } | undefined;
  if (input.userId) {
    [user] = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, input.userId)).limit(1);
    if (!user) throw fieldError("userId", "unknownUser");
  }
  if (input.contactId) {
    const [contact] = await tx
      .select({
        id: contacts.id,
        name: contacts.name,
        organisationId: contacts.organisationId,
        status: organisations.status,
        country: organisations.country,
      })
      .from(contacts)
      .innerJoin(organisations, eq(organisations.id, contacts.organisationId))
      .where(eq(contacts.id, input.contactId))
      .limit(1);
    if (!contact) throw fieldError("contactId", "unknownContact");
    if (kind !== "staff" && contact.status !== "member") throw fieldError("contactId", "notMember");
    return {
      contactId: contact.id,
      userId: user?.id ?? null,
      organisationId: contact.organisationId,
      country: contact.country,
      name: contact.name,
    };
  }
  if (!user) throw fieldError(kind === "staff" ? "userId" : "contactId", "holderRequired");
  if (!input.organisationId) {
    if (kind === "staff")
      return { contactId: null, userId: user.id, organisationId: null, country: null, name: user.name };
    throw fieldError("organisationId", "organisationRequired");
  }
  const [org] = await tx
    .select({ id: organisations.id, status: organisations.status, country: organisations.country })
    .from(organisations)
    .where(eq(organisations.id, input.organisationId))
    .limit(1);
  if (!org) throw fieldError("organisationId", "unknownOrganisation");
  if (kind !== "staff" && org.status !== "member") throw fieldError("organisationId", "notMember");
  return { contactId: null, userId: user.id, organisationId: org.id, country: org.country, name: user.name };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Records a mandate (secretariat), after checking the body's rules over its whole period. */
export async function createMandate(db: DbOrTx, actor: Actor, code: string, input: unknown): Promise<Mandate> {
  authorize(actor, canManageGovernance(actor));
  const data = parseInput(MandateInput, input);
  const id = await db.transaction(async (tx) => {
    // The body's row is locked: two mandates recorded at once are checked one after the other.
    const [body] = await tx.select().from(governanceBodies).where(eq(governanceBodies.code, code)).for("update");
    if (!body) throw new AppError("not_found");
    if (body.kind === "assembly") throw fieldError("bodyCode", "assemblyHasNoMandates");
    const endsOn = data.endsOn ?? defaultTermEnd(data.startsOn, body.termMonths);
    if (endsOn !== null && endsOn < data.startsOn) throw fieldError("endsOn", "endsBeforeStart");
    if (data.decisionId) {
      const [decision] = await tx
        .select({ id: decisions.id })
        .from(decisions)
        .where(eq(decisions.id, data.decisionId))
        .limit(1);
      if (!decision) throw fieldError("decisionId", "unknownDecision");
    }
    const holder = await resolveHolder(tx, body.kind, data);
    const personField = holder.contactId ? "contactId" : "userId";
    const period = { start: data.startsOn, end: endsOn ?? FOREVER };
    const existing = await holdingsOf(tx, code);

    if (existing.some((h) => samePerson(h, holder) && overlaps(h, period)))
      throw fieldError(personField, "alreadyHolds");

    if (data.role === "member") {
      const members = existing.filter((h) => h.role === "member");
      if (body.seats !== null) {
        const peak = peakWithin(period, members);
        if (peak.count + 1 > body.seats) throw fieldError("startsOn", "noSeat", { seats: body.seats, date: peak.day });
      }
      const max = balanceMax(body.seats, body.balancedCountries);
      if (max !== null) {
        if (!holder.country || !body.balancedCountries.includes(holder.country))
          throw fieldError(personField, "outsideBalance", { countries: body.balancedCountries.join(", ") });
        const peak = peakWithin(
          period,
          members.filter((h) => h.country === holder.country),
        );
        if (peak.count + 1 > max)
          throw fieldError(personField, "balance", { country: holder.country, max, date: peak.day });
      }
    }

    if (body.kind === "office" && body.parentCode) {
      const parent = (await holdingsOf(tx, body.parentCode)).filter(
        (h) => h.role === "member" && samePerson(h, holder) && h.start <= period.start && period.start <= h.end,
      );
      if (parent.length === 0) throw fieldError(personField, "officeNeedsParent");
      if (!parent.some((h) => period.end <= h.end)) {
        const until =
          parent
            .map((h) => h.end)
            .sort()
            .at(-1) ?? period.start;
        throw fieldError("endsOn", "officeBeyondParent", { date: until });
      }
    }

    const [row] = await tx
      .insert(mandates)
      .values({
        bodyCode: code,
        contactId: holder.contactId,
        userId: holder.userId,
        organisationId: holder.organisationId,
        name: holder.name,
        role: data.role,
        startsOn: data.startsOn,
        endsOn,
        decisionId: data.decisionId ?? null,
        decisionNote: data.decisionNote,
      })
      .returning();
    if (!row) throw new AppError("internal");
    await recordAudit(tx, actor, {
      action: "governance.mandate.create",
      entityType: "mandate",
      entityId: row.id,
      after: {
        bodyCode: code,
        contactId: row.contactId,
        userId: row.userId,
        organisationId: row.organisationId,
        name: row.name,
        role: row.role,
        startsOn: row.startsOn,
        endsOn: row.endsOn,
        decisionId: row.decisionId,
        decisionNote: row.decisionNote,
      },
    });
    return row.id;
  });
  return getMandate(db, actor, id);
}

/**
 * Ends a mandate early (secretariat): from `endedOn` (default today) it no longer holds, its seat
 * is vacant and it moves to the body's history. `endedOn` lies between the mandate's start and
 * the day after its term.
 */
export async function endMandate(
  db: DbOrTx,
  actor: Actor,
  id: string,
  input: unknown,
  today: string = governanceToday(),
): Promise<Mandate> {
  authorize(actor, canManageGovernance(actor));
  if (!UUID.test(id)) throw new AppError("not_found");
  const data = parseInput(EndMandateInput, input);
  const endedOn = data.endedOn ?? today;
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(mandates).where(eq(mandates.id, id)).for("update");
    if (!row) throw new AppError("not_found");
    if (row.endedOn !== null) throw new AppError("conflict", "governance:errors.alreadyEnded");
    if (endedOn < row.startsOn) throw fieldError("endedOn", "endedBeforeStart", { date: row.startsOn });
    if (row.endsOn !== null && endedOn > plusDays(row.endsOn, 1))
      throw fieldError("endedOn", "endedAfterTerm", { date: row.endsOn });
    await tx
      .update(mandates)
      .set({ endedOn, endReason: data.reason, updatedAt: new Date() })
      .where(eq(mandates.id, id));
    await recordAudit(tx, actor, {
      action: "governance.mandate.end",
      entityType: "mandate",
      entityId: id,
      before: { bodyCode: row.bodyCode, name: row.name, endedOn: null, endReason: null },
      after: { bodyCode: row.bodyCode, name: row.name, endedOn, endReason: data.reason },
    });
  });
  return getMandate(db, actor, id);
}
