/**
 * The demo projects, loaded with the whole demo data set as at a first start: the network's figures
 * computed from them are the brochure's, in SQL, from the figures service and from the public API;
 * the projects read through the services like any other; loading again adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { system } from "~/auth/actor";
import { loadDemo } from "~/seed/demo";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";
import { loadProjectsDemo } from "./demo";
import { listPartners } from "./partners";
import { getProject, listProjects } from "./service";
import { projectFigureGroups, projectFigures } from "./stats";
import { listTransitions } from "./transitions";

let database: TestDatabase;

const brochure = {
  submitted: 178,
  approved: 130,
  rejected: 48,
  grantRate: 0.7303,
  participants: 20_000,
  euGrantAwardedCents: 1_300_000_000,
};

type Totals = {
  projects: number;
  submitted: number;
  approved: number;
  rejected: number;
  grant: number;
  participants: number;
  partners: number;
  transitions: number;
};

async function totals(): Promise<Totals> {
  const [row] = await database.query<Totals>(
    `select (select count(*)::int from projects) as projects,
       count(*) filter (where p.funding_status is not null and fp.level = 'eu')::int as submitted,
       count(*) filter (where p.funding_status = 'approved' and fp.level = 'eu')::int as approved,
       count(*) filter (where p.funding_status = 'rejected' and fp.level = 'eu')::int as rejected,
       coalesce(sum(p.grant_awarded_cents) filter (where p.funding_status = 'approved' and fp.level = 'eu'), 0)::bigint as grant,
       coalesce(sum(p.participants_actual) filter (where p.funding_status = 'approved' and fp.level = 'eu'), 0)::int as participants,
       (select count(*)::int from project_partners) as partners,
       (select count(*)::int from project_transitions) as transitions
     from projects p join funding_programmes fp on fp.code = p.programme_code`,
  );
  if (!row) throw new Error("no totals");
  return { ...row, grant: Number(row.grant) };
}

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemo(database);
});
afterAll(async () => {
  await database?.close();
});

describe("the demo projects", () => {
  it("add up to the brochure's figures: 178 submitted at EU level, 130 approved, 48 rejected, EUR 13,000,000.00, 20,000 participants", async () => {
    expect(await totals()).toMatchObject({
      submitted: 178,
      approved: 130,
      rejected: 48,
      grant: 1_300_000_000,
      participants: 20_000,
    });
    // No submission waits for a decision or sits on a reserve list.
    const [undecided] = await database.query<{ n: number }>(
      "select count(*)::int as n from projects where funding_status in ('submitted', 'reserve')",
    );
    expect(undecided?.n).toBe(0);
  });

  it("give the network's figures as the brochure publishes them, from the service and the public API", async () => {
    expect(await projectFigures(database.db)).toEqual(brochure);
    const res = await createTestApp(database).request("/api/v1/stats/projects");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(brochure);
    // By year, from 2007 to 2026, the years add up to the whole.
    const byYear = await projectFigureGroups(database.db, "year");
    expect(byYear.groups.map((g) => g.key)).toEqual(Array.from({ length: 20 }, (_, i) => String(2007 + i)));
    expect(byYear.groups.reduce((s, g) => s + g.submitted, 0)).toBe(178);
    expect(byYear.groups.reduce((s, g) => s + g.euGrantAwardedCents, 0)).toBe(1_300_000_000);
  });

  it("leave the ideas not yet submitted and the national and member-funded projects out of the figures", async () => {
    const rows = await database.query<{ level: string; phase: string; n: number }>(
      `select fp.level, p.phase, count(*)::int as n from projects p join funding_programmes fp on fp.code = p.programme_code
       where p.funding_status is null group by fp.level, p.phase order by fp.level, p.phase`,
    );
    expect(rows.every((r) => r.phase === "identification" || r.phase === "formulation")).toBe(true);
    expect(rows.filter((r) => r.level !== "eu").reduce((s, r) => s + r.n, 0)).toBe(3);
    expect(rows.reduce((s, r) => s + r.n, 0)).toBeGreaterThanOrEqual(6);
  });

  it("give every project one lead applicant and a history of moves ending in its phase", async () => {
    const [check] = await database.query<{ without_one_lead: number; history_mismatch: number; resubmissions: number }>(
      `select
         (select count(*)::int from projects p
           where (select count(*) from project_partners pp where pp.project_id = p.id and pp.role = 'lead') <> 1) as without_one_lead,
         (select count(*)::int from projects p
           where (select t.to_phase || '/' || coalesce(t.to_funding_status, '-') from project_transitions t
                   where t.project_id = p.id order by t.at desc limit 1) is distinct from p.phase || '/' || coalesce(p.funding_status, '-')
              or (select t.from_phase from project_transitions t where t.project_id = p.id order by t.at asc limit 1) is not null
         ) as history_mismatch,
         (select count(*)::int from projects p join projects o on o.id = p.resubmission_of
           where o.funding_status = 'rejected' and p.idea_id = o.idea_id and p.submission_number = o.submission_number + 1) as resubmissions`,
    );
    expect(check).toMatchObject({ without_one_lead: 0, history_mismatch: 0 });
    expect(check?.resubmissions).toBeGreaterThanOrEqual(5);
  });

  it("read through the services like any project: found by a word of the title, with partners and moves", async () => {
    const actor = system("test");
    const found = await listProjects(database.db, actor, { q: "creativity pre-school" });
    expect(found.items.map((p) => p.acronym)).toEqual(["CREANET"]);
    const creanet = found.items[0];
    if (!creanet) throw new Error("CREANET not found");
    const detail = await getProject(database.db, actor, creanet.id);
    expect(detail).toMatchObject({
      phase: "closure",
      fundingStatus: "approved",
      programmeCode: "erasmus_plus",
      startDate: "2010-12-01",
      endDate: "2013-11-30",
    });
    expect(detail.lead).toMatchObject({ kind: "network", name: "SERN" });
    const partners = await listPartners(database.db, actor, creanet.id);
    expect(partners.map((p) => p.name)).toEqual(
      expect.arrayContaining(["Comune di Reggio nell'Emilia", "Göteborgs Stad"]),
    );
    const moves = await listTransitions(database.db, actor, creanet.id);
    expect(moves.map((m) => m.toPhase)).toEqual([
      "identification",
      "formulation",
      "financing",
      "financing",
      "implementation",
      "evaluation",
      "closure",
    ]);
    expect(moves.map((m) => m.toFundingStatus).slice(2, 4)).toEqual(["submitted", "approved"]);
    expect(moves.every((m) => m.actorName === "Giulia Ferrari")).toBe(true);
    // The brochure's other named projects are there too.
    for (const acronym of ["BAGS4YOUTH", "EQUAP", "MOBEC", "MANTT", "QLSE"]) {
      const list = await listProjects(database.db, actor, { q: acronym });
      expect(
        list.items.filter((p) => p.acronym === acronym).every((p) => p.fundingStatus === "approved"),
        acronym,
      ).toBe(true);
      expect(list.total, acronym).toBeGreaterThanOrEqual(1);
    }
  });

  it("adds nothing when loaded again", async () => {
    const before = await totals();
    expect(await loadProjectsDemo(database.db)).toBe(0);
    expect(await totals()).toEqual(before);
  });
});
