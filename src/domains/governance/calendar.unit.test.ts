import { describe, expect, it } from "vitest";
import { meetingInstants, meetingTimes, zonedTime } from "./calendar";

describe("local meeting times to UTC", () => {
  it("follows Rome and Stockholm across the spring and autumn clock changes (2027: 28 March, 31 October)", () => {
    for (const zone of ["Europe/Rome", "Europe/Stockholm"]) {
      expect(zonedTime("2027-03-27", "10:00", zone).toISOString()).toBe("2027-03-27T09:00:00.000Z");
      expect(zonedTime("2027-03-28", "10:00", zone).toISOString()).toBe("2027-03-28T08:00:00.000Z");
      expect(zonedTime("2027-10-30", "10:00", zone).toISOString()).toBe("2027-10-30T08:00:00.000Z");
      expect(zonedTime("2027-10-31", "10:00", zone).toISOString()).toBe("2027-10-31T09:00:00.000Z");
    }
    expect(zonedTime("2027-01-15", "23:30", "Europe/Rome").toISOString()).toBe("2027-01-15T22:30:00.000Z");
  });

  it("takes an hour that does not exist in spring as the clocks show it, and an unknown zone as Rome", () => {
    expect(zonedTime("2027-03-28", "02:30", "Europe/Rome").toISOString()).toBe("2027-03-28T01:30:00.000Z");
    expect(zonedTime("2027-07-01", "10:00", "Mars/Olympus").toISOString()).toBe("2027-07-01T08:00:00.000Z");
  });

  it("defaults to 10:00–12:00, or two hours after a start without end", () => {
    expect(meetingTimes({ startTime: null, endTime: null })).toEqual({ start: "10:00", end: "12:00" });
    expect(meetingTimes({ startTime: "14:15", endTime: null })).toEqual({ start: "14:15", end: "16:15" });
    expect(meetingTimes({ startTime: "22:30", endTime: null })).toEqual({ start: "22:30", end: "23:59" });
    expect(meetingTimes({ startTime: "09:00", endTime: "08:00" })).toEqual({ start: "09:00", end: "11:00" });
    const { start, end } = meetingInstants({
      date: "2027-06-10",
      startTime: "09:30",
      endTime: "11:00",
      timeZone: "Europe/Stockholm",
    });
    expect([start.toISOString(), end.toISOString()]).toEqual(["2027-06-10T07:30:00.000Z", "2027-06-10T09:00:00.000Z"]);
  });
});
