/**
 * The network's figures at CORDIS scale, on the PostgreSQL server: a fresh database (migrated,
 * dropped afterwards) with BENCH_PROJECT_ORGS (default 5,000) organisations, BENCH_PROJECT_COUNT
 * (default 50,000) projects over the years 2007–2027 and 8 partnerships each (400,000), made by
 * three SQL statements; then the figures overall and grouped by year, programme, priority, country
 * and member, timed through the service functions (`projectFigures`, `projectFigureGroups`) and
 * through the HTTP API of the production build (`GET /api/v1/stats/projects?groupBy=…`, anonymous,
 * as the public home page asks), taking turns per grouping and round. Target (issue 5): grouped by
 * year and by programme in ≤ 50 ms p95.
 *
 * `npm run bench` calls `benchProjects()` after the directory part (on the PostgreSQL target);
 * `BENCH_ONLY=projects npm run bench` runs this part alone (with BENCH_TARGETS including
 * postgres), and so does `npx tsx bench/projects.ts`. BENCH_PROJECT_ROUNDS (default 30) and
 * BENCH_PROJECT_WARMUP (default 3) set the rounds; BENCH_PROJECTS=false skips this part;
 * BENCH_POSTGRES_URL picks the server; BENCH_KEEP=true keeps the database.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import pg from "pg";
import { parseConfig, setConfig } from "~/config/env";
import { type Database, openDatabase } from "~/db/client";
import { migrate } from "~/db/migrate";
import { figuresStatement, projectFigureGroups, projectFigures } from "~/domains/projects/stats";
import type { FigureDimension } from "~/domains/projects/stats-contract";
import { seedReference } from "~/domains/reference/seed";
import { buildServer, get, startServer } from "./server";
import { count, ms, percentile, seconds, table } from "./stats";

/** The target of issue 5 on the PostgreSQL server: grouped by year and by programme. */
export const PROJECT_FIGURES_TARGET_P95_MS = 50;
const TARGETED: readonly (FigureDimension | "overall")[] = ["year", "programme"];

export type ProjectsBenchTiming = {
  grouping: FigureDimension | "overall";
  groups: number;
  service: number[];
  api: number[];
};

export type ProjectsBenchResult = {
  organisations: number;
  projects: number;
  partnerships: number;
  makeMs: number;
  rounds: number;
  warmup: number;
  /** The overall figures of the generated data set. */
  overall: { submitted: number; approved: number; rejected: number; grantRate: number | null };
  timings: ProjectsBenchTiming[];
  /** EXPLAIN ANALYZE of the targeted statements. */
  plans: { grouping: string; plan: string }[];
};

function envInt(name: string, fallback: number): number {
  const value = process.env[name];
  if (!value) return fallback;
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative integer, not ${value}`);
  return n;
}

const log = (message: string) => console.info(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * The data set, by SQL. Organisations: Italian and Swedish members, and partner organisations from
 * other countries. Projects: more per year as the network grows (2007–2027); programmes weighted as
 * the network's (Erasmus+ most, then CERV, Europe for Citizens, Interreg, …, national and member
 * funding); one or two of the eight priorities; until 2025 about 70 % approved, 25 % rejected, 3 %
 * on the reserve list and 2 % withdrawn; in 2026–2027 half submitted and half still being drafted.
 * Partnerships: 8 per project, distinct organisations; the first is the lead (the network itself
 * for one project in ten), one in three projects has an outside partner, one in four an associated
 * partner.
 */
export async function makeData(database: Database, sizes: { organisations: number; projects: number }): Promise<void> {
  await database.query(
    `insert into organisations (name, country, type, public_authority, inhabitants, status, member_since,
                                search_text, normalized_name)
     select 'Bench organisation ' || g, c.country, 'municipality', true, (g * 7919) % 250000 + 500,
            case when c.country in ('IT', 'SE') then 'member' else 'partner' end,
            case when c.country in ('IT', 'SE') then date '2008-01-01' + (g % 5000) end,
            'bench organisation ' || g, 'bench organisation ' || g
     from generate_series(1, $1::int) as g
     cross join lateral (select (array['IT', 'IT', 'IT', 'SE', 'SE', 'DE', 'FR', 'ES', 'PL', 'PT'])[1 + g % 10] as country) as c`,
    [sizes.organisations],
  );
  await database.query(
    `with src as (
       select g, gen_random_uuid() as id,
              -- More projects in later years: the square root skews the uniform draw upwards.
              2007 + least(20, floor(21 * sqrt(((g::bigint * 7919) % 10007) / 10007.0)))::int as year,
              ((g::bigint * 104729) % 1000)::int as r1, ((g::bigint * 7717) % 1000)::int as r2,
              ((g::bigint * 31337) % 1000)::int as r3
       from generate_series(1, $1::int) as g
     ), decided as (
       select *,
              case when year >= 2026 then (case when r3 < 500 then 'submitted' end)
                   when r3 < 700 then 'approved' when r3 < 950 then 'rejected' when r3 < 980 then 'reserve' end as status,
              (array['erasmus_plus', 'erasmus_plus', 'erasmus_plus', 'erasmus_plus', 'erasmus_plus', 'erasmus_plus',
                     'cerv', 'cerv', 'cerv', 'europe_for_citizens', 'europe_for_citizens', 'interreg_europe',
                     'interreg_europe', 'interreg_cross_border', 'horizon_europe', 'life', 'amif', 'esf_plus',
                     'creative_europe', 'digital_europe', 'national', 'national', 'member_funded'])[1 + r1 % 23] as programme,
              (array['vulnerable_groups', 'active_citizenship', 'quality_education', 'e_government', 'digital_skills',
                     'climate_action', 'sustainable_tourism', 'smart_mobility'])[1 + r2 % 8] as first_priority,
              (array['vulnerable_groups', 'active_citizenship', 'quality_education', 'e_government', 'digital_skills',
                     'climate_action', 'sustainable_tourism', 'smart_mobility'])[1 + (r2 / 8) % 8] as second_priority,
              make_date(year, 1 + r2 % 12, 1 + r1 % 28) as day,
              (20000 + (r1 * r2) % 480000)::bigint * 100 as requested,
              20 + (r2 * 7) % 800 as planned
       from src
     )
     insert into projects (id, idea_id, acronym, title, priorities, programme_code, deadline, submitted_on, phase,
                           funding_status, total_budget_cents, grant_requested_cents, grant_awarded_cents,
                           participants_planned, participants_actual, internal, search_text)
     select id, id, 'BENCH' || g, jsonb_build_object('en', 'Bench project ' || g),
            case when r2 % 3 = 0 and first_priority <> second_priority then array[first_priority, second_priority]
                 else array[first_priority] end,
            programme, day + 5, case when status is not null then day end,
            case when status is null then 'formulation' when status <> 'approved' then 'financing'
                 when year < 2023 then 'closure' else 'implementation' end,
            status, requested * 5 / 4, requested,
            case when status = 'approved' then requested * 9 / 10 end,
            planned, case when status = 'approved' and year < 2023 then planned + r3 % 50 end,
            g % 50 = 0, 'bench' || g
     from decided`,
    [sizes.projects],
  );
  await database.query(
    `with orgs as (
       select id, (row_number() over (order by id) - 1)::int as i from organisations
     ), slots as (
       select p.id as project_id, substring(p.acronym from 6)::int as g, k
       from projects p cross join generate_series(0, 7) as k
     )
     insert into project_partners (project_id, kind, organisation_id, name, country, role, budget_share_cents)
     select s.project_id,
            case when k = 0 and g % 10 = 0 then 'network' when k = 7 and g % 3 = 0 then 'external' else 'organisation' end,
            case when (k = 0 and g % 10 = 0) or (k = 7 and g % 3 = 0) then null else o.id end,
            case when k = 7 and g % 3 = 0 then 'Bench outside partner ' || g end,
            case when k = 7 and g % 3 = 0 then (array['FR', 'DE', 'ES', 'PL', 'PT', 'GR', 'HR', 'SI'])[1 + g % 8] end,
            case when k = 0 then 'lead' when k = 6 and g % 4 = 0 then 'associated' else 'partner' end,
            (10000 + (g * k) % 90000)::bigint * 100
     from slots s
     -- Eight distinct organisations per project: k steps of an eighth of them each.
     left join orgs o on o.i = ((s.g::bigint * 7919 + s.k * ($1::int / 8)) % $1::int)`,
    [sizes.organisations],
  );
  await database.query("vacuum analyze");
}

/** Runs the benchmark on a fresh database of the PostgreSQL server at `serverUrl`, with the server built in `buildDir`. */
export async function benchProjects(
  serverUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  buildDir?: string,
): Promise<ProjectsBenchResult> {
  const sizes = {
    organisations: Math.max(8, envInt("BENCH_PROJECT_ORGS", 5_000)),
    projects: envInt("BENCH_PROJECT_COUNT", 50_000),
  };
  const rounds = Math.max(1, envInt("BENCH_PROJECT_ROUNDS", 30));
  const warmup = envInt("BENCH_PROJECT_WARMUP", 3);
  const name = `ponte_bench_projects_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const ownBuild = buildDir === undefined;
  const database = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 5 }, { purpose: "bench" });
  try {
    await migrate(database);
    await database.db.transaction((tx) => seedReference(tx, { places: false }));
    const makeMs = await timeIt(() => makeData(database, sizes));
    const [made] = await database.query<{ o: number; p: number; pp: number }>(
      `select (select count(*) from organisations)::int as o, (select count(*) from projects)::int as p,
              (select count(*) from project_partners)::int as pp`,
    );
    log(
      `projects: ${count(made?.p ?? 0)} projects, ${count(made?.pp ?? 0)} partnerships, ${count(made?.o ?? 0)} organisations made in ${seconds(makeMs)}`,
    );
    const overall = await projectFigures(database.db);
    log(
      `figures: ${count(overall.submitted)} submitted, ${count(overall.approved)} approved, ${count(overall.rejected)} rejected, grant rate ${overall.grantRate}`,
    );

    const plans: ProjectsBenchResult["plans"] = [];
    for (const grouping of TARGETED) {
      const statement = figuresStatement(grouping === "overall" ? undefined : grouping);
      const result = (await database.db.execute(sql`explain (analyze, buffers) ${statement}`)) as unknown as {
        rows: Record<string, string>[];
      };
      plans.push({ grouping, plan: result.rows.map((r) => Object.values(r)[0]).join("\n") });
    }

    const groupings: (FigureDimension | "overall")[] = [
      "overall",
      "year",
      "programme",
      "priority",
      "country",
      "member",
    ];
    const timings: ProjectsBenchTiming[] = groupings.map((grouping) => ({ grouping, groups: 0, service: [], api: [] }));
    if (ownBuild) log("building the server (react-router build)…");
    const build = buildDir ?? buildServer();
    const server = await startServer(build, { DATABASE_URL: url.toString() });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const headers = { accept: "application/json", "accept-language": "en" };
      for (let round = 0; round < warmup + rounds; round++) {
        for (const timing of timings) {
          const { grouping } = timing;
          let fromService: unknown;
          const serviceMs = await timeIt(async () => {
            fromService =
              grouping === "overall"
                ? await projectFigures(database.db)
                : await projectFigureGroups(database.db, grouping, {}, "en");
          });
          const path = grouping === "overall" ? "" : `?groupBy=${grouping}`;
          let body = "";
          const apiMs = await timeIt(async () => {
            const res = await get(agent, `${server.url}/api/v1/stats/projects${path}`, headers);
            if (res.status !== 200) throw new Error(`stats/projects${path} answered ${res.status}: ${res.body}`);
            body = res.body;
            JSON.parse(body);
          });
          if (round === 0) {
            if (body !== JSON.stringify(fromService)) {
              throw new Error(`stats/projects${path}: the API's answer differs from the service's`);
            }
            const groups = (fromService as { groups?: unknown[] }).groups;
            timing.groups = groups ? groups.length : 1;
          }
          if (round >= warmup) {
            timing.service.push(serviceMs);
            timing.api.push(apiMs);
          }
        }
      }
    } finally {
      agent.destroy();
      await server.stop();
      if (ownBuild) fs.rmSync(build, { recursive: true, force: true });
    }
    const result: ProjectsBenchResult = {
      organisations: made?.o ?? 0,
      projects: made?.p ?? 0,
      partnerships: made?.pp ?? 0,
      makeMs,
      rounds,
      warmup,
      overall: {
        submitted: overall.submitted,
        approved: overall.approved,
        rejected: overall.rejected,
        grantRate: overall.grantRate,
      },
      timings,
      plans,
    };
    console.info(`\n${projectsTables(result)}\n`);
    return result;
  } finally {
    await database.close();
    if (process.env.BENCH_KEEP !== "true") {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    } else {
      log(`kept for inspection (BENCH_KEEP=true): ${url.toString()}`);
    }
  }
}

const verdict = (met: boolean) => (met ? "met" : "**missed**");

/** The figures' latencies per grouping, and the targets. */
export function projectsTables(r: ProjectsBenchResult): string {
  const perGrouping = table(
    ["grouping", "groups", "service p50", "service p95", "API p50", "API p95"],
    r.timings.map((t) => [
      t.grouping === "overall" ? "(overall)" : `groupBy=${t.grouping}`,
      count(t.groups),
      ms(percentile(t.service, 50)),
      ms(percentile(t.service, 95)),
      ms(percentile(t.api, 50)),
      ms(percentile(t.api, 95)),
    ]),
  );
  const targets = table(
    ["figure", "target", "measured", "verdict"],
    r.timings
      .filter((t) => TARGETED.includes(t.grouping))
      .flatMap((t) =>
        (["service", "api"] as const).map((via) => {
          const p95 = percentile(t[via], 95);
          return [
            `groupBy=${t.grouping} via ${via === "api" ? "API" : "service"}, p95`,
            `≤ ${PROJECT_FIGURES_TARGET_P95_MS} ms`,
            ms(p95),
            verdict(p95 <= PROJECT_FIGURES_TARGET_P95_MS),
          ];
        }),
      ),
  );
  return `${perGrouping}\n\n${targets}`;
}

/** The section of docs/benchmarks.md. */
export function projectsSection(r: ProjectsBenchResult | undefined): string {
  if (!r)
    return "## The network's figures\n\nNot measured in this run (no PostgreSQL target, or BENCH_PROJECTS=false).";
  const plans = r.plans.map((p) => `#### \`groupBy=${p.grouping}\`\n\n\`\`\`\n${p.plan.trim()}\n\`\`\``).join("\n\n");
  return `## The network's figures (PostgreSQL server)

\`bench/projects.ts\`: a fresh database with ${count(r.organisations)} organisations, ${count(r.projects)} projects
(2007–2027, more in later years, the network's programmes and priorities) and ${count(r.partnerships)}
partnerships (8 per project), made by three SQL statements in ${seconds(r.makeMs)}: ${count(r.overall.submitted)}
submitted, ${count(r.overall.approved)} approved, ${count(r.overall.rejected)} rejected (grant rate ${r.overall.grantRate}).
The figures are timed through the service functions (\`projectFigures\`, \`projectFigureGroups\`, in-process)
and through \`GET /api/v1/stats/projects?groupBy=…\` of the production build (anonymous, one kept-alive
connection), taking turns per grouping, ${r.rounds} rounds after ${r.warmup} warm-up rounds. The API's first
answer of each grouping is checked to equal the service's.

${projectsTables(r)}

### Query plans

${plans}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  setConfig({ ...parseConfig({ ...process.env, LOG_LEVEL: "warn" }) });
  benchProjects().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
