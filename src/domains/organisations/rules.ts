/**
 * The directory's business rules as pure functions: what an organisation's stored fields are
 * derived from, and which reference data a value must agree with. The service and the CSV
 * import both use them, so a row imported from a file obeys exactly the same rules as a form.
 */
import type { ReferenceSnapshot } from "~/domains/reference/service";
import type { FieldProblem } from "~/errors/app-error";
import { normalizeText } from "~/text/normalize";
import type { OrganisationStatus } from "./contract";

/** The fields a caller sets (the stored row adds derived fields, version and timestamps). */
export type OrganisationState = {
  name: string;
  country: string;
  type: string;
  /** null = follow the type's public-authority flag. */
  publicAuthorityOverride: boolean | null;
  officialCode: string | null;
  nuts3: string | null;
  inhabitants: number | null;
  employees: number | null;
  website: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  workingLanguages: string[];
  priorities: string[];
  status: OrganisationStatus;
  memberSince: string | null;
};

export type DerivedFields = {
  publicAuthority: boolean;
  nuts2: string | null;
  region: string | null;
  searchText: string;
  normalizedName: string;
};

/** NUTS codes start with the country code, except Greece (EL). */
export function nutsCountryPrefix(country: string): string {
  return country === "GR" ? "EL" : country;
}

/**
 * Derived fields: NUTS 2 is the first four characters of NUTS 3; the region is the NUTS 2 and
 * NUTS 3 labels ("Emilia-Romagna, Forlì-Cesena"); the public-authority flag follows the type unless
 * overridden; search text is the normalised name, official code, region and city.
 */
export function deriveFields(ref: ReferenceSnapshot, state: OrganisationState): DerivedFields {
  const nuts2 = state.nuts3 ? state.nuts3.slice(0, 4) : null;
  const labels = [
    nuts2 ? ref.nuts.get(nuts2)?.label : undefined,
    state.nuts3 ? ref.nuts.get(state.nuts3)?.label : undefined,
  ]
    .filter((l): l is string => Boolean(l))
    .filter((l, i, all) => all.indexOf(l) === i);
  const region = labels.length > 0 ? labels.join(", ") : null;
  const typeFlag = ref.types.get(state.type)?.publicAuthority ?? false;
  const normalizedName = normalizeText(state.name);
  return {
    publicAuthority: state.publicAuthorityOverride ?? typeFlag,
    nuts2,
    region,
    searchText: joinNormalized([
      normalizedName,
      normalizeText(state.officialCode ?? ""),
      normalizedRegion(region),
      normalizeText(state.city ?? ""),
    ]),
    normalizedName,
  };
}

/**
 * Search text is the normalised name, official code, region and city. Normalising each part and
 * joining them with spaces gives exactly `normalizeText` of the joined parts (it works word by
 * word), which lets the few distinct region labels be normalised once (imports derive 100,000 rows).
 */
export function searchTextOf(name: string, officialCode: string | null, region: string | null, city: string | null) {
  return joinNormalized([
    normalizeText(name),
    normalizeText(officialCode ?? ""),
    normalizedRegion(region),
    normalizeText(city ?? ""),
  ]);
}

const joinNormalized = (parts: string[]) => parts.filter((p) => p !== "").join(" ");

const regionCache = new Map<string, string>();
function normalizedRegion(region: string | null): string {
  if (!region) return "";
  let value = regionCache.get(region);
  if (value === undefined) {
    value = normalizeText(region);
    if (regionCache.size < 5000) regionCache.set(region, value);
  }
  return value;
}

/**
 * The words the typo-tolerant search learns from an organisation's search text (name, region,
 * city; numbers such as official codes are left out). See organisationSearchWords.
 */
export function searchWordsOf(searchText: string): string[] {
  return [...new Set(searchText.split(" ").filter((w) => w.length >= 3 && !/^\d+$/.test(w)))];
}

/**
 * Stores an explicit public-authority choice only when it differs from the type's flag, so the
 * flag keeps following the type when the type changes later.
 */
export function publicAuthorityOverrideFor(
  ref: ReferenceSnapshot,
  type: string,
  value: boolean | null | undefined,
): boolean | null {
  if (value === null || value === undefined) return null;
  const typeFlag = ref.types.get(type)?.publicAuthority;
  return typeFlag === value ? null : value;
}

/** Created once: a DateTimeFormat costs far more to build than to use. */
const romeDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome" });

/** Today in the network's time zone (the seat in Parma), as YYYY-MM-DD. */
export function today(now = new Date()): string {
  return romeDate.format(now);
}

/** memberSince defaults to today when an organisation becomes a member without a date. */
export function withMemberSinceDefault(state: OrganisationState, now = new Date()): OrganisationState {
  if (state.status === "member" && !state.memberSince) return { ...state, memberSince: today(now) };
  return state;
}

type FieldName = keyof OrganisationState;

/**
 * Checks a state against the reference data. `changed` names the fields the caller set: only
 * those (and the rules they take part in) are checked, so an unrelated edit is never blocked by
 * reference data that changed since the record was written.
 */
export function checkReferenceRules(
  ref: ReferenceSnapshot,
  state: OrganisationState,
  changed: ReadonlySet<FieldName> | "all",
): Record<string, FieldProblem> {
  const has = (f: FieldName) => changed === "all" || changed.has(f);
  const fields: Record<string, FieldProblem> = {};
  const country = ref.countries.get(state.country);
  if (has("country") && !country) fields.country = { key: "errors:field.unknownCountry" };
  if (has("type") && !ref.types.has(state.type)) fields.type = { key: "errors:field.unknownType" };
  if ((has("status") || has("country")) && country && state.status === "member" && !country.memberCountry) {
    fields.status = { key: "errors:field.memberCountryOnly" };
  }
  if (has("priorities")) {
    const unknown = state.priorities.find((p) => !ref.priorities.has(p));
    if (unknown !== undefined) fields.priorities = { key: "errors:field.unknownPriority", values: { value: unknown } };
  }
  if ((has("nuts3") || has("country")) && state.nuts3) {
    const problem = nutsProblem(ref, state.country, state.nuts3);
    if (problem) fields.nuts3 = problem;
  }
  return fields;
}

/**
 * A NUTS 3 code must be of the organisation's country; for the countries whose NUTS regions
 * are loaded (Italy, Sweden) it must also exist and be a level-3 region.
 */
function nutsProblem(ref: ReferenceSnapshot, country: string, nuts3: string): FieldProblem | undefined {
  const known = ref.nuts.get(nuts3);
  if (known) {
    if (known.level !== 3) return { key: "errors:field.unknownNuts" };
    if (known.countryCode !== country) return { key: "errors:field.nutsCountryMismatch" };
    return undefined;
  }
  if (!nuts3.startsWith(nutsCountryPrefix(country))) return { key: "errors:field.nutsCountryMismatch" };
  return ref.nutsCountries.has(country) ? { key: "errors:field.unknownNuts" } : undefined;
}

/** Default status of a new organisation: an applicant in a member country, else a partner. */
export function defaultStatus(ref: ReferenceSnapshot, country: string): OrganisationStatus {
  return ref.countries.get(country)?.memberCountry ? "applicant" : "partner";
}
