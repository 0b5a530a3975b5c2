/**
 * The annual invoicing run at network scale, on the PostgreSQL server: a fresh database with
 * BENCH_INVOICE_MEMBERS (default 100,000) member organisations made with SQL, a fee schedule, then
 * `runAnnualInvoicing` with the job queue running (PDFs render in the background). Prints the run's
 * time (target ≤ 60 s), the invoices per second and the PDF job backlog when the run ends and a few
 * seconds later. Run alone with `npx tsx bench/invoicing.ts`; bench/directory.ts may call
 * `benchInvoicing()`. BENCH_POSTGRES_URL picks the server; BENCH_KEEP=true keeps the database.
 */
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { system } from "~/auth/actor";
import { parseConfig, setConfig } from "~/config/env";
import { type Database, openDatabase } from "~/db/client";
import { migrate } from "~/db/migrate";
import { demoFeeRules } from "~/domains/fees/demo";
import { putSchedule } from "~/domains/fees/service";
import { invoicingJobs } from "~/domains/invoicing/jobs";
import { runAnnualInvoicing } from "~/domains/invoicing/run";
import { DELIVER_JOB } from "~/domains/invoicing/service";
import { seedReference } from "~/domains/reference/seed";
import { backlog, startJobs, stopJobs } from "~/jobs/queue";

export type InvoicingBenchResult = {
  members: number;
  created: number;
  seconds: number;
  perSecond: number;
  backlogAtEnd: number;
  renderedAfter10s: number;
};

/** Makes `members` member organisations (Italian and Swedish municipalities) with one statement. */
async function makeMembers(database: Database, members: number): Promise<void> {
  await database.query(
    `insert into organisations (name, country, type, public_authority, inhabitants, status, member_since,
                                search_text, normalized_name, street, postal_code, city, invoice_email)
     select 'Bench member ' || g, case when g % 2 = 0 then 'IT' else 'SE' end, 'municipality', true,
            (g * 7919) % 250000 + 500, 'member', date '2020-01-01',
            'bench member ' || g, 'bench member ' || g, 'Via ' || g, '00100', 'City ' || (g % 500),
            'billing' || g || '@bench.example'
     from generate_series(1, $1::int) as g`,
    [members],
  );
  await database.query("analyze organisations");
}

/** Runs the benchmark on a fresh database of the PostgreSQL server at `serverUrl`. */
export async function benchInvoicing(
  serverUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  members = Number(process.env.BENCH_INVOICE_MEMBERS ?? 100_000),
): Promise<InvoicingBenchResult> {
  const name = `ponte_bench_invoicing_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 5 }, { purpose: "bench" });
  try {
    await migrate(database);
    await database.db.transaction((tx) => seedReference(tx, { places: false }));
    const actor = system("bench");
    const year = new Date().getFullYear() + 1;
    await putSchedule(database.db, actor, year, { example: true, rules: demoFeeRules() });
    const made = Date.now();
    await makeMembers(database, members);
    console.info(
      `invoicing bench: ${members.toLocaleString("en")} members made in ${((Date.now() - made) / 1000).toFixed(1)} s`,
    );
    await startJobs(database, { connectionString: url.toString(), definitions: invoicingJobs, schedule: false });

    const started = performance.now();
    const report = await runAnnualInvoicing(database.db, actor, { year });
    const seconds = (performance.now() - started) / 1000;
    const atEnd = await backlog(database, DELIVER_JOB);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const [rendered] = await database.query<{ n: number }>(
      "select count(*)::int as n from invoices where pdf_file_id is not null",
    );
    const result: InvoicingBenchResult = {
      members,
      created: report.created,
      seconds,
      perSecond: report.created / seconds,
      backlogAtEnd: atEnd.waiting + atEnd.active,
      renderedAfter10s: rendered?.n ?? 0,
    };
    console.info(
      [
        `invoicing run (PostgreSQL): ${result.created.toLocaleString("en")} invoices in ${seconds.toFixed(1)} s ` +
          `(${Math.round(result.perSecond).toLocaleString("en")}/s; target ≤ 60 s: ${seconds <= 60 ? "met" : "MISSED"})`,
        `PDF jobs waiting when the run ended: ${result.backlogAtEnd} (50 invoices each); PDFs rendered 10 s later: ${result.renderedAfter10s}`,
      ].join("\n"),
    );
    return result;
  } finally {
    await stopJobs();
    await database.close();
    if (process.env.BENCH_KEEP !== "true") {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  setConfig({ ...parseConfig({ ...process.env, LOG_LEVEL: "warn" }) });
  benchInvoicing().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
