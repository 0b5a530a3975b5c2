/**
 * The network's figures on a known data set, built with plain inserts (the projects' own rules
 * are tested elsewhere): every figure equals the values worked out by hand below, overall, per
 * group and filtered, from the service and from the API, as JSON and as CSV.
 */
import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Organisation } from "~/domains/organisations/contract";
import { buildOrganisation } from "~/domains/organisations/testing";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";
import { projectPartners, projects } from "./schema";
import { projectFigureGroups, projectFigures } from "./stats";
import type { ProjectFigureGroup, ProjectFigures } from "./stats-contract";

let database: TestDatabase;
let http: ReturnType<typeof createTestApp>;
/** A, B, C: members (Parma, Örebro, Modena); D: a partner organisation (Leipzig), no member. */
let orgs: Record<"A" | "B" | "C" | "D", Organisation>;

type ProjectRow = typeof projects.$inferInsert;
type PartnerRow = Omit<typeof projectPartners.$inferInsert, "projectId">;

async function addProject(
  values: Partial<ProjectRow> & Pick<ProjectRow, "acronym" | "phase">,
  partners: PartnerRow[] = [],
): Promise<string> {
  const id = values.id ?? randomUUID();
  await database.db.insert(projects).values({
    id,
    ideaId: id,
    title: { en: values.acronym },
    searchText: values.acronym.toLowerCase(),
    ...values,
  });
  if (partners.length > 0) {
    await database.db.insert(projectPartners).values(partners.map((p) => ({ ...p, projectId: id })));
  }
  return id;
}

const member = (org: Organisation, role: "lead" | "partner" | "associated" = "partner"): PartnerRow => ({
  kind: "organisation",
  organisationId: org.id,
  role,
});

/**
 * The data set (year = submitted on, else the deadline):
 *
 * | project | programme      | year | status    | priorities                     | participants (planned/actual) | awarded    | lead          | others                           |
 * | P1      | erasmus_plus   | 2019 | approved  | quality_education, digital_skills | 100 / 120                  | 2,500,000  | A             | B, C, D partners; FR outside     |
 * | P2      | cerv           | 2019 | rejected  | active_citizenship             | 300 / –                       | –          | B             |                                  |
 * | P3 (P2 resubmitted) | cerv | 2020 | approved | active_citizenship            | 300 / –                       | 1,500,000  | B             | A partner                        |
 * | P4      | national       | 2020 | approved  | climate_action, smart_mobility | – / 50                        | 400,000    | the network   | C partner                        |
 * | P5      | erasmus_plus   | 2021 (deadline) | reserve | –                      | 80 / –                        | –          | outside (ES)  | A partner                        |
 * | P6      | cerv, internal | 2021 | submitted | quality_education              | 40 / –                        | –          | C             |                                  |
 * | P7      | horizon_europe | 2021 | approved  | e_government                   | – / –                         | 10,000,000 | none          | C associated                     |
 * | P8      | erasmus_plus   | –    | none (identification) | quality_education  | 10 / –                        | –          | A             | (not counted)                    |
 * | P9      | none           | –    | rejected  | vulnerable_groups              | – / –                         | –          | A             |                                  |
 */
beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  http = createTestApp(database);
  orgs = {
    A: await buildOrganisation(database.db, { name: "Comune di Parma", country: "IT" }),
    B: await buildOrganisation(database.db, { name: "Region Örebro län", country: "SE", type: "region" }),
    C: await buildOrganisation(database.db, { name: "Comune di Modena", country: "IT" }),
    D: await buildOrganisation(database.db, { name: "Stadt Leipzig", country: "DE", status: "partner" }),
  };
  const { A, B, C, D } = orgs;
  await addProject(
    {
      acronym: "P1",
      phase: "closure",
      fundingStatus: "approved",
      programmeCode: "erasmus_plus",
      actionCode: "erasmus_ka2",
      submittedOn: "2019-03-01",
      deadline: "2019-03-21",
      priorities: ["quality_education", "digital_skills"],
      participantsPlanned: 100,
      participantsActual: 120,
      grantRequestedCents: 3_000_000,
      grantAwardedCents: 2_500_000,
    },
    [
      member(A, "lead"),
      member(B),
      member(C),
      member(D),
      { kind: "external", name: "Ville de Lyon", country: "FR", role: "partner" },
    ],
  );
  const p2 = await addProject(
    {
      acronym: "P2",
      phase: "financing",
      fundingStatus: "rejected",
      programmeCode: "cerv",
      submittedOn: "2019-10-01",
      priorities: ["active_citizenship"],
      participantsPlanned: 300,
    },
    [member(B, "lead")],
  );
  await addProject(
    {
      acronym: "P3",
      ideaId: p2,
      resubmissionOf: p2,
      submissionNumber: 2,
      phase: "implementation",
      fundingStatus: "approved",
      programmeCode: "cerv",
      submittedOn: "2020-02-01",
      priorities: ["active_citizenship"],
      participantsPlanned: 300,
      grantAwardedCents: 1_500_000,
    },
    [member(B, "lead"), member(A)],
  );
  await addProject(
    {
      acronym: "P4",
      phase: "evaluation",
      fundingStatus: "approved",
      programmeCode: "national",
      submittedOn: "2020-05-01",
      priorities: ["climate_action", "smart_mobility"],
      participantsActual: 50,
      grantAwardedCents: 400_000,
    },
    [{ kind: "network", role: "lead" }, member(C)],
  );
  await addProject(
    {
      acronym: "P5",
      phase: "financing",
      fundingStatus: "reserve",
      programmeCode: "erasmus_plus",
      deadline: "2021-03-23",
      participantsPlanned: 80,
    },
    [{ kind: "external", name: "Ayuntamiento de Valencia", country: "ES", role: "lead" }, member(A)],
  );
  await addProject(
    {
      acronym: "P6",
      phase: "financing",
      fundingStatus: "submitted",
      programmeCode: "cerv",
      submittedOn: "2021-04-01",
      priorities: ["quality_education"],
      participantsPlanned: 40,
      internal: true,
    },
    [member(C, "lead")],
  );
  await addProject(
    {
      acronym: "P7",
      phase: "implementation",
      fundingStatus: "approved",
      programmeCode: "horizon_europe",
      submittedOn: "2021-06-01",
      priorities: ["e_government"],
      grantAwardedCents: 10_000_000,
    },
    [member(C, "associated")],
  );
  await addProject(
    {
      acronym: "P8",
      phase: "identification",
      programmeCode: "erasmus_plus",
      deadline: "2021-10-01",
      priorities: ["quality_education"],
      participantsPlanned: 10,
    },
    [member(A, "lead")],
  );
  await addProject(
    { acronym: "P9", phase: "financing", fundingStatus: "rejected", priorities: ["vulnerable_groups"] },
    [member(A, "lead")],
  );
});
afterAll(async () => {
  await database?.close();
});

/** Figures written compactly: submitted, approved, rejected, grant rate, participants, EU grant. */
const f = (
  submitted: number,
  approved: number,
  rejected: number,
  grantRate: number | null,
  participants: number,
  euGrantAwardedCents: number,
): ProjectFigures => ({ submitted, approved, rejected, grantRate, participants, euGrantAwardedCents });

const g = (key: string | null, label: string | null, figures: ProjectFigures): ProjectFigureGroup => ({
  key,
  label,
  ...figures,
});

describe("the network's figures", () => {
  it("overall: every submission that reached financing, the resubmitted idea twice, the internal one too", async () => {
    // P1–P7 and P9; approved P1, P3, P4, P7; rejected P2, P9; participants 120 + 300 + 50 + 0;
    // EU grants P1 + P3 + P7 (P4's national grant is not an EU grant).
    expect(await projectFigures(database.db)).toEqual(f(8, 4, 2, 0.6667, 470, 14_000_000));
  });

  it("by year: submitted on, else the deadline; the submission without either last", async () => {
    expect((await projectFigureGroups(database.db, "year")).groups).toEqual([
      g("2019", "2019", f(2, 1, 1, 0.5, 120, 2_500_000)),
      g("2020", "2020", f(2, 2, 0, 1, 350, 1_500_000)),
      g("2021", "2021", f(3, 1, 0, 1, 0, 10_000_000)),
      g(null, null, f(1, 0, 1, 0, 0, 0)),
    ]);
  });

  it("by programme, in the configured order, named in the reader's language", async () => {
    expect((await projectFigureGroups(database.db, "programme", {}, "en")).groups).toEqual([
      g("erasmus_plus", "Erasmus+", f(2, 1, 0, 1, 120, 2_500_000)),
      g("cerv", expect.stringContaining("Citizens, Equality, Rights and Values"), f(3, 1, 1, 0.5, 300, 1_500_000)),
      g("horizon_europe", "Horizon Europe", f(1, 1, 0, 1, 0, 10_000_000)),
      g("national", expect.any(String), f(1, 1, 0, 1, 50, 0)),
      g(null, null, f(1, 0, 1, 0, 0, 0)),
    ]);
  });

  it("by priority: a project counts under each of its priorities; grant rate null where nothing is decided", async () => {
    expect((await projectFigureGroups(database.db, "priority", {}, "en")).groups).toEqual([
      g("vulnerable_groups", expect.any(String), f(1, 0, 1, 0, 0, 0)),
      g("active_citizenship", "Active citizenship", f(2, 1, 1, 0.5, 300, 1_500_000)),
      g("quality_education", "Quality education", f(2, 1, 0, 1, 120, 2_500_000)),
      g("e_government", "E-government", f(1, 1, 0, 1, 0, 10_000_000)),
      g("digital_skills", "Digital skills", f(1, 1, 0, 1, 120, 2_500_000)),
      g("climate_action", "Climate action", f(1, 1, 0, 1, 50, 0)),
      g("smart_mobility", "Smart mobility", f(1, 1, 0, 1, 50, 0)),
      g(null, null, f(1, 0, 0, null, 0, 0)),
    ]);
  });

  it("by the lead applicant's country: the directory's country, an outside partner's, the network's own key", async () => {
    expect((await projectFigureGroups(database.db, "country", {}, "en")).groups).toEqual([
      g("IT", "Italy", f(3, 1, 1, 0.5, 120, 2_500_000)),
      g("network", "SERN", f(1, 1, 0, 1, 50, 0)),
      g("ES", "Spain", f(1, 0, 0, null, 0, 0)),
      g("SE", "Sweden", f(2, 1, 1, 0.5, 300, 1_500_000)),
      g(null, null, f(1, 1, 0, 1, 0, 10_000_000)),
    ]);
    const swedish = (await projectFigureGroups(database.db, "country", {}, "sv")).groups;
    expect(swedish.map((x) => x.label)).toEqual(["Italien", "SERN", "Spanien", "Sverige", null]);
  });

  it("by member: every current member taking part as lead or partner, by name", async () => {
    const { A, B, C } = orgs;
    expect((await projectFigureGroups(database.db, "member")).groups).toEqual([
      // Modena: partner in P1 and P4, leads P6 (only associated in P7).
      g(C.id, "Comune di Modena", f(3, 2, 0, 1, 170, 2_500_000)),
      // Parma: leads P1 and P9, partner in P3 and P5 (P8 is only an idea).
      g(A.id, "Comune di Parma", f(4, 2, 1, 0.6667, 420, 4_000_000)),
      // Örebro: partner in P1, leads both submissions of the same idea (P2 rejected, P3 approved).
      g(B.id, "Region Örebro län", f(3, 2, 1, 0.6667, 420, 4_000_000)),
    ]);
  });

  it("filters by year and by programme", async () => {
    expect(await projectFigures(database.db, { year: 2020 })).toEqual(f(2, 2, 0, 1, 350, 1_500_000));
    expect(await projectFigures(database.db, { programme: "cerv" })).toEqual(f(3, 1, 1, 0.5, 300, 1_500_000));
    expect(await projectFigures(database.db, { year: 2021, programme: "erasmus_plus" })).toEqual(
      f(1, 0, 0, null, 0, 0),
    );
    expect(await projectFigures(database.db, { programme: "life" })).toEqual(f(0, 0, 0, null, 0, 0));
    const { A, B, C } = orgs;
    expect(
      (await projectFigureGroups(database.db, "member", { year: 2019, programme: "erasmus_plus" })).groups,
    ).toEqual([C, A, B].map((o) => g(o.id, o.name, f(1, 1, 0, 1, 120, 2_500_000))));
    expect((await projectFigureGroups(database.db, "year", { programme: "life" })).groups).toEqual([]);
  });
});

describe("GET /api/v1/stats/projects", () => {
  it("answers anyone, signed in or not, with the overall figures", async () => {
    const res = await http.request("/api/v1/stats/projects");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(f(8, 4, 2, 0.6667, 470, 14_000_000));
    const { headers } = await http.actAs("member_contact", { organisationId: orgs.A.id });
    const signedIn = await http.request("/api/v1/stats/projects?year=2020", { headers });
    expect(await signedIn.json()).toEqual(f(2, 2, 0, 1, 350, 1_500_000));
  });

  it("answers the groups with their labels in the request's language", async () => {
    const res = await http.request("/api/v1/stats/projects?groupBy=programme&year=2019", {
      headers: { "accept-language": "it" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      groups: [
        g("erasmus_plus", "Erasmus+", f(1, 1, 0, 1, 120, 2_500_000)),
        g("cerv", expect.stringContaining("Cittadini"), f(1, 0, 1, 0, 0, 0)),
      ],
    });
  });

  it("gives the groups as CSV (UTF-8 with BOM, headers in the request's language) that read back as the JSON", async () => {
    const json = (await (await http.request("/api/v1/stats/projects?groupBy=country")).json()) as {
      groups: ProjectFigureGroup[];
    };
    const res = await http.request("/api/v1/stats/projects?groupBy=country&format=csv", {
      headers: { "accept-language": "sv" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="project-figures-country.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // (TextDecoder drops a BOM unless told to keep it.)
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...records] = parse(text.slice(1)) as string[][];
    expect(header).toEqual([
      "Grupp",
      "Namn",
      "Inlämnade",
      "Beviljade",
      "Avslagna",
      "Beviljandegrad",
      "Deltagare",
      "Beviljade EU-bidrag (eurocent)",
    ]);
    const back = records.map(([key, label, ...n]) => ({
      key: key === "" ? null : key,
      label,
      submitted: Number(n[0]),
      approved: Number(n[1]),
      rejected: Number(n[2]),
      grantRate: n[3] === "" ? null : Number(n[3]),
      participants: Number(n[4]),
      euGrantAwardedCents: Number(n[5]),
    }));
    // The JSON in English, the CSV in Swedish: the same groups, labels in each one's language.
    const swedishLabels = ["Italien", "SERN", "Spanien", "Sverige", "Ej angivet"];
    expect(back).toEqual(json.groups.map((group, i) => ({ ...group, label: swedishLabels[i] })));
  });

  it("gives CSV for Accept: text/csv, one row for all submissions without groupBy", async () => {
    const res = await http.request("/api/v1/stats/projects?programme=cerv", {
      headers: { accept: "text/csv", "accept-language": "it" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("vary")).toContain("Accept");
    const text = await res.text();
    expect(parse(text.replace(/^\uFEFF/, ""))).toEqual([
      [
        "Gruppo",
        "Nome",
        "Presentati",
        "Approvati",
        "Respinti",
        "Tasso di approvazione",
        "Partecipanti",
        "Contributi UE concessi (centesimi di euro)",
      ],
      ["", "Tutte le candidature", "3", "1", "1", "0.5", "300", "1500000"],
    ]);
  });

  it("refuses an unknown grouping with 422 naming the field", async () => {
    const res = await http.request("/api/v1/stats/projects?groupBy=colour");
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { fields: Record<string, string> } };
    expect(Object.keys(body.error.fields)).toEqual(["groupBy"]);
  });

  it("is described in the OpenAPI document as a public read", async () => {
    const doc = (await (await http.request("/api/v1/openapi.json")).json()) as {
      paths: Record<string, { get?: { security?: unknown[]; parameters?: { name: string }[] } }>;
    };
    const route = doc.paths["/stats/projects"]?.get;
    expect(route?.security).toEqual([]);
    expect(route?.parameters?.map((p) => p.name).sort()).toEqual(["format", "groupBy", "programme", "year"]);
  });
});
