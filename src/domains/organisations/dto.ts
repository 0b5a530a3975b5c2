/**
 * The one mapping from stored rows to what the API, the pages and the CLI see. Services never
 * return raw rows: internal columns (search text, normalised name, the override flag) stay here.
 */
import { isLanguage } from "~/i18n/i18n";
import type { Contact, Organisation, OrganisationStatus, StatusChange } from "./contract";
import type { contacts, organisationStatusChanges, organisations } from "./schema";

export type OrganisationRow = typeof organisations.$inferSelect;
export type ContactRow = typeof contacts.$inferSelect;
export type StatusChangeRow = typeof organisationStatusChanges.$inferSelect;

const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function toOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    country: row.country,
    type: row.type as Organisation["type"],
    publicAuthority: row.publicAuthority,
    publicAuthorityOverridden: row.publicAuthorityOverride !== null,
    officialCode: row.officialCode,
    nuts3: row.nuts3,
    nuts2: row.nuts2,
    region: row.region,
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
    invoiceLanguage: row.invoiceLanguage !== null && isLanguage(row.invoiceLanguage) ? row.invoiceLanguage : null,
    annualBudget: row.annualBudgetCents === null ? null : row.annualBudgetCents / 100,
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/**
 * The organisation without its invoicing details (invoice e-mail, language, budget), for readers
 * who may not see its contacts. Its identifiers stay: they are public register data.
 */
export function withoutBilling(organisation: Organisation): Organisation {
  return { ...organisation, invoiceEmail: null, invoiceLanguage: null, annualBudget: null };
}

export function toContact(row: ContactRow, hasAccount: boolean): Contact {
  return {
    id: row.id,
    organisationId: row.organisationId,
    name: row.name,
    jobTitle: row.jobTitle,
    email: row.email,
    phone: row.phone,
    preferredLanguage: isLanguage(row.preferredLanguage) ? row.preferredLanguage : "en",
    legalRepresentative: row.legalRepresentative,
    primaryContact: row.primaryContact,
    hasAccount,
  };
}

export function toStatusChange(row: StatusChangeRow): StatusChange {
  return {
    fromStatus: (row.fromStatus as OrganisationStatus | null) ?? null,
    toStatus: row.toStatus as OrganisationStatus,
    changedAt: iso(row.changedAt),
    note: row.note,
  };
}
