/**
 * The directory's JSON API. Each handler: parse (route schemas from ./contract) → call one
 * service function (which authorizes with ./policy) → present (DTO, ETag).
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { accepts } from "hono/accepts";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "~/errors/app-error";
import type { AppEnv } from "~/http/context";
import { download } from "~/http/download";
import { pickErrors } from "~/http/openapi";
import { queryRecord } from "~/http/query";
import { requiredVersion, withEtag } from "~/http/versions";
import {
  Contact,
  ContactInput,
  ImportReport,
  MemberStats,
  Organisation,
  OrganisationDetail,
  OrganisationInput,
  OrganisationList,
  OrganisationPatch,
  OrganisationQuery,
} from "./contract";
import { exportFormats, exportOrganisations } from "./export";
import { importOrganisations } from "./import";
import { type ImportPhase, ImportStreamLine, NDJSON, ndjsonResponse, progressThrottle } from "./import-stream";
import { authorize, canImportOrganisations } from "./policy";
import {
  archiveOrganisation,
  createContact,
  createOrganisation,
  deleteContact,
  getOrganisation,
  listContacts,
  listOrganisations,
  memberStats,
  updateContact,
  updateOrganisation,
} from "./service";

const MB = 1024 * 1024;
/** JSON bodies of the directory's routes. */
export const JSON_BODY_LIMIT = 1 * MB;
/** CSV files for import (100,000 organisations are about 15 MB). */
export const IMPORT_BODY_LIMIT = 50 * MB;

function limit(maxSize: number, label: string): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError("payload_too_large", "errors:payload_too_large", {}, { limit: label });
    },
  });
}
const jsonLimit = limit(JSON_BODY_LIMIT, "1 MB");
const importLimit = limit(IMPORT_BODY_LIMIT, "50 MB");

const IdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, format: "uuid" }) });
const IfMatch = z.object({
  "if-match": z
    .string()
    .optional()
    .openapi({
      param: { name: "if-match", in: "header" },
      description: 'The ETag of the version being changed, e.g. "v3"',
      example: '"v3"',
    }),
});
const etagHeader = { ETag: { schema: { type: "string" as const }, description: 'The record\'s version, e.g. "v3"' } };
const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });

const listRoute = createRoute({
  method: "get",
  path: "/organisations",
  tags: ["organisations"],
  summary: "The directory: search, filter, sort and page",
  description:
    "Full-text search (`q`) over name, official code and region: accent- and case-insensitive, prefixes as you type, small typos in names forgiven; best match first. Visitors see members and partners; the secretariat and the Board also applicants and former members.",
  request: { query: OrganisationQuery },
  responses: {
    200: { description: "One page of organisations", content: json(OrganisationList) },
    ...pickErrors(401, 422),
  },
});

const createOrganisationRoute = createRoute({
  method: "post",
  path: "/organisations",
  tags: ["organisations"],
  summary: "Add an organisation (secretariat)",
  middleware: [jsonLimit] as const,
  request: { body: { required: true, content: json(OrganisationInput) } },
  responses: {
    201: { description: "Created", headers: etagHeader, content: json(Organisation) },
    ...pickErrors(400, 401, 403, 409, 413, 415, 422),
  },
});

const exportRoute = createRoute({
  method: "get",
  path: "/organisations/export",
  tags: ["organisations"],
  summary: "Export the filtered list as CSV or XLSX (secretariat, Board)",
  description: "The same filters as the list; every matching organisation, in the import's columns.",
  request: { query: OrganisationQuery.extend({ format: z.enum(exportFormats).default("csv") }) },
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

/**
 * The import's 200: the report as JSON, or the NDJSON stream of ./import-stream. Typed by a plain
 * `string` key: @hono/zod-openapi types a handler's answer per media type, takes
 * `application/x-ndjson` for a JSON type it does not know and then allows no answer at all; with a
 * `string` key the 200 may be any Response (the stream).
 */
const importAnswers: Record<string, { schema: z.ZodType }> = {
  ...json(ImportReport),
  [NDJSON]: { schema: ImportStreamLine },
};

const importRoute = createRoute({
  method: "post",
  path: "/organisations/import",
  tags: ["organisations"],
  summary: "Import organisations from CSV (secretariat)",
  description: [
    "UTF-8 (BOM optional), `,` or `;` separated, columns in any order: name, country, type, official_code, nuts3, inhabitants, employees, website, status, member_since, priorities (codes separated by `|`). `dryRun=true` (the default) reports what would happen; `dryRun=false` imports all rows or, if any row has a problem, none (422 with the report).",
    "",
    `**Progress.** With \`Accept: ${NDJSON}\` the answer is 200 with one JSON object per line (\`ImportStreamLine\`): \`{"type":"progress","phase":"check"|"write","done":n,"total":n}\` while rows are checked and then written (the first and last of each phase, in between at most one per 100 ms and per percent), then exactly one last line: \`{"type":"report","status":200|422,"report":{…}}\` with the same report and status as the JSON answer, or \`{"type":"error","status":n,"error":{…}}\` with the same error. Problems found before the work starts (401, 403, 413, 415, 422 for the query) are answered as JSON with their status, as without the header. Closing the connection does not stop an import that has started.`,
  ].join("\n"),
  middleware: [importLimit] as const,
  request: {
    query: z.object({
      dryRun: z
        .enum(["true", "false"])
        .default("true")
        .transform((v) => v === "true"),
    }),
    body: { required: true, content: { "text/csv": { schema: z.string() } } },
  },
  responses: {
    200: {
      description: `The report (dry run, or the import was applied); with \`Accept: ${NDJSON}\`, the progress and then the report or error, one line each`,
      content: importAnswers,
    },
    422: { description: "Problems found: nothing was imported", content: json(ImportReport) },
    ...pickErrors(401, 403, 413, 415),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/organisations/{id}",
  tags: ["organisations"],
  summary: "An organisation, with contacts when the caller may see them",
  request: { params: IdParam },
  responses: {
    200: { description: "The organisation", headers: etagHeader, content: json(OrganisationDetail) },
    ...pickErrors(404),
  },
});

const patchRoute = createRoute({
  method: "patch",
  path: "/organisations/{id}",
  tags: ["organisations"],
  summary: "Change an organisation (secretariat; a member contact: their own organisation's profile)",
  middleware: [jsonLimit] as const,
  request: { params: IdParam, headers: IfMatch, body: { required: true, content: json(OrganisationPatch) } },
  responses: {
    200: { description: "The changed organisation", headers: etagHeader, content: json(Organisation) },
    ...pickErrors(400, 401, 403, 404, 409, 412, 413, 415, 422, 428),
  },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/organisations/{id}",
  tags: ["organisations"],
  summary: "Archive an organisation (status former; history is kept)",
  request: { params: IdParam, headers: IfMatch },
  responses: {
    200: { description: "The archived organisation", headers: etagHeader, content: json(Organisation) },
    ...pickErrors(401, 403, 404, 412, 428),
  },
});

const ContactList = z.object({ items: z.array(Contact) }).openapi("ContactList");

const listContactsRoute = createRoute({
  method: "get",
  path: "/organisations/{id}/contacts",
  tags: ["contacts"],
  summary: "An organisation's contacts (secretariat, Board, member contacts, experts)",
  request: { params: IdParam },
  responses: { 200: { description: "Contacts", content: json(ContactList) }, ...pickErrors(401, 403, 404) },
});

const createContactRoute = createRoute({
  method: "post",
  path: "/organisations/{id}/contacts",
  tags: ["contacts"],
  summary: "Add a contact (secretariat, or the organisation's own member contact)",
  middleware: [jsonLimit] as const,
  request: { params: IdParam, body: { required: true, content: json(ContactInput) } },
  responses: {
    201: { description: "Created", content: json(Contact) },
    ...pickErrors(400, 401, 403, 404, 413, 415, 422),
  },
});

const patchContactRoute = createRoute({
  method: "patch",
  path: "/contacts/{id}",
  tags: ["contacts"],
  summary: "Change a contact",
  middleware: [jsonLimit] as const,
  request: { params: IdParam, body: { required: true, content: json(ContactInput.partial().strict()) } },
  responses: {
    200: { description: "The contact", content: json(Contact) },
    ...pickErrors(400, 401, 403, 404, 413, 415, 422),
  },
});

const deleteContactRoute = createRoute({
  method: "delete",
  path: "/contacts/{id}",
  tags: ["contacts"],
  summary: "Delete a contact",
  request: { params: IdParam },
  responses: { 204: { description: "Deleted" }, ...pickErrors(401, 403, 404) },
});

const statsRoute = createRoute({
  method: "get",
  path: "/stats/members",
  tags: ["organisations"],
  summary: "The member figures the network publishes (organisations with status member)",
  responses: { 200: { description: "Member figures", content: json(MemberStats) } },
});

export function registerOrganisationsApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(listRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const { items, total, page, pageSize } = await listOrganisations(database.db, actor, queryRecord(c));
    return c.json({ items, total, page, pageSize }, 200);
  });

  api.openapi(createOrganisationRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const org = await createOrganisation(database.db, actor, c.req.valid("json"));
    c.header("Location", `/api/v1/organisations/${org.id}`);
    return c.json(withEtag(c, org), 201);
  });

  // Before /organisations/{id}, which would otherwise take "export" and "import" for an id.
  api.openapi(exportRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const { format, ...filters } = queryRecord(c);
    const file = await exportOrganisations(database.db, actor, filters, format === "xlsx" ? "xlsx" : "csv");
    return download(c, file);
  });

  api.openapi(importRoute, async (c) => {
    const { database, actor, language } = c.get("ctx");
    const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "text/csv") throw new AppError("unsupported_media_type");
    const { dryRun } = c.req.valid("query");
    const body = new Uint8Array(await c.req.arrayBuffer());
    const statusOf = (report: ImportReport) => (report.errors.length > 0 && !dryRun ? 422 : 200);
    c.header("Vary", "Accept");
    if (
      accepts(c, { header: "Accept", supports: ["application/json", NDJSON], default: "application/json" }) !== NDJSON
    ) {
      const report = await importOrganisations(database.db, actor, body, { dryRun, language });
      return c.json(report, statusOf(report));
    }
    // Who may import is settled before the stream starts, so a refusal keeps its status.
    authorize(actor, canImportOrganisations(actor));
    return ndjsonResponse(c, async (send) => {
      const due = progressThrottle();
      const onProgress = (done: number, total: number, phase: ImportPhase) => {
        if (due(done, total, phase)) send({ type: "progress", phase, done, total });
      };
      const report = await importOrganisations(database.db, actor, body, { dryRun, language, onProgress });
      send({ type: "report", status: statusOf(report), report });
    });
  });

  api.openapi(getRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const detail = await getOrganisation(database.db, actor, c.req.valid("param").id);
    return c.json(withEtag(c, detail), 200);
  });

  api.openapi(patchRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const version = requiredVersion(c.req.valid("header")["if-match"]);
    const org = await updateOrganisation(database.db, actor, c.req.valid("param").id, c.req.valid("json"), version);
    return c.json(withEtag(c, org), 200);
  });

  api.openapi(deleteRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const version = requiredVersion(c.req.valid("header")["if-match"]);
    const org = await archiveOrganisation(database.db, actor, c.req.valid("param").id, version);
    return c.json(withEtag(c, org), 200);
  });

  api.openapi(listContactsRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json({ items: await listContacts(database.db, actor, c.req.valid("param").id) }, 200);
  });

  api.openapi(createContactRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const contact = await createContact(database.db, actor, c.req.valid("param").id, c.req.valid("json"));
    return c.json(contact, 201);
  });

  api.openapi(patchContactRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json(await updateContact(database.db, actor, c.req.valid("param").id, c.req.valid("json")), 200);
  });

  api.openapi(deleteContactRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    await deleteContact(database.db, actor, c.req.valid("param").id);
    return c.body(null, 204);
  });

  api.openapi(statsRoute, async (c) => {
    const { database } = c.get("ctx");
    return c.json(await memberStats(database.db), 200);
  });
}
