import { type ComponentType, createElement } from "react";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, anonymous, system } from "~/auth/actor";
import { createUser } from "~/domains/accounts/service";
import { actorAs } from "~/domains/organisations/testing";
import { type Language, translator } from "~/i18n/i18n";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { outcome, pageContext, routeArgs } from "~/testing/pages";
import { updateBodyRules } from "../bodies";
import { governanceToday, plusDays } from "../mandates";
import { buildBoard, buildMandate, buildMemberPerson, type TestPerson } from "../testing";
import BodiesPage, { loader as bodiesLoader } from "./bodies";
import BodyPage, { action as bodyAction, loader as bodyLoader } from "./body";
import PublicOffices, { loader as publicLoader } from "./public-offices";

/**
 * The bodies pages' loaders and actions, called as React Router calls them for a form posted
 * without JavaScript, and the pages rendered from their data.
 */
let database: TestDatabase;
const secretariat = actorAs("secretariat");
const board = actorAs("board");
let people: TestPerson[];

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  // Four Italians and five Swedes from the 2026 Assembly: one Italian seat is free.
  ({ people } = await buildBoard(database.db, { it: 4, se: 5 }));
});
afterAll(async () => {
  await database?.close();
});

const context = (actor: Actor, language: Language = "en") => pageContext(database, actor, language);

const args = routeArgs;

const get = (path: string) => new Request(`http://test${path}`);
function post(path: string, entries: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(entries)) form.append(k, v);
  return new Request(`http://test${path}`, { method: "POST", body: form });
}

const bodyPage = (code: string, actor: Actor = secretariat, search = "") =>
  outcome<Awaited<ReturnType<typeof bodyLoader>>>(() =>
    bodyLoader(args<typeof bodyLoader>(get(`/governance/bodies/${code}${search}`), context(actor), { code })),
  );
type Problem = { intent: string; problem: { message: string; fields: Record<string, string> } };
const bodyPost = (code: string, form: Record<string, string>, actor: Actor = secretariat, language: Language = "en") =>
  outcome<Problem>(() =>
    bodyAction(args<typeof bodyAction>(post(`/governance/bodies/${code}`, form), context(actor, language), { code })),
  );

function render(
  page: ComponentType,
  path: string,
  loaderData: unknown,
  language: Language = "en",
  actionData?: unknown,
): string {
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

describe("the bodies overview", () => {
  it("shows the secretariat and the Board every body with holders and vacancies; others are refused", async () => {
    const page = await outcome<Awaited<ReturnType<typeof bodiesLoader>>>(() =>
      bodiesLoader(args<typeof bodiesLoader>(get("/governance/bodies"), context(board))),
    );
    const boardBody = page.data.bodies.find((b) => b.code === "board");
    expect(boardBody).toMatchObject({ memberCount: 9, vacancies: 1 });
    const html = render(BodiesPage as ComponentType, "/governance/bodies", page.data);
    expect(html).toContain("Project Group");
    const member = await outcome(() =>
      bodiesLoader(
        args<typeof bodiesLoader>(
          get("/governance/bodies"),
          context(actorAs("member_contact", people[0]?.organisation.id ?? null)),
        ),
      ),
    );
    expect(member.status).toBe(403);
    const visitor = await outcome(() =>
      bodiesLoader(args<typeof bodiesLoader>(get("/governance/bodies"), context(anonymous))),
    );
    expect(visitor.status).toBe(302);
    expect(visitor.location).toBe("/login?redirectTo=%2Fgovernance%2Fbodies");
  });
});

describe("a body's page", () => {
  it("offers the secretariat the member organisations' contacts, the Board no forms", async () => {
    const page = await bodyPage("board");
    expect(page.data.manage).toBe(true);
    const group = page.data.candidates.find((g) => g.organisationId === people[0]?.organisation.id);
    expect(group?.contacts.map((c) => c.id)).toContain(people[0]?.contact.id);
    const html = render(BodyPage as ComponentType, "/governance/bodies/board", page.data);
    expect(html).toContain('name="contactId"');
    expect(html).toContain("Vacant seats: 1 of 10.");
    const forBoard = await bodyPage("board", board);
    expect(forBoard.data.manage).toBe(false);
    expect(forBoard.data.candidates).toEqual([]);
    expect(render(BodyPage as ComponentType, "/governance/bodies/board", forBoard.data)).not.toContain("<form");
    expect((await bodyPage("nonexistent")).status).toBe(404);
  });

  it("adds a mandate, refuses a sixth Swede naming the person, and ends a mandate", async () => {
    const swede = await buildMemberPerson(database.db, "SE");
    const refused = await bodyPost(
      "board",
      { intent: "add", contactId: swede.contact.id, startsOn: "2026-06-01", role: "member", decisionNote: "" },
      secretariat,
      "sv",
    );
    expect(refused.status).toBe(422);
    expect(refused.data.problem.fields).toEqual({
      contactId: "SE har redan 5 ledamöter den 2026-06-01, hela sin andel av platserna.",
    });
    // The form shows the problem and keeps what was chosen.
    const again = await bodyPage("board");
    const html = render(BodyPage as ComponentType, "/governance/bodies/board", again.data, "sv", refused.data);
    expect(html).toContain('role="alert"');
    expect(html).toContain('href="#field-contactId">SE har redan 5 ledamöter');
    expect(html).toContain(`<option value="${swede.contact.id}" selected="">`);

    const italian = await buildMemberPerson(database.db, "IT");
    const added = await bodyPost("board", {
      intent: "add",
      contactId: italian.contact.id,
      startsOn: "2026-06-01",
      endsOn: "",
      role: "member",
      decisionNote: "Board co-option 2026-06-01",
    });
    expect(added).toMatchObject({ status: 302, location: "/governance/bodies/board?notice=created" });
    const full = await bodyPage("board", secretariat, "?notice=created");
    expect(full.data.notice).toBe("created");
    expect(full.data.body.vacancies).toBe(0);
    const mandate = full.data.body.holders.find((m) => m.contactId === italian.contact.id);
    expect(mandate).toMatchObject({ endsOn: "2028-05-31", decisionNote: "Board co-option 2026-06-01" });
    expect(render(BodyPage as ComponentType, "/governance/bodies/board", full.data)).toContain(
      'role="status">The mandate is recorded.',
    );

    const missingReason = await bodyPost("board", {
      intent: "end",
      mandateId: mandate?.id ?? "",
      endedOn: "",
      reason: "",
    });
    expect(missingReason.status).toBe(422);
    expect(Object.keys(missingReason.data.problem.fields)).toEqual(["reason"]);
    const ended = await bodyPost("board", {
      intent: "end",
      mandateId: mandate?.id ?? "",
      endedOn: "",
      reason: "Resigned",
    });
    expect(ended).toMatchObject({ status: 302, location: "/governance/bodies/board?notice=ended" });
    const after = await bodyPage("board");
    expect(after.data.body.vacancies).toBe(1);
    expect(after.data.body.history.map((m) => m.id)).toContain(mandate?.id);
  });

  it("saves the rules, refuses bad numbers by field, and refuses the Board", async () => {
    const bad = await bodyPost("audit_committee", {
      intent: "rules",
      seats: "two",
      termMonths: "24",
      quorumPercent: "150",
      balancedCountries: "IT, SE",
      public: "on",
    });
    expect(bad.status).toBe(422);
    expect(bad.data.problem.fields).toEqual({ seats: "Must be a number.", quorumPercent: "Must be at most 100." });
    const saved = await bodyPost("audit_committee", {
      intent: "rules",
      seats: "3",
      termMonths: "",
      quorumPercent: "60",
      balancedCountries: "it se",
    });
    expect(saved).toMatchObject({ status: 302, location: "/governance/bodies/audit_committee?notice=rulesSaved" });
    const page = await bodyPage("audit_committee");
    expect(page.data.body).toMatchObject({
      seats: 3,
      termMonths: null,
      quorumPercent: 60,
      balancedCountries: ["IT", "SE"],
      public: false,
    });
    await updateBodyRules(database.db, secretariat, "audit_committee", {
      seats: 2,
      termMonths: 24,
      public: true,
      quorumPercent: 50,
    });
    const refused = await bodyPost("audit_committee", { intent: "rules", seats: "9", quorumPercent: "50" }, board);
    expect(refused.status).toBe(403);
  });
});

describe("the Assembly's weighted votes", () => {
  it("saves bands typed one per line, refuses bands out of order by field, and shows the rule", async () => {
    const page = await bodyPage("general_assembly");
    expect(page.data.weighting).toEqual({ rule: { rule: "equal" }, invalid: false });
    const bad = await bodyPost(
      "general_assembly",
      { intent: "weighting", rule: "inhabitants", bands: "50000 2\n5000 1\n3" },
      secretariat,
      "it",
    );
    expect(bad.status).toBe(422);
    expect(bad.data.problem.fields).toEqual({ bands: translator("it")("votes:errors.badBands") });
    const saved = await bodyPost("general_assembly", {
      intent: "weighting",
      rule: "inhabitants",
      bands: "5.000 1\r\n50,000 2\n\n3",
    });
    expect(saved).toMatchObject({ status: 302, location: "/governance/bodies/general_assembly?notice=weightingSaved" });
    expect((await bodyPage("general_assembly")).data.weighting?.rule).toEqual({
      rule: "inhabitants",
      bands: [
        { upTo: 5000, weight: 1 },
        { upTo: 50000, weight: 2 },
        { upTo: null, weight: 3 },
      ],
    });
    expect((await bodyPost("general_assembly", { intent: "weighting", rule: "equal" }, board)).status).toBe(403);
    await bodyPost("general_assembly", { intent: "weighting", rule: "equal" });
    expect((await bodyPage("general_assembly")).data.weighting?.rule).toEqual({ rule: "equal" });
    // Other bodies have no such rule.
    expect((await bodyPage("board")).data.weighting).toBeNull();
  });
});

describe("warnings and staff", () => {
  it("shows terms ending within the window, and offers staff accounts for the Secretariat", async () => {
    const today = governanceToday();
    const person = await buildMemberPerson(database.db, "IT", { name: "Ending Soon" });
    await buildMandate(database.db, {
      bodyCode: "project_group",
      contactId: person.contact.id,
      startsOn: plusDays(today, -300),
      endsOn: plusDays(today, 10),
    });
    const page = await bodyPage("project_group");
    const html = render(BodyPage as ComponentType, "/governance/bodies/project_group", page.data);
    expect(html).toContain("Terms ending within 60 days");
    expect(html).toContain("Ending Soon&#x27;s term ends on");
    const staff = await createUser(database.db, system("test"), {
      email: "staff-page@test.example",
      name: "Staff On Page",
      role: "secretariat",
      organisationId: null,
    });
    const secretariatPage = await bodyPage("secretariat");
    expect(secretariatPage.data.staff.map((u) => u.id)).toContain(staff.id);
    const added = await bodyPost("secretariat", { intent: "add", userId: staff.id, startsOn: today, role: "member" });
    expect(added.status).toBe(302);
    expect((await bodyPage("secretariat")).data.body.holders.map((m) => m.name)).toEqual(["Staff On Page"]);
  });
});

describe("the public page", () => {
  it("shows anyone the public bodies' holders with their organisations, without addresses", async () => {
    const page = await outcome<Awaited<ReturnType<typeof publicLoader>>>(() =>
      publicLoader(args<typeof publicLoader>(get("/about/governance"), context(anonymous))),
    );
    const html = render(PublicOffices as ComponentType, "/about/governance", page.data, "it");
    const first = people[0];
    if (!first) throw new Error("no person");
    expect(html).toContain(first.contact.name);
    expect(html).toContain(first.organisation.name);
    expect(html).toContain("Consiglio direttivo");
    expect(html).not.toContain(first.contact.email ?? "@");
    expect(html).not.toContain("Gruppo progetti");
  });
});
