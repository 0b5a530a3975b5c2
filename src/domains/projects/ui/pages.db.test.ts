import { type ComponentType, createElement } from "react";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, anonymous } from "~/auth/actor";
import { actorAs, buildOrganisation } from "~/domains/organisations/testing";
import OrganisationPage, { loader as organisationLoader } from "~/domains/organisations/ui/detail";
import { type Language, translator } from "~/i18n/i18n";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { getRequest, outcome, pageContext, postRequest, routeArgs } from "~/testing/pages";
import { addPartner } from "../partners";
import { getProject, listProjects } from "../service";
import { buildProject, buildSubmission, organisationPartner } from "../testing";
import { listTransitions } from "../transitions";
import BoardPage, { loader as boardLoader } from "./board";
import ProjectPage, { action as detailAction, loader as detailLoader } from "./detail";
import EditPage, { action as editAction, loader as editLoader } from "./edit";
import NewPage, { action as newAction, loader as newLoader } from "./new";

/**
 * The projects' pages as React Router calls their loaders and actions for forms posted without
 * JavaScript, and what they render.
 */
let database: TestDatabase;
const secretariat = actorAs("secretariat");
const swedish = translator("sv");
const italian = translator("it");

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
});
afterAll(async () => {
  await database?.close();
});

const context = (actor: Actor, language: Language = "en") => pageContext(database, actor, language);

function render(
  page: ComponentType,
  path: string,
  loaderData: unknown,
  actionData?: unknown,
  language: Language = "en",
) {
  const root = { language, csrfToken: "test", user: null };
  const Stub = createRoutesStub([
    { id: "root", path: "/", loader: () => root, children: [{ id: "page", path: path.slice(1), Component: page }] },
  ]);
  return renderToString(
    createElement(Stub, {
      initialEntries: [path],
      hydrationData: {
        loaderData: { root, page: loaderData },
        ...(actionData ? { actionData: { page: actionData } } : {}),
      },
    }),
  );
}

/** Ids used more than once in a page (labels and error links would point to the wrong element). */
function duplicateIds(html: string): string[] {
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? "");
  return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}

type BoardData = Awaited<ReturnType<typeof boardLoader>>;
type DetailData = Awaited<ReturnType<typeof detailLoader>>;
type Problem = { problem: { message: string; fields: Record<string, string> }; values?: Record<string, unknown> };

const board = (search: string, actor: Actor = secretariat) =>
  outcome<BoardData>(() =>
    boardLoader(routeArgs<typeof boardLoader>(getRequest(`/projects${search}`), context(actor))),
  );
const detail = (id: string, actor: Actor = secretariat, search = "") =>
  outcome<DetailData>(() =>
    detailLoader(routeArgs<typeof detailLoader>(getRequest(`/projects/${id}${search}`), context(actor), { id })),
  );
const detailPost = (id: string, form: Record<string, string>, actor: Actor = secretariat, language: Language = "en") =>
  outcome<Problem>(() =>
    detailAction(
      routeArgs<typeof detailAction>(postRequest(`/projects/${id}`, form), context(actor, language), { id }),
    ),
  );
const create = (form: Record<string, string | string[]>, actor: Actor = secretariat, language: Language = "en") =>
  outcome<Problem>(() =>
    newAction(routeArgs<typeof newAction>(postRequest("/projects/new", form), context(actor, language))),
  );
const edit = (
  id: string,
  form: Record<string, string | string[]>,
  actor: Actor = secretariat,
  language: Language = "en",
) =>
  outcome<Problem>(() =>
    editAction(
      routeArgs<typeof editAction>(postRequest(`/projects/${id}/edit`, form), context(actor, language), { id }),
    ),
  );
const idFrom = (location: string | null | undefined) => /^\/projects\/([0-9a-f-]{36})/.exec(location ?? "")?.[1] ?? "";
const acronymsIn = (data: BoardData, phase: string) =>
  data.board?.find((s) => s.phase === phase)?.cards.map((c) => c.acronym) ?? [];

describe("/projects", () => {
  it("shows every project under its phase, in the phases' order, and the filters narrow it", async () => {
    const lead = await buildOrganisation(database.db, { name: "Comune di Bardi" });
    await buildProject(database.db, {
      acronym: "BRDGREEN",
      title: { en: "Green Bardi", it: "Bardi verde" },
      priorities: ["climate_action"],
      programmeCode: "life",
      actionCode: null,
      deadline: "2031-02-01",
      partners: [organisationPartner(lead.id, { role: "lead" })],
    });
    await buildProject(database.db, { acronym: "BRDSCHOOL", phase: "formulation", deadline: "2032-05-05" });
    await buildSubmission(database.db, "approved", {
      acronym: "BRDFUND",
      phase: "implementation",
      deadline: "2030-01-10",
    });

    const all = await board("");
    expect(all.data.board?.map((s) => s.phase)).toEqual([
      "programming",
      "identification",
      "formulation",
      "financing",
      "implementation",
      "evaluation",
      "closure",
    ]);
    expect(acronymsIn(all.data, "identification")).toContain("BRDGREEN");
    expect(acronymsIn(all.data, "formulation")).toContain("BRDSCHOOL");
    expect(acronymsIn(all.data, "implementation")).toContain("BRDFUND");
    const card = all.data.board?.find((s) => s.phase === "identification")?.cards.find((c) => c.acronym === "BRDGREEN");
    expect(card).toMatchObject({
      title: "Green Bardi",
      programme: "LIFE (environment and climate action)",
      lead: "Comune di Bardi",
      fundingStatus: null,
    });

    // In Italian the title is the Italian one; the page shows the phases as headings.
    const inItalian = await outcome<BoardData>(() =>
      boardLoader(routeArgs<typeof boardLoader>(getRequest("/projects"), context(secretariat, "it"))),
    );
    const italianCard = inItalian.data.board?.[1]?.cards.find((c) => c.acronym === "BRDGREEN");
    expect(italianCard?.title).toBe("Bardi verde");
    const html = render(BoardPage as ComponentType, "/projects", inItalian.data, undefined, "it");
    expect(html).toContain('<h2 id="phase-identification">Identificazione');
    expect(html).toContain("Bardi verde");
    expect(html).toContain("<legend>Filtra i progetti</legend>");

    // Filters, as the GET form sends them.
    expect(acronymsIn((await board("?programme=life")).data, "identification")).toEqual(["BRDGREEN"]);
    expect(acronymsIn((await board("?priority=climate_action")).data, "formulation")).toEqual([]);
    expect(acronymsIn((await board(`?member=${lead.id}`)).data, "identification")).toEqual(["BRDGREEN"]);
    expect(acronymsIn((await board("?year=2032")).data, "formulation")).toEqual(["BRDSCHOOL"]);
    expect(acronymsIn((await board("?year=2032")).data, "identification")).toEqual([]);
    expect(acronymsIn((await board("?q=bardi+verde")).data, "identification")).toEqual(["BRDGREEN"]);
    const onePhase = await board("?phase=implementation");
    expect(onePhase.data.board?.map((s) => s.phase)).toEqual(["implementation"]);

    // A value the page cannot use is named and left out; the rest still answers.
    const odd = await board("?year=soon&programme=life");
    expect(odd.data.ignored).toEqual(["year"]);
    expect(acronymsIn(odd.data, "identification")).toEqual(["BRDGREEN"]);

    // The table view pages through the same projects.
    const table = await board("?view=table&q=brd&sort=acronym");
    expect(table.data.table?.rows.map((r) => r.acronym)).toEqual(["BRDFUND", "BRDGREEN", "BRDSCHOOL"]);
    expect(render(BoardPage as ComponentType, "/projects", table.data)).toContain("Projects found: 3");
  });

  it("marks a deadline within the next 30 days in words", async () => {
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await buildProject(database.db, { acronym: "SOONDL", deadline: soon });
    const page = await board("?q=soondl");
    const card = page.data.board?.find((s) => s.phase === "identification")?.cards[0];
    expect(card?.daysLeft).toBeGreaterThanOrEqual(9);
    expect(card?.daysLeft).toBeLessThanOrEqual(10);
    expect(render(BoardPage as ComponentType, "/projects", page.data)).toMatch(/days left/);
  });

  it("shows a member contact the open projects and their own, and sends a visitor to sign in", async () => {
    const own = await buildOrganisation(database.db);
    const other = await buildOrganisation(database.db);
    await buildProject(database.db, {
      acronym: "OWNSECRET",
      internal: true,
      partners: [organisationPartner(own.id, { role: "lead" })],
    });
    await buildProject(database.db, {
      acronym: "THEIRSECRET",
      internal: true,
      partners: [organisationPartner(other.id, { role: "lead" })],
    });
    const page = await board("?q=secret", actorAs("member_contact", own.id));
    expect(acronymsIn(page.data, "identification")).toEqual(["OWNSECRET"]);
    const visitor = await board("", anonymous);
    expect(visitor.status).toBe(302);
    expect(visitor.location).toBe("/login?redirectTo=%2Fprojects");
  });
});

describe("/projects/new", () => {
  const valid = {
    acronym: "MOBIDEA",
    "title.en": "Smart mobility for small towns",
    "title.it": "Mobilità intelligente nei piccoli comuni",
    "priorities-shown": "1",
    priorities: ["smart_mobility", "climate_action"],
    programmeCode: "cerv",
    actionCode: "cerv_networks_of_towns",
    callIdentifier: "CERV-2031-CITIZENS-TOWN-NT",
    deadline: "2031-09-20",
    leadKind: "network",
    phase: "identification",
    totalBudgetCents: "1.234.567,89",
    grantRequestedCents: "1.000.000",
    participantsPlanned: "2.500",
    "internal-shown": "1",
  };

  it("refuses a form with problems (422), naming each field in the reader's language, and creates nothing", async () => {
    const before = (await listProjects(database.db, secretariat, { q: "badform" })).total;
    const bad = await create(
      {
        ...valid,
        acronym: "BADFORM",
        "title.en": "",
        "title.it": "",
        programmeCode: "erasmus_plus",
        actionCode: "cerv_networks_of_towns",
        totalBudgetCents: "dodici",
        leadKind: "external",
        leadName: "Universität Wien",
        leadCountry: "",
      },
      secretariat,
      "sv",
    );
    expect(bad.status).toBe(422);
    // The form's own check (the amount) and the service's (everything zod sees) come together.
    expect(bad.data.problem.fields).toMatchObject({
      totalBudgetCents: "Skriv ett belopp i euro, till exempel 1 234,56 eller 1234.",
    });
    expect(bad.data.values).toMatchObject({
      acronym: "BADFORM",
      totalBudgetCents: "dodici",
      leadName: "Universität Wien",
    });
    expect((await listProjects(database.db, secretariat, { q: "badform" })).total).toBe(before);

    // With the amount right, the domain's rules answer: title, action of another programme, the outside lead's country.
    const rules = await create(
      {
        ...valid,
        acronym: "BADFORM",
        "title.en": "",
        "title.it": "",
        programmeCode: "erasmus_plus",
        actionCode: "cerv_networks_of_towns",
        leadKind: "external",
        leadName: "Universität Wien",
        leadCountry: "",
        leadType: "university",
      },
      secretariat,
      "sv",
    );
    expect(rules.status).toBe(422);
    expect(rules.data.problem.fields).toMatchObject({
      leadCountry: swedish("errors:field.required"),
    });
    const again = await create(
      { ...valid, acronym: "BADFORM", "title.en": "", "title.it": "", actionCode: "erasmus_ka2" },
      secretariat,
      "sv",
    );
    expect(again.data.problem.fields).toMatchObject({
      title: swedish("projects:errors.titleRequired"),
      actionCode: swedish("projects:errors.actionNotInProgramme"),
    });
    expect((await listProjects(database.db, secretariat, { q: "badform" })).total).toBe(before);

    // The form comes back with every typed value and each problem next to its field.
    const loaded = await outcome(() =>
      newLoader(routeArgs<typeof newLoader>(getRequest("/projects/new"), context(secretariat, "sv"))),
    );
    const html = render(NewPage as ComponentType, "/projects/new", loaded.data, bad.data, "sv");
    expect(html).toContain('value="dodici"');
    expect(html).toContain('id="field-totalBudgetCents-error"');
    expect(html).toContain('class="error-summary"');
    expect(html).toContain("<legend>Tematiska prioriteringar</legend>");
    expect(duplicateIds(html)).toEqual([]);
  });

  it("creates a project from the form and goes to its page; amounts are read exactly", async () => {
    const created = await create(valid, secretariat, "it");
    expect(created.status).toBe(302);
    const id = idFrom(created.location);
    expect(created.location).toBe(`/projects/${id}?notice=created`);
    const project = await getProject(database.db, secretariat, id);
    expect(project).toMatchObject({
      acronym: "MOBIDEA",
      title: { en: "Smart mobility for small towns", it: "Mobilità intelligente nei piccoli comuni" },
      priorities: ["smart_mobility", "climate_action"],
      programmeCode: "cerv",
      actionCode: "cerv_networks_of_towns",
      totalBudgetCents: 123456789,
      grantRequestedCents: 100000000,
      participantsPlanned: 2500,
      phase: "identification",
      lead: { kind: "network", name: "SERN" },
    });
    // In English the same amount is typed the other way.
    const english = await create(
      { ...valid, acronym: "MOBEN", totalBudgetCents: "1,234,567.89", grantRequestedCents: "1,000,000" },
      secretariat,
      "en",
    );
    expect((await getProject(database.db, secretariat, idFrom(english.location))).totalBudgetCents).toBe(123456789);

    const page = await detail(id, secretariat, "?notice=created");
    const html = render(ProjectPage as ComponentType, `/projects/${id}`, page.data, undefined, "it");
    expect(html).toContain("Il progetto è stato creato.");
    expect(html).toContain("1.234.567,89");
    expect(html).toContain("Mobilità intelligente nei piccoli comuni");
  });

  it("lets a member contact start an idea that their organisation leads", async () => {
    const own = await buildOrganisation(database.db, { name: "Region Gävleborg", country: "SE", type: "region" });
    const member = actorAs("member_contact", own.id);
    const loaded = await outcome<Awaited<ReturnType<typeof newLoader>>>(() =>
      newLoader(routeArgs<typeof newLoader>(getRequest("/projects/new"), context(member))),
    );
    expect(loaded.data.fields).not.toContain("lead");
    expect(loaded.data.fields).not.toContain("grantAwardedCents");
    const created = await create(
      { acronym: "GAVIDEA", "title.sv": "Digitala färdigheter", "priorities-shown": "1" },
      member,
      "sv",
    );
    expect(created.status).toBe(302);
    const project = await getProject(database.db, member, idFrom(created.location));
    expect(project).toMatchObject({
      phase: "identification",
      initiatorOrganisationId: own.id,
      lead: { organisationId: own.id },
    });
    // The Board reads projects but starts none.
    expect(
      (
        await outcome(() =>
          newLoader(routeArgs<typeof newLoader>(getRequest("/projects/new"), context(actorAs("board")))),
        )
      ).status,
    ).toBe(403);
  });
});

describe("/projects/:id/edit", () => {
  it("saves the changes, keeps typed values on a refusal, and changes the lead applicant with the data", async () => {
    const newLead = await buildOrganisation(database.db, { name: "Comune di Parma" });
    const project = await buildProject(database.db, { acronym: "EDITME", grantRequestedCents: 500_000 });
    const loaded = await outcome<Awaited<ReturnType<typeof editLoader>>>(() =>
      editLoader(
        routeArgs<typeof editLoader>(getRequest(`/projects/${project.id}/edit`), context(secretariat, "it"), {
          id: project.id,
        }),
      ),
    );
    expect(loaded.data.values.grantRequestedCents).toBe("5000");
    const refused = await edit(
      project.id,
      {
        version: String(project.version),
        grantAwardedCents: "6.000,50",
        endDate: "2030-01-01",
        startDate: "2031-01-01",
      },
      secretariat,
      "it",
    );
    expect(refused.status).toBe(422);
    expect(refused.data.problem.fields).toMatchObject({
      grantAwardedCents: italian("projects:errors.awardedOverRequested"),
      endDate: italian("projects:errors.endBeforeStart"),
    });
    const html = render(EditPage as ComponentType, `/projects/${project.id}/edit`, loaded.data, refused.data, "it");
    expect(html).toContain('value="6.000,50"');
    expect(duplicateIds(html)).toEqual([]);
    expect((await getProject(database.db, secretariat, project.id)).grantAwardedCents).toBeNull();

    const saved = await edit(
      project.id,
      {
        version: String(project.version),
        grantAwardedCents: "4.000,50",
        leadKind: "organisation",
        leadOrganisationId: newLead.id,
      },
      secretariat,
      "it",
    );
    expect(saved.location).toBe(`/projects/${project.id}?notice=saved`);
    const after = await getProject(database.db, secretariat, project.id);
    expect(after.grantAwardedCents).toBe(400_050);
    expect(after.lead).toMatchObject({ organisationId: newLead.id, name: "Comune di Parma" });

    // A form sent from an older version is refused (412) and nothing changes.
    const stale = await edit(project.id, { version: String(project.version), acronym: "STALE" });
    expect(stale.status).toBe(412);
    expect((await getProject(database.db, secretariat, project.id)).acronym).toBe("EDITME");
  });

  it("is not offered to a member contact of another organisation", async () => {
    const lead = await buildOrganisation(database.db);
    const other = await buildOrganisation(database.db);
    const open = await buildProject(database.db, { partners: [organisationPartner(lead.id, { role: "lead" })] });
    const hidden = await buildProject(database.db, {
      internal: true,
      partners: [organisationPartner(lead.id, { role: "lead" })],
    });
    const stranger = actorAs("member_contact", other.id);
    const get = (id: string, actor: Actor) =>
      outcome(() =>
        editLoader(routeArgs<typeof editLoader>(getRequest(`/projects/${id}/edit`), context(actor), { id })),
      );
    expect((await get(open.id, stranger)).status).toBe(403);
    expect((await get(hidden.id, stranger)).status).toBe(404);
    expect((await edit(open.id, { acronym: "TAKEN" }, stranger)).status).toBe(403);
    expect((await getProject(database.db, secretariat, open.id)).acronym).toBe(open.acronym);
    // The lead's own contact may change what a member may change.
    const own = actorAs("member_contact", lead.id);
    expect((await get(open.id, own)).status).toBe(200);
    const saved = await edit(open.id, { version: String(open.version), acronym: "OURS" }, own);
    expect(saved.status).toBe(302);
    expect((await getProject(database.db, secretariat, open.id)).acronym).toBe("OURS");
  });
});

describe("/projects/:id", () => {
  it("asks a reason for a phase skip on the reason field, then moves and shows it in the history", async () => {
    const project = await buildProject(database.db, { acronym: "SKIPPER" });
    const skip = await detailPost(project.id, { intent: "move", phase: "financing" }, secretariat, "it");
    expect(skip.status).toBe(422);
    expect(skip.data.problem.fields).toEqual({
      reason: italian("projects:errors.reasonForSkipOrBack"),
    });
    expect((await getProject(database.db, secretariat, project.id)).phase).toBe("identification");

    const moved = await detailPost(project.id, {
      intent: "move",
      phase: "financing",
      fundingStatus: "",
      reason: "Drafted with the partners outside Ponte",
    });
    expect(moved.location).toBe(`/projects/${project.id}?notice=moved`);
    const page = await detail(project.id, secretariat, "?notice=moved");
    expect(page.data.project).toMatchObject({ phase: "financing", fundingStatus: "submitted" });
    const html = render(ProjectPage as ComponentType, `/projects/${project.id}`, page.data);
    expect(html).toContain("The project was moved.");
    expect(html).toContain("Drafted with the partners outside Ponte");
    expect(duplicateIds(html)).toEqual([]);
    expect(html).toContain("<td>Identification</td><td>Financing (Submitted)</td>");

    // The decision in financing needs no reason.
    const decided = await detailPost(project.id, { intent: "move", phase: "financing", fundingStatus: "approved" });
    expect(decided.location).toBe(`/projects/${project.id}?notice=moved`);
    expect((await listTransitions(database.db, secretariat, project.id)).map((m) => m.toFundingStatus)).toEqual([
      null,
      "submitted",
      "approved",
    ]);
  });

  it("resubmits a rejected submission as the next one of the same idea and links them", async () => {
    const rejected = await buildSubmission(database.db, "rejected", { acronym: "AGAIN" });
    const page = await detail(rejected.id);
    expect(page.data.project.can.resubmit).toBe(true);
    expect(render(ProjectPage as ComponentType, `/projects/${rejected.id}`, page.data)).toContain(
      "Create the new submission",
    );
    const resubmitted = await detailPost(rejected.id, {
      intent: "resubmit",
      callIdentifier: "ERASMUS-2032-KA2",
      deadline: "2032-03-05",
    });
    expect(resubmitted.status).toBe(302);
    const nextId = idFrom(resubmitted.location);
    expect(resubmitted.location).toBe(`/projects/${nextId}?notice=resubmitted`);
    const next = await detail(nextId);
    expect(next.data.project).toMatchObject({
      submissionNumber: 2,
      phase: "formulation",
      callIdentifier: "ERASMUS-2032-KA2",
    });
    const html = render(ProjectPage as ComponentType, `/projects/${nextId}`, next.data);
    expect(html).toContain(`href="/projects/${rejected.id}"`);
    expect(html).toContain("Submission 1");
    // Only once.
    const twice = await detailPost(rejected.id, { intent: "resubmit" });
    expect(twice.status).toBe(422);
    expect(twice.data.problem.fields).toEqual({ "resubmit-submit": "This submission has already been resubmitted." });
  });

  it("adds and removes partners, naming a problem on the partner form's field", async () => {
    const member = await buildOrganisation(database.db, {
      name: "Kommunförbundet Skåne",
      country: "SE",
      type: "municipal_association",
    });
    const project = await buildProject(database.db, { acronym: "PARTNERS" });
    const missing = await detailPost(
      project.id,
      { intent: "partner-add", kind: "external", name: "Uni Graz", country: "" },
      secretariat,
      "sv",
    );
    expect(missing.status).toBe(422);
    expect(missing.data.problem.fields).toMatchObject({ "partner-country": swedish("errors:field.required") });
    const added = await detailPost(
      project.id,
      {
        intent: "partner-add",
        kind: "organisation",
        organisationId: member.id,
        role: "partner",
        budgetShareCents: "12 500,00",
      },
      secretariat,
      "sv",
    );
    expect(added.location).toBe(`/projects/${project.id}?notice=partnerAdded#partners`);
    const page = await detail(project.id);
    const partner = page.data.project.partners.find((p) => p.organisationId === member.id);
    expect(partner).toMatchObject({ role: "partner", budgetShareCents: 1_250_000 });
    expect(render(ProjectPage as ComponentType, `/projects/${project.id}`, page.data)).toContain(
      "Kommunförbundet Skåne",
    );
    const removed = await detailPost(project.id, { intent: "partner-remove", partnerId: partner?.id ?? "" });
    expect(removed.location).toBe(`/projects/${project.id}?notice=partnerRemoved#partners`);
    expect((await getProject(database.db, secretariat, project.id)).partners).toEqual([]);
    // The Board reads the page without the forms and may not move it.
    const forBoard = await detail(project.id, actorAs("board"));
    expect(render(ProjectPage as ComponentType, `/projects/${project.id}`, forBoard.data)).not.toContain(
      "Move the project",
    );
    expect((await detailPost(project.id, { intent: "move", phase: "formulation" }, actorAs("board"))).status).toBe(403);
  });
});

describe("the organisation's page", () => {
  it("lists the projects it leads and joined, with its role, the phase, the grant and the totals", async () => {
    const org = await buildOrganisation(database.db, { name: "Comune di Fidenza" });
    await buildSubmission(database.db, "approved", {
      acronym: "FIDLEAD",
      phase: "implementation",
      grantRequestedCents: 30_000_000,
      grantAwardedCents: 25_000_000,
      partners: [organisationPartner(org.id, { role: "lead", budgetShareCents: 10_000_000 })],
    });
    const joined = await buildProject(database.db, { acronym: "FIDJOIN" });
    await addPartner(database.db, secretariat, joined.id, organisationPartner(org.id, { role: "associated" }));
    await buildProject(database.db, { acronym: "FIDOTHER" });

    const loaded = await outcome<Awaited<ReturnType<typeof organisationLoader>>>(() =>
      organisationLoader(
        routeArgs<typeof organisationLoader>(getRequest(`/organisations/${org.id}`), context(secretariat), {
          id: org.id,
        }),
      ),
    );
    expect(loaded.data.portfolio?.led.map((e) => e.project.acronym)).toEqual(["FIDLEAD"]);
    expect(loaded.data.portfolio?.joined.map((e) => [e.project.acronym, e.role])).toEqual([["FIDJOIN", "associated"]]);
    expect(loaded.data.portfolio?.totals).toMatchObject({
      led: 1,
      joined: 1,
      approved: 1,
      ledGrantAwardedCents: 25_000_000,
    });
    const html = render(OrganisationPage as ComponentType, `/organisations/${org.id}`, loaded.data);
    expect(html).toContain('id="portfolio-heading"');
    expect(html).toContain("FIDLEAD");
    expect(html).toContain("Associated partner");
    expect(html).toContain("€250,000.00");
    expect(html).not.toContain("FIDOTHER");

    // A visitor sees the organisation, not its projects.
    const forVisitor = await outcome<Awaited<ReturnType<typeof organisationLoader>>>(() =>
      organisationLoader(
        routeArgs<typeof organisationLoader>(getRequest(`/organisations/${org.id}`), context(anonymous), {
          id: org.id,
        }),
      ),
    );
    expect(forVisitor.data.portfolio).toBeNull();
  });
});
