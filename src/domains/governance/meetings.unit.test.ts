import { describe, expect, it } from "vitest";
import { addDays, thirdThursday } from "./meetings";

describe("Board meeting dates", () => {
  it("is the third Thursday of the month", () => {
    expect(thirdThursday(2026, 2)).toBe("2026-02-19");
    expect(thirdThursday(2026, 5)).toBe("2026-05-21");
    expect(thirdThursday(2026, 11)).toBe("2026-11-19");
    // A month starting on a Thursday: the 15th.
    expect(thirdThursday(2027, 4)).toBe("2027-04-15");
    for (let m = 1; m <= 12; m++) expect(new Date(`${thirdThursday(2030, m)}T00:00:00Z`).getUTCDay()).toBe(4);
  });
  it("counts lead days in calendar days across months and years", () => {
    expect(addDays(new Date("2026-12-25T23:30:00Z"), 14)).toBe("2027-01-08");
    expect(addDays(new Date("2028-02-15T00:00:00Z"), 14)).toBe("2028-02-29");
  });
});
