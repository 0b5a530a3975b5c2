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

export const governanceBodies = pgTable("governance_bodies", {
  code: text("code").primaryKey(),
  names: jsonb("names").$type<LocalizedText>().notNull(),
  sortOrder: smallint("sort_order").notNull().default(0),
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
