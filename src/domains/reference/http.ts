/**
 * Reference data for forms and integrations: countries, organisation types, priorities (with
 * their en/sv/it names) and the reference-places lookup that fills in official code, NUTS codes
 * and inhabitants. Public: none of it is personal data.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "~/http/context";
import { pickErrors } from "~/http/openapi";
import { listCountries, listOrganisationTypes, listPriorities, listThematicAreas, searchPlaces } from "./service";

const Names = z
  .object({ en: z.string(), sv: z.string(), it: z.string() })
  .openapi("LocalizedText", { example: { en: "Italy", sv: "Italien", it: "Italia" } });

const Country = z
  .object({ code: z.string(), names: Names, euMember: z.boolean(), memberCountry: z.boolean() })
  .openapi("Country");
const OrganisationTypeInfo = z
  .object({ code: z.string(), names: Names, publicAuthority: z.boolean() })
  .openapi("OrganisationTypeInfo");
const Priority = z.object({ code: z.string(), areaCode: z.string(), names: Names }).openapi("Priority");
const ThematicArea = z.object({ code: z.string(), names: Names }).openapi("ThematicArea");
const Place = z
  .object({
    country: z.string().openapi({ example: "IT" }),
    code: z.string().openapi({ example: "040012", description: "ISTAT code (Italy) or SCB code (Sweden)" }),
    name: z.string().openapi({ example: "Forlì" }),
    kind: z.enum(["municipality", "province", "region"]),
    region: z.string().openapi({ example: "Emilia-Romagna" }),
    province: z.string().nullable().openapi({ example: "Forlì-Cesena" }),
    nuts2: z.string().nullable().openapi({ example: "ITH5" }),
    nuts3: z.string().nullable().openapi({ example: "ITH58" }),
    inhabitants: z.number().int().nullable(),
  })
  .openapi("Place");

export const PlaceQuery = z.object({
  q: z.string().trim().min(1).max(100),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, "field.unknownCountry")
    .optional(),
  kind: z.enum(["municipality", "province", "region"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const list = <T extends z.ZodType>(schema: T, name: string) => z.object({ items: z.array(schema) }).openapi(name);

const placesRoute = createRoute({
  method: "get",
  path: "/reference/places",
  tags: ["reference"],
  summary: "Find an Italian comune, province or region, or a Swedish kommun or län, by name",
  description:
    "Accent- and case-insensitive, by name prefix as you type (`reggio em`), tolerant of a small typo; best match first. Each place carries its official code, NUTS codes and inhabitants.",
  request: { query: PlaceQuery },
  responses: { 200: { description: "Matching places", content: json(list(Place, "PlaceList")) }, ...pickErrors(422) },
});

const countriesRoute = createRoute({
  method: "get",
  path: "/reference/countries",
  tags: ["reference"],
  summary: "Countries (members only from member countries; partners from any EU country)",
  responses: { 200: { description: "Countries", content: json(list(Country, "CountryList")) } },
});

const typesRoute = createRoute({
  method: "get",
  path: "/reference/organisation-types",
  tags: ["reference"],
  summary: "Organisation types, with the public-authority flag each implies",
  responses: { 200: { description: "Types", content: json(list(OrganisationTypeInfo, "OrganisationTypeList")) } },
});

const prioritiesRoute = createRoute({
  method: "get",
  path: "/reference/priorities",
  tags: ["reference"],
  summary: "Thematic areas and their priorities",
  responses: {
    200: {
      description: "Priorities",
      content: json(z.object({ items: z.array(Priority), areas: z.array(ThematicArea) }).openapi("PriorityList")),
    },
  },
});

export function registerReferenceApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(placesRoute, async (c) => {
    const { database } = c.get("ctx");
    const { q, country, kind, limit } = c.req.valid("query");
    return c.json({ items: await searchPlaces(database.db, { q, country, kind, limit }) }, 200);
  });
  api.openapi(countriesRoute, async (c) => c.json({ items: await listCountries(c.get("ctx").database.db) }, 200));
  api.openapi(typesRoute, async (c) => c.json({ items: await listOrganisationTypes(c.get("ctx").database.db) }, 200));
  api.openapi(prioritiesRoute, async (c) => {
    const { db } = c.get("ctx").database;
    const items = await listPriorities(db);
    const areas = await listThematicAreas(db);
    return c.json({ items, areas }, 200);
  });
}
