import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "~/db/columns";

export const organisations = pgTable(
  "organisations",
  {
    id: id(),
    name: text("name").notNull(),
    country: text("country").notNull(),
    type: text("type").notNull(),
    /** null = derived from the type; true/false = overridden by the secretariat. */
    publicAuthorityOverride: boolean("public_authority_override"),
    publicAuthority: boolean("public_authority").notNull(),
    officialCode: text("official_code"),
    nuts3: text("nuts3"),
    nuts2: text("nuts2"),
    region: text("region"),
    inhabitants: integer("inhabitants"),
    employees: integer("employees"),
    website: text("website"),
    street: text("street"),
    postalCode: text("postal_code"),
    city: text("city"),
    workingLanguages: text("working_languages").array().notNull().default(sql`'{}'::text[]`),
    priorities: text("priorities").array().notNull().default(sql`'{}'::text[]`),
    status: text("status").notNull(),
    memberSince: date("member_since"),
    /** Set while a member is suspended (unpaid fees); cleared on re-admission. */
    suspendedSince: date("suspended_since"),
    // What e-invoices and fee rules need (checked for form when entered).
    /** Italy: codice fiscale (11 digits for bodies, 16 characters for persons). */
    taxCode: text("tax_code"),
    /** VAT number with country prefix (IT + partita IVA, SE + organisationsnummer + 01). */
    vatNumber: text("vat_number"),
    /** Italy: IPA code of the office that receives e-invoices (6 characters), or SDI code (7). */
    ipaCode: text("ipa_code"),
    /** Sweden: organisationsnummer (NNNNNN-NNNN). */
    orgNumber: text("org_number"),
    /** Peppol participant ID, scheme:identifier (e.g. 0007:2120000787). */
    peppolId: text("peppol_id"),
    invoiceEmail: text("invoice_email"),
    /** Language of invoices when not the country's (English on request). */
    invoiceLanguage: text("invoice_language"),
    annualBudgetCents: bigint("annual_budget_cents", { mode: "number" }),
    /** Normalised (lower case, no accents) name, code and region, for search. */
    searchText: text("search_text").notNull(),
    normalizedName: text("normalized_name").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("organisations_search_fts").using("gin", sql`to_tsvector('simple', ${t.searchText})`),
    uniqueIndex("organisations_country_code_unique")
      .on(t.country, t.officialCode)
      .where(sql`${t.officialCode} is not null`),
    index("organisations_country_name").on(t.country, t.normalizedName),
    index("organisations_priorities").using("gin", t.priorities),
    index("organisations_sort_name").on(t.normalizedName, t.id),
    // A status's list in name order (the Board's applicants, the published members) and its count.
    index("organisations_status_name").on(t.status, t.normalizedName, t.id),
    index("organisations_nuts3").on(t.nuts3.op("text_pattern_ops")),
  ],
);

export const organisationStatusChanges = pgTable(
  "organisation_status_changes",
  {
    id: id(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
    changedBy: uuid("changed_by"),
    note: text("note"),
  },
  (t) => [index("organisation_status_changes_org").on(t.organisationId, t.changedAt)],
);

export const contacts = pgTable(
  "contacts",
  {
    id: id(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    jobTitle: text("job_title"),
    email: text("email"),
    phone: text("phone"),
    preferredLanguage: text("preferred_language").notNull().default("en"),
    legalRepresentative: boolean("legal_representative").notNull().default(false),
    primaryContact: boolean("primary_contact").notNull().default(false),
    /** Receives the organisation's invoices and reminders. */
    billingContact: boolean("billing_contact").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("contacts_organisation").on(t.organisationId), index("contacts_email").on(t.email)],
);

/**
 * The words of every organisation's name, region and city (normalised, three letters or more),
 * for typo-tolerant search: a query word that starts no known word is replaced by the most
 * similar known words (trigram similarity), and the full-text prefix search runs with those.
 * Words are added as organisations are written and never removed (a stale word only widens a
 * query that then matches nothing more).
 */
export const organisationSearchWords = pgTable(
  "organisation_search_words",
  { word: text("word").primaryKey() },
  (t) => [index("organisation_search_words_trgm").using("gin", sql`${t.word} gin_trgm_ops`)],
);
