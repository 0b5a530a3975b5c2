import { describe, expect, it } from "vitest";
import type { ReferenceSnapshot } from "~/domains/reference/service";
import { editDistance, nameDistance, placeScore } from "~/domains/reference/service";
import { columnName } from "./csv";
import { detectDelimiter, parseCount, parseDate } from "./import";
import {
  checkReferenceRules,
  deriveFields,
  type OrganisationState,
  publicAuthorityOverrideFor,
  searchWordsOf,
  today,
  withMemberSinceDefault,
} from "./rules";
import { buildTsQuery, queryTokens } from "./search";

const names = { en: "x", sv: "x", it: "x" };
const ref: ReferenceSnapshot = {
  countries: new Map([
    ["IT", { code: "IT", names, euMember: true, memberCountry: true }],
    ["SE", { code: "SE", names, euMember: true, memberCountry: true }],
    ["DE", { code: "DE", names, euMember: true, memberCountry: false }],
    ["GR", { code: "GR", names, euMember: true, memberCountry: false }],
  ]),
  types: new Map([
    ["municipality", { code: "municipality", names, publicAuthority: true }],
    ["civil_society", { code: "civil_society", names, publicAuthority: false }],
  ]),
  priorities: new Set(["climate_action", "digital_skills"]),
  nuts: new Map([
    ["ITH5", { code: "ITH5", label: "Emilia-Romagna", level: 2, countryCode: "IT" }],
    ["ITH58", { code: "ITH58", label: "Forlì-Cesena", level: 3, countryCode: "IT" }],
    ["SE22", { code: "SE22", label: "Sydsverige", level: 2, countryCode: "SE" }],
    ["SE224", { code: "SE224", label: "Skåne län", level: 3, countryCode: "SE" }],
  ]),
  nutsCountries: new Set(["IT", "SE"]),
};

const state = (over: Partial<OrganisationState> = {}): OrganisationState => ({
  name: "Comune di Forlì",
  country: "IT",
  type: "municipality",
  publicAuthorityOverride: null,
  officialCode: "040012",
  nuts3: "ITH58",
  inhabitants: null,
  employees: null,
  website: null,
  street: null,
  postalCode: null,
  city: null,
  workingLanguages: [],
  priorities: [],
  status: "member",
  memberSince: "2020-01-01",
  ...over,
});

describe("derived fields", () => {
  it("derives NUTS 2, the region labels, the public-authority flag and the search text", () => {
    expect(deriveFields(ref, state({ city: "Forlì" }))).toEqual({
      nuts2: "ITH5",
      region: "Emilia-Romagna, Forlì-Cesena",
      publicAuthority: true,
      searchText: "comune di forli 040012 emilia romagna forli cesena forli",
      normalizedName: "comune di forli",
    });
    expect(deriveFields(ref, state({ nuts3: null })).region).toBeNull();
    expect(deriveFields(ref, state({ type: "civil_society" })).publicAuthority).toBe(false);
    expect(deriveFields(ref, state({ type: "civil_society", publicAuthorityOverride: true })).publicAuthority).toBe(
      true,
    );
  });

  it("stores a public-authority choice only when it differs from the type", () => {
    expect(publicAuthorityOverrideFor(ref, "municipality", true)).toBeNull();
    expect(publicAuthorityOverrideFor(ref, "municipality", false)).toBe(false);
    expect(publicAuthorityOverrideFor(ref, "civil_society", undefined)).toBeNull();
  });

  it("dates a new membership today unless a date is given", () => {
    const now = new Date("2024-12-31T23:30:00Z"); // already 1 January in Parma
    expect(today(now)).toBe("2025-01-01");
    expect(withMemberSinceDefault(state({ memberSince: null }), now).memberSince).toBe("2025-01-01");
    expect(withMemberSinceDefault(state({ status: "applicant", memberSince: null }), now).memberSince).toBeNull();
  });

  it("learns the words of name, region and city for typo-tolerant search", () => {
    expect(searchWordsOf(deriveFields(ref, state()).searchText)).toEqual([
      "comune",
      "forli",
      "emilia",
      "romagna",
      "cesena",
    ]);
  });
});

describe("reference rules", () => {
  it("accepts a valid organisation", () => {
    expect(checkReferenceRules(ref, state({ priorities: ["climate_action"] }), "all")).toEqual({});
  });

  it("keeps membership to member countries", () => {
    expect(checkReferenceRules(ref, state({ country: "DE", nuts3: null }), "all")).toEqual({
      status: { key: "errors:field.memberCountryOnly" },
    });
    expect(checkReferenceRules(ref, state({ country: "DE", nuts3: null, status: "partner" }), "all")).toEqual({});
  });

  it("names an unknown priority, country and type", () => {
    expect(checkReferenceRules(ref, state({ country: "XX", type: "castle", priorities: ["moon"] }), "all")).toEqual({
      country: { key: "errors:field.unknownCountry" },
      type: { key: "errors:field.unknownType" },
      priorities: { key: "errors:field.unknownPriority", values: { value: "moon" } },
      nuts3: { key: "errors:field.nutsCountryMismatch" },
    });
  });

  it("checks NUTS 3 against the loaded regions, and the country prefix elsewhere", () => {
    const nuts = (country: string, nuts3: string) =>
      checkReferenceRules(ref, state({ country, nuts3, status: "partner" }), "all").nuts3?.key;
    expect(nuts("IT", "SE224")).toBe("errors:field.nutsCountryMismatch");
    expect(nuts("IT", "ITH99")).toBe("errors:field.unknownNuts");
    expect(nuts("IT", "ITH5")).toBe("errors:field.unknownNuts");
    expect(nuts("DE", "DE212")).toBeUndefined();
    expect(nuts("DE", "FR101")).toBe("errors:field.nutsCountryMismatch");
    expect(nuts("GR", "EL301")).toBeUndefined();
  });

  it("checks only the fields being changed", () => {
    const stale = state({ priorities: ["retired_priority"] });
    expect(checkReferenceRules(ref, stale, new Set(["name"] as const))).toEqual({});
    expect(checkReferenceRules(ref, stale, new Set(["priorities"] as const))).toHaveProperty("priorities");
  });
});

describe("search query", () => {
  it("normalises words and builds prefix terms, with alternatives for misspelt words", () => {
    expect(queryTokens("  Reggio nell'Emilia ")).toEqual(["reggio", "nell", "emilia"]);
    expect(queryTokens("!!!")).toEqual([]);
    expect(buildTsQuery(["reggio", "em"], new Map())).toBe("reggio:* & em:*");
    expect(buildTsQuery(["bolgna"], new Map([["bolgna", ["bologna", "bolsena"]]]))).toBe(
      "(bolgna:* | bologna | bolsena)",
    );
  });
});

describe("CSV cells", () => {
  it("detects the separator from the header line", () => {
    expect(detectDelimiter("name;country;type\nA,B;IT;x")).toBe(";");
    expect(detectDelimiter("name,country,type\n")).toBe(",");
    expect(detectDelimiter('"name;x",country,type')).toBe(",");
  });

  it("reads counts and dates as spreadsheets write them", () => {
    expect(parseCount("97 000")).toBe(97_000);
    expect(parseCount("97.000")).toBe(97_000);
    expect(parseCount("1234")).toBe(1234);
    expect(parseCount("")).toBeNull();
    expect(parseCount("12.5")).toBe("invalid");
    expect(parseCount("many")).toBe("invalid");
    expect(parseDate("2021-05-20")).toBe("2021-05-20");
    expect(parseDate("20/05/2021")).toBe("2021-05-20");
    expect(parseDate("1.2.2021")).toBe("2021-02-01");
    expect(parseDate("May 2021")).toBe("invalid");
  });

  it("forgives case, spaces and camelCase in column names", () => {
    expect(columnName("\uFEFFOfficial code")).toBe("official_code");
    expect(columnName("memberSince")).toBe("member_since");
    expect(columnName(" NUTS3 ")).toBe("nuts3");
  });
});

describe("place ranking", () => {
  it("puts the place's own name before provinces and names that merely contain the query", () => {
    const q = "bologna";
    expect(placeScore("bologna", q, [q])).toBeGreaterThan(placeScore("provincia di bologna", q, [q]));
    expect(placeScore("provincia di bologna", q, [q])).toBeGreaterThan(placeScore("san lazzaro di bologna", q, [q]));
  });

  it("measures typos by edit distance", () => {
    expect(editDistance("bolgna", "bologna")).toBe(1);
    expect(editDistance("vasteraas", "vasteras")).toBe(1);
    expect(editDistance("forli", "frol")).toBe(2);
    expect(nameDistance("provincia di bologna", ["bolgna"])).toBe(1);
  });
});
