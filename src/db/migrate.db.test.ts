import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { defaultMigrationsFolder, migrate } from "./migrate";

let database: TestDatabase;
let folder: string;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  // A copy of the real migrations plus one that creates a table and then fails.
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "ponte-migrations-"));
  fs.cpSync(defaultMigrationsFolder(), folder, { recursive: true });
  const journalFile = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8"));
  const last = journal.entries[journal.entries.length - 1];
  const tag = `${String(journal.entries.length).padStart(4, "0")}_broken`;
  journal.entries.push({ ...last, idx: journal.entries.length, when: last.when + 1000, tag });
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  fs.writeFileSync(
    path.join(folder, `${tag}.sql`),
    "CREATE TABLE half_done (id int);\n--> statement-breakpoint\nALTER TABLE organisations ADD COLUMN oops int;\n--> statement-breakpoint\nSELECT 1/0;",
  );
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

const applied = async () =>
  (await database.query<{ n: number }>("select count(*)::int as n from public.__ponte_migrations"))[0]?.n;

describe("migrations", () => {
  it("are applied once; running them again changes nothing", async () => {
    const before = await applied();
    await migrate(database);
    expect(await applied()).toBe(before);
  });

  it("a failing migration leaves the database exactly as it was", async () => {
    const before = await applied();
    await expect(migrate(database, folder)).rejects.toThrow();
    expect(await applied()).toBe(before);
    const tables = await database.query("select 1 from information_schema.tables where table_name = 'half_done'");
    expect(tables).toHaveLength(0);
    const columns = await database.query(
      "select 1 from information_schema.columns where table_name = 'organisations' and column_name = 'oops'",
    );
    expect(columns).toHaveLength(0);
  });
});
