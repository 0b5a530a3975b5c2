import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { system } from "~/auth/actor";
import { createUser } from "~/domains/accounts/service";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";
import { ImportStreamLine } from "./import-stream";
import { listOrganisations } from "./service";
import { testActors } from "./testing";

/** Two databases: the same import is made through the JSON answer in one and the stream in the other. */
let database: TestDatabase;
let twin: TestDatabase;
let http: ReturnType<typeof createTestApp>;
let twinHttp: ReturnType<typeof createTestApp>;
let secretariat: Record<string, string>;
let twinSecretariat: Record<string, string>;

beforeAll(async () => {
  [database, twin] = await Promise.all([createTestDatabase({ places: false }), createTestDatabase({ places: false })]);
  http = createTestApp(database);
  twinHttp = createTestApp(twin);
  secretariat = (await http.actAs("secretariat")).headers;
  twinSecretariat = (await twinHttp.actAs("secretariat")).headers;
});
afterAll(async () => {
  await Promise.all([database?.close(), twin?.close()]);
});

/** A file of `rows` schools, each with its own name and official code (`code` + number). */
function schools(rows: number, prefix: string, code: string): string {
  const lines = ["name;country;type;official_code;inhabitants;status"];
  for (let i = 1; i <= rows; i++) lines.push(`${prefix} ${i};IT;education;${code}${i};${i};partner`);
  return lines.join("\n");
}

const NDJSON = "application/x-ndjson";

function importRequest(client: ReturnType<typeof createTestApp>, headers: Record<string, string>) {
  return (file: string, dryRun: boolean, extra: Record<string, string> = {}) =>
    client.request(`/api/v1/organisations/import?dryRun=${dryRun}`, {
      method: "POST",
      headers: { ...headers, "content-type": "text/csv", ...extra },
      body: file,
    });
}

/** Every line of a streamed answer, each checked against the documented line schema. */
async function streamed(res: Response): Promise<ImportStreamLine[]> {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
  const text = await res.text();
  expect(text.endsWith("\n")).toBe(true);
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => ImportStreamLine.parse(JSON.parse(line)));
}

/** The progress counts of one phase, checked: they never go back and end at the total. */
function phase(lines: ImportStreamLine[], name: "check" | "write", total: number): number[] {
  const dones = lines.flatMap((l) => (l.type === "progress" && l.phase === name ? [l.done] : []));
  const totals = new Set(lines.flatMap((l) => (l.type === "progress" && l.phase === name ? [l.total] : [])));
  expect(dones.length).toBeGreaterThan(0);
  expect(dones).toEqual([...dones].sort((a, b) => a - b));
  expect(dones.at(-1)).toBe(total);
  expect([...totals]).toEqual([total]);
  return dones;
}

async function count(db: TestDatabase, q: string) {
  return (await listOrganisations(db.db, testActors.secretariat(), { q })).total;
}

describe("import with progress (NDJSON)", () => {
  it("streams the check and then the writing, and ends with the report the JSON answer gives", async () => {
    const file = schools(3200, "Scuola streamata", "STR");
    const post = importRequest(http, secretariat);

    // Dry run: the same report as JSON, after the check's progress; nothing is written.
    const dryJson = await post(file, true);
    expect(dryJson.status).toBe(200);
    const dryReport = await dryJson.json();
    const dry = await streamed(await post(file, true, { accept: NDJSON }));
    phase(dry, "check", 3200);
    expect(dry.filter((l) => l.type === "progress" && l.phase === "write")).toEqual([]);
    expect(dry.slice(0, -1).every((l) => l.type === "progress")).toBe(true);
    expect(dry.at(-1)).toEqual({ type: "report", status: 200, report: dryReport });
    expect(dryReport).toMatchObject({ dryRun: true, applied: false, rows: 3200, created: 3200, errors: [] });
    expect(await count(database, "scuola streamata 3199")).toBe(0);

    // The real import: the check, then the writing; its report is the one the JSON answer gives
    // for the same file on the same directory (the twin database).
    const realJson = await importRequest(twinHttp, twinSecretariat)(file, false);
    expect(realJson.status).toBe(200);
    const real = await streamed(await post(file, false, { accept: `${NDJSON}, application/json;q=0.5` }));
    phase(real, "check", 3200);
    phase(real, "write", 3200);
    const lastCheck = real.findLastIndex((l) => l.type === "progress" && l.phase === "check");
    const firstWrite = real.findIndex((l) => l.type === "progress" && l.phase === "write");
    expect(lastCheck).toBeLessThan(firstWrite);
    expect(real.filter((l) => l.type !== "progress")).toHaveLength(1);
    expect(real.at(-1)).toEqual({ type: "report", status: 200, report: await realJson.json() });
    expect(real.at(-1)).toMatchObject({ report: { applied: true, created: 3200 } });
    expect(await count(database, "scuola streamata 3199")).toBe(1);
  });

  it("ends with a 422 report and writes nothing when a row of a real import has a problem", async () => {
    const rows = schools(2500, "Scuola sbagliata", "SBA").split("\n");
    rows[1800] = "Scuola sbagliata 1800;IT;education;SBA1800;many;partner";
    const lines = await streamed(
      await importRequest(http, secretariat)(rows.join("\n"), false, { accept: NDJSON, "accept-language": "it" }),
    );
    phase(lines, "check", 2500);
    expect(lines.filter((l) => l.type === "progress" && l.phase === "write")).toEqual([]);
    expect(lines.at(-1)).toMatchObject({
      type: "report",
      status: 422,
      report: { dryRun: false, applied: false, errors: [{ row: 1801, column: "inhabitants" }] },
    });
    expect(await count(database, "scuola sbagliata")).toBe(0);
  });

  it("answers problems found before the work starts as JSON errors with their status", async () => {
    const wrongType = await http.request("/api/v1/organisations/import", {
      method: "POST",
      headers: { ...secretariat, "content-type": "application/json", accept: NDJSON },
      body: "{}",
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await wrongType.json()).error.code).toBe("unsupported_media_type");

    const { headers: board } = await http.actAs("board");
    const refused = await importRequest(http, board)(schools(3, "Scuola vietata", "VIE"), true, { accept: NDJSON });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe("forbidden");

    const anonymous = await http.request("/api/v1/organisations/import", {
      method: "POST",
      headers: { "content-type": "text/csv", accept: NDJSON, cookie: "ponte_csrf=t1", "x-csrf-token": "t1" },
      body: schools(3, "Scuola anonima", "ANO"),
    });
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe("unauthenticated");
  });

  it("is documented as a second kind of answer in the OpenAPI document", async () => {
    const doc = await (await http.request("/api/v1/openapi.json")).json();
    const answer = doc.paths["/organisations/import"].post.responses["200"].content;
    expect(Object.keys(answer)).toEqual(["application/json", NDJSON]);
    expect(answer[NDJSON].schema).toEqual({ $ref: "#/components/schemas/ImportStreamLine" });
    expect(doc.components.schemas.ImportStreamLine.discriminator.propertyName).toBe("type");
  });

  it("takes the page's session: cookie plus CSRF header, and refuses it without the header", async () => {
    const login = await http.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: "ponte_csrf=c1", "x-csrf-token": "c1" },
      body: JSON.stringify(await secretariatLogin()),
    });
    expect(login.status).toBe(200);
    const session = /ponte_session=([^;]+)/.exec(login.headers.get("set-cookie") ?? "")?.[1];
    expect(session).toBeTruthy();
    const cookie = `ponte_session=${session}; ponte_csrf=c1`;
    const file = schools(3, "Scuola di sessione", "SES");

    const withHeader = await http.request("/api/v1/organisations/import?dryRun=true", {
      method: "POST",
      headers: { cookie, "x-csrf-token": "c1", "content-type": "text/csv", accept: NDJSON },
      body: file,
    });
    expect((await streamed(withHeader)).at(-1)).toMatchObject({ type: "report", report: { created: 3 } });

    const withoutHeader = await http.request("/api/v1/organisations/import?dryRun=true", {
      method: "POST",
      headers: { cookie, "content-type": "text/csv", accept: NDJSON },
      body: file,
    });
    expect(withoutHeader.status).toBe(403);
  });
});

/** A secretariat account with a password, to sign in as the page does. */
async function secretariatLogin(): Promise<{ email: string; password: string }> {
  const email = `stream-${Date.now()}@test.example`;
  const password = "correct horse battery staple";
  await createUser(database.db, system("test"), { email, name: "Stream", role: "secretariat", password });
  return { email, password };
}
