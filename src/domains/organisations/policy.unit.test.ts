import { describe, expect, it } from "vitest";
import { AppError } from "~/errors/app-error";
import {
  abilities,
  authorize,
  canCreateOrganisation,
  canEditContacts,
  canExportOrganisations,
  canImportOrganisations,
  canUpdateOrganisation,
  canViewContacts,
  canViewOrganisation,
  forbiddenPatchFields,
  visibleStatuses,
} from "./policy";
import { testActors } from "./testing";

const ORG = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";
const member = { id: ORG, status: "member" };
const applicant = { id: ORG, status: "applicant" };
const former = { id: ORG, status: "former" };

const everyone = {
  anonymous: testActors.anonymous,
  partner: testActors.partner(),
  expert: testActors.expert(),
  ownContact: testActors.memberContact(ORG),
  otherContact: testActors.memberContact(OTHER),
  board: testActors.board(),
  secretariat: testActors.secretariat(),
  system: testActors.system,
};
type Who = keyof typeof everyone;
const allowed = (decide: (actor: (typeof everyone)[Who]) => boolean) =>
  (Object.keys(everyone) as Who[]).filter((who) => decide(everyone[who]));

describe("organisation policy", () => {
  it("shows members and partners to everyone; applicants and former members to the secretariat and Board", () => {
    expect(allowed((a) => canViewOrganisation(a, member))).toEqual(Object.keys(everyone));
    expect(allowed((a) => canViewOrganisation(a, { id: ORG, status: "partner" }))).toEqual(Object.keys(everyone));
    expect(allowed((a) => canViewOrganisation(a, applicant))).toEqual(["ownContact", "board", "secretariat", "system"]);
    expect(allowed((a) => canViewOrganisation(a, former))).toEqual(["ownContact", "board", "secretariat", "system"]);
    expect(visibleStatuses(everyone.anonymous)).toEqual(["member", "partner"]);
    expect(visibleStatuses(everyone.board)).toEqual(["applicant", "member", "partner", "former"]);
  });

  it("shows contacts (personal data) to the network's people, not to partners or visitors", () => {
    expect(allowed((a) => canViewContacts(a, member))).toEqual([
      "expert",
      "ownContact",
      "otherContact",
      "board",
      "secretariat",
      "system",
    ]);
    // Not even the network's people see the contacts of an organisation hidden from them.
    expect(allowed((a) => canViewContacts(a, applicant))).toEqual(["ownContact", "board", "secretariat", "system"]);
  });

  it("leaves create, archive and import to the secretariat; export to the secretariat and Board", () => {
    expect(allowed(canCreateOrganisation)).toEqual(["secretariat", "system"]);
    expect(allowed(canImportOrganisations)).toEqual(["secretariat", "system"]);
    expect(allowed(canExportOrganisations)).toEqual(["board", "secretariat", "system"]);
  });

  it("lets the secretariat change everything and a member contact only their own profile fields", () => {
    expect(allowed((a) => canUpdateOrganisation(a, member))).toEqual(["ownContact", "secretariat", "system"]);
    expect(forbiddenPatchFields(everyone.secretariat, member, ["status", "country", "name"])).toEqual([]);
    expect(forbiddenPatchFields(everyone.ownContact, member, ["name", "website", "priorities"])).toEqual([]);
    expect(forbiddenPatchFields(everyone.ownContact, member, ["name", "status", "officialCode"])).toEqual([
      "status",
      "officialCode",
    ]);
    expect(forbiddenPatchFields(everyone.otherContact, member, ["name"])).toEqual(["name"]);
  });

  it("lets the secretariat and the organisation's own contact edit its contacts", () => {
    expect(allowed((a) => canEditContacts(a, member))).toEqual(["ownContact", "secretariat", "system"]);
  });

  it("tells the UI what the actor may do", () => {
    expect(abilities(everyone.ownContact, member)).toEqual({
      edit: true,
      editAll: false,
      archive: false,
      editContacts: true,
    });
    expect(abilities(everyone.secretariat, former)).toEqual({
      edit: true,
      editAll: true,
      archive: false,
      editContacts: true,
    });
    expect(abilities(everyone.board, member)).toEqual({
      edit: false,
      editAll: false,
      archive: false,
      editContacts: false,
    });
  });

  it("answers 401 to a visitor and 403 to a signed-in user", () => {
    const code = (fn: () => void) => {
      try {
        fn();
      } catch (e) {
        return e instanceof AppError ? e.code : "other";
      }
      return "allowed";
    };
    expect(code(() => authorize(everyone.anonymous, false))).toBe("unauthenticated");
    expect(code(() => authorize(everyone.partner, false))).toBe("forbidden");
    expect(code(() => authorize(everyone.partner, true))).toBe("allowed");
  });
});
