import { describe, expect, it } from "vitest";
import { anonymous, system } from "~/auth/actor";
import { actorAs } from "~/domains/organisations/testing";
import {
  canEditPartners,
  canEditProject,
  canListProjects,
  canMoveProject,
  canViewProject,
  editableFields,
  forbiddenFields,
  type ProjectRef,
} from "./policy";

const PARMA = "00000000-0000-4000-8000-000000000001";
const UMEA = "00000000-0000-4000-8000-000000000002";

const project = (overrides: Partial<ProjectRef> = {}): ProjectRef => ({
  phase: "identification",
  internal: false,
  initiatorOrganisationId: PARMA,
  leadOrganisationId: PARMA,
  partnerOrganisationIds: [PARMA],
  ...overrides,
});

describe("who reads projects", () => {
  it("the secretariat and the Board read everything, visitors nothing", () => {
    const internal = project({ internal: true });
    expect(canViewProject(actorAs("secretariat"), internal)).toBe(true);
    expect(canViewProject(actorAs("board"), internal)).toBe(true);
    expect(canViewProject(system("cli"), internal)).toBe(true);
    expect(canListProjects(anonymous)).toBe(false);
    expect(canViewProject(anonymous, project())).toBe(false);
  });

  it("member contacts read their organisation's projects and those not internal", () => {
    const umea = actorAs("member_contact", UMEA);
    expect(canViewProject(umea, project())).toBe(true);
    expect(canViewProject(umea, project({ internal: true }))).toBe(false);
    expect(canViewProject(umea, project({ internal: true, partnerOrganisationIds: [PARMA, UMEA] }))).toBe(true);
    expect(canViewProject(umea, project({ internal: true, initiatorOrganisationId: UMEA }))).toBe(true);
  });

  it("a partner organisation's user reads only the projects it takes part in", () => {
    const partner = actorAs("partner", UMEA);
    expect(canViewProject(partner, project())).toBe(false);
    expect(canViewProject(partner, project({ partnerOrganisationIds: [PARMA, UMEA] }))).toBe(true);
  });
});

describe("who changes projects", () => {
  it("the secretariat changes and moves everything; the Board nothing", () => {
    expect(editableFields(actorAs("secretariat"), project({ phase: "closure" }))).toBe("all");
    expect(canMoveProject(actorAs("secretariat"))).toBe(true);
    expect(canEditProject(actorAs("board"), project())).toBe(false);
    expect(canMoveProject(actorAs("board"))).toBe(false);
  });

  it("the lead member contact edits some fields in identification and formulation only", () => {
    const parma = actorAs("member_contact", PARMA);
    expect(canEditProject(parma, project({ phase: "formulation" }))).toBe(true);
    expect(canEditPartners(parma, project({ phase: "formulation" }))).toBe(true);
    expect(canEditProject(parma, project({ phase: "financing" }))).toBe(false);
    expect(forbiddenFields(parma, project(), ["acronym", "grantAwardedCents", "internal"])).toEqual([
      "grantAwardedCents",
      "internal",
    ]);
    expect(canMoveProject(parma)).toBe(false);
  });

  it("a partner member that does not lead does not edit", () => {
    const umea = actorAs("member_contact", UMEA);
    expect(canEditProject(umea, project({ partnerOrganisationIds: [PARMA, UMEA] }))).toBe(false);
    expect(canEditPartners(umea, project({ partnerOrganisationIds: [PARMA, UMEA] }))).toBe(false);
  });
});
