import { describe, expect, it } from "vitest";
import { compositionProblems, endsWithin } from "./bodies";
import type { Mandate } from "./bodies-contract";
import { balanceMax, defaultTermEnd, lastDayOf, peakWithin, plusMonths, statusOn } from "./mandates";

/** The pure rules of mandates: terms, when a mandate holds, the peak of seats held, the balance. */
describe("terms", () => {
  it("ends a term the day before the same date after the term's months", () => {
    expect(defaultTermEnd("2026-04-16", 24)).toBe("2028-04-15");
    expect(defaultTermEnd("2026-01-01", 12)).toBe("2026-12-31");
    expect(plusMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(plusMonths("2027-11-30", 3)).toBe("2028-02-29");
    expect(defaultTermEnd("2026-04-16", null)).toBeNull();
  });

  it("holds from the start to the term's end, or to the day before it ended early", () => {
    const m = { startsOn: "2026-04-16", endsOn: "2028-04-15", endedOn: null };
    expect(statusOn(m, "2026-04-15")).toBe("upcoming");
    expect(statusOn(m, "2026-04-16")).toBe("current");
    expect(statusOn(m, "2028-04-15")).toBe("current");
    expect(statusOn(m, "2028-04-16")).toBe("past");
    const ended = { ...m, endedOn: "2026-11-20" };
    expect(lastDayOf(ended)).toBe("2026-11-19");
    expect(statusOn(ended, "2026-11-19")).toBe("current");
    expect(statusOn(ended, "2026-11-20")).toBe("past");
    expect(statusOn({ ...m, endsOn: null }, "2099-01-01")).toBe("current");
  });

  it("warns of terms ending within the window only", () => {
    expect(endsWithin({ endsOn: "2027-01-20", endedOn: null }, "2026-11-26", 60)).toBe(true);
    expect(endsWithin({ endsOn: "2027-01-26", endedOn: null }, "2026-11-26", 60)).toBe(false);
    expect(endsWithin({ endsOn: "2026-11-25", endedOn: null }, "2026-11-26", 60)).toBe(false);
    expect(endsWithin({ endsOn: "2027-01-20", endedOn: "2026-12-01" }, "2026-11-26", 60)).toBe(false);
  });
});

describe("seats", () => {
  it("finds the most mandates held on one day of a period", () => {
    const held = [
      { start: "2026-01-01", end: "2026-06-30" },
      { start: "2026-07-01", end: "2026-12-31" },
      { start: "2026-03-01", end: "2026-09-30" },
    ];
    // Two at once at most: the first and second never overlap.
    expect(peakWithin({ start: "2026-01-01", end: "2026-12-31" }, held)).toEqual({ count: 2, day: "2026-03-01" });
    expect(peakWithin({ start: "2027-01-01", end: "2027-12-31" }, held).count).toBe(0);
  });

  it("shares the seats equally among the balanced countries", () => {
    expect(balanceMax(10, ["IT", "SE"])).toBe(5);
    expect(balanceMax(4, ["IT", "SE"])).toBe(2);
    expect(balanceMax(null, ["IT", "SE"])).toBeNull();
    expect(balanceMax(10, [])).toBeNull();
  });

  it("names what breaks the rules", () => {
    const m = (country: string, name = country): Mandate => ({
      id: name,
      bodyCode: "board",
      contactId: name,
      userId: null,
      organisationId: null,
      organisationName: null,
      organisationCountry: country,
      name,
      role: "member",
      startsOn: "2026-01-01",
      endsOn: null,
      endedOn: null,
      endReason: null,
      lastDay: null,
      decisionId: null,
      decisionNote: null,
      status: "current",
    });
    const rules = { kind: "collegial", seats: 4, balancedCountries: ["IT", "SE"] };
    expect(compositionProblems(rules, [m("IT", "a"), m("IT", "b"), m("SE", "c")])).toEqual([]);
    expect(compositionProblems(rules, [m("IT", "a"), m("IT", "b"), m("IT", "c"), m("SE", "d"), m("DE", "e")])).toEqual([
      { kind: "overSeats", country: null, count: 5, max: 4, name: null },
      { kind: "outsideBalance", country: "DE", count: 1, max: null, name: null },
      { kind: "balance", country: "IT", count: 3, max: 2, name: null },
    ]);
    const office = { kind: "office", seats: 1, balancedCountries: [] };
    expect(compositionProblems(office, [m("IT", "chair")], [m("IT", "chair")])).toEqual([]);
    expect(compositionProblems(office, [m("IT", "chair")], [m("IT", "other")])).toEqual([
      { kind: "officeWithoutParent", country: null, count: 1, max: null, name: "chair" },
    ]);
  });
});
