import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, smallint, text } from "drizzle-orm/pg-core";
import { createdAt, type LocalizedText, updatedAt } from "~/db/columns";

/** The network's configuration, stored as data the secretariat can change. */

export const countries = pgTable("countries", {
  code: text("code").primaryKey(), // ISO 3166-1 alpha-2
  names: jsonb("names").$type<LocalizedText>().notNull(),
  euMember: boolean("eu_member").notNull().default(true),
  /** Organisations from this country may become members (else partners only). */
  memberCountry: boolean("member_country").notNull().default(false),
});

export const organisationTypes = pgTable("organisation_types", {
  code: text("code").primaryKey(),
  names: jsonb("names").$type<LocalizedText>().notNull(),
  publicAuthority: boolean("public_authority").notNull(),
  sortOrder: smallint("sort_order").notNull().default(0),
});

export const thematicAreas = pgTable("thematic_areas", {
  code: text("code").primaryKey(),
  names: jsonb("names").$type<LocalizedText>().notNull(),
  sortOrder: smallint("sort_order").notNull().default(0),
});

export const priorities = pgTable("priorities", {
  code: text("code").primaryKey(),
  areaCode: text("area_code")
    .notNull()
    .references(() => thematicAreas.code),
  names: jsonb("names").$type<LocalizedText>().notNull(),
  sortOrder: smallint("sort_order").notNull().default(0),
});

/**
 * The governance bodies and their rules (data the secretariat can change). `kind`: `assembly`
 * (its members are the member organisations, one vote each or weighted), `collegial` (persons
 * holding seats: Board, Presidium, Audit Committee, Project Group), `office` (one holder, within
 * `parentCode`: Chair and Vice-chair of the Board) or `staff` (the Secretariat).
 */
export const governanceBodies = pgTable("governance_bodies", {
  code: text("code").primaryKey(),
  names: jsonb("names").$type<LocalizedText>().notNull(),
  sortOrder: smallint("sort_order").notNull().default(0),
  kind: text("kind").notNull().default("collegial"),
  parentCode: text("parent_code"),
  /** Number of seats; null: no fixed number. */
  seats: smallint("seats"),
  /** Length of a term in months (Board: 24, from the electing Assembly); null: open-ended. */
  termMonths: smallint("term_months"),
  /** Quorum: at least this percentage of those entitled present (in person or by proxy). */
  quorumPercent: smallint("quorum_percent").notNull().default(50),
  /** Seats shared equally among these countries (for example IT and SE); empty: no rule. */
  balancedCountries: text("balanced_countries").array().notNull().default(sql`'{}'::text[]`),
  /** Who holds office in this body is shown on the public site. */
  public: boolean("public").notNull().default(true),
  /** The body holds meetings (offices do not). */
  holdsMeetings: boolean("holds_meetings").notNull().default(true),
});

/** Free-form network settings (for example the Board's meeting months). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: updatedAt(),
});

export const nutsRegions = pgTable("nuts_regions", {
  code: text("code").primaryKey(),
  label: text("label").notNull(),
  level: smallint("level").notNull(),
  countryCode: text("country_code").notNull(),
});

/** Every Italian comune and Swedish kommun, to fill in official code, NUTS and inhabitants. */
export const referencePlaces = pgTable(
  "reference_places",
  {
    countryCode: text("country_code").notNull(),
    officialCode: text("official_code").notNull(),
    name: text("name").notNull(),
    kind: text("kind").notNull(), // municipality | region | province
    regionName: text("region_name").notNull(),
    provinceName: text("province_name"),
    nuts2: text("nuts2"),
    nuts3: text("nuts3"),
    inhabitants: integer("inhabitants"),
    searchText: text("search_text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.countryCode, t.kind, t.officialCode] }),
    index("reference_places_search_fts").using("gin", sql`to_tsvector('simple', ${t.searchText})`),
  ],
);
