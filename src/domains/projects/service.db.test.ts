import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "~/audit/schema";
import { anonymous } from "~/auth/actor";
import type { Organisation } from "~/domains/organisations/contract";
import { actorAs, buildOrganisation } from "~/domains/organisations/testing";
import { AppError } from "~/errors/app-error";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { addPartner, listPartners, removePartner } from "./partners";
import { createProject, getProject, listProjects, updateProject } from "./service";
import { buildProject, buildSubmission, moveTo, organisationPartner, projectInput } from "./testing";
import { listTransitions, moveProject, resubmitProject } from "./transitions";

let database: TestDatabase;
let parma: Organisation;
let umea: Organisation;
let bologna: Organisation;
const secretariat = actorAs("secretariat");
const board = actorAs("board");

async function appError(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  parma = await buildOrganisation(database.db, { name: "Comune di Parma" });
  umea = await buildOrganisation(database.db, { name: "Umeå kommun", country: "SE" });
  bologna = await buildOrganisation(database.db, { name: "Comune di Bologna" });
});
afterAll(async () => {
  await database?.close();
});

describe("creating a project", () => {
  it("stores partners and money in cents, the lead first, and records its first phase", async () => {
    const project = await createProject(database.db, secretariat, {
      acronym: "GREENMOB",
      title: { en: "Green mobility in small towns", it: "Mobilità verde nei piccoli comuni" },
      summary: { sv: "Hållbar mobilitet" },
      priorities: ["smart_mobility", "climate_action"],
      programmeCode: "interreg_europe",
      callIdentifier: "IE-2025-4",
      deadline: "2025-06-12",
      initiatorOrganisationId: parma.id,
      totalBudgetCents: 150_000_000,
      grantRequestedCents: 120_000_000,
      participantsPlanned: 400,
      cordisUrl: "",
      keepEuUrl: "https://keep.eu/projects/27611/",
      partners: [
        organisationPartner(umea.id, { budgetShareCents: 40_000_000 }),
        organisationPartner(parma.id, { role: "lead", budgetShareCents: 70_000_000 }),
        { kind: "external", name: "Câmara Municipal de Braga", country: "pt", organisationType: "municipality" },
        { kind: "network", role: "associated" },
      ],
    });
    expect(project).toMatchObject({
      acronym: "GREENMOB",
      title: { en: "Green mobility in small towns", it: "Mobilità verde nei piccoli comuni" },
      phase: "identification",
      fundingStatus: null,
      ideaId: project.id,
      submissionNumber: 1,
      resubmissionOf: null,
      currency: "EUR",
      totalBudgetCents: 150_000_000,
      grantRequestedCents: 120_000_000,
      grantAwardedCents: null,
      cordisUrl: null,
      year: 2025,
      initiatorName: "Comune di Parma",
      lead: { kind: "organisation", organisationId: parma.id, name: "Comune di Parma", role: "lead" },
      version: 1,
    });
    expect(project.partners.map((p) => [p.name, p.country, p.role, p.budgetShareCents])).toEqual([
      ["Comune di Parma", "IT", "lead", 70_000_000],
      ["Câmara Municipal de Braga", "PT", "partner", null],
      ["Umeå kommun", "SE", "partner", 40_000_000],
      ["SERN", null, "associated", null],
    ]);
    expect(project.submissions).toEqual([
      expect.objectContaining({ id: project.id, submissionNumber: 1, phase: "identification" }),
    ]);
    const transitions = await listTransitions(database.db, secretariat, project.id);
    expect(transitions).toEqual([
      expect.objectContaining({
        fromPhase: null,
        toPhase: "identification",
        reason: null,
        actorName: "Test secretariat",
      }),
    ]);
    const audit = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, project.id), eq(auditEvents.action, "project.create")));
    expect(audit).toHaveLength(1);
  });

  it("refuses bad data naming every field", async () => {
    const error = await appError(
      createProject(database.db, secretariat, {
        acronym: "",
        title: { en: "  " },
        priorities: ["space_travel"],
        programmeCode: "cerv",
        actionCode: "erasmus_ka1",
        grantRequestedCents: 1000,
        grantAwardedCents: 2000,
        totalBudgetCents: 12.5,
        startDate: "2025-09-01",
        endDate: "2025-08-31",
        cordisUrl: "https://example.org/project/1",
        websiteUrl: "ftp://example.org",
      }),
    );
    expect(error.code).toBe("validation");
    expect(Object.keys(error.fields).sort()).toEqual(["acronym", "totalBudgetCents", "websiteUrl"]);
    const second = await appError(
      createProject(
        database.db,
        secretariat,
        projectInput({
          title: { en: "  " },
          priorities: ["space_travel"],
          programmeCode: "cerv",
          actionCode: "erasmus_ka1",
          grantRequestedCents: 1000,
          grantAwardedCents: 2000,
          startDate: "2025-09-01",
          endDate: "2025-08-31",
          cordisUrl: "https://example.org/project/1",
          partners: [
            organisationPartner(parma.id, { role: "lead" }),
            organisationPartner(parma.id),
            { kind: "external", name: "Somewhere" },
            organisationPartner("00000000-0000-4000-8000-000000000000", { role: "lead" }),
          ],
        }),
      ),
    );
    expect(second.fields).toEqual({
      title: { key: "projects:errors.titleRequired" },
      priorities: { key: "errors:field.unknownPriority", values: { value: "space_travel" } },
      actionCode: { key: "projects:errors.actionNotInProgramme" },
      grantAwardedCents: { key: "projects:errors.awardedOverRequested" },
      endDate: { key: "projects:errors.endBeforeStart" },
      cordisUrl: { key: "projects:errors.wrongSite", values: { site: "cordis.europa.eu" } },
      "partners.1.organisationId": { key: "projects:errors.duplicatePartner" },
      "partners.2.country": { key: "errors:field.required" },
      "partners.2.organisationType": { key: "errors:field.required" },
      "partners.3.organisationId": { key: "projects:errors.unknownOrganisation" },
      "partners.3.role": { key: "projects:errors.oneLead" },
    });
  });

  it("enters a past project in a later phase only with a funding status that fits", async () => {
    const closed = await buildProject(database.db, {
      phase: "closure",
      fundingStatus: "approved",
      grantRequestedCents: 9_000_000,
      grantAwardedCents: 8_500_000,
      grantPaidCents: 8_500_000,
    });
    expect(closed).toMatchObject({ phase: "closure", fundingStatus: "approved", grantPaidCents: 8_500_000 });
    const error = await appError(buildProject(database.db, { phase: "implementation", fundingStatus: "rejected" }));
    expect(error.fields).toEqual({ fundingStatus: { key: "projects:errors.statusDoesNotFitPhase" } });
    expect((await buildProject(database.db, { phase: "financing" })).fundingStatus).toBe("submitted");
  });
});

describe("a member contact", () => {
  it("starts an idea for their organisation, which leads it, and edits it while in formulation", async () => {
    const contact = actorAs("member_contact", umea.id);
    const idea = await createProject(database.db, contact, {
      acronym: "NORDIC",
      title: { sv: "Digitala färdigheter för äldre" },
      priorities: ["digital_skills"],
      partners: [organisationPartner(bologna.id)],
    });
    expect(idea).toMatchObject({
      phase: "identification",
      initiatorOrganisationId: umea.id,
      lead: { organisationId: umea.id, role: "lead" },
      can: { edit: true, editAll: false, editPartners: true, move: false, resubmit: false },
    });
    const changed = await updateProject(database.db, contact, idea.id, { acronym: "NORDIC-DS" }, 1);
    expect(changed).toMatchObject({ acronym: "NORDIC-DS", version: 2 });
    // Fields the secretariat keeps: 403 naming them.
    const forbidden = await appError(
      updateProject(database.db, contact, idea.id, { grantAwardedCents: 100, internal: true }, 2),
    );
    expect(forbidden.code).toBe("forbidden");
    expect(Object.keys(forbidden.fields).sort()).toEqual(["grantAwardedCents", "internal"]);
    // Once in financing, the project is the secretariat's.
    await moveTo(database.db, idea.id, "formulation");
    await updateProject(database.db, contact, idea.id, { deadline: "2026-02-10" }, undefined);
    await updateProject(database.db, secretariat, idea.id, { programmeCode: "erasmus_plus" }, undefined);
    await moveTo(database.db, idea.id, "financing");
    expect((await appError(updateProject(database.db, contact, idea.id, { acronym: "X" }, undefined))).code).toBe(
      "forbidden",
    );
  });

  it("cannot start a project in another phase, for another organisation, or led by another", async () => {
    const contact = actorAs("member_contact", umea.id);
    expect(
      (await appError(createProject(database.db, contact, projectInput({ phase: "formulation" })))).fields,
    ).toEqual({
      phase: { key: "projects:errors.ideasOnly" },
    });
    expect(
      (await appError(createProject(database.db, contact, projectInput({ initiatorOrganisationId: parma.id })))).fields,
    ).toEqual({ initiatorOrganisationId: { key: "projects:errors.ownOrganisationOnly" } });
    expect(
      (
        await appError(
          createProject(
            database.db,
            contact,
            projectInput({ partners: [organisationPartner(parma.id, { role: "lead" })] }),
          ),
        )
      ).fields,
    ).toEqual({ "partners.0.role": { key: "projects:errors.ownOrganisationOnly" } });
    expect((await appError(createProject(database.db, contact, projectInput({ internal: true })))).fields).toEqual({
      internal: { key: "errors:field.notEditable" },
    });
  });

  it("of another organisation cannot edit, and the Board cannot write at all", async () => {
    const project = await buildProject(database.db, { partners: [organisationPartner(parma.id, { role: "lead" })] });
    const other = actorAs("member_contact", umea.id);
    expect((await appError(updateProject(database.db, other, project.id, { acronym: "MINE" }, undefined))).code).toBe(
      "forbidden",
    );
    expect((await appError(addPartner(database.db, other, project.id, organisationPartner(umea.id)))).code).toBe(
      "forbidden",
    );
    expect((await appError(updateProject(database.db, board, project.id, { acronym: "B" }, undefined))).code).toBe(
      "forbidden",
    );
    expect((await appError(createProject(database.db, board, projectInput()))).code).toBe("forbidden");
    expect((await appError(moveTo(database.db, project.id, "formulation", { actor: board }))).code).toBe("forbidden");
    expect((await appError(getProject(database.db, anonymous, project.id))).code).toBe("unauthenticated");
    expect((await appError(listProjects(database.db, anonymous, {}))).code).toBe("unauthenticated");
  });

  it("reads their organisation's projects and those not internal; an internal one of others is not found", async () => {
    const internalOfParma = await buildProject(database.db, {
      internal: true,
      acronym: "SECRETPARMA",
      partners: [organisationPartner(parma.id, { role: "lead" })],
    });
    const internalWithUmea = await buildProject(database.db, {
      internal: true,
      acronym: "SECRETUMEA",
      partners: [organisationPartner(umea.id)],
    });
    const contact = actorAs("member_contact", umea.id);
    expect((await appError(getProject(database.db, contact, internalOfParma.id))).code).toBe("not_found");
    expect((await getProject(database.db, contact, internalWithUmea.id)).acronym).toBe("SECRETUMEA");
    const seen = (await listProjects(database.db, contact, { q: "secret" })).items.map((p) => p.acronym);
    expect(seen).toEqual(["SECRETUMEA"]);
    const boardSees = (await listProjects(database.db, board, { q: "secret", sort: "acronym" })).items;
    expect(boardSees.map((p) => p.acronym)).toEqual(["SECRETPARMA", "SECRETUMEA"]);
  });
});

describe("the list", () => {
  it("filters by phase, programme, priority, member, year and text, and pages", async () => {
    const tag = "FILTERX";
    const a = await buildProject(database.db, {
      acronym: `${tag}-A`,
      programmeCode: "cerv",
      actionCode: "cerv_town_twinning",
      priorities: ["active_citizenship"],
      deadline: "2024-04-10",
      partners: [organisationPartner(bologna.id, { role: "lead" })],
    });
    const b = await buildSubmission(database.db, "approved", {
      acronym: `${tag}-B`,
      deadline: "2023-10-01",
      priorities: ["quality_education", "digital_skills"],
    });
    const c = await buildProject(database.db, {
      acronym: `${tag}-C`,
      title: { it: "Turismo lento in Appennino" },
      programmeCode: "life",
      actionCode: null,
      submittedOn: "2024-01-15",
      initiatorOrganisationId: bologna.id,
      phase: "financing",
    });
    const ids = async (query: Record<string, unknown>) =>
      (await listProjects(database.db, secretariat, { q: tag, sort: "acronym", ...query })).items.map((p) => p.id);
    expect(await ids({})).toEqual([a.id, b.id, c.id]);
    expect(await ids({ phase: "financing" })).toEqual([b.id, c.id]);
    expect(await ids({ phase: "identification,financing", fundingStatus: "approved" })).toEqual([b.id]);
    expect(await ids({ programme: "cerv,life" })).toEqual([a.id, c.id]);
    expect(await ids({ priority: "digital_skills" })).toEqual([b.id]);
    expect(await ids({ member: bologna.id })).toEqual([a.id, c.id]);
    expect(await ids({ year: "2024" })).toEqual([a.id, c.id]);
    expect(await ids({ year: 2023 })).toEqual([b.id]);
    expect(await ids({ q: "appennino" })).toEqual([c.id]);
    const page = await listProjects(database.db, secretariat, { q: tag, sort: "acronym", page: "2", pageSize: "2" });
    expect({ total: page.total, page: page.page, pageSize: page.pageSize, ids: page.items.map((p) => p.id) }).toEqual({
      total: 3,
      page: 2,
      pageSize: 2,
      ids: [c.id],
    });
    expect(
      (await appError(listProjects(database.db, secretariat, { year: "last", phase: "done" }))).fields,
    ).toMatchObject({
      year: { key: "errors:field.notNumber" },
      "phase.0": { key: expect.stringContaining("invalidChoice") },
    });
  });
});

describe("the pipeline", () => {
  it("moves to the next phase without a reason and records who, when, from and to", async () => {
    const project = await buildProject(database.db);
    const { project: moved, transition } = await moveProject(database.db, secretariat, project.id, {
      phase: "formulation",
    });
    expect(moved).toMatchObject({ phase: "formulation", version: 2 });
    expect(transition).toMatchObject({
      fromPhase: "identification",
      toPhase: "formulation",
      reason: null,
      actorName: "Test secretariat",
    });
  });

  it("refuses a skip without a reason (naming reason) and records it with one", async () => {
    const project = await buildProject(database.db, { phase: "programming" });
    const refused = await appError(moveProject(database.db, secretariat, project.id, { phase: "formulation" }));
    expect(refused.code).toBe("validation");
    expect(refused.fields).toEqual({ reason: { key: "projects:errors.reasonForSkipOrBack" } });
    expect((await getProject(database.db, secretariat, project.id)).phase).toBe("programming");
    await moveProject(database.db, secretariat, project.id, { phase: "formulation", reason: "Idea came ready-made" });
    const transitions = await listTransitions(database.db, board, project.id);
    expect(transitions.map((t) => [t.fromPhase, t.toPhase, t.reason])).toEqual([
      [null, "programming", null],
      ["programming", "formulation", "Idea came ready-made"],
    ]);
  });

  it("needs a reason to go back", async () => {
    const project = await buildProject(database.db, { phase: "formulation" });
    expect(
      (await appError(moveProject(database.db, secretariat, project.id, { phase: "identification", reason: " " })))
        .fields,
    ).toEqual({ reason: { key: "projects:errors.reasonForSkipOrBack" } });
    const { transition } = await moveProject(database.db, secretariat, project.id, {
      phase: "identification",
      reason: "A partner left",
    });
    expect(transition).toMatchObject({ fromPhase: "formulation", toPhase: "identification", reason: "A partner left" });
  });

  it("submits on entering financing and refuses implementation before approval", async () => {
    const project = await buildProject(database.db, { phase: "formulation" });
    const financing = await moveTo(database.db, project.id, "financing");
    expect(financing).toMatchObject({
      fundingStatus: "submitted",
      submittedOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
    });
    expect((await appError(moveTo(database.db, project.id, "implementation"))).fields).toEqual({
      phase: { key: "projects:errors.needsApproval" },
    });
    await moveProject(database.db, secretariat, project.id, { fundingStatus: "approved" });
    const implementing = await moveTo(database.db, project.id, "implementation");
    expect(implementing).toMatchObject({ phase: "implementation", fundingStatus: "approved" });
  });

  it("checks the version when one is given", async () => {
    const project = await buildProject(database.db);
    expect((await appError(moveProject(database.db, secretariat, project.id, { phase: "formulation" }, 7))).code).toBe(
      "precondition_failed",
    );
  });

  it("applies only one of two concurrent moves", async () => {
    const project = await buildProject(database.db, { phase: "formulation" });
    const results = await Promise.allSettled([
      moveProject(database.db, secretariat, project.id, { phase: "financing" }, 1),
      moveProject(database.db, secretariat, project.id, { phase: "financing" }, 1),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const transitions = await listTransitions(database.db, secretariat, project.id);
    expect(transitions).toHaveLength(2);
  });
});

describe("a rejected submission", () => {
  it("does not move on, and its resubmission is a second submission of the same idea", async () => {
    const rejected = await buildSubmission(database.db, "submitted", {
      acronym: "AGAIN",
      callIdentifier: "ERASMUS-2025-PCOOP-ENGO",
      grantRequestedCents: 25_000_000,
      partners: [organisationPartner(parma.id, { role: "lead" }), organisationPartner(umea.id)],
    });
    await moveProject(database.db, secretariat, rejected.id, { fundingStatus: "rejected" });
    expect(
      (await appError(moveProject(database.db, secretariat, rejected.id, { phase: "closure", reason: "Done" }))).fields,
    ).toEqual({ phase: { key: "projects:errors.rejectedCannotMove" } });

    expect((await appError(resubmitProject(database.db, board, rejected.id))).code).toBe("forbidden");
    const second = await resubmitProject(database.db, secretariat, rejected.id, {
      callIdentifier: "ERASMUS-2026-PCOOP-ENGO",
      deadline: "2026-03-05",
    });
    expect(second).toMatchObject({
      acronym: "AGAIN",
      ideaId: rejected.id,
      resubmissionOf: rejected.id,
      submissionNumber: 2,
      phase: "formulation",
      fundingStatus: null,
      callIdentifier: "ERASMUS-2026-PCOOP-ENGO",
      grantRequestedCents: 25_000_000,
      submittedOn: null,
    });
    expect(second.id).not.toBe(rejected.id);
    expect(second.partners.map((p) => [p.name, p.role])).toEqual([
      ["Comune di Parma", "lead"],
      ["Umeå kommun", "partner"],
    ]);
    expect(second.submissions.map((s) => [s.id, s.submissionNumber, s.fundingStatus])).toEqual([
      [rejected.id, 1, "rejected"],
      [second.id, 2, null],
    ]);
    const both = await listProjects(database.db, secretariat, { idea: rejected.id });
    expect(both.total).toBe(2);
    expect((await getProject(database.db, secretariat, rejected.id)).can.resubmit).toBe(false);
    expect((await appError(resubmitProject(database.db, secretariat, rejected.id))).fields).toEqual({
      _: { key: "projects:errors.alreadyResubmitted" },
    });
    // Only a rejected submission is resubmitted.
    expect((await appError(resubmitProject(database.db, secretariat, second.id))).fields).toEqual({
      fundingStatus: { key: "projects:errors.notRejected" },
    });
  });
});

describe("partners", () => {
  it("are added and removed with the project's version bumped; a second lead or a duplicate is a conflict", async () => {
    const project = await buildProject(database.db, { partners: [organisationPartner(parma.id, { role: "lead" })] });
    const added = await addPartner(database.db, secretariat, project.id, organisationPartner(umea.id), 1);
    expect(added).toMatchObject({ name: "Umeå kommun", role: "partner" });
    expect((await getProject(database.db, secretariat, project.id)).version).toBe(2);
    const duplicate = await appError(addPartner(database.db, secretariat, project.id, organisationPartner(umea.id)));
    expect(duplicate.code).toBe("conflict");
    expect(duplicate.fields).toEqual({ organisationId: { key: "projects:errors.duplicatePartner" } });
    const secondLead = await appError(
      addPartner(database.db, secretariat, project.id, organisationPartner(bologna.id, { role: "lead" })),
    );
    expect(secondLead.fields).toEqual({ role: { key: "projects:errors.oneLead" } });
    await removePartner(database.db, secretariat, project.id, added.id);
    expect((await listPartners(database.db, secretariat, project.id)).map((p) => p.name)).toEqual(["Comune di Parma"]);
    expect((await appError(removePartner(database.db, secretariat, project.id, added.id))).code).toBe("not_found");
  });

  it("the lead member contact adds partners but does not change the lead", async () => {
    const contact = actorAs("member_contact", bologna.id);
    const idea = await createProject(database.db, contact, projectInput());
    await addPartner(database.db, contact, idea.id, organisationPartner(umea.id));
    const lead = idea.partners.find((p) => p.role === "lead");
    expect(lead?.organisationId).toBe(bologna.id);
    expect((await appError(removePartner(database.db, contact, idea.id, lead?.id ?? ""))).fields).toEqual({
      role: { key: "errors:field.notEditable" },
    });
  });
});
