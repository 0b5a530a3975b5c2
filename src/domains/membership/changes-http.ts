/**
 * The API of membership over time: resignation, suspension, re-admission, an organisation's
 * changes, applying due changes, the membership certificate (PDF) and the member counts per year.
 * Each handler: parse → one service function (which authorizes) → present.
 * Registered by src/http/api.ts: `registerMembershipChangesApi(api)`.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "~/http/context";
import { pickErrors } from "~/http/openapi";
import { languages } from "~/i18n/i18n";
import { membershipCertificate } from "./certificate";
import {
  applyDueMembershipChanges,
  DueChangesReport,
  listMembershipChanges,
  MembershipChange,
  MembershipChangeList,
  ReadmissionInput,
  ResignationInput,
  readmitMember,
  recordResignation,
  SuspensionInput,
  suspendMembership,
} from "./changes";
import { memberCountsByYear, YearCount } from "./member-counts";

const IdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, format: "uuid" }) });
const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const tags = ["membership"];

const changeRoute = <T extends z.ZodType>(path: string, summary: string, description: string, input: T) =>
  createRoute({
    method: "post",
    path: `/organisations/{id}/${path}`,
    tags,
    summary,
    description,
    request: { params: IdParam, body: { required: true, content: json(input) } },
    responses: {
      201: { description: "The change recorded", content: json(MembershipChange) },
      ...pickErrors(400, 401, 403, 404, 409, 415, 422),
    },
  });

const resignRoute = changeRoute(
  "resignation",
  "Record a member's resignation (secretariat; a member contact for their own organisation)",
  "Takes effect on 31 December of the year it was received (`receivedOn`, default today; no cutoff date). The organisation stays a member until then; the daily job makes it `former` from 1 January. 409 if it is not a member or a resignation is already pending.",
  ResignationInput,
);
const suspendRoute = changeRoute(
  "suspension",
  "Suspend a membership, e.g. for unpaid fees (secretariat)",
  "The organisation stays a member with `suspendedSince` set; the status history records it. 409 if it is not a member or already suspended.",
  SuspensionInput,
);
const readmitRoute = changeRoute(
  "readmission",
  "Re-admit: lift a suspension, or make a former member a member again (secretariat)",
  "A former member's member-since date becomes the re-admission day (`on`, default today). 409 for anyone neither suspended nor former.",
  ReadmissionInput,
);

const listRoute = createRoute({
  method: "get",
  path: "/organisations/{id}/membership-changes",
  tags,
  summary: "An organisation's membership changes (secretariat, Board, its own contacts)",
  request: { params: IdParam },
  responses: {
    200: { description: "The changes, newest first, and the current state", content: json(MembershipChangeList) },
    ...pickErrors(401, 403, 404),
  },
});

const applyRoute = createRoute({
  method: "post",
  path: "/membership-changes/apply-due",
  tags,
  summary: "Apply due membership changes now (secretariat)",
  description:
    "What the daily job does: resignations whose year has ended take effect, and members with an invoice unpaid longer than the setting `membership.suspendAfterDays` (default 90; null = never) are suspended. Safe to repeat.",
  responses: {
    200: { description: "What changed", content: json(DueChangesReport) },
    ...pickErrors(401, 403),
  },
});

const certificateRoute = createRoute({
  method: "get",
  path: "/organisations/{id}/membership-certificate",
  tags,
  summary: "A current member's membership certificate, PDF (secretariat, the member's own contacts)",
  description:
    "In Italian for Italian members, Swedish for Swedish ones, English otherwise; `lang` asks for another. 409 for an organisation that is not a current member, or is suspended.",
  request: {
    params: IdParam,
    query: z.object({ lang: z.enum(languages).optional() }),
  },
  responses: {
    200: {
      description: "The certificate",
      content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...pickErrors(401, 403, 404, 409, 422),
  },
});

const countsRoute = createRoute({
  method: "get",
  path: "/stats/members/by-year",
  tags,
  summary: "Member counts per year (public)",
  description:
    "`members`: organisations that were members on at least one day of the year; `joined`: memberships begun in the year (re-admissions included); `left`: memberships whose last day fell in the year (a resignation effective 31 December counts in that year).",
  responses: { 200: { description: "One row per year, oldest first", content: json(z.array(YearCount)) } },
});

export function registerMembershipChangesApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(resignRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const change = await recordResignation(database.db, actor, c.req.valid("param").id, c.req.valid("json"));
    return c.json(change, 201);
  });

  api.openapi(suspendRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const change = await suspendMembership(database.db, actor, c.req.valid("param").id, c.req.valid("json"));
    return c.json(change, 201);
  });

  api.openapi(readmitRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const change = await readmitMember(database.db, actor, c.req.valid("param").id, c.req.valid("json"));
    return c.json(change, 201);
  });

  api.openapi(listRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json(await listMembershipChanges(database.db, actor, c.req.valid("param").id), 200);
  });

  api.openapi(applyRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json(await applyDueMembershipChanges(database.db, undefined, actor), 200);
  });

  api.openapi(certificateRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const certificate = await membershipCertificate(database.db, actor, c.req.valid("param").id, {
      language: c.req.valid("query").lang ?? null,
    });
    return c.body(certificate.bytes as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${certificate.filename}"`,
      "Content-Language": certificate.language,
      "Cache-Control": "private, no-store",
    });
  });

  api.openapi(countsRoute, async (c) => {
    const { database } = c.get("ctx");
    return c.json(await memberCountsByYear(database.db), 200);
  });
}
