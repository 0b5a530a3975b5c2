import { eq, sql } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/auth/actor";
import { buildContact, buildOrganisation } from "~/domains/organisations/testing";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";
import { calendarFeedState, resetCalendarFeed } from "./calendar";
import { buildMeeting, buildParticipant, buildUser } from "./minutes-testing";
import { calendarFeeds, meetings } from "./schema";

/**
 * The calendar feeds as a calendar program reads them: fetched over HTTP and parsed with ical.js.
 */
let database: TestDatabase;
let http: ReturnType<typeof createTestApp>;
const year = new Date().getUTCFullYear() + 1;

type Row = typeof meetings.$inferSelect;
let secretariat: Actor;
let board: Actor;
let memberA: Actor;
let memberB: Actor;
let expert: Actor;
let mBoard: Row;
let mAssembly: Row;
let mPresidium: Row;
let mOld: Row;
let mPublic: Row;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  http = createTestApp(database);
  const orgA = await buildOrganisation(database.db);
  const orgB = await buildOrganisation(database.db);
  const contactA = await buildContact(database.db, orgA.id);
  const contactE = await buildContact(database.db, orgB.id);
  secretariat = (await buildUser(database.db, "secretariat")).actor;
  board = (await buildUser(database.db, "board", { language: "it" })).actor;
  memberA = (await buildUser(database.db, "member_contact", { organisationId: orgA.id, contactId: contactA.id })).actor;
  memberB = (await buildUser(database.db, "member_contact", { organisationId: orgB.id })).actor;
  const expertUser = await buildUser(database.db, "expert", { contactId: contactE.id });
  expert = expertUser.actor;

  mBoard = await buildMeeting(database.db, {
    bodyCode: "board",
    date: `${year}-02-10`,
    title: "Budget",
    place: "Parma",
    videoUrl: "https://meet.example.org/b",
  });
  await buildParticipant(database.db, mBoard.id, { key: `contact:${contactA.id}`, contactId: contactA.id, name: "A" });
  mAssembly = await buildMeeting(database.db, { bodyCode: "general_assembly", date: `${year}-04-20` });
  await buildParticipant(database.db, mAssembly.id, { key: `org:${orgA.id}`, organisationId: orgA.id, name: "Org A" });
  mPresidium = await buildMeeting(database.db, { bodyCode: "presidium", date: `${year}-05-05` });
  await buildParticipant(database.db, mPresidium.id, {
    key: `user:${expertUser.id}`,
    userId: expertUser.id,
    kind: "guest",
    name: "E",
  });
  mOld = await buildMeeting(database.db, { bodyCode: "board", date: `${year - 3}-02-10` });
  await buildParticipant(database.db, mOld.id, { key: `contact:${contactA.id}`, contactId: contactA.id, name: "A" });
  mPublic = await buildMeeting(database.db, {
    bodyCode: "project_group",
    date: `${year}-06-01`,
    public: true,
    title: "Open day",
  });
});
afterAll(async () => {
  await database?.close();
});

type Parsed = {
  uid: string;
  sequence: number;
  summary: string;
  location: string | null;
  description: string;
  url: string;
  status: string;
  start: string;
  end: string;
  stamp: string;
};

function parse(ics: string): Parsed[] {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const value = (name: string) => String(component.getFirstPropertyValue(name) ?? "");
    const stamp = component.getFirstPropertyValue("dtstamp");
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      location: event.location ?? null,
      description: event.description,
      url: value("url"),
      status: value("status"),
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      stamp: stamp instanceof ICAL.Time ? stamp.toJSDate().toISOString() : "",
    };
  });
}

async function feedOf(actor: Actor): Promise<{ token: string; events: Parsed[] }> {
  const { token } = await resetCalendarFeed(database.db, actor);
  const res = await http.request(`/api/v1/calendar/${token}.ics`);
  expect(res.status).toBe(200);
  return { token, events: parse(await res.text()) };
}

const uidOf = (m: Row) => `${m.id}@ponte`;
const uids = (events: Parsed[]) => events.map((e) => e.uid);

describe("the private feed", () => {
  it("answers text/calendar, private and not stored, with no session: the token is the credential", async () => {
    const { token } = await resetCalendarFeed(database.db, memberA);
    const res = await http.request(`/api/v1/calendar/${token}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(await res.text()).toMatch(/^BEGIN:VCALENDAR/);
    expect((await http.request("/api/v1/calendar/not-a-known-token-at-all-123456.ics")).status).toBe(404);
    expect((await http.request(`/api/v1/calendar/${token}`)).status).toBe(404);
  });

  it("holds each person's meetings: as a participant (contact, organisation at the Assembly, user), all for the secretariat, Board meetings for the Board; nothing older than twelve months", async () => {
    const s = uids((await feedOf(secretariat)).events);
    expect(s).toEqual(expect.arrayContaining([mBoard, mAssembly, mPresidium, mPublic].map(uidOf)));
    expect(s).not.toContain(uidOf(mOld));

    const b = uids((await feedOf(board)).events);
    expect(b).toContain(uidOf(mBoard));
    expect(b).not.toContain(uidOf(mAssembly));
    expect(b).not.toContain(uidOf(mPresidium));
    expect(b).not.toContain(uidOf(mOld));

    expect(uids((await feedOf(memberA)).events).sort()).toEqual([uidOf(mBoard), uidOf(mAssembly)].sort());
    expect(uids((await feedOf(memberB)).events)).toEqual([]);
    expect(uids((await feedOf(expert)).events)).toEqual([uidOf(mPresidium)]);
  });

  it("describes each meeting: summary in the owner's language, place and video, a link back, stamp and sequence", async () => {
    const event = (await feedOf(board)).events.find((e) => e.uid === uidOf(mBoard));
    if (!event) throw new Error("meeting missing");
    expect(event.summary).toBe("Consiglio direttivo: Budget");
    expect(event.location).toBe("Parma · https://meet.example.org/b");
    expect(event.url).toMatch(new RegExp(`^https?://[^/]+/governance/meetings/${mBoard.id}$`));
    expect(event.description).toContain(event.url);
    expect(event.status).toBe("CONFIRMED");
    expect(event.sequence).toBe(0);
    expect(event.start).toBe(`${year}-02-10T09:00:00.000Z`); // 10:00 in Rome, winter time
    expect(event.end).toBe(`${year}-02-10T11:00:00.000Z`);
    expect(event.stamp).toBe(new Date(Math.floor(mBoard.updatedAt.getTime() / 1000) * 1000).toISOString());
  });

  it("keeps the UID when the meeting moves (higher SEQUENCE, new time) and marks it cancelled with the same UID", async () => {
    const moving = await buildMeeting(database.db, { bodyCode: "board", date: `${year}-09-10`, startTime: "15:00" });
    const before = (await feedOf(board)).events.find((e) => e.uid === uidOf(moving));
    expect(before?.start).toBe(`${year}-09-10T13:00:00.000Z`);

    await database.db
      .update(meetings)
      .set({ date: `${year}-09-17`, sequence: sql`${meetings.sequence} + 1`, updatedAt: new Date() })
      .where(eq(meetings.id, moving.id));
    const moved = (await feedOf(board)).events.find((e) => e.uid === uidOf(moving));
    expect(moved?.start).toBe(`${year}-09-17T13:00:00.000Z`);
    expect(moved?.sequence).toBe(1);
    expect(moved?.status).toBe("CONFIRMED");

    await database.db
      .update(meetings)
      .set({ status: "cancelled", sequence: sql`${meetings.sequence} + 1`, updatedAt: new Date() })
      .where(eq(meetings.id, moving.id));
    const cancelled = (await feedOf(board)).events.filter((e) => e.uid === uidOf(moving));
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]?.status).toBe("CANCELLED");
    expect(cancelled[0]?.sequence).toBe(2);
  });

  it("writes correct times for Rome and Stockholm on both sides of the spring and autumn clock changes", async () => {
    const lastSunday = (month: number) => {
      const d = new Date(Date.UTC(year, month, 0)); // last day of the month
      d.setUTCDate(d.getUTCDate() - d.getUTCDay());
      return d.toISOString().slice(0, 10);
    };
    const dayBefore = (date: string) =>
      new Date(Date.parse(`${date}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const spring = lastSunday(3);
    const autumn = lastSunday(10);
    const made = [
      await buildMeeting(database.db, { bodyCode: "board", date: dayBefore(spring), timeZone: "Europe/Rome" }),
      await buildMeeting(database.db, { bodyCode: "board", date: spring, timeZone: "Europe/Rome" }),
      await buildMeeting(database.db, {
        bodyCode: "board",
        date: dayBefore(autumn),
        timeZone: "Europe/Stockholm",
        startTime: "09:00",
        endTime: "10:30",
      }),
      await buildMeeting(database.db, {
        bodyCode: "board",
        date: autumn,
        timeZone: "Europe/Stockholm",
        startTime: "09:00",
        endTime: "10:30",
      }),
    ];
    const events = (await feedOf(board)).events;
    const times = made.map((m) => {
      const e = events.find((x) => x.uid === uidOf(m));
      return [e?.start, e?.end];
    });
    expect(times).toEqual([
      [`${dayBefore(spring)}T09:00:00.000Z`, `${dayBefore(spring)}T11:00:00.000Z`],
      [`${spring}T08:00:00.000Z`, `${spring}T10:00:00.000Z`],
      [`${dayBefore(autumn)}T07:00:00.000Z`, `${dayBefore(autumn)}T08:30:00.000Z`],
      [`${autumn}T08:00:00.000Z`, `${autumn}T09:30:00.000Z`],
    ]);
  });

  it("resetting gives a new address and the old one answers 404", async () => {
    const first = await resetCalendarFeed(database.db, expert);
    expect((await http.request(`/api/v1/calendar/${first.token}.ics`)).status).toBe(200);
    const second = await resetCalendarFeed(database.db, expert);
    expect(second.reset).toBe(true);
    expect(second.token).not.toBe(first.token);
    expect((await http.request(`/api/v1/calendar/${first.token}.ics`)).status).toBe(404);
    expect((await http.request(`/api/v1/calendar/${second.token}.ics`)).status).toBe(200);
    expect((await calendarFeedState(database.db, expert)).exists).toBe(true);
    const stored = await database.db.select().from(calendarFeeds);
    expect(stored.some((row) => row.tokenHash === second.token)).toBe(false); // only the hash is kept
  });
});

describe("the public feed", () => {
  it("holds public meetings only, in English, cacheable", async () => {
    const res = await http.request("/api/v1/calendar/public.ics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const events = parse(await res.text());
    expect(uids(events)).toEqual([uidOf(mPublic)]);
    expect(events[0]?.summary).toBe("Project Group: Open day");
    expect(events[0]?.url).toMatch(new RegExp(`/governance/meetings/${mPublic.id}$`));
  });
});
