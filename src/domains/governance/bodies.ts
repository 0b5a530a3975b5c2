/**
 * Governance bodies: their rules (seats, term, quorum, country balance, public or not) and their
 * composition on a day — who holds the seats, how many are vacant, what breaks the rules (more
 * members than seats, a country over its share, an office holder without a seat in the parent
 * body) and whose term ends within the warning window (setting `governance.termWarningDays`).
 * The secretariat changes the rules; the secretariat and the Board see everything; everyone sees
 * who holds the public bodies' seats (name, organisation, role, since, until: no addresses).
 */
import { and, asc, eq } from "drizzle-orm";
import { recordAudit } from "~/audit/audit";
import type { Actor } from "~/auth/actor";
import { authorize } from "~/auth/authorize";
import type { DbOrTx } from "~/db/client";
import { users } from "~/domains/accounts/schema";
import { contacts, organisations } from "~/domains/organisations/schema";
import { governanceBodies } from "~/domains/reference/schema";
import { readSetting } from "~/domains/reference/settings";
import { AppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import {
  type BodyDetail,
  type BodyKind,
  BodyRulesInput,
  type BodySummary,
  type CompositionProblem,
  type Mandate,
  type PublicBody,
} from "./bodies-contract";
import { balanceMax, findBody, governanceToday, mandatesOfBodies, plusDays } from "./mandates";
import { canManageGovernance, canViewGovernance } from "./policy";

export const TERM_WARNING_DAYS_SETTING = "governance.termWarningDays";
export const DEFAULT_TERM_WARNING_DAYS = 60;

/** The setting `governance.termWarningDays` (default 60; a bad value falls back to it). */
export async function termWarningDays(db: DbOrTx): Promise<number> {
  const value = await readSetting(db, TERM_WARNING_DAYS_SETTING);
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 3650
    ? value
    : DEFAULT_TERM_WARNING_DAYS;
}

/** Whether a mandate's term (not ended early) ends within `days` days from `at`. */
export function endsWithin(m: Pick<Mandate, "endsOn" | "endedOn">, at: string, days: number): boolean {
  return m.endedOn === null && m.endsOn !== null && m.endsOn >= at && m.endsOn <= plusDays(at, days);
}

type BodyRow = typeof governanceBodies.$inferSelect;

function rulesOf(body: BodyRow) {
  return {
    code: body.code,
    names: body.names,
    kind: body.kind as BodyKind,
    parentCode: body.parentCode,
    seats: body.seats,
    termMonths: body.termMonths,
    quorumPercent: body.quorumPercent,
    balancedCountries: body.balancedCountries,
    public: body.public,
    holdsMeetings: body.holdsMeetings,
  };
}

const byRoleThenName = (a: Mandate, b: Mandate) =>
  a.role === b.role ? a.name.localeCompare(b.name) : a.role === "member" ? -1 : 1;

/** What breaks the body's rules among the mandates held on a day. */
export function compositionProblems(
  body: Pick<BodyRow, "kind" | "seats" | "balancedCountries">,
  current: readonly Mandate[],
  parentCurrent: readonly Mandate[] = [],
): CompositionProblem[] {
  const problems: CompositionProblem[] = [];
  const members = current.filter((m) => m.role === "member");
  if (body.seats !== null && members.length > body.seats)
    problems.push({ kind: "overSeats", country: null, count: members.length, max: body.seats, name: null });
  const max = balanceMax(body.seats, body.balancedCountries);
  if (max !== null) {
    const perCountry = new Map<string, number>();
    for (const m of members) {
      const country = m.organisationCountry ?? "";
      perCountry.set(country, (perCountry.get(country) ?? 0) + 1);
    }
    for (const [country, count] of [...perCountry].sort(([a], [b]) => a.localeCompare(b))) {
      if (!body.balancedCountries.includes(country))
        problems.push({ kind: "outsideBalance", country: country || null, count, max: null, name: null });
      else if (count > max) problems.push({ kind: "balance", country, count, max, name: null });
    }
  }
  if (body.kind === "office") {
    const seated = parentCurrent.filter((p) => p.role === "member");
    for (const m of current) {
      const held = seated.some(
        (p) => (m.contactId !== null && p.contactId === m.contactId) || (m.userId !== null && p.userId === m.userId),
      );
      if (!held) problems.push({ kind: "officeWithoutParent", country: null, count: 1, max: null, name: m.name });
    }
  }
  return problems;
}

function summarize(
  body: BodyRow,
  all: readonly Mandate[],
  parentAll: readonly Mandate[],
  at: string,
  warningDays: number,
): BodySummary {
  const current = all.filter((m) => m.status === "current").sort(byRoleThenName);
  const memberCount = current.filter((m) => m.role === "member").length;
  return {
    ...rulesOf(body),
    holders: current,
    memberCount,
    vacancies: body.seats === null ? null : Math.max(0, body.seats - memberCount),
    problems: compositionProblems(
      body,
      current,
      parentAll.filter((m) => m.status === "current"),
    ),
    endingSoon: all
      .filter((m) => m.status !== "past" && endsWithin(m, at, warningDays))
      .sort((a, b) => (a.endsOn ?? "").localeCompare(b.endsOn ?? "") || a.name.localeCompare(b.name)),
  };
}

async function bodyRows(db: DbOrTx): Promise<BodyRow[]> {
  return db.select().from(governanceBodies).orderBy(asc(governanceBodies.sortOrder), asc(governanceBodies.code));
}

/** Every body with its rules and composition on `at` (default today): the secretariat and the Board. */
export async function listBodies(db: DbOrTx, actor: Actor, at: string = governanceToday()): Promise<BodySummary[]> {
  authorize(actor, canViewGovernance(actor));
  const bodies = await bodyRows(db);
  const all = await mandatesOfBodies(db, undefined, at, canManageGovernance(actor));
  const days = await termWarningDays(db);
  const of = (code: string | null) => (code ? all.filter((m) => m.bodyCode === code) : []);
  return bodies.map((b) => summarize(b, of(b.code), of(b.parentCode), at, days));
}

/** One body: composition on `at`, upcoming mandates, history, vacancies, problems and warnings. */
export async function getBody(
  db: DbOrTx,
  actor: Actor,
  code: string,
  at: string = governanceToday(),
): Promise<BodyDetail> {
  authorize(actor, canViewGovernance(actor));
  const body = await findBody(db, code);
  const codes = body.parentCode ? [body.code, body.parentCode] : [body.code];
  const all = await mandatesOfBodies(db, codes, at, canManageGovernance(actor));
  const own = all.filter((m) => m.bodyCode === body.code);
  const days = await termWarningDays(db);
  return {
    ...summarize(
      body,
      own,
      all.filter((m) => m.bodyCode === body.parentCode),
      at,
      days,
    ),
    at,
    warningDays: days,
    upcoming: own.filter((m) => m.status === "upcoming"),
    history: own
      .filter((m) => m.status === "past")
      .sort((a, b) => (b.lastDay ?? "").localeCompare(a.lastDay ?? "") || a.name.localeCompare(b.name)),
  };
}

/**
 * Who holds the public bodies' seats and offices on `at` (anyone, also anonymous visitors): the
 * bodies marked public, without the Secretariat's staff and the Assembly (whose members are the
 * member organisations); holders by name, organisation, role, since and until — no addresses.
 */
export async function publicBodies(db: DbOrTx, at: string = governanceToday()): Promise<PublicBody[]> {
  const bodies = (await bodyRows(db)).filter((b) => b.public && b.kind !== "staff" && b.kind !== "assembly");
  const all = await mandatesOfBodies(
    db,
    bodies.map((b) => b.code),
    at,
    false,
  );
  return bodies.map((b) => ({
    ...rulesOf(b),
    holders: all
      .filter((m) => m.bodyCode === b.code && m.status === "current")
      .sort(byRoleThenName)
      .map((m) => ({
        name: m.name,
        organisationName: m.organisationName,
        organisationCountry: m.organisationCountry,
        role: m.role,
        startsOn: m.startsOn,
        lastDay: m.lastDay,
      })),
  }));
}

/** Changes a body's rules (secretariat); fields left out stay as they are. */
export async function updateBodyRules(db: DbOrTx, actor: Actor, code: string, input: unknown): Promise<BodyDetail> {
  authorize(actor, canManageGovernance(actor));
  const data = parseInput(BodyRulesInput, input);
  await db.transaction(async (tx) => {
    const [body] = await tx.select().from(governanceBodies).where(eq(governanceBodies.code, code)).for("update");
    if (!body) throw new AppError("not_found");
    const change = {
      ...(data.seats !== undefined ? { seats: data.seats } : {}),
      ...(data.termMonths !== undefined ? { termMonths: data.termMonths } : {}),
      ...(data.quorumPercent !== undefined ? { quorumPercent: data.quorumPercent } : {}),
      ...(data.balancedCountries !== undefined ? { balancedCountries: [...new Set(data.balancedCountries)] } : {}),
      ...(data.public !== undefined ? { public: data.public } : {}),
    };
    if (Object.keys(change).length === 0) return;
    await tx.update(governanceBodies).set(change).where(eq(governanceBodies.code, code));
    const before = rulesOf(body);
    await recordAudit(tx, actor, {
      action: "governance.body.update",
      entityType: "governance_body",
      entityId: code,
      before: { code, ...Object.fromEntries(Object.keys(change).map((k) => [k, before[k as keyof typeof before]])) },
      after: { code, ...change },
    });
  });
  return getBody(db, actor, code);
}

export type CandidateGroup = {
  organisationId: string;
  organisationName: string;
  country: string;
  contacts: { id: string; name: string; jobTitle: string | null }[];
};

/** The people a mandate can be given to: contacts of member organisations, by organisation (secretariat). */
export async function mandateCandidates(db: DbOrTx, actor: Actor): Promise<CandidateGroup[]> {
  authorize(actor, canManageGovernance(actor));
  const rows = await db
    .select({
      organisationId: organisations.id,
      organisationName: organisations.name,
      country: organisations.country,
      id: contacts.id,
      name: contacts.name,
      jobTitle: contacts.jobTitle,
    })
    .from(contacts)
    .innerJoin(organisations, eq(organisations.id, contacts.organisationId))
    .where(eq(organisations.status, "member"))
    .orderBy(asc(organisations.country), asc(organisations.normalizedName), asc(contacts.name), asc(contacts.id));
  const groups = new Map<string, CandidateGroup>();
  for (const r of rows) {
    let group = groups.get(r.organisationId);
    if (!group) {
      group = {
        organisationId: r.organisationId,
        organisationName: r.organisationName,
        country: r.country,
        contacts: [],
      };
      groups.set(r.organisationId, group);
    }
    group.contacts.push({ id: r.id, name: r.name, jobTitle: r.jobTitle });
  }
  return [...groups.values()];
}

/** The staff a Secretariat mandate can be given to: active secretariat accounts (secretariat). */
export async function staffCandidates(db: DbOrTx, actor: Actor): Promise<{ id: string; name: string }[]> {
  authorize(actor, canManageGovernance(actor));
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.role, "secretariat"), eq(users.active, true)))
    .orderBy(asc(users.name), asc(users.id));
}
