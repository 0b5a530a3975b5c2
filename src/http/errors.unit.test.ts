import { describe, expect, it } from "vitest";
import { loggablePath } from "./errors";

describe("paths in the error log", () => {
  it("hide the secret of private links and feeds, and keep everything else", () => {
    expect(loggablePath("/api/v1/calendar/abcDEF123_-.ics")).toBe("/api/v1/calendar/[secret]");
    expect(loggablePath("/join/applications/tok3n/files/form.pdf")).toBe("/join/applications/[secret]/files/form.pdf");
    expect(loggablePath("/password-reset/tok3n")).toBe("/password-reset/[secret]");
    expect(loggablePath("/api/v1/calendar/public.ics")).toBe("/api/v1/calendar/public.ics");
    expect(loggablePath("/api/v1/organisations/42")).toBe("/api/v1/organisations/42");
  });
});
