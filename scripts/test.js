#!/usr/bin/env node
// `npm test`: the whole suite. Unit tests, then the service and API tests against the embedded
// database and against the PostgreSQL server (DATABASE_URL-style server on 127.0.0.1:5432 unless
// PONTE_TEST_POSTGRES_URL says otherwise), then the browser journeys in Debian's Chromium.
// A missing database server or browser is a failure, never a skip.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const vitest = path.join(root, "node_modules/vitest/vitest.mjs");
const resultsDir = path.join(root, ".test-results");
fs.mkdirSync(resultsDir, { recursive: true });

const runs = [
  { label: "unit", args: ["--project", "unit"], env: {} },
  { label: "db (embedded PGlite)", args: ["--project", "db"], env: { PONTE_TEST_DB: "pglite" } },
  { label: "db (PostgreSQL server)", args: ["--project", "db"], env: { PONTE_TEST_DB: "postgres" } },
  { label: "browser (Chromium)", args: ["--project", "browser"], env: {} },
];
const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const failedRuns = [];
for (const [i, run] of runs.entries()) {
  if (only.length && !only.some((o) => run.label.startsWith(o))) continue;
  console.log(`\n=== ${run.label} ===`);
  const out = path.join(resultsDir, `run-${i}.json`);
  fs.rmSync(out, { force: true });
  const r = spawnSync(
    process.execPath,
    [vitest, "run", ...run.args, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`],
    {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, ...run.env },
    },
  );
  let counted = false;
  if (fs.existsSync(out)) {
    const report = JSON.parse(fs.readFileSync(out, "utf8"));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    counted = report.numTotalTests > 0;
  }
  if (r.status !== 0 || !counted) failedRuns.push(run.label);
}
console.log(`\n${failedRuns.length ? `Failed runs: ${failedRuns.join(", ")}` : "All runs passed."}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedRuns.length || failed ? 1 : 0);
