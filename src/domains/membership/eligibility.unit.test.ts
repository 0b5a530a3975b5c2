import { describe, expect, it } from "vitest";
import { organisationTypeCodes } from "~/domains/reference/sern";
import { eligibility, memberTypes } from "./eligibility";

const italy = { code: "IT", memberCountry: true, euMember: true };
const france = { code: "FR", memberCountry: false, euMember: true };

describe("eligibility", () => {
  it("makes Italian and Swedish authorities, associations, civil-society and education bodies members", () => {
    for (const type of memberTypes) expect(eligibility(italy, type)).toBe("member");
  });
  it("makes other bodies in a member country, and anyone from another EU country, partners", () => {
    expect(eligibility(italy, "private")).toBe("partner");
    expect(eligibility(italy, "other_public")).toBe("partner");
    for (const type of organisationTypeCodes) expect(eligibility(france, type)).toBe("partner");
  });
  it("refuses a country outside the reference list", () => {
    expect(eligibility(undefined, "municipality")).toBeNull();
    expect(eligibility({ code: "CH", memberCountry: false, euMember: false }, "municipality")).toBeNull();
  });
});
