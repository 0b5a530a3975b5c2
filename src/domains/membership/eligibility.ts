/**
 * Who may become a member of the network (the statute's rules, as data-driven as the reference
 * data allows): in a member country (reference data `countries.memberCountry`: Italy and Sweden)
 * regions, provinces, municipalities and their associations, county administrative boards,
 * civil-society and education bodies may become members. Every other applicant from an EU
 * country (another country, or a private or other public body in Italy or Sweden) may become a
 * partner. Countries outside the reference list cannot apply.
 */
import type { ApplicationOutcome } from "./contract";

export const memberTypes = [
  "region",
  "province",
  "municipality",
  "municipal_association",
  "county_administrative_board",
  "civil_society",
  "education",
] as const;

export type CountryFacts = { code: string; memberCountry: boolean; euMember: boolean };

/** What the organisation can become, or null if it cannot apply at all (unknown country). */
export function eligibility(country: CountryFacts | undefined, type: string): ApplicationOutcome | null {
  if (!country || !(country.euMember || country.memberCountry)) return null;
  if (country.memberCountry && (memberTypes as readonly string[]).includes(type)) return "member";
  return "partner";
}
