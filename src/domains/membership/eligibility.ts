/**
 * Who may become a member of the network (the statute's rules, as data-driven as the reference
 * data allows): in a member country (reference data `countries.memberCountry`: Italy and Sweden)
 * regions, provinces, municipalities and their associations, county administrative boards,
 * civil-society and education bodies may become members. Every other applicant from an EU
 * country (another country, or a private or other public body in Italy or Sweden) may become a
 * partner. Countries outside the reference list cannot apply.
 */
import { type Identifiers, isValidIpaCode } from "~/domains/organisations/identifiers";
import type { FieldProblem } from "~/errors/app-error";
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

/**
 * The identifiers an application must give, so the member can be invoiced in the format it must
 * receive (decision record "application identifiers"): every Italian organisation its codice
 * fiscale, an Italian public authority also the IPA code of the office receiving e-invoices
 * (FatturaPA FPA12 cannot be sent without it), every Swedish organisation its organisationsnummer
 * (its Peppol address unless another Peppol ID is given). Other countries give what they have.
 * Returns the missing fields as problems; the form of each given value is checked separately.
 */
export function missingIdentifiers(
  country: string,
  publicAuthority: boolean,
  ids: Partial<Identifiers>,
): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  const required = { key: "errors:field.required" };
  if (country === "IT") {
    if (!ids.taxCode) problems.taxCode = required;
    if (publicAuthority && !ids.ipaCode) problems.ipaCode = required;
    else if (publicAuthority && ids.ipaCode && !isValidIpaCode(ids.ipaCode))
      problems.ipaCode = { key: "membership:errors.ipaCodeForPublic" };
  }
  if (country === "SE" && !ids.orgNumber) problems.orgNumber = required;
  return problems;
}
