import { describe, expect, it } from "vitest";
import { checkPartner, checkProjectState, isOnSite, type ProjectState, projectYear, searchTextOf } from "./rules";

const ref = {
  priorities: new Set(["climate_action", "quality_education"]),
  programmes: new Map([
    ["cerv", new Set(["cerv_town_twinning"])],
    ["life", new Set<string>()],
  ]),
};

const state = (overrides: Partial<ProjectState> = {}): ProjectState => ({
  acronym: "GREEN",
  title: { en: "Green towns" },
  summary: {},
  priorities: ["climate_action"],
  programmeCode: "cerv",
  actionCode: "cerv_town_twinning",
  callIdentifier: null,
  deadline: null,
  submittedOn: null,
  initiatorOrganisationId: null,
  totalBudgetCents: null,
  grantRequestedCents: null,
  grantAwardedCents: null,
  grantPaidCents: null,
  participantsPlanned: null,
  participantsActual: null,
  startDate: null,
  endDate: null,
  cordisUrl: null,
  erasmusPlusUrl: null,
  keepEuUrl: null,
  websiteUrl: null,
  internal: false,
  ...overrides,
});

describe("a project's links", () => {
  it("point to their site or a subdomain of it, never a look-alike", () => {
    expect(isOnSite("https://cordis.europa.eu/project/id/101000001", ["cordis.europa.eu"])).toBe(true);
    expect(isOnSite("https://www.keep.eu/projects/1", ["keep.eu"])).toBe(true);
    expect(isOnSite("https://cordis.europa.eu.example.com/x", ["cordis.europa.eu"])).toBe(false);
    expect(isOnSite("https://notkeep.eu/x", ["keep.eu"])).toBe(false);
    expect(isOnSite("not a url", ["keep.eu"])).toBe(false);
  });
});

describe("a project's data", () => {
  it("is fine as it is", () => {
    expect(checkProjectState(ref, state())).toEqual({});
  });

  it("keeps the grant awarded within the grant requested, and the grant paid within the grant awarded", () => {
    expect(checkProjectState(ref, state({ grantRequestedCents: 100, grantAwardedCents: 101 }))).toEqual({
      grantAwardedCents: { key: "projects:errors.awardedOverRequested" },
    });
    expect(checkProjectState(ref, state({ grantAwardedCents: 100, grantPaidCents: 100 }))).toEqual({});
    expect(checkProjectState(ref, state({ grantAwardedCents: 100, grantPaidCents: 101 }))).toEqual({
      grantPaidCents: { key: "projects:errors.paidOverAwarded" },
    });
  });

  it("checks a rule only when one of its fields changed", () => {
    const old = state({ priorities: ["retired_priority"] });
    expect(checkProjectState(ref, old, new Set(["acronym"]))).toEqual({});
    expect(checkProjectState(ref, old, new Set(["priorities"]))).toEqual({
      priorities: { key: "errors:field.unknownPriority", values: { value: "retired_priority" } },
    });
  });

  it("keeps an action within its programme", () => {
    expect(checkProjectState(ref, state({ programmeCode: "life" }))).toEqual({
      actionCode: { key: "projects:errors.actionNotInProgramme" },
    });
    expect(checkProjectState(ref, state({ programmeCode: null }))).toEqual({
      actionCode: { key: "projects:errors.actionNotInProgramme" },
    });
  });

  it("is found by its words without accents, and counted in the year of its deadline, else of its submission", () => {
    expect(searchTextOf({ acronym: "MOBEC", title: { it: "Mobilità" }, callIdentifier: "EAC-2020" })).toBe(
      "mobec mobilita eac 2020",
    );
    expect(projectYear({ deadline: "2025-01-15", submittedOn: "2024-12-20" })).toBe(2025);
    expect(projectYear({ deadline: null, submittedOn: "2024-12-20" })).toBe(2024);
    expect(projectYear({ deadline: null, submittedOn: null })).toBeNull();
  });
});

describe("a partner", () => {
  it("has the fields of its kind", () => {
    expect(checkPartner({ kind: "organisation", role: "partner" })).toEqual({
      organisationId: { key: "errors:field.required" },
    });
    expect(checkPartner({ kind: "network", role: "lead", name: "SERN" })).toEqual({
      name: { key: "errors:field.unknownField" },
    });
    expect(checkPartner({ kind: "external", role: "partner", name: "Ville de Lyon", country: "FR" }, "p.")).toEqual({
      "p.organisationType": { key: "errors:field.required" },
    });
  });
});
