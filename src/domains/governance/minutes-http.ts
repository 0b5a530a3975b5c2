/**
 * The API of a meeting's minutes: read (JSON, or the PDF with `format=pdf` / `Accept:
 * application/pdf`), generate or regenerate a draft, edit it (optimistic `version`), approve.
 * Each handler: parse → one service function (which authorizes) → present.
 * Registered by src/http/api.ts: `registerMinutesApi(api)`.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "~/http/context";
import { pickErrors } from "~/http/openapi";
import { approveMinutes, editMinutes, generateMinutes, getMinutes, minutesPdf } from "./minutes";
import { Minutes, MinutesApproval, MinutesEdit } from "./minutes-contract";

const IdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, format: "uuid" }) });
const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const tags = ["governance"];
const path = "/meetings/{id}/minutes";

const getRoute = createRoute({
  method: "get",
  path,
  tags,
  summary: "A meeting's minutes: JSON, or PDF (`format=pdf` or `Accept: application/pdf`)",
  description:
    "The secretariat and the Board read every meeting's minutes, drafts too; member contacts the General Assembly's once approved; everyone the approved minutes of public meetings. Anyone else, or minutes not written yet: 404. The PDF of approved minutes is the one stored on approval; a draft's PDF is rendered now and marked as draft.",
  request: { params: IdParam, query: z.object({ format: z.enum(["json", "pdf"]).optional() }) },
  responses: {
    200: {
      description: "The minutes",
      content: {
        ...json(Minutes),
        "application/pdf": { schema: z.string().openapi({ format: "binary" }) },
      },
    },
    ...pickErrors(404, 422),
  },
});

const generateRoute = createRoute({
  method: "post",
  path,
  tags,
  summary: "Generate the minutes, or regenerate a draft (secretariat)",
  description:
    "Written in the meeting's language from its attendance, quorum, agenda items and outcomes, the register numbers of its decisions, its votes' results and the membership applications decided. Regenerating replaces a draft's text (201 when created, 200 when replaced). 409 for approved minutes or a cancelled meeting.",
  request: { params: IdParam },
  responses: {
    200: { description: "The draft, regenerated", content: json(Minutes) },
    201: { description: "The draft, created", content: json(Minutes) },
    ...pickErrors(401, 403, 404, 409),
  },
});

const editRoute = createRoute({
  method: "put",
  path,
  tags,
  summary: "Edit the draft minutes' text (secretariat)",
  description:
    "Send the `version` you read: if someone changed the minutes since, 409 and nothing changes. Approved minutes are final: 409.",
  request: { params: IdParam, body: { required: true, content: json(MinutesEdit) } },
  responses: {
    200: { description: "The minutes, with their new version", content: json(Minutes) },
    ...pickErrors(400, 401, 403, 404, 409, 415, 422),
  },
});

const approveRoute = createRoute({
  method: "post",
  path: `${path}/approve`,
  tags,
  summary: "Approve the minutes (the Chair; or the secretariat naming the later meeting that approved them)",
  description:
    "Without `approvedInMeetingId` only the Chair approves (the account of the setting `board.chairEmail`, or the holder of a current mandate in the body `chair`). The secretariat records that a later meeting of the same body approved them. The PDF is rendered in the meeting's language and stored; the minutes are final (409 afterwards).",
  request: { params: IdParam, body: { required: false, content: json(MinutesApproval) } },
  responses: {
    200: { description: "The approved minutes", content: json(Minutes) },
    ...pickErrors(400, 401, 403, 404, 409, 415, 422),
  },
});

export function registerMinutesApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(getRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const id = c.req.valid("param").id;
    const asked = c.req.valid("query").format;
    const format = asked ?? ((c.req.header("accept") ?? "").toLowerCase().includes("application/pdf") ? "pdf" : "json");
    if (format === "pdf") {
      const pdf = await minutesPdf(database.db, actor, id);
      return c.body(pdf.bytes as Uint8Array<ArrayBuffer>, 200, {
        "Content-Type": "application/pdf",
        "Content-Disposition": `inline; filename="${pdf.filename}"`,
        "Content-Language": pdf.language,
        "Cache-Control": "private, no-store",
      });
    }
    return c.json(await getMinutes(database.db, actor, id), 200);
  });

  api.openapi(generateRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const { created, ...minutes } = await generateMinutes(database.db, actor, c.req.valid("param").id);
    return created ? c.json(minutes, 201) : c.json(minutes, 200);
  });

  api.openapi(editRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json(await editMinutes(database.db, actor, c.req.valid("param").id, c.req.valid("json")), 200);
  });

  api.openapi(approveRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const body = c.req.header("content-type")?.includes("application/json") ? c.req.valid("json") : {};
    return c.json(await approveMinutes(database.db, actor, c.req.valid("param").id, body ?? {}), 200);
  });
}
