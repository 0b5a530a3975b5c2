/**
 * Meetings of the governance bodies (General Assembly, Board, Presidium, Audit Committee,
 * Project Group: every body with `holdsMeetings`). One model: the Board's meetings membership
 * applications go to are the same rows.
 *
 * The Board's meetings are planned per year from the setting `board.meetingMonths` (by default
 * February, May and November) on the third Thursday of each month, created on demand; the
 * secretariat moves, adds or cancels dates. Membership applications go to the first planned
 * meeting far enough after they became ready (see `nextMeetingFor`).
 *
 * Every published change (date, start or end time, place, video link, status) increments
 * `sequence`, which the calendar uses as iCalendar SEQUENCE: it only ever grows. A change of date,
 * time, place or video link, and a cancellation, is announced by mail to everyone invited.
 *
 * Who sees a meeting: the secretariat and the Board every meeting; a member contact the General
 * Assembly's meetings; anyone signed in the meetings they take part in; everyone the public ones.
 * A meeting one may not see does not exist for them (404).
 */
import { and, asc, eq, gte, inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "~/audit/audit";
import type { Actor } from "~/auth/actor";
import { authorize } from "~/auth/authorize";
import type { DbOrTx } from "~/db/client";
import { linkBase } from "~/domains/accounts/service";
import { governanceBodies } from "~/domains/reference/schema";
import { readSetting } from "~/domains/reference/settings";
import { AppError, type FieldProblem } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import type { Language } from "~/i18n/i18n";
import { type MailMeeting, mailChange } from "./meeting-mail";
import {
  MeetingChangeInput,
  type MeetingChangeInput as MeetingChangeInputT,
  MeetingInput,
  type MeetingInput as MeetingInputT,
  MeetingQuery,
  type MeetingSummary,
} from "./meetings-contract";
import { canManageGovernance, canViewAssembly, canViewGovernance } from "./policy";
import { meetingParticipants, meetings } from "./schema";

export const BOARD = "board";
export const DEFAULT_MEETING_MONTHS = [2, 5, 11] as const;
export const meetingStatuses = ["planned", "held", "cancelled"] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

export type Meeting = { id: string; bodyCode: string; date: string; status: MeetingStatus };

/** Who may plan and change the Board's meetings: the secretariat (and the system). */
export function canManageMeetings(actor: Actor): boolean {
  return actor.kind === "system" || (actor.kind === "user" && actor.user.role === "secretariat");
}

/** Who may see the Board's calendar: the secretariat and the Board. */
export function canViewMeetings(actor: Actor): boolean {
  return canManageMeetings(actor) || (actor.kind === "user" && actor.user.role === "board");
}

/** The third Thursday of a month (1–12) of a year, as YYYY-MM-DD. */
export function thirdThursday(year: number, month: number): string {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const offset = (4 - first.getUTCDay() + 7) % 7; // Thursday is day 4
  const day = 1 + offset + 14;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The months of the setting, checked (a bad value falls back to the default). */
export async function meetingMonths(db: DbOrTx): Promise<number[]> {
  const value = await readSetting(db, "board.meetingMonths");
  const parsed = z.array(z.number().int().min(1).max(12)).min(1).safeParse(value);
  return parsed.success ? [...new Set(parsed.data)].sort((a, b) => a - b) : [...DEFAULT_MEETING_MONTHS];
}

/** The days between an application becoming ready and the meeting that can decide it (setting `membership.leadDays`). */
export async function leadDays(db: DbOrTx): Promise<number> {
  const parsed = z
    .number()
    .int()
    .min(0)
    .max(365)
    .safeParse(await readSetting(db, "membership.leadDays"));
  return parsed.success ? parsed.data : 14;
}

function toMeeting(row: typeof meetings.$inferSelect): Meeting {
  return { id: row.id, bodyCode: row.bodyCode, date: row.date, status: row.status as MeetingStatus };
}

/**
 * Plans the Board's meetings of a year if none exists yet for that year (on demand; planning twice
 * creates nothing new, and a year the secretariat has edited is left as it is).
 */
export async function planYear(db: DbOrTx, year: number): Promise<Meeting[]> {
  const existing = await meetingsOfYear(db, year);
  if (existing.length > 0) return existing;
  const months = await meetingMonths(db);
  await db
    .insert(meetings)
    .values(months.map((m) => ({ bodyCode: BOARD, date: thirdThursday(year, m) })))
    .onConflictDoNothing();
  return meetingsOfYear(db, year);
}

async function meetingsOfYear(db: DbOrTx, year: number): Promise<Meeting[]> {
  const rows = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.bodyCode, BOARD), sql`${meetings.date} between ${`${year}-01-01`} and ${`${year}-12-31`}`))
    .orderBy(asc(meetings.date));
  return rows.map(toMeeting);
}

/** YYYY-MM-DD of a date plus some days (UTC calendar days). */
export function addDays(date: Date, days: number): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + days));
  return d.toISOString().slice(0, 10);
}

/**
 * The meeting an application that became ready at `readyAt` goes to: the first planned Board
 * meeting on or after `readyAt + leadDays` days. Plans the years it needs (this one and the next).
 */
export async function nextMeetingFor(db: DbOrTx, readyAt: Date, lead: number): Promise<Meeting> {
  const earliest = addDays(readyAt, lead);
  const startYear = Number(earliest.slice(0, 4));
  for (const year of [startYear, startYear + 1]) {
    await planYear(db, year);
    const [row] = await db
      .select()
      .from(meetings)
      .where(and(eq(meetings.bodyCode, BOARD), eq(meetings.status, "planned"), gte(meetings.date, earliest)))
      .orderBy(asc(meetings.date))
      .limit(1);
    if (row) return toMeeting(row);
  }
  throw new AppError("conflict", "membership:errors.noMeeting");
}

/** The Board's meetings of a year (planned on demand), for the calendar page. */
export async function listMeetings(db: DbOrTx, actor: Actor, year: number): Promise<Meeting[]> {
  authorize(actor, canViewMeetings(actor));
  return db.transaction((tx) => planYear(tx, year));
}

export async function getMeeting(db: DbOrTx, id: string): Promise<Meeting | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(meetings).where(eq(meetings.id, id)).limit(1);
  return row ? toMeeting(row) : null;
}

/** The language a meeting's minutes are written in (its register entries too); English when unknown. */
export async function meetingLanguage(db: DbOrTx, id: string): Promise<Language> {
  const [row] = await db.select({ language: meetings.language }).from(meetings).where(eq(meetings.id, id)).limit(1);
  return row?.language === "sv" || row?.language === "it" ? row.language : "en";
}

/** The Board's next planned meeting on or after a day (for the Board's page). */
export async function upcomingMeeting(db: DbOrTx, from: string): Promise<Meeting | null> {
  const [row] = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.bodyCode, BOARD), eq(meetings.status, "planned"), gte(meetings.date, from)))
    .orderBy(asc(meetings.date))
    .limit(1);
  return row ? toMeeting(row) : null;
}

const MeetingDate = z.object({ date: z.iso.date() });
const MeetingChange = z.object({ date: z.iso.date().optional(), status: z.enum(meetingStatuses).optional() });

const duplicateDate = () =>
  new AppError("conflict", "errors:conflict", { date: { key: "membership:errors.meetingDateTaken" } });

/** Adds a Board meeting on a date (secretariat). */
export async function addMeeting(db: DbOrTx, actor: Actor, input: { date: string }): Promise<Meeting> {
  authorize(actor, canManageMeetings(actor));
  const { date } = parseInput(MeetingDate, input);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(meetings).values({ bodyCode: BOARD, date }).onConflictDoNothing().returning();
    if (!row) throw duplicateDate();
    const meeting = toMeeting(row);
    await recordAudit(tx, actor, { action: "meeting.create", entityType: "meeting", entityId: row.id, after: meeting });
    return meeting;
  });
}

/**
 * Moves a meeting to another date, or marks it held or cancelled (secretariat; the Board's
 * planning page). Both are published changes (sequence); a move or cancellation is announced to
 * everyone invited.
 */
export async function changeMeeting(
  db: DbOrTx,
  actor: Actor,
  id: string,
  input: { date?: string; status?: string },
  options: { baseUrl?: string } = {},
): Promise<Meeting> {
  authorize(actor, canManageMeetings(actor));
  const data = parseInput(MeetingChange, input);
  return db.transaction(async (tx) => {
    const before = await getMeeting(tx, id);
    if (!before) throw new AppError("not_found");
    if (data.date && data.date !== before.date) {
      const [clash] = await tx
        .select({ id: meetings.id })
        .from(meetings)
        .where(and(eq(meetings.bodyCode, before.bodyCode), eq(meetings.date, data.date)))
        .limit(1);
      if (clash) throw duplicateDate();
    }
    const date = data.date ?? before.date;
    const status = data.status ?? before.status;
    const published = date !== before.date || status !== before.status;
    const [row] = await tx
      .update(meetings)
      .set({
        date,
        status,
        updatedAt: new Date(),
        ...(published ? { sequence: sql`${meetings.sequence} + 1` } : {}),
      })
      .where(eq(meetings.id, id))
      .returning();
    if (!row) throw new AppError("not_found");
    const after = toMeeting(row);
    await recordAudit(tx, actor, { action: "meeting.update", entityType: "meeting", entityId: id, before, after });
    if (date !== before.date || (status === "cancelled" && before.status !== "cancelled"))
      await announce(tx, row, status === "cancelled" ? "cancelled" : "changed", linkBase(options.baseUrl ?? ""));
    return after;
  });
}

// ---------------------------------------------------------------------------------------------
// Meetings of every body

export type MeetingRow = typeof meetings.$inferSelect;
export const GENERAL_ASSEMBLY = "general_assembly";

/** The messages of meetings' own field problems (time, time zone, https link) live in `meetings:errors`. */
const OWN_PROBLEMS = new Set(["invalidTime", "invalidTimeZone", "httpsOnly", "endBeforeStart"]);

/** Field problems with the keys of our own problems moved to the `meetings` catalog. */
export function ownProblems(fields: Record<string, FieldProblem>): Record<string, FieldProblem> {
  return Object.fromEntries(
    Object.entries(fields).map(([k, p]) => {
      const own = p.key.replace(/^errors:field\./, "");
      return [k, OWN_PROBLEMS.has(own) ? { ...p, key: `meetings:errors.${own}` } : p];
    }),
  );
}

/** Parses with a meetings contract; problems of our own get keys of the `meetings` catalog. */
export function parseMeetingInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  try {
    return parseInput(schema, input);
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "validation") throw e;
    throw new AppError("validation", "errors:validation", ownProblems(e.fields));
  }
}

export function toSummary(row: MeetingRow): MeetingSummary {
  return {
    id: row.id,
    bodyCode: row.bodyCode,
    date: row.date,
    status: row.status as MeetingSummary["status"],
    title: row.title,
    startTime: row.startTime,
    endTime: row.endTime,
    timeZone: row.timeZone,
    place: row.place,
    videoUrl: row.videoUrl,
    language: row.language as Language,
    public: row.public,
    sequence: row.sequence,
  };
}

/** The condition "this actor may see the meeting" (see the module's comment), or null for all. */
export function visibleMeetings(actor: Actor): SQL | null {
  if (canViewGovernance(actor)) return null;
  if (actor.kind !== "user") return eq(meetings.public, true);
  const u = actor.user;
  const participant = sql`exists (select 1 from ${meetingParticipants} p where p.meeting_id = ${meetings.id} and (
    p.user_id = ${u.id}
    or p.contact_id = (select contact_id from users where id = ${u.id})
    or lower(p.email) = lower(${u.email})
    ${u.organisationId ? sql`or p.key = ${`org:${u.organisationId}`}` : sql``}))`;
  const assembly = canViewAssembly(actor) ? sql` or ${meetings.bodyCode} = ${GENERAL_ASSEMBLY}` : sql``;
  return sql`(${meetings.public} = true${assembly} or ${participant})`;
}

/** A meeting the actor may see, or not found (404) — also for an id that is not a uuid. */
export async function meetingFor(db: DbOrTx, actor: Actor, id: string, options: { lock?: boolean } = {}) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new AppError("not_found");
  const visible = visibleMeetings(actor);
  const query = db
    .select()
    .from(meetings)
    .where(visible ? and(eq(meetings.id, id), visible) : eq(meetings.id, id))
    .limit(1);
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row) throw new AppError("not_found");
  return row;
}

/** A meeting the secretariat changes: authorized, found, locked. */
export async function meetingToManage(tx: DbOrTx, actor: Actor, id: string): Promise<MeetingRow> {
  authorize(actor, canManageGovernance(actor));
  return meetingFor(tx, actor, id, { lock: true });
}

export type BodyInfo = { code: string; names: Record<string, string>; quorumPercent: number; sortOrder: number };

/** The bodies that hold meetings, in their order. */
export async function meetingBodies(db: DbOrTx): Promise<BodyInfo[]> {
  return db
    .select({
      code: governanceBodies.code,
      names: governanceBodies.names,
      quorumPercent: governanceBodies.quorumPercent,
      sortOrder: governanceBodies.sortOrder,
    })
    .from(governanceBodies)
    .where(eq(governanceBodies.holdsMeetings, true))
    .orderBy(asc(governanceBodies.sortOrder), asc(governanceBodies.code));
}

export async function bodyOf(db: DbOrTx, code: string): Promise<BodyInfo> {
  const [body] = await db
    .select({
      code: governanceBodies.code,
      names: governanceBodies.names,
      quorumPercent: governanceBodies.quorumPercent,
      sortOrder: governanceBodies.sortOrder,
    })
    .from(governanceBodies)
    .where(eq(governanceBodies.code, code))
    .limit(1);
  if (!body) throw new AppError("not_found");
  return body;
}

/**
 * The meetings of a year (all bodies, or one) the actor may see, by date. The Board's year is
 * planned on demand for those who plan it (the secretariat and the Board).
 */
export async function listBodyMeetings(
  db: DbOrTx,
  actor: Actor,
  query: { year?: unknown; body?: unknown } = {},
): Promise<MeetingSummary[]> {
  const q = parseInput(MeetingQuery, query);
  const year = q.year ?? new Date().getUTCFullYear();
  if (canViewGovernance(actor) && (!q.body || q.body === BOARD)) await db.transaction((tx) => planYear(tx, year));
  const visible = visibleMeetings(actor);
  const conditions = [sql`${meetings.date} between ${`${year}-01-01`} and ${`${year}-12-31`}`];
  if (q.body) conditions.push(eq(meetings.bodyCode, q.body));
  if (visible) conditions.push(visible);
  const rows = await db
    .select()
    .from(meetings)
    .where(and(...conditions))
    .orderBy(asc(meetings.date), asc(meetings.bodyCode));
  return rows.map(toSummary);
}

const clashOn = (field: string) =>
  new AppError("conflict", "errors:conflict", { [field]: { key: "membership:errors.meetingDateTaken" } });

/** Creates a meeting of a body that holds meetings (secretariat). */
export async function createMeeting(db: DbOrTx, actor: Actor, input: MeetingInputT | Record<string, unknown>) {
  authorize(actor, canManageGovernance(actor));
  const data = parseMeetingInput(MeetingInput, input);
  return db.transaction(async (tx) => {
    const bodies = await meetingBodies(tx);
    if (!bodies.some((b) => b.code === data.bodyCode))
      throw new AppError("validation", "errors:validation", { bodyCode: { key: "meetings:errors.noSuchBody" } });
    const [row] = await tx
      .insert(meetings)
      .values({
        bodyCode: data.bodyCode,
        date: data.date,
        title: data.title ?? null,
        startTime: data.startTime ?? null,
        endTime: data.endTime ?? null,
        timeZone: data.timeZone ?? "Europe/Rome",
        place: data.place ?? null,
        videoUrl: data.videoUrl ?? null,
        language: data.language ?? "en",
        public: data.public ?? false,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw clashOn("date");
    const summary = toSummary(row);
    await recordAudit(tx, actor, { action: "meeting.create", entityType: "meeting", entityId: row.id, after: summary });
    return summary;
  });
}

/** The fields whose change is published (calendar SEQUENCE) and announced by mail (all but status). */
const PUBLISHED = ["date", "startTime", "endTime", "place", "videoUrl"] as const;

/**
 * Changes a meeting (secretariat). A change of date, time, place or video link increments
 * `sequence` and is announced to everyone invited; title, language and public do not.
 */
export async function updateMeeting(
  db: DbOrTx,
  actor: Actor,
  id: string,
  input: MeetingChangeInputT | Record<string, unknown>,
  options: { baseUrl?: string } = {},
): Promise<MeetingSummary> {
  authorize(actor, canManageGovernance(actor));
  const data = parseMeetingInput(MeetingChangeInput, input);
  return db.transaction(async (tx) => {
    const before = await meetingToManage(tx, actor, id);
    const next = {
      date: data.date ?? before.date,
      title: data.title === undefined ? before.title : data.title,
      startTime: data.startTime === undefined ? before.startTime : data.startTime,
      endTime: data.endTime === undefined ? before.endTime : data.endTime,
      timeZone: data.timeZone ?? before.timeZone,
      place: data.place === undefined ? before.place : data.place,
      videoUrl: data.videoUrl === undefined ? before.videoUrl : data.videoUrl,
      language: data.language ?? before.language,
      public: data.public ?? before.public,
    };
    if (next.startTime && next.endTime && next.endTime <= next.startTime)
      throw new AppError("validation", "errors:validation", { endTime: { key: "meetings:errors.endBeforeStart" } });
    if (next.date !== before.date) {
      const [clash] = await tx
        .select({ id: meetings.id })
        .from(meetings)
        .where(and(eq(meetings.bodyCode, before.bodyCode), eq(meetings.date, next.date)))
        .limit(1);
      if (clash) throw clashOn("date");
    }
    const published = PUBLISHED.some((f) => next[f] !== before[f]) || next.timeZone !== before.timeZone;
    const [row] = await tx
      .update(meetings)
      .set({ ...next, updatedAt: new Date(), ...(published ? { sequence: sql`${meetings.sequence} + 1` } : {}) })
      .where(eq(meetings.id, id))
      .returning();
    if (!row) throw new AppError("not_found");
    await recordAudit(tx, actor, {
      action: "meeting.update",
      entityType: "meeting",
      entityId: id,
      before: toSummary(before),
      after: toSummary(row),
    });
    if (published && row.status !== "cancelled") await announce(tx, row, "changed", linkBase(options.baseUrl ?? ""));
    return toSummary(row);
  });
}

/** Cancels a meeting (announced to everyone invited) or marks it held (secretariat). */
export async function setMeetingStatus(
  db: DbOrTx,
  actor: Actor,
  id: string,
  status: "cancelled" | "held" | "planned",
  options: { baseUrl?: string } = {},
): Promise<MeetingSummary> {
  authorize(actor, canManageGovernance(actor));
  return db.transaction(async (tx) => {
    const before = await meetingToManage(tx, actor, id);
    if (before.status === status) return toSummary(before);
    const [row] = await tx
      .update(meetings)
      .set({ status, updatedAt: new Date(), sequence: sql`${meetings.sequence} + 1` })
      .where(eq(meetings.id, id))
      .returning();
    if (!row) throw new AppError("not_found");
    await recordAudit(tx, actor, {
      action: `meeting.${status === "planned" ? "restore" : status}`,
      entityType: "meeting",
      entityId: id,
      before: { status: before.status },
      after: { status },
    });
    if (status === "cancelled") await announce(tx, row, "cancelled", linkBase(options.baseUrl ?? ""));
    return toSummary(row);
  });
}

/** What the mails say about a meeting. */
export async function mailMeetingOf(db: DbOrTx, row: MeetingRow): Promise<MailMeeting> {
  const body = await bodyOf(db, row.bodyCode);
  return { ...toSummary(row), bodyName: body.names };
}

/** Mails a change or cancellation to everyone invited so far. */
async function announce(tx: DbOrTx, row: MeetingRow, kind: "changed" | "cancelled", baseUrl: string): Promise<void> {
  const invited = await tx
    .select()
    .from(meetingParticipants)
    .where(and(eq(meetingParticipants.meetingId, row.id), sql`${meetingParticipants.invitedAt} is not null`));
  if (invited.length === 0) return;
  const meeting = await mailMeetingOf(tx, row);
  for (const p of invited) await mailChange(tx, meeting, p, kind, baseUrl);
}

/** Meetings by id (for lists in other modules). */
export async function meetingsByIds(db: DbOrTx, ids: string[]): Promise<MeetingRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(meetings).where(inArray(meetings.id, ids));
}
