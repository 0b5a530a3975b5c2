import { readFileSync } from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { and, count, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "~/audit/schema";
import type { Organisation } from "~/domains/organisations/contract";
import { buildOrganisation, testActors } from "~/domains/organisations/testing";
import { AppError } from "~/errors/app-error";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";
import type { CordisImportReport } from "./cordis-contract";
import { importCordis } from "./cordis-import";
import { projectPartners, projects, projectTransitions } from "./schema";
import { getProject, listProjects } from "./service";

/** The real CORDIS sample, copied into the repository (data-seed/cordis-sample). */
const SAMPLE = path.resolve(import.meta.dirname, "../../../data-seed/cordis-sample");
const projectsCsv = readFileSync(path.join(SAMPLE, "projects.csv"), "utf8");
const participantsCsv = readFileSync(path.join(SAMPLE, "participants.csv"));
/** A fixed day: the 8 sample projects that ended in 2025 are in closure, the other 38 in implementation. */
const TODAY = "2026-01-01";

let database: TestDatabase;
let http: ReturnType<typeof createTestApp>;
const secretariat = testActors.secretariat();
let parma: Organisation;
let emilia: Organisation;
let milano: Organisation;
let cmcc: Organisation;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  http = createTestApp(database);
  parma = await buildOrganisation(database.db, { name: "Comune di Parma", city: "Parma" });
  emilia = await buildOrganisation(database.db, { name: "Regione Emilia-Romagna", type: "region", city: "Bologna" });
  milano = await buildOrganisation(database.db, {
    name: "Università degli Studi di Milano",
    type: "education",
    status: "partner",
    city: "Milano",
  });
  // Spelled differently from CORDIS's "Fondazione Centro Euro-Mediterraneosui Cambiamenti Climatici".
  cmcc = await buildOrganisation(database.db, {
    name: "Fondazione Centro Euro-Mediterraneo sui Cambiamenti Climatici CMCC",
    type: "civil_society",
    status: "partner",
    city: "Lecce",
  });
});
afterAll(async () => {
  await database?.close();
});

async function counts() {
  const [p] = await database.db.select({ n: count() }).from(projects);
  const [l] = await database.db.select({ n: count() }).from(projectPartners);
  const [t] = await database.db.select({ n: count() }).from(projectTransitions);
  const [a] = await database.db
    .select({ n: count() })
    .from(auditEvents)
    .where(eq(auditEvents.action, "project.import"));
  return { projects: p?.n ?? 0, partners: l?.n ?? 0, transitions: t?.n ?? 0, audits: a?.n ?? 0 };
}

const byAcronym = (report: CordisImportReport, acronym: string) => report.projects.find((p) => p.acronym === acronym);

describe("importing the CORDIS sample", () => {
  it("refuses a file with a broken amount: the row and the column are named, nothing is written", async () => {
    const broken = projectsCsv.replace("12850322.5,11872256.880000001", "12850322.5,11.872.256");
    const report = await importCordis(
      database.db,
      secretariat,
      { projectsCsv: broken, participantsCsv },
      { dryRun: false, today: TODAY, language: "it" },
    );
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([
      {
        file: "projects",
        row: 3,
        field: "EU financial contribution (euro)",
        message: "Non è un importo in euro: cifre con il punto prima dei centesimi, ad esempio 3124628.75.",
      },
    ]);
    expect(await counts()).toEqual({ projects: 0, partners: 0, transitions: 0, audits: 0 });
  });

  it("a dry run reports the plan and the matches, and writes nothing", async () => {
    const report = await importCordis(
      database.db,
      secretariat,
      { projectsCsv, participantsCsv },
      { dryRun: true, today: TODAY },
    );
    expect(report).toMatchObject({ dryRun: true, applied: false, rows: 46, created: 46, updated: 0, unchanged: 0 });
    expect(report.errors).toEqual([]);
    expect(report.projects.every((p) => p.action === "create" && p.projectId === null)).toBe(true);
    expect(report.participants).toMatchObject({ rows: 908 });
    expect(await counts()).toEqual({ projects: 0, partners: 0, transitions: 0, audits: 0 });
  });

  let first: CordisImportReport;

  it("creates the 46 funded projects, with their leads, transitions and one audit event", async () => {
    first = await importCordis(
      database.db,
      secretariat,
      { projectsCsv, participantsCsv },
      { dryRun: false, today: TODAY },
    );
    expect(first).toMatchObject({ dryRun: false, applied: true, rows: 46, created: 46, updated: 0, unchanged: 0 });
    expect(first.errors).toEqual([]);
    expect(await counts()).toEqual({ projects: 46, partners: 46, transitions: 46, audits: 1 });

    // The first row, as the secretariat sees it.
    const regilience = byAcronym(first, "REGILIENCE");
    expect(regilience).toMatchObject({ row: 2, action: "create", phase: "closure" });
    const detail = await getProject(database.db, secretariat, regilience?.projectId ?? "");
    expect(detail).toMatchObject({
      acronym: "REGILIENCE",
      title: { en: "Resilience Strategies for Regions" },
      programmeCode: "horizon_europe",
      callIdentifier: "LC-GD-1-3-2020",
      startDate: "2021-11-01",
      endDate: "2025-10-31",
      phase: "closure",
      fundingStatus: "approved",
      totalBudgetCents: 312462875,
      grantAwardedCents: 299447250,
      cordisUrl: "https://cordis.europa.eu/project/id/101036560",
      websiteUrl: "https://www.regilience.eu",
      lead: {
        kind: "external",
        name: "Institute for European Energy and Climate Policy Stichting",
        country: "NL",
        organisationType: "research",
        role: "lead",
      },
    });
    // Float noise in the export is read to the cent.
    const transformar = await getProject(database.db, secretariat, byAcronym(first, "TransformAr")?.projectId ?? "");
    expect(transformar.grantAwardedCents).toBe(1187225688);

    // 8 sample projects ended before the day of the import; the rest are running.
    const phases = first.projects.map((p) => p.phase);
    expect(phases.filter((p) => p === "closure")).toHaveLength(8);
    expect(phases.filter((p) => p === "implementation")).toHaveLength(38);
    const arrivals = await database.db
      .select({ n: count() })
      .from(projectTransitions)
      .where(and(isNull(projectTransitions.fromPhase), eq(projectTransitions.toFundingStatus, "approved")));
    expect(arrivals[0]?.n).toBe(46);

    // The imported projects are found by the list's search.
    const found = await listProjects(database.db, secretariat, { q: "spongeboost" });
    expect(found.items.map((p) => p.acronym)).toEqual(["SpongeBoost"]);
  });

  it("takes a certain coordinator match from the directory, and never guesses an uncertain one", async () => {
    const mountResilience = byAcronym(first, "MountResilience");
    expect(mountResilience?.lead).toEqual({
      kind: "organisation",
      organisationId: milano.id,
      name: milano.name,
      country: "IT",
      match: "certain",
    });
    const detail = await getProject(database.db, secretariat, mountResilience?.projectId ?? "");
    expect(detail.lead).toMatchObject({ kind: "organisation", organisationId: milano.id, name: milano.name });

    // CMCC is spelled differently: imported as an outside organisation and listed for review.
    const agora = byAcronym(first, "AGORA");
    expect(agora?.lead).toMatchObject({ kind: "external", organisationId: null, match: "uncertain" });
    const listed = first.uncertain.filter((u) => u.file === "projects").map((u) => u.row);
    expect(listed).toEqual([agora?.row, byAcronym(first, "DesirMED")?.row]);
    expect(first.uncertain.find((u) => u.row === agora?.row)).toMatchObject({
      name: "Fondazione Centro Euro-Mediterraneosui Cambiamenti Climatici",
      country: "IT",
      city: "Lecce",
      candidates: [{ organisationId: cmcc.id, name: cmcc.name, city: "Lecce" }],
    });
  });

  it("matches the participants file's organisations: Comune di Parma and Regione Emilia-Romagna", async () => {
    const matched = first.matched.filter((m) => m.file === "participants");
    expect(matched).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: "COMUNE DI PARMA",
          organisationId: parma.id,
          organisationName: "Comune di Parma",
        }),
        expect.objectContaining({
          name: "REGIONE EMILIA ROMAGNA",
          organisationId: emilia.id,
          organisationName: "Regione Emilia-Romagna",
        }),
        expect.objectContaining({ name: "UNIVERSITA DEGLI STUDI DI MILANO", organisationId: milano.id }),
      ]),
    );
    // CMCC is written "EURO-MEDITERRANEOSUI" by CORDIS, in two rows (two cities' spellings): for review.
    const uncertain = first.uncertain.filter((u) => u.file === "participants");
    expect(uncertain.filter((u) => u.name === "FONDAZIONE CENTRO EURO-MEDITERRANEOSUI CAMBIAMENTI CLIMATICI")).toEqual([
      expect.objectContaining({ city: "Lecce", candidates: [expect.objectContaining({ organisationId: cmcc.id })] }),
      expect.objectContaining({ city: "LECCE", candidates: [expect.objectContaining({ organisationId: cmcc.id })] }),
    ]);
    expect(first.participants).toEqual({
      rows: 908,
      certain: matched.length,
      uncertain: uncertain.length,
      none: 908 - matched.length - uncertain.length,
    });
  });

  it("re-importing the same files creates nothing new", async () => {
    const again = await importCordis(
      database.db,
      secretariat,
      { projectsCsv, participantsCsv },
      { dryRun: false, today: TODAY },
    );
    expect(again).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 46, errors: [] });
    expect(again.projects.map((p) => p.projectId)).toEqual(first.projects.map((p) => p.projectId));
    expect(await counts()).toEqual({ projects: 46, partners: 46, transitions: 46, audits: 2 });
  });

  it("a changed file updates the one project it changes, and says what changed", async () => {
    const moved = projectsCsv.replace(
      "https://cordis.europa.eu/project/id/101036560,2021-11-01,2025-10-31",
      "https://cordis.europa.eu/project/id/101036560,2021-11-01,2026-04-30",
    );
    const report = await importCordis(
      database.db,
      secretariat,
      { projectsCsv: moved },
      { dryRun: false, today: TODAY },
    );
    expect(report).toMatchObject({ applied: true, created: 0, updated: 1, unchanged: 45, participants: null });
    const regilience = byAcronym(report, "REGILIENCE");
    expect(regilience).toMatchObject({ action: "update", changes: ["endDate"] });
    const detail = await getProject(database.db, secretariat, regilience?.projectId ?? "");
    expect(detail).toMatchObject({ endDate: "2026-04-30", version: 2, phase: "closure" });
    expect(await counts()).toEqual({ projects: 46, partners: 46, transitions: 46, audits: 3 });
  });

  it("the review step: a decision makes the coordinator a directory organisation", async () => {
    const agora = byAcronym(first, "AGORA");
    const row = String(agora?.row);
    const dry = await importCordis(
      database.db,
      secretariat,
      { projectsCsv },
      { dryRun: true, today: TODAY, decisions: { [row]: cmcc.id } },
    );
    // The end date of REGILIENCE goes back as in the sample; AGORA's lead changes.
    expect(dry).toMatchObject({ created: 0, updated: 2, unchanged: 44 });
    expect(byAcronym(dry, "AGORA")).toMatchObject({
      action: "update",
      changes: ["lead"],
      lead: { kind: "organisation", organisationId: cmcc.id, match: "decided" },
    });
    expect(dry.uncertain.map((u) => u.row)).toEqual([byAcronym(first, "DesirMED")?.row]);

    await importCordis(
      database.db,
      secretariat,
      { projectsCsv },
      { dryRun: false, today: TODAY, decisions: { [row]: cmcc.id } },
    );
    const detail = await getProject(database.db, secretariat, agora?.projectId ?? "");
    expect(detail.partners).toEqual([
      expect.objectContaining({ kind: "organisation", organisationId: cmcc.id, role: "lead", name: cmcc.name }),
    ]);
    // Without the decision, a later import keeps the lead a person chose.
    const later = await importCordis(database.db, secretariat, { projectsCsv }, { dryRun: true, today: TODAY });
    expect(later).toMatchObject({ created: 0, updated: 0, unchanged: 46 });
  });

  it("refuses a decision for a row without a project or an unknown organisation", async () => {
    const report = await importCordis(
      database.db,
      secretariat,
      { projectsCsv },
      {
        dryRun: true,
        today: TODAY,
        decisions: { "999": "external", "2": "0190f2c4-8c1e-7d4a-9b1e-2f0c6a1d3e5f" },
      },
    );
    expect(report.errors).toEqual([
      {
        file: "projects",
        row: 2,
        field: "decisions",
        message: "There is no such organisation in the directory.",
      },
      { file: "projects", row: 999, field: "decisions", message: "There is no project in row 999 to decide on." },
    ]);
  });

  it("is for the secretariat only", async () => {
    for (const actor of [testActors.board(), testActors.memberContact(parma.id), testActors.anonymous]) {
      const attempt = importCordis(database.db, actor, { projectsCsv }, { dryRun: true });
      await expect(attempt).rejects.toBeInstanceOf(AppError);
      await expect(attempt).rejects.toMatchObject({
        code: actor.kind === "anonymous" ? "unauthenticated" : "forbidden",
      });
    }
  });
});

describe("POST /api/v1/projects/import", () => {
  const form = (files: Record<string, string | Uint8Array>, decisions?: unknown) => {
    const body = new FormData();
    for (const [name, content] of Object.entries(files)) {
      body.append(
        name,
        new Blob([typeof content === "string" ? content : new Uint8Array(content)], { type: "text/csv" }),
        `${name}.csv`,
      );
    }
    if (decisions !== undefined) body.append("decisions", JSON.stringify(decisions));
    return body;
  };

  it("answers the dry run's report for both files (multipart)", async () => {
    const { headers } = await http.actAs("secretariat");
    const res = await http.request("/api/v1/projects/import?dryRun=true", {
      method: "POST",
      headers,
      body: form({ projects: projectsCsv, participants: participantsCsv }),
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as CordisImportReport;
    expect(report).toMatchObject({ dryRun: true, applied: false, rows: 46, created: 0, unchanged: 46 });
    expect(report.participants?.rows).toBe(908);
  });

  it("takes the projects file alone as a text/csv body", async () => {
    const { headers } = await http.actAs("secretariat");
    const res = await http.request("/api/v1/projects/import", {
      method: "POST",
      headers: { ...headers, "content-type": "text/csv" },
      body: `\uFEFF${projectsCsv}`,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ dryRun: true, rows: 46, unchanged: 46, errors: [] });
  });

  it("answers 422 naming the row and the column in the caller's language, and writes nothing", async () => {
    const { headers } = await http.actAs("secretariat", { language: "sv" });
    const broken = projectsCsv.replace("2021-11-01,2025-10-31", "2021-11-01,31 oktober 2025");
    const res = await http.request("/api/v1/projects/import?dryRun=false", {
      method: "POST",
      headers,
      body: form({ projects: broken }),
    });
    expect(res.status).toBe(422);
    const report = (await res.json()) as CordisImportReport;
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([
      { file: "projects", row: 2, field: "Project End Date", message: expect.stringMatching(/ÅÅÅÅ-MM-DD|YYYY-MM-DD/) },
    ]);
    expect((await counts()).audits).toBe(4);
  });

  it("asks for the projects file, and reads the decisions as JSON", async () => {
    const { headers } = await http.actAs("secretariat");
    const missing = await http.request("/api/v1/projects/import", {
      method: "POST",
      headers,
      body: form({ participants: participantsCsv }),
    });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({
      error: { code: "validation", fields: { projects: "This field is required." } },
    });
    const badDecisions = await http.request("/api/v1/projects/import", {
      method: "POST",
      headers,
      body: form({ projects: projectsCsv }, { "2": "somebody" }),
    });
    expect(badDecisions.status).toBe(422);
    expect(await badDecisions.json()).toMatchObject({ error: { fields: { decisions: expect.any(String) } } });
  });

  it("is 403 for anyone but the secretariat, and 415 for another content type", async () => {
    for (const role of ["board", "expert", "partner"] as const) {
      const { headers } = await http.actAs(role);
      const res = await http.request("/api/v1/projects/import", {
        method: "POST",
        headers,
        body: form({ projects: projectsCsv }),
      });
      expect(res.status).toBe(403);
    }
    const { headers } = await http.actAs("secretariat");
    const json = await http.request("/api/v1/projects/import", {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ projects: projectsCsv }),
    });
    expect(json.status).toBe(415);
  });

  it("is in the OpenAPI document", async () => {
    const res = await http.request("/api/v1/openapi.json");
    const doc = (await res.json()) as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    const post = doc.paths["/projects/import"]?.post;
    expect(post).toBeDefined();
    const body = (post?.requestBody ?? { content: {} }) as { content: Record<string, unknown> };
    expect(Object.keys(body.content)).toEqual(["multipart/form-data", "text/csv"]);
    await SwaggerParser.validate(structuredClone(doc) as never);
  });
});
