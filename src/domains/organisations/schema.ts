import { sql } from "drizzle-orm";
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
    /** Normalised (lower case, no accents) name, code and region, for search. */
    searchText: text("search_text").notNull(),
    normalizedName: text("normalized_name").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("organisations_search_trgm").using("gin", sql`${t.searchText} gin_trgm_ops`),
    index("organisations_search_fts").using("gin", sql`to_tsvector('simple', ${t.searchText})`),
    index("organisations_name_trgm").using("gin", sql`${t.normalizedName} gin_trgm_ops`),
    uniqueIndex("organisations_country_code_unique")
      .on(t.country, t.officialCode)
      .where(sql`${t.officialCode} is not null`),
    index("organisations_country_name").on(t.country, t.normalizedName),
    index("organisations_status").on(t.status),
    index("organisations_priorities").using("gin", t.priorities),
    index("organisations_sort_name").on(t.normalizedName, t.id),
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("contacts_organisation").on(t.organisationId), index("contacts_email").on(t.email)],
);
