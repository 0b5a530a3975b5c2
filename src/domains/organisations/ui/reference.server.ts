/**
 * The reference data the directory's pages show, in the reader's language: country, type and
 * priority names, NUTS 2 regions, and reference places. Read through the reference domain.
 */
import type { DbOrTx } from "~/db/client";
import {
  listCountries,
  listNutsRegions,
  listOrganisationTypes,
  listPriorities,
  listThematicAreas,
  type Place,
  searchPlaces,
} from "~/domains/reference/service";
import type { Language } from "~/i18n/i18n";
import { localized } from "~/i18n/localized";

export type Option = { code: string; name: string };

export type ReferenceOptions = {
  /** EU countries, the network's member countries first, then by name in the reader's language. */
  countries: (Option & { memberCountry: boolean })[];
  types: (Option & { publicAuthority: boolean })[];
  /** Thematic areas with their priorities. */
  areas: (Option & { priorities: Option[] })[];
  /** NUTS 2 regions of the member countries. */
  nuts2: Option[];
};

export async function referenceOptions(db: DbOrTx, language: Language): Promise<ReferenceOptions> {
  const [countryRows, typeRows, areaRows, priorityRows, nutsRows] = await Promise.all([
    listCountries(db),
    listOrganisationTypes(db),
    listThematicAreas(db),
    listPriorities(db),
    listNutsRegions(db),
  ]);
  const collator = new Intl.Collator(language);
  const countries = countryRows
    .filter((c) => c.euMember || c.memberCountry)
    .map((c) => ({ code: c.code, name: localized(c.names, language), memberCountry: c.memberCountry }))
    .sort((a, b) => Number(b.memberCountry) - Number(a.memberCountry) || collator.compare(a.name, b.name));
  const memberCountries = new Set(countries.filter((c) => c.memberCountry).map((c) => c.code));
  const types = typeRows.map((t) => ({
    code: t.code,
    name: localized(t.names, language),
    publicAuthority: t.publicAuthority,
  }));
  const areas = areaRows.map((a) => ({
    code: a.code,
    name: localized(a.names, language),
    priorities: priorityRows
      .filter((p) => p.areaCode === a.code)
      .map((p) => ({ code: p.code, name: localized(p.names, language) })),
  }));
  const nuts2 = nutsRows
    .filter((r) => r.level === 2 && memberCountries.has(r.countryCode) && !r.code.endsWith("ZZ"))
    .map((r) => ({ code: r.code, name: r.label }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return { countries, types, areas, nuts2 };
}

/** Code → name lookups for presenting an organisation. */
export function namesOf(options: ReferenceOptions) {
  const map = (list: Option[]) => new Map(list.map((o) => [o.code, o.name]));
  return {
    country: map(options.countries),
    type: map(options.types),
    priority: map(options.areas.flatMap((a) => a.priorities)),
    nuts2: map(options.nuts2),
  };
}

export type PlaceOption = {
  /** `IT:municipality:040012`: identifies the place in a link. */
  key: string;
  countryCode: string;
  officialCode: string;
  name: string;
  kind: string;
  regionName: string;
  provinceName: string | null;
  nuts3: string | null;
  inhabitants: number | null;
};

const placeKinds = ["municipality", "province", "region"] as const;

function toOption(p: Place): PlaceOption {
  return {
    key: `${p.country}:${p.kind}:${p.code}`,
    countryCode: p.country,
    officialCode: p.code,
    name: p.name,
    kind: p.kind,
    regionName: p.region,
    provinceName: p.province,
    nuts3: p.nuts3,
    inhabitants: p.inhabitants,
  };
}

/** Reference places matching what the user typed (best first). */
export async function findPlaces(db: DbOrTx, q: string): Promise<PlaceOption[]> {
  return (await searchPlaces(db, { q, limit: 12 })).map(toOption);
}

/** One reference place by its key (`IT:municipality:040012`), or null. */
export async function findPlace(db: DbOrTx, key: string): Promise<PlaceOption | null> {
  const [country = "", kind = "", code = ""] = key.split(":");
  const placeKind = placeKinds.find((k) => k === kind);
  if (!/^[A-Z]{2}$/.test(country) || !placeKind || !/^[0-9A-Za-z]{1,12}$/.test(code)) return null;
  const found = await searchPlaces(db, { q: code, country, kind: placeKind, limit: 20 });
  const place = found.find((p) => p.code === code);
  return place ? toOption(place) : null;
}

/** The reference-place helper's state from the page's URL: `?place=` (search) and `&pick=` (choice). */
export async function placeLookup(
  db: DbOrTx,
  request: Request,
): Promise<{ q: string; places: PlaceOption[]; chosen: PlaceOption | null }> {
  const url = new URL(request.url);
  const q = (url.searchParams.get("place") ?? "").trim().slice(0, 100);
  const pick = url.searchParams.get("pick") ?? "";
  const [places, chosen] = await Promise.all([
    q.length >= 2 ? findPlaces(db, q) : Promise.resolve([]),
    pick ? findPlace(db, pick) : Promise.resolve(null),
  ]);
  return { q, places, chosen };
}
