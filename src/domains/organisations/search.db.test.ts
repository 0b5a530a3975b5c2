import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";
import type { Organisation } from "./contract";
import { listOrganisations } from "./service";
import { buildOrganisation, testActors } from "./testing";

let database: TestDatabase;
let http: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  http = createTestApp(database);
  const it_ = { country: "IT", type: "municipality" as const, status: "member" as const };
  const se = { country: "SE", type: "municipality" as const, status: "member" as const };
  await buildOrganisation(database.db, {
    ...it_,
    name: "Comune di Forlì",
    officialCode: "040012",
    nuts3: "ITH58",
    inhabitants: 117_000,
    priorities: ["climate_action"],
  });
  await buildOrganisation(database.db, {
    ...it_,
    name: "Forlimpopoli",
    officialCode: "040015",
    nuts3: "ITH58",
    inhabitants: 13_000,
  });
  await buildOrganisation(database.db, {
    ...it_,
    name: "Comune di Bologna",
    officialCode: "037006",
    nuts3: "ITH55",
    inhabitants: 390_000,
    priorities: ["smart_mobility"],
  });
  await buildOrganisation(database.db, { ...it_, name: "Bologna", type: "other_public", nuts3: "ITH55" });
  await buildOrganisation(database.db, {
    ...it_,
    name: "Comune di Reggio nell'Emilia",
    officialCode: "035033",
    nuts3: "ITH53",
  });
  await buildOrganisation(database.db, {
    ...it_,
    name: "Comune di Reggio di Calabria",
    officialCode: "080063",
    nuts3: "ITF65",
  });
  await buildOrganisation(database.db, { ...it_, name: "Comune di Torino", officialCode: "001272", nuts3: "ITC11" });
  await buildOrganisation(database.db, {
    ...it_,
    name: "Istituto Comprensivo Cesena",
    type: "education",
    nuts3: "ITH58",
    status: "partner",
  });
  await buildOrganisation(database.db, {
    ...se,
    name: "Malmö stad",
    officialCode: "1280",
    nuts3: "SE224",
    inhabitants: 344_000,
  });
  await buildOrganisation(database.db, { ...se, name: "Västerås stad", officialCode: "1980", nuts3: "SE125" });
  await buildOrganisation(database.db, {
    ...se,
    name: "Region Skåne",
    type: "region",
    officialCode: "12",
    nuts3: "SE224",
  });
  await buildOrganisation(database.db, {
    country: "FR",
    type: "municipality",
    status: "partner",
    name: "Ville de Lyon",
  });
  await buildOrganisation(database.db, {
    ...it_,
    name: "Comune di Forlì del Sannio",
    status: "applicant",
    nuts3: "ITF22",
  });
});
afterAll(async () => {
  await database?.close();
});

async function search(
  q: string,
  extra: Record<string, unknown> = {},
): Promise<{ names: string[]; total: number; items: Organisation[] }> {
  const { items, total } = await listOrganisations(database.db, testActors.anonymous, { q, ...extra });
  return { names: items.map((o) => o.name), total, items };
}

describe("directory search", () => {
  it("is case- and accent-insensitive", async () => {
    expect((await search("forli")).names[0]).toBe("Comune di Forlì");
    expect((await search("FORLÌ")).names[0]).toBe("Comune di Forlì");
    expect((await search("malmo")).names).toEqual(["Malmö stad"]);
    expect((await search("vasteras")).names).toEqual(["Västerås stad"]);
    expect((await search("skane")).names).toEqual(["Region Skåne", "Malmö stad"]);
  });

  it("matches prefixes as you type", async () => {
    expect((await search("reggio em")).names).toEqual(["Comune di Reggio nell'Emilia"]);
    expect((await search("reggio")).names.sort()).toEqual([
      "Comune di Reggio di Calabria",
      "Comune di Reggio nell'Emilia",
    ]);
    expect((await search("vaste")).names).toEqual(["Västerås stad"]);
    // A name that starts with what is typed comes before one that has it as a later word.
    expect((await search("fo")).names).toEqual(["Forlimpopoli", "Comune di Forlì", "Istituto Comprensivo Cesena"]);
    // A single letter narrows nothing down: it is ignored, as if the box were empty.
    expect((await search("f")).total).toBe((await search("")).total);
  });

  it("tolerates small typos in names", async () => {
    expect((await search("bolgna")).names.slice(0, 2).sort()).toEqual(["Bologna", "Comune di Bologna"]);
    expect((await search("comune di bolgona")).names[0]).toBe("Comune di Bologna");
    expect((await search("vasteraas")).names).toEqual(["Västerås stad"]);
    expect((await search("xyzzyq")).total).toBe(0);
  });

  it("ranks the best match first: exact name, then whole words, then prefixes", async () => {
    expect((await search("bologna")).names).toEqual(["Bologna", "Comune di Bologna"]);
    // "Forlì" as a whole word beats the longer name that merely starts with it; an organisation
    // found through its region (Forlì-Cesena) comes after both.
    expect((await search("forli")).names).toEqual(["Comune di Forlì", "Forlimpopoli", "Istituto Comprensivo Cesena"]);
  });

  it("finds an organisation by its official code", async () => {
    expect((await search("040012")).names).toEqual(["Comune di Forlì"]);
    expect((await search("1280")).names).toEqual(["Malmö stad"]);
  });

  it("covers the region: 'emilia' finds Emilia-Romagna's organisations, the name match first", async () => {
    const { names } = await search("emilia");
    expect(names[0]).toBe("Comune di Reggio nell'Emilia");
    expect(names).toEqual(
      expect.arrayContaining(["Comune di Forlì", "Comune di Bologna", "Forlimpopoli", "Istituto Comprensivo Cesena"]),
    );
    expect(names).not.toContain("Comune di Torino");
    expect((await search("emilia romagna forli")).names[0]).toBe("Comune di Forlì");
  });

  it("never shows applicants to visitors, but does to the secretariat", async () => {
    expect((await search("sannio")).total).toBe(0);
    const staff = await listOrganisations(database.db, testActors.secretariat(), { q: "sannio" });
    expect(staff.items.map((o) => o.name)).toEqual(["Comune di Forlì del Sannio"]);
  });
});

describe("directory filters, sorting and paging", () => {
  it("filters by country, type, status, priority and NUTS prefix", async () => {
    expect((await search("", { country: "SE" })).total).toBe(3);
    expect((await search("", { country: "se,fr" })).total).toBe(4);
    expect((await search("", { type: "region" })).names).toEqual(["Region Skåne"]);
    expect((await search("", { status: "partner" })).names.sort()).toEqual([
      "Istituto Comprensivo Cesena",
      "Ville de Lyon",
    ]);
    expect((await search("", { priority: "smart_mobility,climate_action" })).names.sort()).toEqual([
      "Comune di Bologna",
      "Comune di Forlì",
    ]);
    expect((await search("", { nuts: "ITH5" })).total).toBe(6);
    expect((await search("", { nuts: "ith58" })).total).toBe(3);
    expect((await search("comune", { nuts: "ITH5" })).total).toBe(3);
  });

  it("sorts and pages with a total", async () => {
    const byInhabitants = await search("", { sort: "-inhabitants", pageSize: 3 });
    expect(byInhabitants.names).toEqual(["Comune di Bologna", "Malmö stad", "Comune di Forlì"]);
    expect(byInhabitants.total).toBe(12);
    const page2 = await search("", { sort: "name", pageSize: 5, page: 2 });
    const all = await search("", { sort: "name", pageSize: 100 });
    expect(page2.names).toEqual(all.names.slice(5, 10));
    expect(all.names[0]).toBe("Bologna");
    const beyond = await search("comune", { page: 50 });
    expect(beyond).toMatchObject({ names: [], total: 5 });
  });

  it("answers bad filters with 422 naming the field, over HTTP", async () => {
    const res = await http.request("/api/v1/organisations?country=Italy&pageSize=0&sort=best", {
      headers: { "accept-language": "it" },
    });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(Object.keys(body.error.fields).sort()).toEqual(["country.0", "pageSize", "sort"]);
  });

  it("serves the same search over HTTP with repeated or comma-separated filters", async () => {
    const res = await http.request("/api/v1/organisations?q=forli&country=IT&country=SE");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.items[0].name).toBe("Comune di Forlì");
    expect(body).toMatchObject({ page: 1, pageSize: 25 });
  });
});
