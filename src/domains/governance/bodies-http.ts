/**
 * The API of governance bodies and mandates. Each handler: parse → one service function (which
 * authorizes) → present. `GET /bodies` is public: anonymous callers (and anyone outside the
 * secretariat and the Board) get the public bodies with their holders' names and organisations
 * only; the secretariat and the Board get every body with its composition, problems and warnings
 * (e-mail addresses only for the secretariat).
 * Registered by src/http/api.ts: `registerBodiesApi(api)`.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "~/http/context";
import { pickErrors } from "~/http/openapi";
import { getBody, listBodies, publicBodies, updateBodyRules } from "./bodies";
import {
  BodyDetail,
  BodyList,
  BodyRulesInput,
  EndMandateInput,
  Mandate,
  MandateInput,
  MandateQuery,
} from "./bodies-contract";
import { createMandate, endMandate, listMandates } from "./mandates";
import { canViewGovernance } from "./policy";

const CodeParam = z.object({
  code: z.string().openapi({ param: { name: "code", in: "path" }, example: "board" }),
});
const IdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, format: "uuid" }) });
const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const tags = ["governance"];

const listRoute = createRoute({
  method: "get",
  path: "/bodies",
  tags,
  summary: "The governance bodies and who holds their seats today (public)",
  description:
    "Anonymous callers and roles outside the secretariat and the Board get the public bodies (not the Secretariat's staff, not the Assembly) with each holder's name, organisation, role, since and until. The secretariat and the Board get every body with its rules, current holders, vacancies, composition problems and terms ending within `governance.termWarningDays`; holders' e-mail addresses only for the secretariat.",
  responses: {
    200: { description: "The bodies in their order", content: json(BodyList) },
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/bodies/{code}",
  tags,
  summary: "One body: composition, upcoming mandates, history, vacancies, problems, warnings (secretariat, Board)",
  request: { params: CodeParam, query: z.object({ at: MandateQuery.shape.at }) },
  responses: {
    200: { description: "The body", content: json(BodyDetail) },
    ...pickErrors(401, 403, 404, 422),
  },
});

const rulesRoute = createRoute({
  method: "put",
  path: "/bodies/{code}",
  tags,
  summary: "Change a body's rules (secretariat)",
  description:
    "Seats (null: no fixed number), term in months (null: open-ended), quorum percentage (0–100), the countries sharing the seats equally, shown publicly. Fields left out stay as they are.",
  request: { params: CodeParam, body: { required: true, content: json(BodyRulesInput) } },
  responses: {
    200: { description: "The body with its new rules", content: json(BodyDetail) },
    ...pickErrors(400, 401, 403, 404, 415, 422),
  },
});

const mandatesRoute = createRoute({
  method: "get",
  path: "/bodies/{code}/mandates",
  tags,
  summary: "A body's mandates (secretariat, Board)",
  description:
    "The mandates holding on `at` (default today); with `history=true` every mandate, past and upcoming too, newest first, each with its status on `at`.",
  request: { params: CodeParam, query: MandateQuery },
  responses: {
    200: { description: "The mandates", content: json(z.array(Mandate)) },
    ...pickErrors(401, 403, 404, 422),
  },
});

const createMandateRoute = createRoute({
  method: "post",
  path: "/bodies/{code}/mandates",
  tags,
  summary: "Record a mandate (secretariat)",
  description:
    "The holder is a contact of a member organisation (`contactId`), or a user (`userId`: the Secretariat's staff, or with `organisationId` a member organisation's representative). `endsOn` defaults to the start plus the body's term less one day. Refused (422, naming the field): the General Assembly; more members than seats at any time of the period; a country over its share of the seats; an office whose holder has no seat in the parent body for the period; the same person twice in the body at once; an end before the start.",
  request: { params: CodeParam, body: { required: true, content: json(MandateInput) } },
  responses: {
    201: { description: "The mandate recorded", content: json(Mandate) },
    ...pickErrors(400, 401, 403, 404, 415, 422),
  },
});

const endRoute = createRoute({
  method: "post",
  path: "/mandates/{id}/end",
  tags,
  summary: "End a mandate early (secretariat)",
  description:
    "From `endedOn` (default today) the mandate no longer holds: its seat is vacant and it moves to the body's history. 409 if it has already ended.",
  request: { params: IdParam, body: { required: true, content: json(EndMandateInput) } },
  responses: {
    200: { description: "The mandate, ended", content: json(Mandate) },
    ...pickErrors(400, 401, 403, 404, 409, 415, 422),
  },
});

export function registerBodiesApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(listRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    if (canViewGovernance(actor)) return c.json(await listBodies(database.db, actor), 200);
    return c.json(await publicBodies(database.db), 200);
  });

  api.openapi(getRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const { at } = c.req.valid("query");
    return c.json(await getBody(database.db, actor, c.req.valid("param").code, at), 200);
  });

  api.openapi(rulesRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json(await updateBodyRules(database.db, actor, c.req.valid("param").code, c.req.valid("json")), 200);
  });

  api.openapi(mandatesRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const query = c.req.valid("query");
    return c.json(await listMandates(database.db, actor, c.req.valid("param").code, query), 200);
  });

  api.openapi(createMandateRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json(await createMandate(database.db, actor, c.req.valid("param").code, c.req.valid("json")), 201);
  });

  api.openapi(endRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json(await endMandate(database.db, actor, c.req.valid("param").id, c.req.valid("json")), 200);
  });
}
