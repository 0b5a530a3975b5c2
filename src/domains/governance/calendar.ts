/**
 * Calendar feeds (iCalendar, RFC 5545) of the governance bodies' meetings, written with
 * ical-generator:
 * - a private feed per person, at a secret address (`/api/v1/calendar/<token>.ics`; the token is
 *   the credential, stored only as its SHA-256; resetting it invalidates the old address): the
 *   meetings they take part in, every meeting for the secretariat, every Board meeting for the
 *   Board; from twelve months back into the future;
 * - the public feed of public meetings.
 * Each meeting is one event whose UID (`<meeting id>@ponte`) never changes, so a calendar updates
 * it in place when the meeting moves (SEQUENCE = `meetings.sequence`) and marks it cancelled
 * (STATUS:CANCELLED, kept in the feed). Times are written in UTC, converted from the meeting's
 * local date and time in its time zone: no VTIMEZONE generator is needed and every client reads
 * UTC the same way.
 */
import { and, eq, gte, inArray, or, type SQL } from "drizzle-orm";
import ical, { ICalEventStatus } from "ical-generator";
import { recordAudit } from "~/audit/audit";
import type { Actor } from "~/auth/actor";
import { authorize } from "~/auth/authorize";
import { hashToken, randomToken } from "~/auth/secrets";
import type { DbOrTx } from "~/db/client";
import { users } from "~/domains/accounts/schema";
import { governanceBodies } from "~/domains/reference/schema";
import { readSetting } from "~/domains/reference/settings";
import { AppError } from "~/errors/app-error";
import { isLanguage, type Language, translator } from "~/i18n/i18n";
import { calendarFeeds, meetingParticipants, meetings } from "./schema";

export const DEFAULT_START = "10:00";
export const DEFAULT_END = "12:00";
const GENERAL_ASSEMBLY = "general_assembly";
const BOARD = "board";
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The offset (milliseconds, local minus UTC) of a time zone at an instant. */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return local - Math.floor(instant / 1000) * 1000;
}

/** Whether a string is a time zone Intl knows (`Europe/Rome`). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant of a local date and time (HH:MM) in a time zone, across daylight-saving changes
 * (a time that does not exist in spring is taken an hour later, as clocks show it).
 */
export function zonedTime(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const wall = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0);
  const zone = isTimeZone(timeZone) ? timeZone : "Europe/Rome";
  const first = wall - zoneOffset(wall, zone);
  const second = wall - zoneOffset(first, zone);
  return new Date(second);
}

/** A meeting's local start and end time: its own, else 10:00–12:00 (or two hours after its start). */
export function meetingTimes(meeting: { startTime: string | null; endTime: string | null }): {
  start: string;
  end: string;
} {
  const start = meeting.startTime && HHMM.test(meeting.startTime) ? meeting.startTime : DEFAULT_START;
  if (meeting.endTime && HHMM.test(meeting.endTime) && meeting.endTime > start) return { start, end: meeting.endTime };
  if (!meeting.startTime) return { start, end: DEFAULT_END };
  const [h = 10, m = 0] = start.split(":").map(Number);
  const total = Math.min(h * 60 + m + 120, 23 * 60 + 59);
  const pad = (n: number) => String(n).padStart(2, "0");
  return { start, end: `${pad(Math.floor(total / 60))}:${pad(total % 60)}` };
}

/** A meeting's start and end instants (UTC). */
export function meetingInstants(meeting: {
  date: string;
  startTime: string | null;
  endTime: string | null;
  timeZone: string;
}): { start: Date; end: Date } {
  const { start, end } = meetingTimes(meeting);
  return {
    start: zonedTime(meeting.date, start, meeting.timeZone),
    end: zonedTime(meeting.date, end, meeting.timeZone),
  };
}

/** The address of a meeting's page. */
export function meetingUrl(baseUrl: string, meetingId: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/governance/meetings/${meetingId}`;
}

// ---------------------------------------------------------------------------------------------
// The feed's address

export type FeedState = { exists: boolean; createdAt: string | null };

/** Who may have a private feed: every signed-in person (it lists only their own meetings). */
export function canUseCalendarFeed(actor: Actor): boolean {
  return actor.kind === "user";
}

/** Whether the signed-in user has a private feed (its address cannot be shown again: only its hash is kept). */
export async function calendarFeedState(db: DbOrTx, actor: Actor): Promise<FeedState> {
  authorize(actor, canUseCalendarFeed(actor));
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const [row] = await db
    .select({ createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.userId, actor.user.id))
    .limit(1);
  return { exists: Boolean(row), createdAt: row ? row.createdAt.toISOString() : null };
}

/** The private feed's address for a token. */
export function feedUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/api/v1/calendar/${token}.ics`;
}

/**
 * Creates the signed-in user's private feed, or resets it: a new random token replaces the old
 * one, whose address stops working at once. Returns the token (shown once).
 */
export async function resetCalendarFeed(db: DbOrTx, actor: Actor): Promise<{ token: string; reset: boolean }> {
  authorize(actor, canUseCalendarFeed(actor));
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const userId = actor.user.id;
  const token = randomToken(32);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ userId: calendarFeeds.userId })
      .from(calendarFeeds)
      .where(eq(calendarFeeds.userId, userId))
      .limit(1);
    await tx
      .insert(calendarFeeds)
      .values({ userId, tokenHash: hashToken(token) })
      .onConflictDoUpdate({
        target: calendarFeeds.userId,
        set: { tokenHash: hashToken(token), createdAt: new Date() },
      });
    await recordAudit(tx, actor, {
      action: existing ? "calendar.feed.reset" : "calendar.feed.created",
      entityType: "calendar_feed",
      entityId: userId,
    });
    return { token, reset: Boolean(existing) };
  });
}

// ---------------------------------------------------------------------------------------------
// The feeds

type MeetingRow = typeof meetings.$inferSelect;

/** Twelve months before a day, as YYYY-MM-DD. */
function yearBefore(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), now.getUTCDate()));
  return d.toISOString().slice(0, 10);
}

async function networkName(db: DbOrTx): Promise<string> {
  const value = await readSetting(db, "network.shortName");
  return typeof value === "string" && value.trim() ? value : "SERN";
}

async function render(
  db: DbOrTx,
  rows: MeetingRow[],
  options: { language: Language; baseUrl: string; name: string },
): Promise<string> {
  const t = translator(options.language);
  const bodies = await db.select({ code: governanceBodies.code, names: governanceBodies.names }).from(governanceBodies);
  const bodyName = (code: string) => bodies.find((b) => b.code === code)?.names[options.language] ?? code;
  const calendar = ical({
    name: options.name,
    prodId: { company: "SERN", product: "Ponte", language: options.language.toUpperCase() },
  });
  for (const m of [...rows].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id.localeCompare(b.id)))) {
    const { start, end } = meetingInstants(m);
    const url = meetingUrl(options.baseUrl, m.id);
    const location = [m.place, m.videoUrl].filter((v): v is string => Boolean(v?.trim())).join(" · ");
    const summary = m.title?.trim() ? `${bodyName(m.bodyCode)}: ${m.title.trim()}` : bodyName(m.bodyCode);
    const description = [
      m.status === "cancelled" ? t("calendar:feed.cancelled") : null,
      m.videoUrl ? t("calendar:feed.video", { url: m.videoUrl }) : null,
      t("calendar:feed.details", { url }),
    ]
      .filter(Boolean)
      .join("\n");
    calendar.createEvent({
      id: `${m.id}@ponte`,
      sequence: m.sequence,
      stamp: m.updatedAt,
      start,
      end,
      summary,
      description,
      ...(location ? { location } : {}),
      url,
      status: m.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/** The public feed: public meetings (twelve months back and the future), in English. */
export async function publicCalendar(db: DbOrTx, options: { baseUrl: string; now?: Date }): Promise<string> {
  const from = yearBefore(options.now ?? new Date());
  const rows = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.public, true), gte(meetings.date, from)));
  const t = translator("en");
  return render(db, rows, {
    language: "en",
    baseUrl: options.baseUrl,
    name: t("calendar:feed.publicName", { network: await networkName(db) }),
  });
}

/**
 * A person's private feed, found by its token (no session: the token is the credential). An
 * unknown token, or one of a deactivated account, is not found.
 */
export async function privateCalendar(
  db: DbOrTx,
  token: string,
  options: { baseUrl: string; now?: Date },
): Promise<string> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new AppError("not_found");
  const [user] = await db
    .select({
      id: users.id,
      role: users.role,
      active: users.active,
      contactId: users.contactId,
      organisationId: users.organisationId,
      language: users.language,
    })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(eq(calendarFeeds.tokenHash, hashToken(token)))
    .limit(1);
  if (!user?.active) throw new AppError("not_found");
  const from = yearBefore(options.now ?? new Date());

  let rows: MeetingRow[];
  if (user.role === "secretariat") {
    rows = await db.select().from(meetings).where(gte(meetings.date, from));
  } else {
    const mine: SQL[] = [eq(meetingParticipants.userId, user.id)];
    if (user.contactId) mine.push(eq(meetingParticipants.contactId, user.contactId));
    const participating = await db
      .select({ meetingId: meetingParticipants.meetingId, key: meetingParticipants.key, bodyCode: meetings.bodyCode })
      .from(meetingParticipants)
      .innerJoin(meetings, eq(meetings.id, meetingParticipants.meetingId))
      .where(
        and(
          gte(meetings.date, from),
          or(
            ...mine,
            ...(user.role === "member_contact" && user.organisationId
              ? [
                  and(
                    eq(meetingParticipants.key, `org:${user.organisationId}`),
                    eq(meetings.bodyCode, GENERAL_ASSEMBLY),
                  ),
                ]
              : []),
          ),
        ),
      );
    const ids = [...new Set(participating.map((p) => p.meetingId))];
    const conditions: SQL[] = [];
    if (ids.length > 0) conditions.push(inArray(meetings.id, ids));
    if (user.role === "board") conditions.push(eq(meetings.bodyCode, BOARD));
    rows =
      conditions.length > 0
        ? await db
            .select()
            .from(meetings)
            .where(and(gte(meetings.date, from), or(...conditions)))
        : [];
  }
  const language: Language = isLanguage(user.language) ? user.language : "en";
  const t = translator(language);
  return render(db, rows, {
    language,
    baseUrl: options.baseUrl,
    name: t("calendar:feed.privateName", { network: await networkName(db) }),
  });
}
