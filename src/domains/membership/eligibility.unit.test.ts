import { describe, expect, it } from "vitest";
import { organisationTypeCodes } from "~/domains/reference/sern";
import { eligibility, memberTypes, missingIdentifiers } from "./eligibility";

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

describe("missingIdentifiers", () => {
  it("asks an Italian public authority for its codice fiscale and IPA code", () => {
    expect(Object.keys(missingIdentifiers("IT", true, {})).sort()).toEqual(["ipaCode", "taxCode"]);
    expect(missingIdentifiers("IT", true, { taxCode: "00162210348", ipaCode: "UFQ2LO" })).toEqual({});
  });
  it("refuses an SDI code where a public authority needs its IPA office code", () => {
    expect(missingIdentifiers("IT", true, { taxCode: "00162210348", ipaCode: "M5UXCR1" })).toEqual({
      ipaCode: { key: "membership:errors.ipaCodeForPublic" },
    });
  });
  it("asks an Italian association only for its codice fiscale", () => {
    expect(missingIdentifiers("IT", false, {})).toEqual({ taxCode: { key: "errors:field.required" } });
    expect(missingIdentifiers("IT", false, { taxCode: "80012345675" })).toEqual({});
  });
  it("asks a Swedish organisation for its organisationsnummer", () => {
    expect(missingIdentifiers("SE", true, {})).toEqual({ orgNumber: { key: "errors:field.required" } });
    expect(missingIdentifiers("SE", false, { orgNumber: "212000-1124" })).toEqual({});
  });
  it("asks nothing of an organisation from another country", () => {
    expect(missingIdentifiers("FR", true, {})).toEqual({});
  });
});
