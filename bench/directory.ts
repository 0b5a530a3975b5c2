/**
 * `npm run bench`: the organisation directory at EU scale, and the annual invoicing run (bench/invoicing.ts).
 *
 * On the PostgreSQL server (a fresh database, dropped afterwards) and on the embedded database
 * (PGlite in a temporary folder), it builds a directory of 100,000 organisations and 300,000
 * contacts and measures:
 *   (a) CSV import throughput: 100,000 rows through the import code (dry run, then for real);
 *   (b) search latency p50/p95 over a fixed set of realistic queries, through the HTTP API of a
 *       real Ponte server (the production build, started as a child process), and the same
 *       queries as plain SQL (the statements the search code runs, replayed on the database),
 *       several rounds after a warm-up, and the API/SQL ratio;
 *   (c) the server's peak memory (VmHWM of the child process).
 * It prints a table and writes docs/benchmarks.md. Never part of the test suite.
 *
 * Sizes are overridable: BENCH_ORGS, BENCH_CONTACTS, BENCH_ROUNDS, BENCH_WARMUP; BENCH_TARGETS
 * (`postgres,pglite`), BENCH_POSTGRES_URL; BENCH_KEEP=true keeps the databases to inspect.
 * docs/benchmarks.md is written only at the default sizes (or with BENCH_WRITE=true).
 *
 * Then, on the PostgreSQL target, the network's figures at CORDIS scale (bench/projects.ts:
 * 50,000 projects, 400,000 partnerships; BENCH_PROJECTS=false skips it). BENCH_ONLY=projects runs
 * that part alone (no directory, no invoicing run, docs/benchmarks.md not written).
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import type { Actor } from "~/auth/actor";
import { system } from "~/auth/actor";
import { parseConfig, setConfig } from "~/config/env";
import { type Database, type Db, openDatabase } from "~/db/client";
import { migrate } from "~/db/migrate";
import * as schema from "~/db/schema";
import { createApiToken, createUser } from "~/domains/accounts/service";
import { importOrganisations } from "~/domains/organisations/import";
import { listOrganisations } from "~/domains/organisations/service";
import { seedReference } from "~/domains/reference/seed";
import { contactsSql, generateOrganisations, type ReferencePlaceRow, toCsv } from "./generate";
import { benchInvoicing, type InvoicingBenchResult } from "./invoicing";
import { benchProjects, type ProjectsBenchResult, projectsSection } from "./projects";
import { type BenchQuery, benchQueries } from "./queries";
import { buildServer, get, repoRoot, startServer } from "./server";
import { count, mib, ms, percentile, perSecond, seconds, table } from "./stats";

const DEFAULTS = { orgs: 100_000, contacts: 300_000, rounds: 10, warmup: 2 };

function envInt(name: string, fallback: number): number {
  const value = process.env[name];
  if (!value) return fallback;
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative integer, not ${value}`);
  return n;
}

const sizes = {
  orgs: envInt("BENCH_ORGS", DEFAULTS.orgs),
  contacts: envInt("BENCH_CONTACTS", DEFAULTS.contacts),
  rounds: Math.max(1, envInt("BENCH_ROUNDS", DEFAULTS.rounds)),
  warmup: envInt("BENCH_WARMUP", DEFAULTS.warmup),
};
const targetKinds = (process.env.BENCH_TARGETS ?? "postgres,pglite")
  .split(",")
  .map((s) => s.trim())
  .filter((s): s is "postgres" | "pglite" => s === "postgres" || s === "pglite");
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const defaultSizes = sizes.orgs === DEFAULTS.orgs && sizes.contacts === DEFAULTS.contacts;
/** Keep the databases afterwards (to inspect query plans); drop/remove them yourself. */
const keep = process.env.BENCH_KEEP === "true";
const writeDocs = process.env.BENCH_WRITE ? process.env.BENCH_WRITE === "true" : defaultSizes;
/** BENCH_ONLY=projects: only the network's figures (bench/projects.ts). */
const onlyProjects = process.env.BENCH_ONLY === "projects";

/** The targets the issue sets, on the PostgreSQL server. */
const TARGETS = { importRowsPerSecond: 10_000, searchP95Ms: 25, apiSqlRatio: 1.5 };

type Statement = { text: string; params: unknown[] };
type QueryTiming = { query: BenchQuery; total: number; sql: number[]; api: number[]; statements: Statement[] };

type Result = {
  kind: "postgres" | "pglite";
  engine: string;
  rows: number;
  contacts: number;
  dryRunMs: number;
  importMs: number;
  /** Reading and checking the rows, matching and planning, batched writes, commit and index upkeep. */
  importPhases: { check: number; plan: number; write: number; finish: number };
  contactsMs: number;
  startMs: number;
  timings: QueryTiming[];
  /** A few generated names, for the report. */
  examples: string[];
  sqlAll: number[];
  apiAll: number[];
  /** `GET /healthz` and an authenticated `GET /api/v1/me`: what any API call costs at least. */
  floors: { healthz: number[]; me: number[] };
  peakMemory: number | null;
  idleMemory: number | null;
  explain: { label: string; plan: string }[];
};

const loadAtStart = os.loadavg()[0] ?? 0;

const log = (message: string) => console.info(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** A Drizzle instance on the same connection that records every statement it sends. */
function recordingDb(database: Database, sink: Statement[]): Db {
  const client = (database.db as unknown as { $client: unknown }).$client;
  const logger = { logQuery: (text: string, params: unknown[]) => void sink.push({ text, params }) };
  if (database.kind === "postgres") return drizzleNodePg(client as pg.Pool, { schema, logger }) as unknown as Db;
  return drizzlePglite(client as PGlite, { schema, logger }) as unknown as Db;
}

/**
 * Replays the statements of one search as the search code runs them: with a search text one
 * after the other (the typo lookup, then the page with its total); without, the page and the
 * count side by side.
 */
async function replay(database: Database, timing: QueryTiming): Promise<void> {
  if (timing.query.params.q) {
    for (const s of timing.statements) await database.query(s.text, s.params);
  } else {
    await Promise.all(timing.statements.map((s) => database.query(s.text, s.params)));
  }
}

/**
 * Whether plain SQL and API take turns (each query's SQL replay right before its API call, round
 * by round), so both are timed under the same conditions: on the PostgreSQL server. The embedded
 * database admits one process, so there the plain SQL is timed before the server starts.
 */
const interleaved = (kind: "postgres" | "pglite") => kind === "postgres";

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

async function runTarget(kind: "postgres" | "pglite", buildDir: string): Promise<Result> {
  const stamp = `${Date.now()}`;
  let cfg: Parameters<typeof openDatabase>[0];
  let serverEnv: Record<string, string>;
  let cleanup: () => Promise<void>;
  if (kind === "postgres") {
    const name = `ponte_bench_${stamp}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    cfg = { kind: "postgres", url: url.toString(), poolSize: 10 };
    serverEnv = { DATABASE_URL: url.toString() };
    cleanup = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    log(`PostgreSQL: database ${name}`);
  } else {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ponte-bench-"));
    const dataDir = path.join(tmp, "data");
    cfg = { kind: "pglite", dataDir };
    serverEnv = { PONTE_DATA_DIR: dataDir };
    cleanup = async () => fs.rmSync(tmp, { recursive: true, force: true });
    log(`embedded database (PGlite): ${dataDir}`);
  }

  try {
    const database = await openDatabase(cfg, { purpose: "benchmark" });
    let engine = "";
    const timings: QueryTiming[] = [];
    let dryRunMs = 0;
    let importMs = 0;
    let importPhases = { check: 0, plan: 0, write: 0, finish: 0 };
    let contactsMs = 0;
    let rows = 0;
    let contacts = 0;
    let token = "";
    const explain: { label: string; plan: string }[] = [];
    const examples: string[] = [];
    try {
      await migrate(database);
      await database.db.transaction(async (tx) => seedReference(tx));
      const version = (await database.query<{ v: string }>("select version() as v"))[0]?.v ?? "";
      engine = version.split(/ on |, compiled/)[0] ?? version;

      const user = await createUser(database.db, system("benchmark"), {
        email: "secretariat@bench.ponte.example",
        name: "Benchmark secretariat",
        role: "secretariat",
      });
      token = await createApiToken(database.db, system("benchmark"), user.id, "benchmark");
      const actor: Actor = { kind: "user", user, via: "token" };

      const places = await database.query<ReferencePlaceRow>(
        "select country_code, official_code, name, kind, nuts3, inhabitants from reference_places",
      );
      const generated = generateOrganisations(places, sizes.orgs);
      const csv = toCsv(generated);
      rows = generated.length;
      for (const country of ["FR", "DE", "PL", "ES", "HU", "CZ"]) {
        const found = generated.find((r) => r.country === country && r.name.length > 14);
        if (found) examples.push(found.name);
      }
      log(`generated ${count(rows)} organisations (${mib(Buffer.byteLength(csv))} of CSV)`);

      let report: Awaited<ReturnType<typeof importOrganisations>> | undefined;
      dryRunMs = await timeIt(async () => {
        report = await importOrganisations(database.db, actor, csv, { dryRun: true });
      });
      if (!report || report.errors.length > 0) {
        throw new Error(`The dry run found problems:\n${JSON.stringify(report?.errors.slice(0, 10), null, 2)}`);
      }
      log(`dry run: ${seconds(dryRunMs)} (${perSecond((rows / dryRunMs) * 1000)})`);
      // Where the import's time goes, from its progress callback: reading and checking the rows,
      // matching and planning, the batched writes, and the rest (commit and index upkeep).
      const marks: { checked?: number; firstWrite?: number; lastWrite?: number } = {};
      const importStart = performance.now();
      importMs = await timeIt(async () => {
        report = await importOrganisations(database.db, actor, csv, {
          dryRun: false,
          onProgress: (done, total, phase) => {
            const now = performance.now();
            if (phase === "check" && done === total) marks.checked = now;
            if (phase === "write") {
              marks.firstWrite ??= now;
              marks.lastWrite = now;
            }
          },
        });
      });
      const importEnd = importStart + importMs;
      importPhases = {
        check: (marks.checked ?? importStart) - importStart,
        plan: (marks.firstWrite ?? marks.checked ?? importStart) - (marks.checked ?? importStart),
        write: (marks.lastWrite ?? importEnd) - (marks.firstWrite ?? importEnd),
        finish: importEnd - (marks.lastWrite ?? importEnd),
      };
      if (!report?.applied || report.created !== rows) {
        throw new Error(`The import did not create every row: ${JSON.stringify({ ...report, preview: undefined })}`);
      }
      log(`import: ${seconds(importMs)} (${perSecond((rows / importMs) * 1000)})`);

      const perOrganisation = Math.max(1, Math.ceil(sizes.contacts / rows));
      contactsMs = await timeIt(() =>
        database.query(`${contactsSql(perOrganisation)} LIMIT ${Math.max(0, sizes.contacts)}`),
      );
      contacts = (await database.query<{ n: number }>("select count(*)::int as n from contacts"))[0]?.n ?? 0;
      log(`contacts: ${count(contacts)} in ${seconds(contactsMs)}`);
      await database.query("VACUUM ANALYZE");

      // The statements the search code sends for each query (and the answer's total, to compare).
      for (const query of benchQueries) {
        const statements: Statement[] = [];
        const result = await listOrganisations(recordingDb(database, statements), actor, query.params);
        timings.push({ query, total: result.total, sql: [], api: [], statements });
      }
      // The embedded database admits one process: its plain SQL is timed here, before the server
      // opens it. On the PostgreSQL server, plain SQL and API take turns below (see interleaved).
      if (!interleaved(kind)) {
        for (let round = 0; round < sizes.warmup + sizes.rounds; round++) {
          for (const timing of timings) {
            const elapsed = await timeIt(() => replay(database, timing));
            if (round >= sizes.warmup) timing.sql.push(elapsed);
          }
        }
      }

      // Where the time goes in the slowest queries.
      const slowest = [...timings].sort((a, b) => percentile(b.sql, 95) - percentile(a.sql, 95)).slice(0, 2);
      for (const t of slowest) {
        // The query's most expensive statement (the typo lookup before it takes well under a millisecond).
        let worst = { label: t.query.label, plan: "", ms: -1 };
        for (const s of t.statements) {
          const rows = await database.query<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${s.text}`, s.params);
          const plan = rows.map((r) => Object.values(r)[0]).join("\n");
          const executed = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? 0);
          if (executed > worst.ms) worst = { label: t.query.label, plan, ms: executed };
        }
        explain.push({ label: worst.label, plan: worst.plan });
      }
    } catch (error) {
      if (interleaved(kind)) await database.close();
      throw error;
    } finally {
      if (!interleaved(kind)) await database.close();
    }

    // The real server, on the database just built (PGlite: only now, after this process closed it).
    // On the PostgreSQL server this process keeps its connection, to replay the plain SQL.
    const startedAt = performance.now();
    const server = await startServer(buildDir, serverEnv).catch(async (error: unknown) => {
      if (interleaved(kind)) await database.close();
      throw error;
    });
    const startMs = performance.now() - startedAt;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const floors = { healthz: [] as number[], me: [] as number[] };
    let peakMemory: number | null = null;
    let idleMemory: number | null = null;
    try {
      idleMemory = server.residentMemory();
      const headers = { authorization: `Bearer ${token}`, accept: "application/json" };
      for (let round = 0; round < sizes.warmup + sizes.rounds; round++) {
        for (const timing of timings) {
          if (interleaved(kind)) {
            const elapsed = await timeIt(() => replay(database, timing));
            if (round >= sizes.warmup) timing.sql.push(elapsed);
          }
          const url = `${server.url}/api/v1/organisations?${new URLSearchParams(timing.query.params)}`;
          let total = -1;
          const elapsed = await timeIt(async () => {
            const res = await get(agent, url, headers);
            if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${res.body}`);
            total = (JSON.parse(res.body) as { total: number }).total;
          });
          if (total !== timing.total) {
            throw new Error(`${timing.query.label}: the API found ${total}, the search code ${timing.total}`);
          }
          if (round >= sizes.warmup) timing.api.push(elapsed);
        }
      }
      // The floor under every API figure: an unauthenticated ping, and an authenticated call
      // that reads nothing but the caller (bearer token lookup included).
      for (const [key, pathname, auth] of [
        ["healthz", "/healthz", false],
        ["me", "/api/v1/me", true],
      ] as const) {
        for (let i = 0; i < (sizes.warmup + sizes.rounds) * 10; i++) {
          const elapsed = await timeIt(() => get(agent, `${server.url}${pathname}`, auth ? headers : {}));
          if (i >= sizes.warmup * 10) floors[key].push(elapsed);
        }
      }
      peakMemory = server.peakMemory();
      log(
        `API: p50 ${ms(
          percentile(
            timings.flatMap((t) => t.api),
            50,
          ),
        )}; server peak memory ${mib(peakMemory)}`,
      );
    } finally {
      agent.destroy();
      await server.stop();
      if (interleaved(kind)) await database.close();
    }
    return {
      kind,
      engine,
      rows,
      contacts,
      dryRunMs,
      importMs,
      importPhases,
      contactsMs,
      startMs,
      timings,
      examples,
      sqlAll: timings.flatMap((t) => t.sql),
      apiAll: timings.flatMap((t) => t.api),
      floors,
      peakMemory,
      idleMemory,
      explain,
    };
  } finally {
    if (keep) log(`kept for inspection (BENCH_KEEP=true): ${JSON.stringify(serverEnv)}`);
    else await cleanup();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const verdict = (met: boolean) => (met ? "met" : "**missed**");

function figures(results: Result[]) {
  const header = ["figure", ...results.map((r) => (r.kind === "postgres" ? "PostgreSQL server" : "embedded (PGlite)"))];
  const pgResult = results.find((r) => r.kind === "postgres");
  const p = (r: Result, q: number, which: "sqlAll" | "apiAll") => percentile(r[which], q);
  const rows: string[][] = [
    ["organisations / contacts", ...results.map((r) => `${count(r.rows)} / ${count(r.contacts)}`)],
    ["CSV import, dry run", ...results.map((r) => perSecond((r.rows / r.dryRunMs) * 1000))],
    ["CSV import", ...results.map((r) => `${perSecond((r.rows / r.importMs) * 1000)} (${seconds(r.importMs)})`)],
    [
      "import: check / plan / write / commit + index upkeep",
      ...results.map((r) =>
        [r.importPhases.check, r.importPhases.plan, r.importPhases.write, r.importPhases.finish]
          .map(seconds)
          .join(" / "),
      ),
    ],
    ["search via API, p50", ...results.map((r) => ms(p(r, 50, "apiAll")))],
    ["search via API, p95", ...results.map((r) => ms(p(r, 95, "apiAll")))],
    ["search as plain SQL, p50", ...results.map((r) => ms(p(r, 50, "sqlAll")))],
    ["search as plain SQL, p95", ...results.map((r) => ms(p(r, 95, "sqlAll")))],
    ["API/SQL, p50", ...results.map((r) => (p(r, 50, "apiAll") / p(r, 50, "sqlAll")).toFixed(2))],
    ["API/SQL, p95", ...results.map((r) => (p(r, 95, "apiAll") / p(r, 95, "sqlAll")).toFixed(2))],
    ["API floor: GET /healthz, p50", ...results.map((r) => ms(percentile(r.floors.healthz, 50)))],
    ["API floor: GET /api/v1/me with token, p50", ...results.map((r) => ms(percentile(r.floors.me, 50)))],
    ["server peak memory (VmHWM)", ...results.map((r) => mib(r.peakMemory))],
    ["server memory after start (VmRSS)", ...results.map((r) => mib(r.idleMemory))],
    ["server start until /readyz", ...results.map((r) => seconds(r.startMs))],
  ];
  const targets: string[][] = [];
  if (pgResult) {
    const importRate = (pgResult.rows / pgResult.importMs) * 1000;
    const p95 = p(pgResult, 95, "apiAll");
    const ratio = p95 / p(pgResult, 95, "sqlAll");
    targets.push(
      [
        "CSV import",
        `≥ ${count(TARGETS.importRowsPerSecond)} rows/s`,
        perSecond(importRate),
        verdict(importRate >= TARGETS.importRowsPerSecond),
      ],
      ["search via API, p95", `≤ ${TARGETS.searchP95Ms} ms`, ms(p95), verdict(p95 <= TARGETS.searchP95Ms)],
      ["API/SQL (p95 over p95)", `≤ ${TARGETS.apiSqlRatio}`, ratio.toFixed(2), verdict(ratio <= TARGETS.apiSqlRatio)],
    );
  }
  return { header, rows, targets };
}

function perQuery(results: Result[]): string {
  const header = [
    "query",
    "matches",
    ...results.flatMap((r) => {
      const name = r.kind === "postgres" ? "PostgreSQL" : "PGlite";
      return [`${name} SQL p50`, `${name} API p50`, `${name} API p95`];
    }),
  ];
  const first = results[0];
  if (!first) return "";
  const rows = first.timings.map((t, i) => [
    `\`${t.query.label}\``,
    count(t.total),
    ...results.flatMap((r) => {
      const timing = r.timings[i];
      return timing
        ? [ms(percentile(timing.sql, 50)), ms(percentile(timing.api, 50)), ms(percentile(timing.api, 95))]
        : ["–", "–", "–"];
    }),
  ]);
  return table(header, rows);
}

function machine() {
  const pglite = JSON.parse(
    fs.readFileSync(path.join(repoRoot, "node_modules/@electric-sql/pglite/package.json"), "utf8"),
  ) as { version: string };
  return {
    cpus: os.availableParallelism(),
    model: os.cpus()[0]?.model ?? "unknown CPU",
    memory: `${Math.round(os.totalmem() / 1024 / 1024 / 1024)} GiB`,
    node: process.version,
    pglite: pglite.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

function markdown(
  results: Result[],
  totalMs: number,
  invoicing?: InvoicingBenchResult,
  projects?: ProjectsBenchResult,
): string {
  const examples = results[0]?.examples ?? [];
  const m = machine();
  const f = figures(results);
  const date = new Date().toISOString().slice(0, 10);
  const engines = results.map((r) =>
    r.kind === "postgres"
      ? `PostgreSQL server: ${r.engine}`
      : `embedded: ${r.engine.includes("PGlite") ? r.engine : `PGlite ${m.pglite} (${r.engine})`}`,
  );
  const explain = results
    .flatMap((r) =>
      r.explain.map(
        (e) =>
          `#### ${r.kind === "postgres" ? "PostgreSQL" : "PGlite"}: \`${e.label}\`\n\n\`\`\`\n${e.plan.trim()}\n\`\`\``,
      ),
    )
    .join("\n\n");
  return `# Benchmarks

Figures from \`npm run bench\` (\`bench/directory.ts\`), written by the benchmark itself. They are
measurements on one machine, not assertions: no test fails on them.

- Date: ${date}
- Machine: ${m.cpus} CPUs (${m.model}), ${m.memory} memory, ${m.platform}
- Node ${m.node}; ${engines.join("; ")}
- Sizes: ${count(sizes.orgs)} organisations, ${count(sizes.contacts)} contacts; ${benchQueries.length} queries × ${sizes.rounds} rounds after ${sizes.warmup} warm-up rounds
- Whole run: ${seconds(totalMs)}; load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0]?.toFixed(1)} at the end${loadAtStart > m.cpus ? " (the machine was busy with other work: latencies are inflated)" : ""}

## The directory at EU scale

The EU has about 98,000 local administrative units. The benchmark's directory holds every Italian
comune, province and region and every Swedish kommun and län from the reference places (≈ 8,350,
real names, codes, NUTS and inhabitants), and generated units for the other 25 EU countries in
proportion to their real numbers of LAUs, with each language's accents and name shapes
(${examples.map((e) => `\`${e}\``).join(", ")}, …), ${count(Math.round(sizes.contacts / Math.max(1, sizes.orgs)))} contact
people each. The organisations arrive through the CSV import (the \`;\`-separated UTF-8 file with
BOM that Italian spreadsheet programs write); the contacts are written by one SQL statement, as
they are not what is measured.

## Results

${table(f.header, f.rows)}

### Targets (PostgreSQL server)

${f.targets.length ? table(["figure", "target", "measured", "verdict"], f.targets) : "Not measured in this run (no PostgreSQL target)."}

${invoicingSection(invoicing)}

${projectsSection(projects)}

## How it is measured

- **Import**: \`importOrganisations\` (the code behind \`POST /api/v1/organisations/import\` and the
  import page) on the whole file in-process: first a dry run, then for real (all or nothing, one
  transaction). Rows per second = rows / wall time, including parsing and validation.
- **Search via API**: \`GET /api/v1/organisations?q=…\` with a secretariat's bearer token, against
  the production build (\`react-router build\`) started as a child process on a free port, on the
  database just built; one request at a time from the benchmark process on the same machine over
  one kept-alive connection (node:http), wall time until the JSON body is parsed. Every answer's
  \`total\` is checked against the search code's. The API floor is the same client timing
  \`GET /healthz\` (no database) and \`GET /api/v1/me\` with the token (authentication only).
- **Search as plain SQL**: the statements the search code sends for each query (recorded once
  through Drizzle's logger while running \`listOrganisations\`: the typo lookup, then the page with
  its total; without a search text, the page and the count), replayed as raw SQL with the same
  parameters on the same database, in the same order. On the PostgreSQL server the two take
  turns: in every round, each query's plain SQL runs right before its API call, so both are
  timed under the same conditions (an earlier version timed all plain SQL first and the API a
  minute later, and on this shared virtual machine the drift between the two phases was as large
  as the difference measured).
- Latencies: every query × round after the warm-up rounds; p50/p95 by nearest rank. The ratio
  divides the API's percentile by the SQL's.
- **Memory**: the server process's VmHWM (peak resident set) from \`/proc/<pid>/status\` after the
  last round; VmRSS right after it answered \`/readyz\`.
- On the embedded database only one process may open the data folder: the benchmark builds the
  directory and times the SQL with the folder open, closes it, then starts the server on it (so
  there the two are not interleaved).

## Per query

${perQuery(results)}

## Query plans of the slowest queries

${explain || "(none)"}
`;
}

/** The invoicing target of the membership issue: an annual run for 100,000 members in ≤ 60 s. */
const INVOICING_TARGET_SECONDS = 60;

function invoicingSection(r: InvoicingBenchResult | undefined): string {
  if (!r)
    return "## Annual invoicing run\n\nNot measured in this run (no PostgreSQL target, or BENCH_INVOICING=false).";
  return `## Annual invoicing run (PostgreSQL server)

\`bench/invoicing.ts\`: a fresh database with ${count(r.members)} member organisations (made with one SQL
statement), the demo fee schedule, then \`runAnnualInvoicing\` — the code behind
\`POST /api/v1/invoicing-runs\` — with the job queue running, so invoice PDFs render in the
background while the run goes on.

${table(
  ["figure", "measured", "target", "verdict"],
  [
    ["invoices created", count(r.created), count(r.members), verdict(r.created === r.members)],
    [
      "run time",
      `${r.seconds.toFixed(1)} s (${count(Math.round(r.perSecond))}/s)`,
      `≤ ${INVOICING_TARGET_SECONDS} s`,
      verdict(r.seconds <= INVOICING_TARGET_SECONDS),
    ],
    ["PDF jobs waiting when the run ended (50 invoices each)", count(r.backlogAtEnd), "", ""],
    ["PDFs rendered 10 s after the run", count(r.renderedAfter10s), "", ""],
  ],
)}`;
}

async function main() {
  // The benchmark process itself logs only warnings (the server child has its own LOG_LEVEL).
  setConfig({ ...parseConfig({ ...process.env, LOG_LEVEL: "warn" }) });
  const started = performance.now();
  log(
    `sizes: ${count(sizes.orgs)} organisations, ${count(sizes.contacts)} contacts; targets: ${targetKinds.join(", ")}`,
  );
  log("building the server (react-router build)…");
  const buildDir = buildServer();
  const results: Result[] = [];
  if (!onlyProjects) for (const kind of targetKinds) results.push(await runTarget(kind, buildDir));
  let projects: ProjectsBenchResult | undefined;
  if (targetKinds.includes("postgres") && process.env.BENCH_PROJECTS !== "false") {
    log("the network's figures on the PostgreSQL server…");
    projects = await benchProjects(postgresUrl, buildDir);
  }
  fs.rmSync(buildDir, { recursive: true, force: true });
  if (onlyProjects) {
    log(`done in ${seconds(performance.now() - started)} (BENCH_ONLY=projects: docs/benchmarks.md not written)`);
    return;
  }
  let invoicing: InvoicingBenchResult | undefined;
  if (targetKinds.includes("postgres") && process.env.BENCH_INVOICING !== "false") {
    log("annual invoicing run on the PostgreSQL server…");
    invoicing = await benchInvoicing(postgresUrl);
  }
  const totalMs = performance.now() - started;

  const f = figures(results);
  console.info(`\n${table(f.header, f.rows)}\n`);
  if (f.targets.length) console.info(`${table(["target (PostgreSQL)", "target", "measured", "verdict"], f.targets)}\n`);
  console.info(`${perQuery(results)}\n`);
  if (writeDocs) {
    const file = path.join(repoRoot, "docs", "benchmarks.md");
    fs.writeFileSync(file, markdown(results, totalMs, invoicing, projects));
    log(`wrote ${path.relative(repoRoot, file)}`);
  } else {
    log("docs/benchmarks.md not written (sizes differ from the defaults; BENCH_WRITE=true writes it anyway)");
  }
  log(`done in ${seconds(totalMs)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
