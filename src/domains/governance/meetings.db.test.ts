import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorAs } from "~/domains/organisations/testing";
import { writeSetting } from "~/domains/reference/settings";
import { AppError } from "~/errors/app-error";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { addMeeting, changeMeeting, listMeetings, nextMeetingFor, planYear } from "./meetings";

let database: TestDatabase;
const secretariat = actorAs("secretariat");

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
});
afterAll(async () => {
  await database?.close();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return "ok";
}

describe("Board meetings", () => {
  it("plans a year from the setting's months, once; the secretariat moves, cancels and adds dates", async () => {
    const planned = await planYear(database.db, 2040);
    expect(planned.map((m) => m.date)).toEqual(["2040-02-16", "2040-05-17", "2040-11-15"]);
    expect((await planYear(database.db, 2040)).map((m) => m.id)).toEqual(planned.map((m) => m.id));
    const [feb, may] = planned;
    if (!feb || !may) throw new Error("not planned");
    expect((await changeMeeting(database.db, secretariat, feb.id, { date: "2040-02-23" })).date).toBe("2040-02-23");
    expect(await codeOf(changeMeeting(database.db, secretariat, may.id, { date: "2040-02-23" }))).toBe("conflict");
    await changeMeeting(database.db, secretariat, may.id, { status: "cancelled" });
    await addMeeting(database.db, secretariat, { date: "2040-09-20" });
    expect(await codeOf(addMeeting(database.db, secretariat, { date: "2040-09-20" }))).toBe("conflict");
    const year = await listMeetings(database.db, actorAs("board"), 2040);
    expect(year.map((m) => [m.date, m.status])).toEqual([
      ["2040-02-23", "planned"],
      ["2040-05-17", "cancelled"],
      ["2040-09-20", "planned"],
      ["2040-11-15", "planned"],
    ]);
    // A cancelled meeting takes no applications.
    expect((await nextMeetingFor(database.db, new Date("2040-03-01T12:00:00Z"), 14)).date).toBe("2040-09-20");
  });

  it("uses the months the secretariat set for a year not planned yet", async () => {
    await writeSetting(database.db, "board.meetingMonths", [3, 10]);
    expect((await planYear(database.db, 2041)).map((m) => m.date)).toEqual(["2041-03-21", "2041-10-17"]);
    await writeSetting(database.db, "board.meetingMonths", [2, 5, 11]);
  });

  it("lets only the secretariat change the calendar", async () => {
    expect(await codeOf(addMeeting(database.db, actorAs("board"), { date: "2040-06-01" }))).toBe("forbidden");
    expect(await codeOf(listMeetings(database.db, actorAs("member_contact", null), 2040))).toBe("forbidden");
    expect(await codeOf(listMeetings(database.db, { kind: "anonymous" }, 2040))).toBe("unauthenticated");
  });
});
