/**
 * The fees API: fee schedules by year (anyone reads; the secretariat writes, with If-Match) and
 * the public fee quote. Each handler parses, calls one service function, presents.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "~/errors/app-error";
import type { AppEnv } from "~/http/context";
import { pickErrors } from "~/http/openapi";
import { etagOf, versionFromIfMatch } from "~/http/versions";
import { FeeQuoteAnswer, FeeQuoteQuery, FeeSchedule, FeeScheduleInput, FeeScheduleSummary } from "./contract";
import { getSchedule, listYears, presentQuote, putSchedule, quoteFor } from "./service";

const jsonLimit = bodyLimit({
  maxSize: 1024 * 1024,
  onError: () => {
    throw new AppError("payload_too_large", "errors:payload_too_large", {}, { limit: "1 MB" });
  },
});

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const etagHeader = { ETag: { schema: { type: "string" as const }, description: 'The schedule\'s version, e.g. "v3"' } };
const YearParam = z.object({
  year: z.string().openapi({ param: { name: "year", in: "path" }, example: "2027" }),
});

const listRoute = createRoute({
  method: "get",
  path: "/fee-schedules",
  tags: ["fees"],
  summary: "The years that have a fee schedule (newest first)",
  responses: {
    200: {
      description: "Years",
      content: json(z.object({ items: z.array(FeeScheduleSummary) }).openapi("FeeScheduleList")),
    },
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/fee-schedules/{year}",
  tags: ["fees"],
  summary: "A year's fee schedule",
  request: { params: YearParam },
  responses: {
    200: { description: "The schedule", headers: etagHeader, content: json(FeeSchedule) },
    ...pickErrors(404, 422),
  },
});

const putRoute = createRoute({
  method: "put",
  path: "/fee-schedules/{year}",
  tags: ["fees"],
  summary: "Create or replace a year's fee schedule (secretariat)",
  description: [
    "The rules are checked as a whole: bands strictly ascending with one open-ended band, last; a flat fee has one band; minimum not above maximum; codes unique; no organisation type covered twice in a country (a rule naming countries wins over one naming none). Problems are named by path, e.g. `rules.2.bands.1.upTo`.",
    "",
    'Replacing needs `If-Match` with the schedule\'s ETag (`"v3"`; 428 without it, 412 when stale). Creating a year needs no `If-Match` (201).',
  ].join("\n"),
  middleware: [jsonLimit] as const,
  request: {
    params: YearParam,
    headers: z.object({
      "if-match": z
        .string()
        .optional()
        .openapi({ param: { name: "if-match", in: "header" }, example: '"v3"' }),
    }),
    body: { required: true, content: json(FeeScheduleInput) },
  },
  responses: {
    200: { description: "Replaced", headers: etagHeader, content: json(FeeSchedule) },
    201: { description: "Created", headers: etagHeader, content: json(FeeSchedule) },
    ...pickErrors(400, 401, 403, 412, 413, 415, 422, 428),
  },
});

const quoteRoute = createRoute({
  method: "get",
  path: "/fees/quote",
  tags: ["fees"],
  summary: "The membership fee for an organisation (public)",
  description:
    "The fee under a year's schedule (default: this year's, else the latest), with the rule and band that produced it (`detail` in the caller's language). `budget` is the annual budget in euro. 404 when there is no schedule; 422 naming the field when the input is bad, no rule applies (`type`) or the rule needs a figure that is missing.",
  request: { query: FeeQuoteQuery },
  responses: {
    200: { description: "The fee", content: json(FeeQuoteAnswer) },
    ...pickErrors(404, 422),
  },
});

/** The version an If-Match names; absent: null (only a new schedule may be created without it). */
function expectedVersion(header: string | undefined): number | null | undefined {
  if (header === undefined || header.trim() === "") return null;
  const version = versionFromIfMatch(header);
  if (version === "invalid") throw new AppError("precondition_failed");
  return version === "any" ? undefined : version;
}

export function registerFeesApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(listRoute, async (c) => {
    const { database } = c.get("ctx");
    return c.json({ items: await listYears(database.db) }, 200);
  });

  api.openapi(getRoute, async (c) => {
    const { database } = c.get("ctx");
    const schedule = await getSchedule(database.db, Number(c.req.valid("param").year));
    c.header("ETag", etagOf(schedule.version));
    return c.json(schedule, 200);
  });

  api.openapi(putRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const version = expectedVersion(c.req.valid("header")["if-match"]);
    const { created, ...schedule } = await putSchedule(
      database.db,
      actor,
      Number(c.req.valid("param").year),
      c.req.valid("json"),
      version,
    );
    c.header("ETag", etagOf(schedule.version));
    if (created) {
      c.header("Location", `/api/v1/fee-schedules/${schedule.year}`);
      return c.json(schedule, 201);
    }
    return c.json(schedule, 200);
  });

  api.openapi(quoteRoute, async (c) => {
    const { database, language } = c.get("ctx");
    // The raw query: the service validates it (the same parse as the page's form).
    const answer = await quoteFor(database.db, c.req.query());
    return c.json(presentQuote(answer, language), 200);
  });
}
