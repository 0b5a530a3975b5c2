import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "~/audit/schema";
import { system } from "~/auth/actor";
import { AppError } from "~/errors/app-error";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";
import { demoFeeRules, loadFeesDemo } from "./demo";
import { feeFor, getSchedule, listYears, putSchedule, quoteFor } from "./service";

let database: TestDatabase;
let http: ReturnType<typeof createTestApp>;
let secretariat: Record<string, string>;
let board: Record<string, string>;

const year = new Date().getFullYear();

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  http = createTestApp(database);
  secretariat = (await http.actAs("secretariat")).headers;
  board = (await http.actAs("board")).headers;
});
afterAll(async () => {
  await database?.close();
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

function put(path: string, body: unknown, headers: Record<string, string>, ifMatch?: string) {
  return http.request(path, {
    method: "PUT",
    headers: { ...headers, "content-type": "application/json", ...(ifMatch ? { "if-match": ifMatch } : {}) },
    body: JSON.stringify(body),
  });
}

describe("the demo schedule", () => {
  it("loads this year and the next, as examples, and loading it again changes nothing", async () => {
    expect(await loadFeesDemo(database.db)).toEqual([year, year + 1]);
    expect(await loadFeesDemo(database.db)).toEqual([]);
    const years = await listYears(database.db);
    expect(years.map((y) => [y.year, y.example, y.rules, y.version])).toEqual([
      [year + 1, true, 4, 1],
      [year, true, 4, 1],
    ]);
    const next = await getSchedule(database.db, year + 1);
    expect(next.rules[0]?.bands[0]?.amountCents).toBe(30_900);
  });
});

describe("fee for an organisation (invoicing's entry)", () => {
  it("quotes from the year's schedule, 404 for a year without, 422 naming the missing figure", async () => {
    const fee = await feeFor(database.db, year, {
      country: "SE",
      type: "municipality",
      inhabitants: 20_001,
      employees: null,
      budgetCents: null,
    });
    expect(fee).toMatchObject({ amountCents: 150_000, currency: "EUR", rule: { code: "municipality" } });
    expect(fee.rule.details.sv).toBe("Kommun, 20\u00a0001–50\u00a0000 invånare");

    const none = await rejection(
      feeFor(database.db, 1999 + 1, {
        country: "IT",
        type: "region",
        inhabitants: 1,
        employees: null,
        budgetCents: null,
      }),
    );
    expect(none.code).toBe("not_found");
    const missing = await rejection(
      feeFor(database.db, year, {
        country: "IT",
        type: "region",
        inhabitants: null,
        employees: null,
        budgetCents: null,
      }),
    );
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.fields)).toEqual(["inhabitants"]);
  });

  it("the calculator uses this year's schedule unless asked, else the latest", async () => {
    const answer = await quoteFor(database.db, { country: "IT", type: "education", employees: "60", budget: "" });
    expect(answer).toMatchObject({ year, example: true, amountCents: 80_000, rule: { basis: "employees" } });
    const later = await quoteFor(database.db, { country: "IT", type: "province" }, new Date("2090-06-01"));
    expect(later.year).toBe(year + 1);
  });
});

describe("saving a schedule", () => {
  it("only the secretariat may, audited with before and after, versioned", async () => {
    const rules = demoFeeRules(2);
    const forbidden = await rejection(putSchedule(database.db, { kind: "anonymous" }, 2040, { rules }, null));
    expect(forbidden.code).toBe("unauthenticated");

    const created = await putSchedule(database.db, system("test"), 2040, { rules }, null);
    expect(created).toMatchObject({ created: true, version: 1, example: false, currency: "EUR" });
    const again = await rejection(putSchedule(database.db, system("test"), 2040, { rules }, null));
    expect(again.code).toBe("precondition_required");
    const stale = await rejection(putSchedule(database.db, system("test"), 2040, { rules }, 7));
    expect(stale.code).toBe("precondition_failed");
    const updated = await putSchedule(database.db, system("test"), 2040, { rules: rules.slice(0, 2) }, 1);
    expect(updated).toMatchObject({ created: false, version: 2 });

    const audit = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "fee_schedule"), eq(auditEvents.entityId, "2040")));
    expect(audit.map((a) => a.action).sort()).toEqual(["fee_schedule.create", "fee_schedule.update"]);
    const update = audit.find((a) => a.action === "fee_schedule.update");
    expect(update?.before).toMatchObject({ version: 1, rules: { length: 4 } });
    expect(update?.after).toMatchObject({ version: 2, rules: { length: 2 } });
  });
});

describe("the fees API", () => {
  it("anyone reads the years and a schedule with its ETag; 404 for a year without", async () => {
    const list = await http.request("/api/v1/fee-schedules");
    expect(list.status).toBe(200);
    expect((await list.json()).items.map((i: { year: number }) => i.year)).toContain(year);
    const one = await http.request(`/api/v1/fee-schedules/${year}`);
    expect(one.status).toBe(200);
    expect(one.headers.get("etag")).toBe('"v1"');
    expect((await one.json()).rules[0].code).toBe("municipality");
    const missing = await http.request("/api/v1/fee-schedules/2031", { headers: { "accept-language": "it" } });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toBe("Non esiste un tariffario per il 2031.");
    expect((await http.request("/api/v1/fee-schedules/next")).status).toBe(422);
  });

  it("the secretariat creates (201) and replaces with If-Match; others may not", async () => {
    const body = { rules: demoFeeRules(), example: false };
    // A visitor's change without a session or token is refused (the CSRF check comes first).
    expect((await put("/api/v1/fee-schedules/2035", body, {})).status).toBe(403);
    expect((await put("/api/v1/fee-schedules/2035", body, board)).status).toBe(403);
    const created = await put("/api/v1/fee-schedules/2035", body, secretariat);
    expect(created.status).toBe(201);
    expect(created.headers.get("etag")).toBe('"v1"');
    expect(created.headers.get("location")).toBe("/api/v1/fee-schedules/2035");
    expect((await put("/api/v1/fee-schedules/2035", body, secretariat)).status).toBe(428);
    const replaced = await put("/api/v1/fee-schedules/2035", { ...body, example: true }, secretariat, '"v1"');
    expect(replaced.status).toBe(200);
    expect(replaced.headers.get("etag")).toBe('"v2"');
    expect((await replaced.json()).example).toBe(true);
    expect((await put("/api/v1/fee-schedules/2035", body, secretariat, '"v1"')).status).toBe(412);
  });

  it("names each bad field of a schedule by path, in the caller's language", async () => {
    const rules = demoFeeRules();
    const first = rules[0];
    if (!first) throw new Error("demo rules");
    const bad = [
      {
        ...first,
        bands: [
          { upTo: 100, amountCents: 1 },
          { upTo: 50, amountCents: 2 },
          { upTo: null, amountCents: -1 },
        ],
      },
    ];
    const shape = await put("/api/v1/fee-schedules/2036", { rules: bad }, { ...secretariat, "accept-language": "sv" });
    expect(shape.status).toBe(422);
    expect((await shape.json()).error.fields).toEqual({ "rules.0.bands.2.amountCents": "Måste vara minst 0." });

    bad[0] = {
      ...first,
      bands: [
        { upTo: 100, amountCents: 1 },
        { upTo: 50, amountCents: 2 },
        { upTo: null, amountCents: 1 },
      ],
    };
    const order = await put("/api/v1/fee-schedules/2036", { rules: bad }, secretariat);
    expect(order.status).toBe(422);
    expect((await order.json()).error.fields).toEqual({
      "rules.0.bands.1.upTo": "Each band's upper bound must be above the previous one (100).",
    });
    expect((await http.request("/api/v1/fee-schedules/2036")).status).toBe(404);
  });

  it("quotes publicly: the fee, the rule and its detail in the caller's language", async () => {
    const res = await http.request("/api/v1/fees/quote?country=it&type=municipality&inhabitants=35000", {
      headers: { "accept-language": "it" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      amountCents: 150_000,
      currency: "EUR",
      rule: {
        code: "municipality",
        label: { en: "Municipalities", sv: "Kommuner", it: "Comuni" },
        basis: "inhabitants",
        detail: "Comune, 20.001–50.000 abitanti",
      },
      year,
      example: true,
    });
    const budget = await http.request("/api/v1/fees/quote?country=SE&type=civil_society&budget=2000000.50");
    expect((await budget.json()).rule).toMatchObject({ basis: "budget" });
  });

  it("answers 422 naming the field when no rule applies or input is bad, 404 without a schedule", async () => {
    await putSchedule(database.db, system("test"), 2037, { rules: demoFeeRules().slice(0, 1) }, null);
    const noRule = await http.request("/api/v1/fees/quote?country=IT&type=region&inhabitants=10&year=2037");
    expect(noRule.status).toBe(422);
    expect((await noRule.json()).error.fields).toEqual({
      type: "The fee schedule has no rule for this type of organisation in this country.",
    });
    const missing = await http.request("/api/v1/fees/quote?country=IT&type=municipality");
    expect((await missing.json()).error.fields).toEqual({
      inhabitants: "The fee for this organisation depends on its number of inhabitants.",
    });
    const bad = await http.request("/api/v1/fees/quote?country=Italy&type=castle&inhabitants=many");
    expect(bad.status).toBe(422);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(["country", "inhabitants", "type"]);
    const none = await http.request("/api/v1/fees/quote?country=IT&type=municipality&inhabitants=1&year=2050");
    expect(none.status).toBe(404);
  });

  it("documents the routes in the OpenAPI document", async () => {
    const doc = await (await http.request("/api/v1/openapi.json")).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/fee-schedules", "/fee-schedules/{year}", "/fees/quote"]),
    );
  });
});
