import { describe, expect, it } from "vitest";
import { foldQuery } from "./decisions";
import { isTimeZone, MeetingInput, OutcomeInput } from "./meetings-contract";

describe("meeting contracts", () => {
  it("accepts IANA time zones only", () => {
    expect(isTimeZone("Europe/Rome")).toBe(true);
    expect(isTimeZone("Europe/Stockholm")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });

  it("reads empty form fields as absent and checks times and links", () => {
    const ok = MeetingInput.parse({ bodyCode: "board", date: "2030-01-01", place: "", videoUrl: "", startTime: "" });
    expect(ok).toMatchObject({ place: null, videoUrl: null, startTime: null });
    expect(MeetingInput.safeParse({ bodyCode: "board", date: "2030-01-01", startTime: "9:30" }).success).toBe(false);
    expect(
      MeetingInput.safeParse({ bodyCode: "board", date: "2030-01-01", videoUrl: "http://x.example" }).success,
    ).toBe(false);
  });

  it("needs a text for outcomes that enter the register", () => {
    expect(OutcomeInput.safeParse({ outcome: "noted" }).success).toBe(true);
    expect(OutcomeInput.safeParse({ outcome: "elected", text: "" }).success).toBe(false);
    expect(OutcomeInput.safeParse({ outcome: "elected", text: "Anna" }).success).toBe(true);
  });

  it("folds search text the way the register's SQL does", () => {
    expect(foldQuery("Città di FORLÌ, Västerås, Łódź, Ørsta")).toBe("citta di forli, vasteras, lodz, orsta");
  });
});
