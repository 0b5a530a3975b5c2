/**
 * The Board's meetings. Planned per year from the setting `board.meetingMonths` (by default
 * February, May and November) on the third Thursday of each month, created on demand; the
 * secretariat moves, adds or cancels dates. Membership applications go to the first planned
 * meeting far enough after they became ready (see `nextMeetingFor`).
 */
import { and, asc, eq, gte, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "~/audit/audit";
import type { Actor } from "~/auth/actor";
import { authorize } from "~/auth/authorize";
import type { DbOrTx } from "~/db/client";
import { readSetting } from "~/domains/reference/settings";
import { AppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import { meetings } from "./schema";

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

/** Moves a meeting to another date, or marks it held or cancelled (secretariat). */
export async function changeMeeting(
  db: DbOrTx,
  actor: Actor,
  id: string,
  input: { date?: string; status?: string },
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
    const [row] = await tx
      .update(meetings)
      .set({ date: data.date ?? before.date, status: data.status ?? before.status, updatedAt: new Date() })
      .where(eq(meetings.id, id))
      .returning();
    if (!row) throw new AppError("not_found");
    const after = toMeeting(row);
    await recordAudit(tx, actor, { action: "meeting.update", entityType: "meeting", entityId: id, before, after });
    return after;
  });
}
