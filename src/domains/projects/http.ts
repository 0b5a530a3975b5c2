/**
 * The projects' JSON API. Each handler: parse (route schemas from ./contract) → call one service
 * function (which authorizes with ./policy) → present (DTO, ETag).
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "~/errors/app-error";
import { tableFormats } from "~/files/table-file";
import type { AppEnv } from "~/http/context";
import { download } from "~/http/download";
import { pickErrors } from "~/http/openapi";
import { queryRecord } from "~/http/query";
import { optionalVersion, requiredVersion, withEtag } from "~/http/versions";
import {
  FundingProgramme,
  Partner,
  PartnerInput,
  ProjectDetail,
  ProjectInput,
  ProjectList,
  ProjectPatch,
  ProjectQuery,
  ResubmissionInput,
  Transition,
  TransitionInput,
} from "./contract";
import { exportProjects } from "./export";
import { addPartner, listPartners, removePartner } from "./partners";
import { listFundingProgrammes } from "./programmes";
import { createProject, getProject, listProjects, updateProject } from "./service";
import { listTransitions, moveProject, resubmitProject } from "./transitions";

const jsonLimit = bodyLimit({
  maxSize: 1024 * 1024,
  onError: () => {
    throw new AppError("payload_too_large", "errors:payload_too_large", {}, { limit: "1 MB" });
  },
});

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const IdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, format: "uuid" }) });
const PartnerParams = IdParam.extend({
  partnerId: z.string().openapi({ param: { name: "partnerId", in: "path" }, format: "uuid" }),
});
const ifMatchHeader = (description: string) =>
  z.object({
    "if-match": z
      .string()
      .optional()
      .openapi({ param: { name: "if-match", in: "header" }, description, example: '"v3"' }),
  });
const IfMatchRequired = ifMatchHeader('The ETag of the version being changed, e.g. "v3" (required)');
const IfMatchOptional = ifMatchHeader(
  'The ETag of the project\'s version, e.g. "v3": when given, a change made meanwhile is 412',
);
const etagHeader = { ETag: { schema: { type: "string" as const }, description: 'The project\'s version, e.g. "v3"' } };

const tags = ["projects"];

const programmesRoute = createRoute({
  method: "get",
  path: "/projects/programmes",
  tags,
  summary: "The funding programmes and their actions (reference data)",
  responses: {
    200: { description: "Programmes", content: json(z.object({ items: z.array(FundingProgramme) })) },
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/projects",
  tags,
  summary: "Projects: filter and page (signed-in users)",
  description: [
    "Each project is one submission of an idea (`ideaId`); a resubmission is a new project of the same idea.",
    "Filters, combined: `phase`, `fundingStatus`, `programme`, `priority` (lists, comma-separated or repeated), `member` (an organisation taking part or having initiated the project), `year` (of the call's deadline, else of the day the application was submitted), `idea`, `q` (acronym, titles, call identifier).",
    "The secretariat and the Board see every project; member contacts and experts their organisation's and those not marked internal; partner organisations' users only their own.",
  ].join("\n\n"),
  request: { query: ProjectQuery },
  responses: {
    200: { description: "One page of projects", content: json(ProjectList) },
    ...pickErrors(401, 403, 422),
  },
});

const exportRoute = createRoute({
  method: "get",
  path: "/projects/export",
  tags,
  summary: "Export the filtered projects list as CSV or XLSX (signed-in users)",
  description:
    "The list's filters, paging ignored: every project the caller may read, with titles, programmes, phases and funding decisions in the caller's language; amounts in euro.",
  request: { query: ProjectQuery.extend({ format: z.enum(tableFormats).default("csv") }) },
  responses: {
    200: {
      description: "The file",
      content: {
        "text/csv": { schema: z.string() },
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
          schema: z.string().openapi({ format: "binary" }),
        },
      },
    },
    ...pickErrors(401, 403, 422),
  },
});

const createProjectRoute = createRoute({
  method: "post",
  path: "/projects",
  tags,
  summary: "Create a project (secretariat; a member contact: an idea for their organisation)",
  description:
    "Money in integer cents of EUR. `phase` defaults to identification; the secretariat may enter a past project in a later phase with a funding status that fits it. The partner with `role` lead is the lead applicant; a member contact's organisation leads their idea.",
  middleware: [jsonLimit] as const,
  request: { body: { required: true, content: json(ProjectInput) } },
  responses: {
    201: { description: "Created", headers: etagHeader, content: json(ProjectDetail) },
    ...pickErrors(400, 401, 403, 409, 413, 415, 422),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/projects/{id}",
  tags,
  summary: "A project with its partners and every submission of its idea",
  request: { params: IdParam },
  responses: {
    200: { description: "The project", headers: etagHeader, content: json(ProjectDetail) },
    ...pickErrors(401, 404),
  },
});

const patchRoute = createRoute({
  method: "patch",
  path: "/projects/{id}",
  tags,
  summary: "Change a project's data (secretariat; the lead member contact in identification and formulation)",
  description: "The phase and the funding decision change through `POST /projects/{id}/transitions`.",
  middleware: [jsonLimit] as const,
  request: { params: IdParam, headers: IfMatchRequired, body: { required: true, content: json(ProjectPatch) } },
  responses: {
    200: { description: "The changed project", headers: etagHeader, content: json(ProjectDetail) },
    ...pickErrors(400, 401, 403, 404, 409, 412, 413, 415, 422, 428),
  },
});

const listTransitionsRoute = createRoute({
  method: "get",
  path: "/projects/{id}/transitions",
  tags,
  summary: "Every move of the project between phases and of its funding status, oldest first",
  request: { params: IdParam },
  responses: {
    200: { description: "The moves", content: json(z.object({ items: z.array(Transition) })) },
    ...pickErrors(401, 404),
  },
});

const moveRoute = createRoute({
  method: "post",
  path: "/projects/{id}/transitions",
  tags,
  summary: "Move the project to a phase and/or record the funding decision (secretariat)",
  description: [
    "Phases in order: programming, identification, formulation, financing, implementation, evaluation, closure.",
    "A move to the next phase needs no `reason`; one that skips a phase or goes back does (422 naming `reason`). Entering financing submits the application (`fundingStatus` submitted; the project needs its programme). In financing, `fundingStatus` is decided: approved, rejected or reserve; changing a decision once taken needs a reason. Implementation and later need the funding approved. A rejected submission does not move on: resubmit it (`POST /projects/{id}/resubmissions`).",
  ].join("\n\n"),
  middleware: [jsonLimit] as const,
  request: { params: IdParam, headers: IfMatchOptional, body: { required: true, content: json(TransitionInput) } },
  responses: {
    201: {
      description: "The move, and the project where it now is",
      headers: etagHeader,
      content: json(z.object({ transition: Transition, project: ProjectDetail }).openapi("ProjectMove")),
    },
    ...pickErrors(400, 401, 403, 404, 412, 413, 415, 422),
  },
});

const listPartnersRoute = createRoute({
  method: "get",
  path: "/projects/{id}/partners",
  tags,
  summary: "The project's partners, the lead applicant first",
  request: { params: IdParam },
  responses: {
    200: { description: "Partners", content: json(z.object({ items: z.array(Partner) })) },
    ...pickErrors(401, 404),
  },
});

const addPartnerRoute = createRoute({
  method: "post",
  path: "/projects/{id}/partners",
  tags,
  summary: "Add a partner (secretariat; the lead member contact in identification and formulation)",
  description:
    "`kind`: organisation (with `organisationId` from the directory), network (the network itself) or external (`name`, `country`, `organisationType`). `role` lead makes it the lead applicant (secretariat, one per project). Budget share in integer cents.",
  middleware: [jsonLimit] as const,
  request: { params: IdParam, headers: IfMatchOptional, body: { required: true, content: json(PartnerInput) } },
  responses: {
    201: { description: "The partner", content: json(Partner) },
    ...pickErrors(400, 401, 403, 404, 409, 412, 413, 415, 422),
  },
});

const removePartnerRoute = createRoute({
  method: "delete",
  path: "/projects/{id}/partners/{partnerId}",
  tags,
  summary: "Remove a partner (only the secretariat removes the lead applicant)",
  request: { params: PartnerParams, headers: IfMatchOptional },
  responses: { 204: { description: "Removed" }, ...pickErrors(401, 403, 404, 412) },
});

const resubmitRoute = createRoute({
  method: "post",
  path: "/projects/{id}/resubmissions",
  tags,
  summary: "Resubmit a rejected submission as a new submission of the same idea (secretariat)",
  description:
    "Creates a new project in formulation with the same `ideaId`, `resubmissionOf` the rejected one, its data and partners copied; the new call's identifier and deadline may be given. Each submission is resubmitted at most once (409).",
  middleware: [jsonLimit] as const,
  request: { params: IdParam, body: { required: false, content: json(ResubmissionInput) } },
  responses: {
    201: { description: "The new submission", headers: etagHeader, content: json(ProjectDetail) },
    ...pickErrors(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

export function registerProjectsApi(api: OpenAPIHono<AppEnv>): void {
  // Before /projects/{id}, which would otherwise take "programmes" for an id.
  api.openapi(programmesRoute, async (c) => {
    const { database } = c.get("ctx");
    return c.json({ items: await listFundingProgrammes(database.db) }, 200);
  });

  api.openapi(exportRoute, async (c) => {
    const { database, actor, language } = c.get("ctx");
    const { format, ...filters } = queryRecord(c);
    const file = await exportProjects(database.db, actor, filters, format === "xlsx" ? "xlsx" : "csv", language);
    return download(c, file);
  });

  api.openapi(listRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const { items, total, page, pageSize } = await listProjects(database.db, actor, queryRecord(c));
    return c.json({ items, total, page, pageSize }, 200);
  });

  api.openapi(createProjectRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const project = await createProject(database.db, actor, c.req.valid("json"));
    c.header("Location", `/api/v1/projects/${project.id}`);
    return c.json(withEtag(c, project), 201);
  });

  api.openapi(getRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json(withEtag(c, await getProject(database.db, actor, c.req.valid("param").id)), 200);
  });

  api.openapi(patchRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const version = requiredVersion(c.req.valid("header")["if-match"]);
    const project = await updateProject(database.db, actor, c.req.valid("param").id, c.req.valid("json"), version);
    return c.json(withEtag(c, project), 200);
  });

  api.openapi(listTransitionsRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json({ items: await listTransitions(database.db, actor, c.req.valid("param").id) }, 200);
  });

  api.openapi(moveRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const version = optionalVersion(c.req.valid("header")["if-match"]);
    const { project, transition } = await moveProject(
      database.db,
      actor,
      c.req.valid("param").id,
      c.req.valid("json"),
      version,
    );
    return c.json({ transition, project: withEtag(c, project) }, 201);
  });

  api.openapi(listPartnersRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json({ items: await listPartners(database.db, actor, c.req.valid("param").id) }, 200);
  });

  api.openapi(addPartnerRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const version = optionalVersion(c.req.valid("header")["if-match"]);
    const partner = await addPartner(database.db, actor, c.req.valid("param").id, c.req.valid("json"), version);
    return c.json(partner, 201);
  });

  api.openapi(removePartnerRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const { id, partnerId } = c.req.valid("param");
    await removePartner(database.db, actor, id, partnerId, optionalVersion(c.req.valid("header")["if-match"]));
    return c.body(null, 204);
  });

  api.openapi(resubmitRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const body = (c.req.header("content-type") ?? "").includes("json") ? c.req.valid("json") : {};
    const project = await resubmitProject(database.db, actor, c.req.valid("param").id, body ?? {});
    c.header("Location", `/api/v1/projects/${project.id}`);
    return c.json(withEtag(c, project), 201);
  });
}
