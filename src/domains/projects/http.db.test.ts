import SwaggerParser from "@apidevtools/swagger-parser";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Organisation } from "~/domains/organisations/contract";
import { buildOrganisation } from "~/domains/organisations/testing";
import { translator } from "~/i18n/i18n";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";
import type { Partner, ProjectDetail, ProjectList, Transition } from "./contract";
import { buildProject, buildSubmission, organisationPartner } from "./testing";

/** The projects API through the real app: authentication, validation, errors in the caller's language. */
let database: TestDatabase;
let api: ReturnType<typeof createTestApp>;
let parma: Organisation;
let umea: Organisation;
let headers: Record<"secretariat" | "svSecretariat" | "board" | "parma" | "umea", Record<string, string>>;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  api = createTestApp(database);
  parma = await buildOrganisation(database.db, { name: "Comune di Parma" });
  umea = await buildOrganisation(database.db, { name: "Umeå kommun", country: "SE" });
  headers = {
    secretariat: (await api.actAs("secretariat", { language: "it" })).headers,
    svSecretariat: (await api.actAs("secretariat", { language: "sv" })).headers,
    board: (await api.actAs("board")).headers,
    parma: (await api.actAs("member_contact", { organisationId: parma.id })).headers,
    umea: (await api.actAs("member_contact", { organisationId: umea.id, language: "sv" })).headers,
  };
});
afterAll(async () => {
  await database?.close();
});

const send = (
  method: string,
  path: string,
  who: Record<string, string> | null,
  body?: unknown,
  extra: Record<string, string> = {},
) =>
  api.request(`/api/v1${path}`, {
    method,
    headers: { ...(who ?? {}), ...(body !== undefined ? { "content-type": "application/json" } : {}), ...extra },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

type ErrorBody = { error: { code: string; message: string; fields: Record<string, string> } };

describe("POST /projects and GET /projects/{id}", () => {
  it("creates a project with partners and money in cents, with its ETag and location", async () => {
    const res = await send("POST", "/projects", headers.secretariat, {
      acronym: "MOBEC",
      title: { it: "Mobilità e cittadinanza", en: "Mobility and citizenship" },
      priorities: ["active_citizenship"],
      programmeCode: "erasmus_plus",
      actionCode: "erasmus_ka2",
      deadline: "2025-03-05",
      totalBudgetCents: 25_000_000,
      grantRequestedCents: 25_000_000,
      erasmusPlusUrl: "https://erasmus-plus.ec.europa.eu/projects/search/details/2025-1-IT02-KA220-SCH-000000001",
      partners: [
        { kind: "organisation", organisationId: parma.id, role: "lead", budgetShareCents: 15_000_000 },
        { kind: "external", name: "Gemeinde Graz", country: "AT", organisationType: "municipality" },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("etag")).toBe('"v1"');
    const project = (await res.json()) as ProjectDetail;
    expect(res.headers.get("location")).toBe(`/api/v1/projects/${project.id}`);
    expect(project).toMatchObject({
      acronym: "MOBEC",
      phase: "identification",
      fundingStatus: null,
      totalBudgetCents: 25_000_000,
      lead: { name: "Comune di Parma", budgetShareCents: 15_000_000 },
      can: { edit: true, editAll: true, move: true },
    });
    expect(project.partners.map((p) => p.name)).toEqual(["Comune di Parma", "Gemeinde Graz"]);
    const got = await send("GET", `/projects/${project.id}`, headers.board);
    expect(got.status).toBe(200);
    expect(((await got.json()) as ProjectDetail).can).toEqual({
      edit: false,
      editAll: false,
      editPartners: false,
      move: false,
      resubmit: false,
    });
  });

  it("answers 422 naming each field in the caller's language", async () => {
    const res = await send("POST", "/projects", headers.secretariat, {
      acronym: "BAD",
      title: { en: "Bad" },
      grantRequestedCents: 10.5,
      keepEuUrl: "https://example.org/p/1",
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.fields).toEqual({ grantRequestedCents: translator("it")("errors:field.notInteger") });
    const site = await send("POST", "/projects", headers.secretariat, {
      acronym: "BAD",
      title: { en: "Bad" },
      keepEuUrl: "https://example.org/p/1",
      programmeCode: "erasmus",
    });
    expect(site.status).toBe(422);
    expect(((await site.json()) as ErrorBody).error.fields).toEqual({
      keepEuUrl: "Deve essere un link a keep.eu.",
      programmeCode: "Programma di finanziamento sconosciuto.",
    });
  });

  it("lets a member contact start an idea for their organisation, and nothing else", async () => {
    const res = await send("POST", "/projects", headers.umea, {
      acronym: "IDEA",
      title: { sv: "En idé" },
      phase: "financing",
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorBody).error.fields).toEqual({
      phase: "Medlemsorganisationer startar projekt som idéer, i identifieringsfasen.",
    });
    const idea = await send("POST", "/projects", headers.umea, { acronym: "IDEA", title: { sv: "En idé" } });
    expect(idea.status).toBe(201);
    expect(((await idea.json()) as ProjectDetail).lead?.organisationId).toBe(umea.id);
  });
});

describe("authorization", () => {
  it("asks visitors to sign in, refuses the Board's writes and another organisation's edits", async () => {
    const project = await buildProject(database.db, { partners: [organisationPartner(parma.id, { role: "lead" })] });
    expect((await send("GET", "/projects", null)).status).toBe(401);
    expect((await send("GET", `/projects/${project.id}`, null)).status).toBe(401);
    expect((await send("GET", `/projects/${project.id}/transitions`, null)).status).toBe(401);
    const csrf = { cookie: "ponte_csrf=token123", "x-csrf-token": "token123" };
    expect((await send("POST", "/projects", csrf, { acronym: "X", title: { en: "X" } })).status).toBe(401);

    expect((await send("POST", "/projects", headers.board, { acronym: "X", title: { en: "X" } })).status).toBe(403);
    const ifMatch = { "if-match": '"v1"' };
    expect((await send("PATCH", `/projects/${project.id}`, headers.board, { acronym: "B" }, ifMatch)).status).toBe(403);
    expect(
      (await send("POST", `/projects/${project.id}/transitions`, headers.board, { phase: "formulation" })).status,
    ).toBe(403);
    expect((await send("PATCH", `/projects/${project.id}`, headers.umea, { acronym: "U" }, ifMatch)).status).toBe(403);
    const own = await send("PATCH", `/projects/${project.id}`, headers.parma, { acronym: "PARMA1" }, ifMatch);
    expect(own.status).toBe(200);
    expect(own.headers.get("etag")).toBe('"v2"');
  });

  it("hides internal projects of other organisations from member contacts", async () => {
    const hidden = await buildProject(database.db, {
      internal: true,
      partners: [organisationPartner(parma.id, { role: "lead" })],
    });
    expect((await send("GET", `/projects/${hidden.id}`, headers.umea)).status).toBe(404);
    expect((await send("GET", `/projects/${hidden.id}`, headers.parma)).status).toBe(200);
  });
});

describe("PATCH /projects/{id}", () => {
  it("needs If-Match and refuses a stale version", async () => {
    const project = await buildProject(database.db);
    expect((await send("PATCH", `/projects/${project.id}`, headers.secretariat, { acronym: "A" })).status).toBe(428);
    const stale = await send(
      "PATCH",
      `/projects/${project.id}`,
      headers.secretariat,
      { acronym: "A" },
      { "if-match": '"v9"' },
    );
    expect(stale.status).toBe(412);
    const phase = await send(
      "PATCH",
      `/projects/${project.id}`,
      headers.secretariat,
      { phase: "closure" },
      { "if-match": "*" },
    );
    expect(phase.status).toBe(422);
    expect(((await phase.json()) as ErrorBody).error.fields).toHaveProperty("phase");
  });
});

describe("the pipeline through the API", () => {
  const move = (id: string, body: unknown, who = headers.svSecretariat) =>
    send("POST", `/projects/${id}/transitions`, who, body);

  it("refuses a skip without a reason (422 naming reason, in Swedish) and records it with one", async () => {
    const project = await buildProject(database.db);
    const refused = await move(project.id, { phase: "financing" });
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error.code).toBe("validation");
    expect(body.error.fields).toEqual({ reason: "Ange en motivering: flytten hoppar över en fas eller går bakåt." });

    const done = await move(project.id, { phase: "financing", reason: "Utlysningen stänger snart" });
    expect(done.status).toBe(201);
    const { transition, project: moved } = (await done.json()) as { transition: Transition; project: ProjectDetail };
    expect(transition).toMatchObject({
      fromPhase: "identification",
      toPhase: "financing",
      reason: "Utlysningen stänger snart",
    });
    expect(moved).toMatchObject({ phase: "financing", fundingStatus: "submitted", version: 2 });
    expect(done.headers.get("etag")).toBe('"v2"');

    const list = await send("GET", `/projects/${project.id}/transitions`, headers.board);
    const items = ((await list.json()) as { items: Transition[] }).items;
    expect(items.map((t) => [t.fromPhase, t.toPhase, t.toFundingStatus])).toEqual([
      [null, "identification", null],
      ["identification", "financing", "submitted"],
    ]);
  });

  it("needs a reason to go back, approval for implementation, and checks If-Match when given", async () => {
    const project = await buildProject(database.db, { phase: "formulation" });
    const back = await move(project.id, { phase: "identification" }, headers.secretariat);
    expect(((await back.json()) as ErrorBody).error.fields).toEqual({
      reason: "Indica una motivazione: questo passaggio salta una fase o torna indietro.",
    });
    const financing = await buildSubmission(database.db);
    const early = await move(financing.id, { phase: "implementation" });
    expect(early.status).toBe(422);
    expect(((await early.json()) as ErrorBody).error.fields).toEqual({
      phase: "Projektet kan gå vidare till genomförande och senare faser först när finansieringen är beviljad.",
    });
    const stale = await send(
      "POST",
      `/projects/${financing.id}/transitions`,
      headers.secretariat,
      { fundingStatus: "approved" },
      { "if-match": '"v5"' },
    );
    expect(stale.status).toBe(412);
    expect((await move(financing.id, { phase: "implementation", fundingStatus: "approved" })).status).toBe(201);
  });

  it("resubmits a rejected submission as a second submission of the same idea", async () => {
    const first = await buildSubmission(database.db, "rejected", {
      acronym: "BAGS4YOUTH",
      partners: [organisationPartner(parma.id, { role: "lead" }), organisationPartner(umea.id)],
    });
    expect((await move(first.id, { phase: "implementation", reason: "x" })).status).toBe(422);
    expect((await send("POST", `/projects/${first.id}/resubmissions`, headers.board)).status).toBe(403);
    const res = await send("POST", `/projects/${first.id}/resubmissions`, headers.secretariat, {
      callIdentifier: "ERASMUS-2026-YOUTH",
      deadline: "2026-10-01",
    });
    expect(res.status).toBe(201);
    const second = (await res.json()) as ProjectDetail;
    expect(second).toMatchObject({
      acronym: "BAGS4YOUTH",
      ideaId: first.id,
      resubmissionOf: first.id,
      submissionNumber: 2,
      phase: "formulation",
      year: 2026,
    });
    expect(second.partners).toHaveLength(2);
    const again = await send("POST", `/projects/${first.id}/resubmissions`, headers.secretariat);
    expect(again.status).toBe(409);
    const list = (await (await send("GET", `/projects?idea=${first.id}`, headers.board)).json()) as ProjectList;
    expect(list.items.map((p) => p.submissionNumber).sort()).toEqual([1, 2]);
  });
});

describe("GET /projects", () => {
  it("filters by phase, programme, priority, member and year, with the organisations list's paging", async () => {
    const tag = "APIFILTER";
    const a = await buildProject(database.db, {
      acronym: `${tag}-A`,
      programmeCode: "cerv",
      actionCode: "cerv_networks_of_towns",
      priorities: ["vulnerable_groups"],
      deadline: "2022-09-01",
      partners: [organisationPartner(umea.id, { role: "lead" })],
    });
    const b = await buildSubmission(database.db, "approved", { acronym: `${tag}-B`, deadline: "2023-03-01" });
    const query = async (q: string) => {
      const res = await send("GET", `/projects?q=${tag}&sort=acronym&${q}`, headers.board);
      expect(res.status).toBe(200);
      return ((await res.json()) as ProjectList).items.map((p) => p.id);
    };
    expect(await query("")).toEqual([a.id, b.id]);
    expect(await query("phase=financing")).toEqual([b.id]);
    expect(await query("phase=identification&phase=financing")).toEqual([a.id, b.id]);
    expect(await query("programme=cerv")).toEqual([a.id]);
    expect(await query("priority=vulnerable_groups,climate_action")).toEqual([a.id]);
    expect(await query(`member=${umea.id}`)).toEqual([a.id]);
    expect(await query("year=2023")).toEqual([b.id]);
    const page = (await (
      await send("GET", `/projects?q=${tag}&pageSize=1&page=2&sort=acronym`, headers.board)
    ).json()) as ProjectList;
    expect({ ...page, items: page.items.map((p) => p.id) }).toEqual({ items: [b.id], total: 2, page: 2, pageSize: 1 });
    const bad = await send("GET", "/projects?year=soon", headers.umea);
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as ErrorBody).error.fields).toEqual({ year: "Måste vara ett tal." });
  });
});

describe("partners", () => {
  it("are listed, added and removed", async () => {
    const project = await buildProject(database.db, { partners: [organisationPartner(parma.id, { role: "lead" })] });
    const added = await send("POST", `/projects/${project.id}/partners`, headers.secretariat, {
      kind: "organisation",
      organisationId: umea.id,
      budgetShareCents: 5_000_000,
    });
    expect(added.status).toBe(201);
    const partner = (await added.json()) as Partner;
    expect(partner).toMatchObject({ name: "Umeå kommun", role: "partner", budgetShareCents: 5_000_000 });
    const twice = await send("POST", `/projects/${project.id}/partners`, headers.secretariat, {
      kind: "organisation",
      organisationId: umea.id,
    });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as ErrorBody).error.fields).toEqual({
      organisationId: "Questo ente partecipa già al progetto.",
    });
    const listed = (await (await send("GET", `/projects/${project.id}/partners`, headers.parma)).json()) as {
      items: Partner[];
    };
    expect(listed.items.map((p) => p.role)).toEqual(["lead", "partner"]);
    expect((await send("DELETE", `/projects/${project.id}/partners/${partner.id}`, headers.secretariat)).status).toBe(
      204,
    );
    expect((await send("DELETE", `/projects/${project.id}/partners/${partner.id}`, headers.secretariat)).status).toBe(
      404,
    );
  });
});

describe("the OpenAPI document", () => {
  it("describes the projects routes and stays valid", async () => {
    const doc = await (await api.request("/api/v1/openapi.json")).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/projects",
        "/projects/programmes",
        "/projects/{id}",
        "/projects/{id}/transitions",
        "/projects/{id}/partners",
        "/projects/{id}/partners/{partnerId}",
        "/projects/{id}/resubmissions",
      ]),
    );
    expect(Object.keys(doc.paths["/projects/{id}"])).toEqual(expect.arrayContaining(["get", "patch"]));
    expect(Object.keys(doc.paths["/projects/{id}/partners"])).toEqual(expect.arrayContaining(["get", "post"]));
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
  });

  it("lists the funding programmes", async () => {
    const res = await send("GET", "/projects/programmes", null);
    const { items } = (await res.json()) as { items: { code: string; actions: { code: string }[] }[] };
    expect(items.find((p) => p.code === "cerv")?.actions.map((a) => a.code)).toContain("cerv_town_twinning");
  });
});

describe("GET /projects/export", () => {
  it("exports the filtered list as CSV or XLSX in the caller's language, only what the caller may read", async () => {
    const sv = translator("sv");
    await buildSubmission(database.db, "approved", {
      acronym: "EXPALPHA",
      title: { it: "Alfa", en: "Alpha" },
      grantRequestedCents: 30_000_000,
      grantAwardedCents: 25_000_123,
      participantsActual: 80,
    });
    await buildProject(database.db, { acronym: "EXPBETA", title: { en: "Beta" }, internal: true });

    const csv = await send("GET", "/projects/export?q=exp&format=csv", headers.svSecretariat);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="projects-\d{4}-\d{2}-\d{2}\.csv"$/);
    // (ignoreBOM: keep the byte-order mark, to see that it is there.)
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.startsWith("\uFEFF")).toBe(true);
    const lines = text.slice(1).trim().split("\r\n");
    expect(lines[0]?.split(",").slice(0, 3)).toEqual([
      sv("projects:fields.acronym"),
      sv("projects:fields.title"),
      sv("projects:fields.programmeCode"),
    ]);
    // Newest first, as the list; the title falls back to another language when Swedish is missing.
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["EXPBETA", "EXPALPHA"]);
    const alpha = lines[2]?.split(",") ?? [];
    expect(alpha).toContain(sv("projects:phases.financing"));
    expect(alpha).toContain(sv("projects:fundingStatuses.approved"));
    expect(alpha).toContain("250001.23");
    expect(alpha).toContain("80");

    // XLSX: amounts are numbers, in the secretariat's Italian.
    const xlsx = await send("GET", "/projects/export?q=expalpha&format=xlsx", headers.secretariat);
    expect(xlsx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet("projects");
    expect(sheet?.getRow(1).getCell(1).value).toBe(translator("it")("projects:fields.acronym"));
    const row = sheet?.getRow(2);
    expect(row?.getCell(1).value).toBe("EXPALPHA");
    expect(row?.getCell(2).value).toBe("Alfa");
    expect(row?.getCell(13).value).toBe(250001.23);

    // A member contact of another organisation does not get the internal project; visitors nothing.
    const forUmea = new TextDecoder().decode(
      await (await send("GET", "/projects/export?q=exp", headers.umea)).arrayBuffer(),
    );
    expect(forUmea).toContain("EXPALPHA");
    expect(forUmea).not.toContain("EXPBETA");
    expect((await send("GET", "/projects/export", null)).status).toBe(401);
    expect((await send("GET", "/projects/export?format=pdf", headers.secretariat)).status).toBe(422);
  });
});
