/**
 * Writing organisations: the stored columns for a state (caller's fields + derived fields) and
 * the small helpers the service and the CSV import share.
 */
import type { ReferenceSnapshot } from "~/domains/reference/service";
import type { OrganisationStatus } from "./contract";
import type { OrganisationRow } from "./dto";
import { deriveFields, type OrganisationState } from "./rules";
import type { organisations } from "./schema";

export type OrganisationValues = Omit<typeof organisations.$inferInsert, "id" | "version" | "createdAt" | "updatedAt">;

/**
 * What e-invoices and fee rules need, set through the forms and the API (not the CSV import,
 * whose columns stay as they are: an import leaves these fields untouched).
 */
export type BillingFields = {
  taxCode: string | null;
  vatNumber: string | null;
  ipaCode: string | null;
  orgNumber: string | null;
  peppolId: string | null;
  invoiceEmail: string | null;
  invoiceLanguage: string | null;
  annualBudgetCents: number | null;
};

export const billingFieldNames = [
  "taxCode",
  "vatNumber",
  "ipaCode",
  "orgNumber",
  "peppolId",
  "invoiceEmail",
  "invoiceLanguage",
  "annualBudgetCents",
] as const satisfies readonly (keyof BillingFields)[];

/** Everything a caller sets on an organisation through the service. */
export type OrganisationRecordState = OrganisationState & BillingFields;

export const noBilling: BillingFields = {
  taxCode: null,
  vatNumber: null,
  ipaCode: null,
  orgNumber: null,
  peppolId: null,
  invoiceEmail: null,
  invoiceLanguage: null,
  annualBudgetCents: null,
};

/**
 * Every stored column of a state, derived fields included. A state without the billing fields
 * (the import's) leaves them undefined, so an insert takes the column default and an update
 * does not touch them.
 */
export function rowValues(
  ref: ReferenceSnapshot,
  state: OrganisationState & Partial<BillingFields>,
): OrganisationValues {
  const derived = deriveFields(ref, state);
  // Spelled out rather than spread: an import builds 100,000 of these, and a literal with a fixed
  // shape is several times cheaper to create and collect.
  return {
    name: state.name,
    country: state.country,
    type: state.type,
    publicAuthorityOverride: state.publicAuthorityOverride,
    publicAuthority: derived.publicAuthority,
    officialCode: state.officialCode,
    nuts3: state.nuts3,
    nuts2: derived.nuts2,
    region: derived.region,
    inhabitants: state.inhabitants,
    employees: state.employees,
    website: state.website,
    street: state.street,
    postalCode: state.postalCode,
    city: state.city,
    workingLanguages: state.workingLanguages,
    priorities: state.priorities,
    status: state.status,
    memberSince: state.memberSince,
    taxCode: state.taxCode,
    vatNumber: state.vatNumber,
    ipaCode: state.ipaCode,
    orgNumber: state.orgNumber,
    peppolId: state.peppolId,
    invoiceEmail: state.invoiceEmail,
    invoiceLanguage: state.invoiceLanguage,
    annualBudgetCents: state.annualBudgetCents,
    searchText: derived.searchText,
    normalizedName: derived.normalizedName,
  };
}

/** The caller-settable fields of a stored row. */
export function stateOfRow(row: OrganisationRow): OrganisationRecordState {
  return {
    name: row.name,
    country: row.country,
    type: row.type,
    publicAuthorityOverride: row.publicAuthorityOverride,
    officialCode: row.officialCode,
    nuts3: row.nuts3,
    inhabitants: row.inhabitants,
    employees: row.employees,
    website: row.website,
    street: row.street,
    postalCode: row.postalCode,
    city: row.city,
    workingLanguages: row.workingLanguages,
    priorities: row.priorities,
    status: row.status as OrganisationStatus,
    memberSince: row.memberSince,
    taxCode: row.taxCode,
    vatNumber: row.vatNumber,
    ipaCode: row.ipaCode,
    orgNumber: row.orgNumber,
    peppolId: row.peppolId,
    invoiceEmail: row.invoiceEmail,
    invoiceLanguage: row.invoiceLanguage,
    annualBudgetCents: row.annualBudgetCents,
  };
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return (a ?? null) === (b ?? null);
}

/** The fields whose values differ between two states. */
export function changedFields<S extends OrganisationState>(before: S, after: S): (keyof S & string)[] {
  return (Object.keys(after) as (keyof S & string)[]).filter((k) => !sameValue(before[k], after[k]));
}

/** A PostgreSQL unique violation on the (country, official code) index. */
export function isDuplicateOfficialCode(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, constraint, message } = e as { code?: string; constraint?: string; message?: string };
    if (
      code === "23505" &&
      (constraint === "organisations_country_code_unique" || message?.includes("organisations_country_code_unique"))
    )
      return true;
    if ((e as { cause?: unknown }).cause === e) break;
  }
  return false;
}
