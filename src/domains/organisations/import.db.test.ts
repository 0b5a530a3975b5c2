import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "~/audit/schema";
import { AppError } from "~/errors/app-error";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";
import { csvColumns } from "./contract";
import { exportOrganisations } from "./export";
import { importOrganisations } from "./import";
import { getOrganisation, listOrganisations } from "./service";
import { buildOrganisation, testActors } from "./testing";

let database: TestDatabase;
let http: ReturnType<typeof createTestApp>;
const secretariat = testActors.secretariat();

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  http = createTestApp(database);
});
afterAll(async () => {
  await database?.close();
});

const BOM = "\uFEFF";

/** What a Swedish or Italian spreadsheet program writes: BOM, `;`, CRLF. */
const semicolonFile = `${BOM}name;country;type;official_code;nuts3;inhabitants;employees;website;status;member_since;priorities\r
Comune di Cesena;IT;municipality;040007;ITH58;97 000;850;https://www.comune.cesena.fc.it;member;20/05/2021;climate_action|smart_mobility\r
Lunds kommun;SE;municipality;1281;SE224;124000;;;member;2019-11-15;digital_skills\r
"Associazione ""Ponti"" di Rimini";it;civil_society;;ITH59;;12;;applicant;;\r
`;

async function count(q: string) {
  return (await listOrganisations(database.db, secretariat, { q })).total;
}

describe("CSV import", () => {
  it("reads a BOM + semicolon file: the dry run reports the plan and writes nothing", async () => {
    const progress: number[] = [];
    const report = await importOrganisations(database.db, secretariat, semicolonFile, {
      dryRun: true,
      onProgress: (done) => progress.push(done),
    });
    expect(report).toMatchObject({
      dryRun: true,
      applied: false,
      rows: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      errors: [],
    });
    expect(report.preview).toEqual([
      { row: 2, action: "create", name: "Comune di Cesena" },
      { row: 3, action: "create", name: "Lunds kommun" },
      { row: 4, action: "create", name: 'Associazione "Ponti" di Rimini' },
    ]);
    expect(progress.at(-1)).toBe(3);
    expect(await count("cesena")).toBe(0);
  });

  it("imports all rows, and importing the same file again changes nothing", async () => {
    const first = await importOrganisations(database.db, secretariat, semicolonFile, { dryRun: false });
    expect(first).toMatchObject({ applied: true, created: 3, updated: 0, errors: [] });
    const [cesena] = (await listOrganisations(database.db, secretariat, { q: "cesena", sort: "name" })).items;
    expect(cesena).toMatchObject({
      name: "Comune di Cesena",
      officialCode: "040007",
      nuts2: "ITH5",
      inhabitants: 97_000,
      memberSince: "2021-05-20",
      priorities: ["climate_action", "smart_mobility"],
      publicAuthority: true,
      version: 1,
    });
    const audits = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "organisation.import"));
    expect(audits.map((a) => a.after)).toEqual([{ rows: 3, created: 3, updated: 0, unchanged: 0 }]);

    const again = await importOrganisations(database.db, secretariat, semicolonFile, { dryRun: false });
    expect(again).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 3 });
    expect((await getOrganisation(database.db, secretariat, cesena?.id ?? "")).version).toBe(1);
  });

  it("records a status change made by an import in the organisation's history", async () => {
    const csv = 'name;country;type;status\n"Associazione ""Ponti"" di Rimini";IT;civil_society;member\n';
    const report = await importOrganisations(database.db, secretariat, csv, { dryRun: false });
    expect(report).toMatchObject({ updated: 1, errors: [] });
    const [rimini] = (await listOrganisations(database.db, secretariat, { q: "ponti rimini" })).items;
    expect(rimini).toMatchObject({
      status: "member",
      memberSince: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      version: 2,
    });
    const detail = await getOrganisation(database.db, secretariat, rimini?.id ?? "");
    expect(detail.statusHistory).toEqual([
      expect.objectContaining({ fromStatus: "applicant", toStatus: "member", note: "import" }),
    ]);
  });

  it("updates a matched organisation (by official code, else by name) and only the columns given", async () => {
    await buildOrganisation(database.db, {
      name: "Comune di Ravenna",
      nuts3: "ITH57",
      website: "https://www.comune.ra.it",
      inhabitants: 150_000,
    });
    const file =
      "name,country,type,official_code,inhabitants\nComune di Ravenna,IT,municipality,039014,156444\nComune di Cesena,IT,municipality,040007,97500\n";
    const report = await importOrganisations(database.db, secretariat, file, { dryRun: false });
    expect(report).toMatchObject({ created: 0, updated: 2, errors: [] });
    const [ravenna] = (await listOrganisations(database.db, secretariat, { q: "ravenna" })).items;
    expect(ravenna).toMatchObject({
      officialCode: "039014",
      inhabitants: 156_444,
      website: "https://www.comune.ra.it",
      version: 2,
    });
  });

  it("reports a bad row by line, column and reason in the caller's language, and writes nothing", async () => {
    const file = [
      "name,country,type,status,priorities,inhabitants,nuts3",
      "Comune di Imola,IT,municipality,member,,69000,ITH55",
      "Ville de Nantes,FR,municipality,member,,,",
      "Comune di Faenza,IT,municipio,member,space_travel,many,ITH57",
    ].join("\n");
    const report = await importOrganisations(database.db, secretariat, file, { dryRun: false, language: "it" });
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([
      { row: 3, column: "status", message: "Gli enti di questo paese possono essere partner, non soci." },
      { row: 4, column: "inhabitants", message: "Deve essere un numero intero." },
      { row: 4, column: "type", message: expect.stringContaining("Deve essere uno tra") },
    ]);
    expect(await count("imola")).toBe(0);

    const sv = await importOrganisations(
      database.db,
      secretariat,
      "name,country,type,priorities\nX,IT,private,space_travel\n",
      {
        dryRun: true,
        language: "sv",
      },
    );
    expect(sv.errors).toEqual([{ row: 2, column: "priorities", message: "Okänd prioritering: space_travel." }]);
  });

  it("reports unknown, repeated and missing columns instead of dropping them", async () => {
    const report = await importOrganisations(database.db, secretariat, "name,country,Colour,name\nX,IT,red,Y\n", {
      dryRun: true,
    });
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [1, "Colour"],
      [1, "name"],
      [1, "type"],
    ]);
    expect(report.errors[0]?.message).toContain("Unknown column “Colour”");
    expect(report.errors[2]?.message).toBe("The required column “type” is missing.");
  });

  it("reports the same organisation twice in a file, malformed lines and non-UTF-8 files", async () => {
    const twice = "name,country,type,official_code\nA,IT,private,X1\nB,IT,private,X1\n";
    expect((await importOrganisations(database.db, secretariat, twice, { dryRun: true })).errors).toEqual([
      { row: 3, column: null, message: "The same organisation is already in line 2." },
    ]);
    const broken = 'name,country,type\nA,IT,private\n"B,IT,private\n';
    expect(
      (await importOrganisations(database.db, secretariat, broken, { dryRun: true })).errors[0]?.message,
    ).toContain("could not be read as CSV");
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode("name,country,type\n"),
      0x46,
      0x6f,
      0x72,
      0x6c,
      0xec,
      0x2c,
    ]);
    const report = await importOrganisations(database.db, secretariat, latin1, { dryRun: true });
    expect(report.errors).toEqual([{ row: 2, column: null, message: expect.stringContaining("not UTF-8") }]);
  });

  it("handles a large file in batches, with progress, and matches it again on re-import", async () => {
    const lines = ["name;country;type;official_code;inhabitants;status"];
    for (let i = 1; i <= 2100; i++) lines.push(`Scuola ${i};IT;education;SC${i};${i};partner`);
    const file = lines.join("\n");
    const progress: [number, number, string][] = [];
    const first = await importOrganisations(database.db, secretariat, file, {
      dryRun: false,
      onProgress: (done, total, phase) => progress.push([done, total, phase]),
    });
    expect(first).toMatchObject({ applied: true, rows: 2100, created: 2100, errors: [] });
    expect(progress.at(-1)).toEqual([2100, 2100, "write"]);
    expect(progress.filter(([, , phase]) => phase === "check").map(([done]) => done)).toEqual([1000, 2000, 2100]);
    expect(await count("scuola 2099")).toBe(1);

    const again = await importOrganisations(database.db, secretariat, file.replace("Scuola 7;", "Scuola sette;"), {
      dryRun: true,
    });
    expect(again).toMatchObject({ created: 0, updated: 1, unchanged: 2099 });
  });

  it("is for the secretariat only", async () => {
    await expect(
      importOrganisations(database.db, testActors.board(), semicolonFile, { dryRun: true }),
    ).rejects.toBeInstanceOf(AppError);
  });
});

describe("export", () => {
  it("round-trips: an exported CSV imports back with nothing created or updated", async () => {
    await buildOrganisation(database.db, {
      name: "Göteborgs Stad",
      country: "SE",
      officialCode: "1480",
      nuts3: "SE232",
      priorities: ["digital_skills", "e_government"],
    });
    await buildOrganisation(database.db, {
      name: "Stadt Wien",
      country: "AT",
      type: "municipality",
      status: "partner",
      website: "https://www.wien.gv.at",
    });
    const file = await exportOrganisations(database.db, secretariat, {}, "csv");
    expect([...file.body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(file.body);
    expect(text.split("\r\n")[0]).toBe(csvColumns.join(","));
    expect(file.filename).toMatch(/^organisations-\d{4}-\d{2}-\d{2}\.csv$/);

    const report = await importOrganisations(database.db, secretariat, file.body, { dryRun: false });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ created: 0, updated: 0 });
    expect(report.unchanged).toBe(report.rows);
    expect(report.rows).toBeGreaterThan(5);
  });

  it("exports the filtered list as XLSX with the same columns", async () => {
    const file = await exportOrganisations(database.db, secretariat, { country: "SE" }, "xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      file.body.buffer.slice(file.body.byteOffset, file.body.byteOffset + file.body.byteLength) as ArrayBuffer,
    );
    const sheet = workbook.worksheets[0];
    const rows = sheet?.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]?.slice(1)).toEqual([...csvColumns]);
    const names = rows.slice(1).map((r) => r[1]);
    expect(names.sort()).toEqual(["Göteborgs Stad", "Lunds kommun"]);
    expect(rows.slice(1).find((r) => r[1] === "Lunds kommun")?.[4]).toBe("1281");
  });

  it("is for the secretariat and the Board, over HTTP too", async () => {
    const { headers: board } = await http.actAs("board");
    const res = await http.request("/api/v1/organisations/export?format=csv&country=IT", { headers: board });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="organisations-.*\.csv"/);
    expect(await res.text()).toContain("Comune di Cesena");
    const { headers: partner } = await http.actAs("partner");
    expect((await http.request("/api/v1/organisations/export", { headers: partner })).status).toBe(403);
    expect((await http.request("/api/v1/organisations/export")).status).toBe(401);
  });
});

describe("import over HTTP", () => {
  it("takes text/csv only, dry-runs by default and answers 422 with the report when a real import has problems", async () => {
    const { headers } = await http.actAs("secretariat");
    const wrongType = await http.request("/api/v1/organisations/import", {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: "{}",
    });
    expect(wrongType.status).toBe(415);

    const dry = await http.request("/api/v1/organisations/import", {
      method: "POST",
      headers: { ...headers, "content-type": "text/csv; charset=utf-8" },
      body: "name;country;type\nComune di Carpi;IT;municipality\n",
    });
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ dryRun: true, applied: false, created: 1 });

    const bad = await http.request("/api/v1/organisations/import?dryRun=false", {
      method: "POST",
      headers: { ...headers, "content-type": "text/csv", "accept-language": "sv" },
      body: "name;country;type\nComune di Carpi;IT;municipality\n;IT;municipality\n",
    });
    expect(bad.status).toBe(422);
    const body = await bad.json();
    expect(body).toMatchObject({
      applied: false,
      errors: [{ row: 3, column: "name", message: "Fältet är obligatoriskt." }],
    });
    expect(await count("carpi")).toBe(0);

    const good = await http.request("/api/v1/organisations/import?dryRun=false", {
      method: "POST",
      headers: { ...headers, "content-type": "text/csv" },
      body: `${BOM}name,country,type\nComune di Carpi,IT,municipality\n`,
    });
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ applied: true, created: 1 });
    expect(await count("carpi")).toBe(1);
  });

  it("limits the file size (413)", async () => {
    const { headers } = await http.actAs("secretariat");
    const big = `name,country,type\n${"x".repeat(50 * 1024 * 1024)}`;
    const res = await http.request("/api/v1/organisations/import", {
      method: "POST",
      headers: { ...headers, "content-type": "text/csv" },
      body: big,
    });
    expect(res.status).toBe(413);
  });
});
