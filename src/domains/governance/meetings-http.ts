/**
 * The API of governance meetings: meetings of every body (list, create, read, change, cancel,
 * mark held), invitations and guests, attendance with proxies, the agenda with documents and
 * outcomes, and the register of decisions. Each handler: parse → one service function (which
 * authorizes; a meeting one may not see is 404) → present.
 * Registered by src/http/api.ts: `registerMeetingsApi(api)`.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { linkBase } from "~/domains/accounts/service";
import { AppError } from "~/errors/app-error";
import { issuesToFields } from "~/errors/validation";
import { fileResponse } from "~/files/files";
import type { AppEnv } from "~/http/context";
import { pickErrors } from "~/http/openapi";
import {
  addAgendaItem,
  attachDocument,
  deleteAgendaItem,
  readAgendaDocument,
  recordOutcome,
  updateAgendaItem,
} from "./agenda";
import { listDecisions } from "./decisions";
import { getMeetingDetail } from "./meeting-detail";
import { createMeeting, listBodyMeetings, ownProblems, setMeetingStatus, updateMeeting } from "./meetings";
import {
  AgendaEntry,
  AgendaItemChange,
  AgendaItemInput,
  AttendanceInput,
  DecisionList,
  DecisionQuery,
  GuestInput,
  MeetingChangeInput,
  MeetingDetail,
  MeetingInput,
  MeetingQuery,
  MeetingSummary,
  OutcomeInput,
  Participant,
} from "./meetings-contract";
import { addGuest, inviteMembers, markRemainingPresent, setAttendance } from "./participants";

const uuidParam = (name: string) => z.string().openapi({ param: { name, in: "path" }, format: "uuid" });
const IdParam = z.object({ id: uuidParam("id") });
const ItemParam = z.object({ id: uuidParam("id"), itemId: uuidParam("itemId") });
const ParticipantParam = z.object({ id: uuidParam("id"), participantId: uuidParam("participantId") });
const FileParam = z.object({ id: uuidParam("id"), fileId: uuidParam("fileId") });
const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const tags = ["governance"];

const listRoute = createRoute({
  method: "get",
  path: "/meetings",
  tags,
  summary: "Meetings of a year, all bodies or one (what the caller may see)",
  description:
    "The secretariat and the Board see every meeting (the Board's year is planned on demand from `board.meetingMonths`); a member contact the General Assembly's and those they take part in; anyone the public ones. `year` defaults to this year.",
  request: { query: MeetingQuery },
  responses: {
    200: { description: "The meetings by date", content: json(z.array(MeetingSummary)) },
    ...pickErrors(422),
  },
});

const createMeetingRoute = createRoute({
  method: "post",
  path: "/meetings",
  tags,
  summary: "Create a meeting of a body that holds meetings (secretariat)",
  description:
    "`startTime`/`endTime` are local HH:MM in `timeZone` (IANA, default Europe/Rome); `videoUrl` must be https. 409 if the body already meets that day.",
  request: { body: { required: true, content: json(MeetingInput) } },
  responses: {
    201: { description: "The meeting", content: json(MeetingSummary) },
    ...pickErrors(400, 401, 403, 409, 422),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/meetings/{id}",
  tags,
  summary: "A meeting with its agenda, participants and attendance, outcomes and quorum",
  description:
    "The agenda lists the stored items, then the membership applications on the meeting (`applicationId`, `link`), with their decision as outcome. 404 for a meeting the caller may not see.",
  request: { params: IdParam },
  responses: { 200: { description: "The meeting", content: json(MeetingDetail) }, ...pickErrors(404) },
});

const patchRoute = createRoute({
  method: "patch",
  path: "/meetings/{id}",
  tags,
  summary: "Change a meeting (secretariat)",
  description:
    "A change of date, time, time zone, place or video link increments `sequence` (iCalendar SEQUENCE) and is mailed to everyone invited, in their language.",
  request: { params: IdParam, body: { required: true, content: json(MeetingChangeInput) } },
  responses: {
    200: { description: "The meeting", content: json(MeetingSummary) },
    ...pickErrors(400, 401, 403, 404, 409, 422),
  },
});

const statusRoute = (path: "cancel" | "held", summary: string) =>
  createRoute({
    method: "post",
    path: `/meetings/{id}/${path}`,
    tags,
    summary,
    request: { params: IdParam },
    responses: {
      200: { description: "The meeting", content: json(MeetingSummary) },
      ...pickErrors(401, 403, 404),
    },
  });
const cancelRoute = statusRoute("cancel", "Cancel a meeting; everyone invited is told by mail (secretariat)");
const heldRoute = statusRoute("held", "Mark a meeting held (secretariat)");

const inviteRoute = createRoute({
  method: "post",
  path: "/meetings/{id}/invitations",
  tags,
  summary: "Invite the body's members (secretariat; idempotent)",
  description:
    "General Assembly: every member organisation, represented by its primary contact. Other bodies: the mandate holders on the meeting's date. Everyone not invited yet gets the invitation in their language. 409 for a meeting that is not planned.",
  request: { params: IdParam },
  responses: {
    200: {
      description: "How many were mailed now, and all participants",
      content: json(z.object({ invited: z.number().int(), participants: z.array(Participant) })),
    },
    ...pickErrors(401, 403, 404, 409),
  },
});

const guestRoute = createRoute({
  method: "post",
  path: "/meetings/{id}/participants",
  tags,
  summary: "Invite a guest by name, e-mail and language (secretariat)",
  request: { params: IdParam, body: { required: true, content: json(GuestInput) } },
  responses: {
    201: { description: "The guest", content: json(Participant) },
    ...pickErrors(400, 401, 403, 404, 409, 422),
  },
});

const attendanceRoute = createRoute({
  method: "put",
  path: "/meetings/{id}/participants/{participantId}/attendance",
  tags,
  summary: "Set a participant's attendance (secretariat)",
  description:
    "`proxy` needs `proxyHolderId`: another member participant who is present and not represented themself; at most `governance.maxProxiesPerHolder` (default 2) proxies per holder; guests neither give nor hold proxies.",
  request: { params: ParticipantParam, body: { required: true, content: json(AttendanceInput) } },
  responses: {
    200: { description: "The participant", content: json(Participant) },
    ...pickErrors(400, 401, 403, 404, 422),
  },
});

const allPresentRoute = createRoute({
  method: "post",
  path: "/meetings/{id}/participants/present",
  tags,
  summary: "Record everyone whose attendance is not recorded yet as present (secretariat)",
  description:
    "The roll call of a meeting where most people came. Attendance already recorded (excused, absent, proxy) is left as it is. Answers how many were marked.",
  request: { params: IdParam },
  responses: {
    200: {
      description: "How many participants were marked present",
      content: json(z.object({ marked: z.number().int() })),
    },
    ...pickErrors(401, 403, 404),
  },
});

const AgendaItemOut = z.object({ id: z.uuid(), position: z.number().int(), title: z.string() });

const addItemRoute = createRoute({
  method: "post",
  path: "/meetings/{id}/agenda",
  tags,
  summary: "Add an agenda item at the end (secretariat)",
  request: { params: IdParam, body: { required: true, content: json(AgendaItemInput) } },
  responses: {
    201: { description: "The item", content: json(AgendaItemOut) },
    ...pickErrors(400, 401, 403, 404, 422),
  },
});

const patchItemRoute = createRoute({
  method: "patch",
  path: "/meetings/{id}/agenda/{itemId}",
  tags,
  summary: "Edit an agenda item, or move it up or down (secretariat)",
  request: { params: ItemParam, body: { required: true, content: json(AgendaItemChange) } },
  responses: {
    200: { description: "The item", content: json(AgendaItemOut) },
    ...pickErrors(400, 401, 403, 404, 422),
  },
});

const deleteItemRoute = createRoute({
  method: "delete",
  path: "/meetings/{id}/agenda/{itemId}",
  tags,
  summary: "Delete an agenda item (secretariat; not one whose decision is in the register)",
  request: { params: ItemParam },
  responses: { 204: { description: "Deleted" }, ...pickErrors(401, 403, 404, 409) },
});

const documentRoute = createRoute({
  method: "post",
  path: "/meetings/{id}/agenda/{itemId}/documents",
  tags,
  summary: "Attach a PDF document (≤ 10 MB) to an agenda item (secretariat)",
  request: {
    params: ItemParam,
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          schema: {
            type: "object",
            properties: { document: { type: "string", format: "binary", description: "A PDF of at most 10 MB" } },
            required: ["document"],
          },
        },
      },
    },
  },
  responses: {
    201: {
      description: "The document",
      content: json(z.object({ id: z.uuid(), filename: z.string(), size: z.number().int() })),
    },
    ...pickErrors(400, 401, 403, 404, 422),
  },
});

const downloadRoute = createRoute({
  method: "get",
  path: "/meetings/{id}/documents/{fileId}",
  tags,
  summary: "Download an agenda document (whoever may see the meeting)",
  request: { params: FileParam },
  responses: {
    200: {
      description: "The PDF",
      content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...pickErrors(404),
  },
});

const outcomeRoute = createRoute({
  method: "post",
  path: "/meetings/{id}/agenda/{itemId}/outcome",
  tags,
  summary: "Record an agenda item's outcome (secretariat)",
  description:
    "`approved`, `rejected` and `elected` need a `text` and enter the register of decisions with the next number of the meeting's year (`2027/3`). Changing a registered outcome changes the register's text, never its number.",
  request: { params: ItemParam, body: { required: true, content: json(OutcomeInput) } },
  responses: {
    200: {
      description: "The outcome and its register entry",
      content: json(
        z.object({
          outcome: AgendaEntry.shape.outcome,
          text: z.string().nullable(),
          decision: z.object({ id: z.uuid(), label: z.string() }).nullable(),
        }),
      ),
    },
    ...pickErrors(400, 401, 403, 404, 422),
  },
});

const decisionsRoute = createRoute({
  method: "get",
  path: "/decisions",
  tags,
  summary: "The register of decisions (secretariat and Board)",
  description: "Newest first. `q` searches the text (case- and accent-insensitive); `year` and `body` filter.",
  request: { query: DecisionQuery },
  responses: { 200: { description: "A page of decisions", content: json(DecisionList) }, ...pickErrors(401, 403, 422) },
});

/** Request validation that names each field, with this module's own messages (time, time zone, https). */
// biome-ignore lint/suspicious/noExplicitAny: the hook's generic types differ per route; it only reads the issues.
const hook = (result: any) => {
  if (result.success) return undefined;
  const raw = result.data as Record<string, unknown> | undefined;
  const issues = (result.error.issues as z.core.$ZodIssue[]).map((issue) =>
    "input" in issue && issue.input !== undefined
      ? issue
      : { ...issue, input: issue.path.length === 1 ? raw?.[String(issue.path[0])] : undefined },
  );
  throw new AppError("validation", "errors:validation", ownProblems(issuesToFields(issues as z.core.$ZodIssue[])));
};

const baseOf = (url: string) => linkBase(new URL(url).origin);

export function registerMeetingsApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(
    listRoute,
    async (c) => {
      const { database, actor } = c.get("ctx");
      return c.json(await listBodyMeetings(database.db, actor, c.req.valid("query")), 200);
    },
    hook,
  );

  api.openapi(
    createMeetingRoute,
    async (c) => {
      const { database, actor } = c.get("ctx");
      return c.json(await createMeeting(database.db, actor, c.req.valid("json")), 201);
    },
    hook,
  );

  api.openapi(getRoute, async (c) => {
    const { database, actor, language } = c.get("ctx");
    return c.json(await getMeetingDetail(database.db, actor, c.req.valid("param").id, { language }), 200);
  });

  api.openapi(
    patchRoute,
    async (c) => {
      const { database, actor } = c.get("ctx");
      const meeting = await updateMeeting(database.db, actor, c.req.valid("param").id, c.req.valid("json"), {
        baseUrl: baseOf(c.req.url),
      });
      return c.json(meeting, 200);
    },
    hook,
  );

  api.openapi(cancelRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const meeting = await setMeetingStatus(database.db, actor, c.req.valid("param").id, "cancelled", {
      baseUrl: baseOf(c.req.url),
    });
    return c.json(meeting, 200);
  });

  api.openapi(heldRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json(await setMeetingStatus(database.db, actor, c.req.valid("param").id, "held"), 200);
  });

  api.openapi(inviteRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const result = await inviteMembers(database.db, actor, c.req.valid("param").id, { baseUrl: baseOf(c.req.url) });
    return c.json(result, 200);
  });

  api.openapi(
    guestRoute,
    async (c) => {
      const { database, actor } = c.get("ctx");
      const guest = await addGuest(database.db, actor, c.req.valid("param").id, c.req.valid("json"), {
        baseUrl: baseOf(c.req.url),
      });
      return c.json(guest, 201);
    },
    hook,
  );

  api.openapi(
    attendanceRoute,
    async (c) => {
      const { database, actor } = c.get("ctx");
      const { id, participantId } = c.req.valid("param");
      return c.json(await setAttendance(database.db, actor, id, participantId, c.req.valid("json")), 200);
    },
    hook,
  );

  api.openapi(allPresentRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json({ marked: await markRemainingPresent(database.db, actor, c.req.valid("param").id) }, 200);
  });

  api.openapi(
    addItemRoute,
    async (c) => {
      const { database, actor } = c.get("ctx");
      const item = await addAgendaItem(database.db, actor, c.req.valid("param").id, c.req.valid("json"));
      return c.json({ id: item.id, position: item.position, title: item.title }, 201);
    },
    hook,
  );

  api.openapi(
    patchItemRoute,
    async (c) => {
      const { database, actor } = c.get("ctx");
      const { id, itemId } = c.req.valid("param");
      const item = await updateAgendaItem(database.db, actor, id, itemId, c.req.valid("json"));
      return c.json({ id: item.id, position: item.position, title: item.title }, 200);
    },
    hook,
  );

  api.openapi(deleteItemRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const { id, itemId } = c.req.valid("param");
    await deleteAgendaItem(database.db, actor, id, itemId);
    return c.body(null, 204);
  });

  api.openapi(documentRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const { id, itemId } = c.req.valid("param");
    const form = await c.req.formData();
    const file = form.get("document");
    const upload =
      file instanceof File && file.size > 0
        ? { filename: file.name, contentType: file.type, content: new Uint8Array(await file.arrayBuffer()) }
        : null;
    return c.json(await attachDocument(database.db, actor, id, itemId, upload, { baseUrl: baseOf(c.req.url) }), 201);
  });

  api.openapi(downloadRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const { id, fileId } = c.req.valid("param");
    // biome-ignore lint/suspicious/noExplicitAny: a binary answer, documented above.
    return fileResponse(await readAgendaDocument(database.db, actor, id, fileId)) as any;
  });

  api.openapi(
    outcomeRoute,
    async (c) => {
      const { database, actor } = c.get("ctx");
      const { id, itemId } = c.req.valid("param");
      return c.json(await recordOutcome(database.db, actor, id, itemId, c.req.valid("json")), 200);
    },
    hook,
  );

  api.openapi(
    decisionsRoute,
    async (c) => {
      const { database, actor } = c.get("ctx");
      return c.json(await listDecisions(database.db, actor, c.req.valid("query")), 200);
    },
    hook,
  );
}
