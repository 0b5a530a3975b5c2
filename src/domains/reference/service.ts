/**
 * The network's reference data (countries, organisation types, thematic areas, priorities,
 * NUTS regions, reference places) as other domains and the API read it. Other domains call
 * these functions and never read the reference tables themselves.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "~/db/client";
import type { LocalizedText } from "~/db/columns";
import { normalizeText } from "~/text/normalize";
import { countries, nutsRegions, organisationTypes, priorities, referencePlaces, thematicAreas } from "./schema";

export type Country = { code: string; names: LocalizedText; euMember: boolean; memberCountry: boolean };
export type OrganisationTypeInfo = { code: string; names: LocalizedText; publicAuthority: boolean };
export type ThematicArea = { code: string; names: LocalizedText };
export type Priority = { code: string; areaCode: string; names: LocalizedText };
export type NutsRegion = { code: string; label: string; level: number; countryCode: string };
export type PlaceKind = "municipality" | "province" | "region";
export type Place = {
  country: string;
  code: string;
  name: string;
  kind: PlaceKind;
  region: string;
  province: string | null;
  nuts2: string | null;
  nuts3: string | null;
  inhabitants: number | null;
};

export async function listCountries(db: DbOrTx): Promise<Country[]> {
  const rows = await db.select().from(countries).orderBy(asc(countries.code));
  return rows.map((r) => ({ code: r.code, names: r.names, euMember: r.euMember, memberCountry: r.memberCountry }));
}

export async function listOrganisationTypes(db: DbOrTx): Promise<OrganisationTypeInfo[]> {
  const rows = await db
    .select()
    .from(organisationTypes)
    .orderBy(asc(organisationTypes.sortOrder), asc(organisationTypes.code));
  return rows.map((r) => ({ code: r.code, names: r.names, publicAuthority: r.publicAuthority }));
}

export async function listThematicAreas(db: DbOrTx): Promise<ThematicArea[]> {
  const rows = await db.select().from(thematicAreas).orderBy(asc(thematicAreas.sortOrder), asc(thematicAreas.code));
  return rows.map((r) => ({ code: r.code, names: r.names }));
}

export async function listPriorities(db: DbOrTx): Promise<Priority[]> {
  const rows = await db
    .select({ code: priorities.code, areaCode: priorities.areaCode, names: priorities.names })
    .from(priorities)
    .innerJoin(thematicAreas, eq(thematicAreas.code, priorities.areaCode))
    .orderBy(asc(thematicAreas.sortOrder), asc(priorities.sortOrder), asc(priorities.code));
  return rows;
}

export async function listNutsRegions(db: DbOrTx, codes?: readonly string[]): Promise<NutsRegion[]> {
  if (codes && codes.length === 0) return [];
  const rows = await db
    .select()
    .from(nutsRegions)
    .where(codes ? inArray(nutsRegions.code, [...codes]) : undefined)
    .orderBy(asc(nutsRegions.code));
  return rows.map((r) => ({ code: r.code, label: r.label, level: r.level, countryCode: r.countryCode }));
}

/** Everything a directory write checks against, loaded in four small queries. */
export type ReferenceSnapshot = {
  countries: Map<string, Country>;
  types: Map<string, OrganisationTypeInfo>;
  priorities: Set<string>;
  nuts: Map<string, NutsRegion>;
  /** Countries whose NUTS regions are loaded (their codes can be checked, not just their prefix). */
  nutsCountries: Set<string>;
};

export async function loadReferenceSnapshot(db: DbOrTx): Promise<ReferenceSnapshot> {
  // One after the other: `db` may be a transaction, whose one connection runs one query at a time.
  const c = await listCountries(db);
  const t = await listOrganisationTypes(db);
  const p = await listPriorities(db);
  const n = await listNutsRegions(db);
  return {
    countries: new Map(c.map((x) => [x.code, x])),
    types: new Map(t.map((x) => [x.code, x])),
    priorities: new Set(p.map((x) => x.code)),
    nuts: new Map(n.map((x) => [x.code, x])),
    nutsCountries: new Set(n.map((x) => x.countryCode)),
  };
}

export type PlaceQuery = { q: string; country?: string | undefined; kind?: PlaceKind | undefined; limit?: number };

/** How many rows the database returns before the exact ranking (a name prefix match always makes it). */
const PLACE_CANDIDATES = 300;

/**
 * Finds Italian comuni, provinces and regions and Swedish kommuner and län by name, as the user
 * types: accent- and case-insensitive, word prefixes (`reggio em`), and a few typos when nothing
 * matches by prefix (`bolgna`). Best match first: the exact name, then names that start with the
 * query, then names containing it as words, then places matched through their province or region;
 * larger places first within each group.
 */
export async function searchPlaces(db: DbOrTx, query: PlaceQuery): Promise<Place[]> {
  const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
  const q = normalizeText(query.q);
  if (!q) return [];
  const tokens = q.split(" ").slice(0, 8);
  const filters = [
    query.country ? eq(referencePlaces.countryCode, query.country.toUpperCase()) : undefined,
    query.kind ? eq(referencePlaces.kind, query.kind) : undefined,
  ];
  const prefixQuery = tokens.map((t) => `${t}:*`).join(" & ");
  const rows = await db
    .select()
    .from(referencePlaces)
    .where(
      and(
        sql`to_tsvector('simple', ${referencePlaces.searchText}) @@ to_tsquery('simple', ${prefixQuery})`,
        ...filters,
      ),
    )
    .orderBy(
      desc(sql`${referencePlaces.searchText} like ${`${q}%`}`),
      sql`${referencePlaces.inhabitants} desc nulls last`,
      asc(referencePlaces.name),
    )
    .limit(PLACE_CANDIDATES);
  if (rows.length === 0 && q.length >= 3) {
    // Nothing starts like this: tolerate a typo. The table is small (≈ 8,500 places), so trigram
    // word similarity is computed directly; this path runs only when the prefix search found
    // nothing. The candidates are then ordered by edit distance to the name (`bolgna` is one
    // letter from Bologna, three from Bolgare, though both share most trigrams).
    const similarity = sql<number>`word_similarity(${q}, ${referencePlaces.searchText})`;
    const candidates = await db
      .select()
      .from(referencePlaces)
      .where(and(sql`${similarity} >= 0.4`, ...filters))
      .orderBy(desc(similarity))
      .limit(PLACE_CANDIDATES);
    return candidates
      .map((row) => {
        const name = normalizeText(row.name);
        return { row, distance: nameDistance(name, tokens), whole: editDistance(q, name) };
      })
      .filter(({ distance }) => distance <= Math.max(1, Math.floor(q.length / 4)))
      .sort(
        (a, b) => a.distance - b.distance || a.whole - b.whole || (b.row.inhabitants ?? -1) - (a.row.inhabitants ?? -1),
      )
      .slice(0, limit)
      .map(({ row }) => toPlace(row));
  }
  return rows
    .map((row) => ({ row, score: placeScore(normalizeText(row.name), q, tokens) }))
    .sort((a, b) => b.score - a.score || (b.row.inhabitants ?? -1) - (a.row.inhabitants ?? -1))
    .slice(0, limit)
    .map(({ row }) => toPlace(row));
}

/** How well a place's (normalised) name matches the query; higher is better. */
export function placeScore(name: string, q: string, tokens: readonly string[]): number {
  const withoutPrefix = name.replace(/^(regione|provincia di|provincia autonoma di|region) /, "");
  let score = 0;
  // The place's own name first; "Provincia di …"/"Regione …" right after it.
  if (name === q) score += 100;
  else if (withoutPrefix === q) score += 90;
  if (name.startsWith(q)) score += 20;
  else if (withoutPrefix.startsWith(q)) score += 15;
  const words = name.split(" ");
  if (tokens.every((t) => words.some((w) => w.startsWith(t)))) score += 10;
  const first = tokens[0] ?? q;
  if (name.startsWith(first)) score += 5;
  else if (withoutPrefix.startsWith(first)) score += 3;
  return score;
}

/** The smallest edit distance between the query words and as many consecutive words of the name. */
export function nameDistance(name: string, tokens: readonly string[]): number {
  const words = name.split(" ");
  const q = tokens.join(" ");
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i + tokens.length <= words.length; i++) {
    best = Math.min(best, editDistance(q, words.slice(i, i + tokens.length).join(" ")));
  }
  return best === Number.POSITIVE_INFINITY ? editDistance(q, name) : best;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i];
    if (!row) continue;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, at(i - 2, j - 2) + 1);
      row[j] = v;
    }
  }
  return at(a.length, b.length);
}

function toPlace(row: typeof referencePlaces.$inferSelect): Place {
  return {
    country: row.countryCode,
    code: row.officialCode,
    name: row.name,
    kind: row.kind as PlaceKind,
    region: row.regionName,
    province: row.provinceName,
    nuts2: row.nuts2,
    // A few provinces carry two NUTS 3 codes in the source data ("ITC43|ITC46"): no single one fits.
    nuts3: row.nuts3 && /^[A-Z]{2}[A-Z0-9]{3}$/.test(row.nuts3) ? row.nuts3 : null,
    inhabitants: row.inhabitants,
  };
}
