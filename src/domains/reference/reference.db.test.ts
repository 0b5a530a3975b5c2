import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";
import { loadReferenceSnapshot, searchPlaces } from "./service";

let database: TestDatabase;
let http: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase({ places: true });
  http = createTestApp(database);
});
afterAll(async () => {
  await database?.close();
});

describe("reference places lookup", () => {
  it("finds a comune by name without accents, with what a form fills in", async () => {
    const [forli] = await searchPlaces(database.db, { q: "forli", country: "IT" });
    expect(forli).toEqual({
      country: "IT",
      code: "040012",
      name: "Forlì",
      kind: "municipality",
      region: "Emilia-Romagna",
      province: "Forlì-Cesena",
      nuts2: "ITH5",
      nuts3: "ITH58",
      inhabitants: expect.any(Number),
    });
    expect(forli?.inhabitants).toBeGreaterThan(100_000);
  });

  it("finds Swedish kommuner and counties", async () => {
    expect((await searchPlaces(database.db, { q: "malmo" }))[0]).toMatchObject({
      name: "Malmö",
      code: "1280",
      nuts3: "SE224",
    });
    expect((await searchPlaces(database.db, { q: "vasteras", country: "se" }))[0]?.name).toBe("Västerås");
    const counties = await searchPlaces(database.db, { q: "skane", kind: "region" });
    expect(counties[0]).toMatchObject({ country: "SE", kind: "region", nuts3: "SE224" });
  });

  it("matches prefixes as you type and tolerates a typo, best match first", async () => {
    expect((await searchPlaces(database.db, { q: "reggio em" }))[0]?.name).toBe("Reggio nell'Emilia");
    const bologna = await searchPlaces(database.db, { q: "bologna", limit: 3 });
    expect(bologna.map((p) => [p.name, p.kind])).toEqual([
      ["Bologna", "municipality"],
      ["Provincia di Bologna", "province"],
      [expect.any(String), "municipality"],
    ]);
    expect((await searchPlaces(database.db, { q: "bolgna" }))[0]?.name).toBe("Bologna");
    expect(await searchPlaces(database.db, { q: "   " })).toEqual([]);
  });

  it("is served at /api/v1/reference/places, with 422 for a missing q", async () => {
    const res = await http.request("/api/v1/reference/places?q=Cesena&country=IT&limit=2");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.items).toHaveLength(2);
    expect(body.items[0]).toMatchObject({ name: "Cesena", code: "040007" });
    const missing = await http.request("/api/v1/reference/places", { headers: { "accept-language": "sv" } });
    expect(missing.status).toBe(422);
    expect((await missing.json()).error.fields.q).toBe("Fältet är obligatoriskt.");
  });
});

describe("reference lists", () => {
  it("serve countries, organisation types and priorities with their three names", async () => {
    const countries = await (await http.request("/api/v1/reference/countries")).json();
    expect(countries.items.find((c: { code: string }) => c.code === "SE")).toEqual({
      code: "SE",
      names: { en: "Sweden", sv: "Sverige", it: "Svezia" },
      euMember: true,
      memberCountry: true,
    });
    const types = await (await http.request("/api/v1/reference/organisation-types")).json();
    expect(types.items.map((t: { code: string }) => t.code)).toContain("municipal_association");
    expect(types.items.find((t: { code: string }) => t.code === "education").publicAuthority).toBe(false);
    const priorities = await (await http.request("/api/v1/reference/priorities")).json();
    expect(priorities.items).toHaveLength(8);
    expect(priorities.items[0]).toMatchObject({ code: "vulnerable_groups", areaCode: "inclusive" });
    expect(priorities.areas.map((a: { code: string }) => a.code)).toEqual(["inclusive", "digital", "green"]);
  });

  it("give the directory's rules one snapshot of the reference data", async () => {
    const ref = await loadReferenceSnapshot(database.db);
    expect(ref.countries.get("IT")?.memberCountry).toBe(true);
    expect(ref.countries.get("FR")?.memberCountry).toBe(false);
    expect(ref.nuts.get("ITH58")).toMatchObject({ label: "Forlì-Cesena", level: 3, countryCode: "IT" });
    expect(ref.priorities.has("smart_mobility")).toBe(true);
  });
});
