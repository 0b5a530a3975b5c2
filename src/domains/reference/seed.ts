import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { projectRoot } from "~/config/paths";
import type { DbOrTx } from "~/db/client";
import { seedFundingProgrammes } from "~/domains/projects/programmes";
import { normalizeText } from "~/text/normalize";
import {
  countries,
  governanceBodies,
  nutsRegions,
  organisationTypes,
  priorities,
  referencePlaces,
  settings,
  thematicAreas,
} from "./schema";
import * as sern from "./sern";

function readCsv(name: string): Record<string, string>[] {
  const file = path.join(projectRoot(), "data-seed", "places", name);
  return parse(fs.readFileSync(file), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
}

function int(value: string | undefined): number | null {
  if (!value) return null;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : null;
}

type Place = typeof referencePlaces.$inferInsert;

/**
 * A few source rows give two NUTS codes ("ITC43|ITC46", labels "Lecco|Bergamo"): keep the one
 * whose label is the place's own name, or none rather than a wrong one.
 */
export function pickNuts(
  codes: string | undefined,
  labels: string | undefined,
  name: string | undefined,
): string | null {
  if (!codes) return null;
  const list = codes.split("|");
  if (list.length === 1) return list[0] || null;
  const index = name === undefined ? -1 : (labels ?? "").split("|").indexOf(name);
  return index >= 0 ? (list[index] ?? null) : null;
}

/** Every Italian comune, province and region and every Swedish kommun and region (län). */
export function loadReferencePlaces(): Place[] {
  const places: Place[] = [];
  const place = (p: Omit<Place, "searchText">): Place => ({
    ...p,
    searchText: normalizeText([p.name, p.officialCode, p.provinceName ?? "", p.regionName].join(" ")),
  });
  for (const r of readCsv("it_regions.csv")) {
    places.push(
      place({
        countryCode: "IT",
        officialCode: r.region_code ?? "",
        name: `Regione ${r.region_name}`,
        kind: "region",
        regionName: r.region_name ?? "",
        provinceName: null,
        nuts2: pickNuts(r.nuts2, r.nuts2_name, r.region_name),
        nuts3: null,
        inhabitants: int(r.population_eurostat_lau2020) ?? int(r.population_census_2011),
      }),
    );
  }
  for (const r of readCsv("it_provinces.csv")) {
    places.push(
      place({
        countryCode: "IT",
        officialCode: r.province_code ?? "",
        name: `Provincia di ${r.province_name}`,
        kind: "province",
        regionName: r.region_name ?? "",
        provinceName: r.province_name ?? null,
        nuts2: pickNuts(r.nuts3, r.nuts3_name, r.province_name)?.slice(0, 4) ?? null,
        nuts3: pickNuts(r.nuts3, r.nuts3_name, r.province_name),
        inhabitants: int(r.population_eurostat_lau2020) ?? int(r.population_census_2011),
      }),
    );
  }
  for (const r of readCsv("it_comuni.csv")) {
    places.push(
      place({
        countryCode: "IT",
        officialCode: r.istat_code ?? "",
        name: r.name ?? "",
        kind: "municipality",
        regionName: r.region_name ?? "",
        provinceName: r.province_name || null,
        nuts2: r.nuts2 || null,
        nuts3: r.nuts3 || null,
        inhabitants: int(r.population_eurostat_lau2020) ?? int(r.population_census_2011),
      }),
    );
  }
  for (const r of readCsv("se_counties.csv")) {
    places.push(
      place({
        countryCode: "SE",
        officialCode: r.county_code ?? "",
        name: r.region_name ?? "",
        kind: "region",
        regionName: r.county_name ?? "",
        provinceName: null,
        nuts2: r.nuts2 || null,
        nuts3: r.nuts3 || null,
        inhabitants: int(r.population_2019_12_31),
      }),
    );
  }
  for (const r of readCsv("se_kommuner.csv")) {
    places.push(
      place({
        countryCode: "SE",
        officialCode: r.kommun_code ?? "",
        name: r.name ?? "",
        kind: "municipality",
        regionName: r.county_name ?? "",
        provinceName: null,
        nuts2: r.nuts2 || null,
        nuts3: r.nuts3 || null,
        inhabitants: int(r.population_2019),
      }),
    );
  }
  return places;
}

/**
 * Seeds the network's configuration for SERN. Idempotent, and it never overwrites what the
 * secretariat has changed: existing rows are left as they are.
 */
export async function seedReference(db: DbOrTx, options: { places?: boolean } = {}): Promise<void> {
  await db
    .insert(countries)
    .values(
      sern.euCountries.map((c) => ({ ...c, euMember: true, memberCountry: sern.memberCountries.includes(c.code) })),
    )
    .onConflictDoNothing();
  await db
    .insert(organisationTypes)
    .values(sern.organisationTypes.map((t, i) => ({ ...t, sortOrder: i })))
    .onConflictDoNothing();
  await db
    .insert(thematicAreas)
    .values(sern.thematicAreas.map((a, i) => ({ ...a, sortOrder: i })))
    .onConflictDoNothing();
  await db
    .insert(priorities)
    .values(sern.priorities.map((p, i) => ({ ...p, sortOrder: i })))
    .onConflictDoNothing();
  await db
    .insert(governanceBodies)
    .values(sern.governanceBodies.map((b, i) => ({ ...b, sortOrder: i })))
    .onConflictDoNothing();
  await seedFundingProgrammes(db, sern.fundingProgrammes);
  await db
    .insert(settings)
    .values(Object.entries(sern.defaultSettings).map(([key, value]) => ({ key, value })))
    .onConflictDoNothing();

  const [{ count } = { count: 0 }] = await db.select({ count: sql<number>`count(*)::int` }).from(nutsRegions);
  if (count === 0) {
    const nuts = readCsv("nuts2021_IT_SE.csv").map((r) => ({
      code: r.nuts_code ?? "",
      label: r.label ?? "",
      level: int(r.level) ?? 0,
      countryCode: r.country_code ?? "",
    }));
    await db.insert(nutsRegions).values(nuts).onConflictDoNothing();
  }
  const [{ placeCount } = { placeCount: 0 }] = await db
    .select({ placeCount: sql<number>`count(*)::int` })
    .from(referencePlaces);
  if (placeCount === 0 && options.places !== false) {
    const places = loadReferencePlaces();
    for (let i = 0; i < places.length; i += 1000) {
      await db
        .insert(referencePlaces)
        .values(places.slice(i, i + 1000))
        .onConflictDoNothing();
    }
  }
}
