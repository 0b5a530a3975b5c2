import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { importOrganisations } from "./import";
import { listOrganisations } from "./service";
import { testActors } from "./testing";

/**
 * A bulk load (an import that creates at least 10,000 organisations and at least as many as the
 * directory holds) writes without the secondary indexes and rebuilds them in its transaction.
 */
let database: TestDatabase;
const secretariat = testActors.secretariat();

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
});
afterAll(async () => {
  await database?.close();
});

const ROWS = 12_000;

function bulkFile(prefix: string, extra: string[] = []): string {
  const lines = ["name,country,type,official_code,inhabitants"];
  for (let i = 1; i <= ROWS; i++) lines.push(`${prefix} ${i},SE,civil_society,${prefix.slice(0, 3)}${i},${i * 10}`);
  return [...lines, ...extra].join("\n");
}

async function indexDefinitions(): Promise<string[]> {
  const rows = await database.query<{ indexdef: string }>(
    "select indexdef from pg_indexes where tablename = 'organisations' order by indexname",
  );
  return rows.map((r) => r.indexdef);
}

async function organisationCount(): Promise<number> {
  const [row] = await database.query<{ n: number }>("select count(*)::int as n from organisations");
  return row?.n ?? -1;
}

describe("a bulk import", () => {
  it("creates every row and leaves the indexes exactly as the migrations made them", async () => {
    const before = await indexDefinitions();
    expect(before.some((d) => d.includes("to_tsvector"))).toBe(true);
    const report = await importOrganisations(database.db, secretariat, bulkFile("Förening"), { dryRun: false });
    expect(report).toMatchObject({ applied: true, created: ROWS, errors: [] });
    expect(await indexDefinitions()).toEqual(before);
    expect(await organisationCount()).toBe(ROWS);
    const found = await listOrganisations(database.db, secretariat, { q: "forening 11999" });
    expect(found.items[0]?.name).toBe("Förening 11999");
  });

  it("that fails while writing changes nothing, indexes included", async () => {
    // The directory is emptied so the next import is a bulk load again, then a trigger makes the
    // database refuse one row in the middle of the write.
    await database.query("delete from organisations");
    await database.query(`create function refuse_row() returns trigger language plpgsql as $$
      begin if new.name = 'Refused 6000' then raise exception 'refused for the test'; end if; return new; end $$`);
    await database.query(
      "create trigger refuse_row before insert on organisations for each row execute function refuse_row()",
    );
    const before = await indexDefinitions();
    try {
      await expect(
        importOrganisations(database.db, secretariat, bulkFile("Refused"), { dryRun: false }),
      ).rejects.toThrow();
      expect(await organisationCount()).toBe(0);
      expect(await indexDefinitions()).toEqual(before);
    } finally {
      await database.query("drop trigger refuse_row on organisations");
      await database.query("drop function refuse_row()");
    }
  });
});
