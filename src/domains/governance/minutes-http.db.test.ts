import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOrganisation } from "~/domains/organisations/testing";
import { writeSetting } from "~/domains/reference/settings";
import { isRealPdf } from "~/pdf/document";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";
import { buildAgendaItem, buildDecision, buildMeeting, buildParticipant } from "./minutes-testing";

/** The minutes' API, called in-process like an integration would (bearer tokens). */
let database: TestDatabase;
let http: ReturnType<typeof createTestApp>;
type Headers = Record<string, string>;
let secretariat: Headers;
let board: Headers;
let chair: Headers;
let member: Headers;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  http = createTestApp(database);
  secretariat = (await http.actAs("secretariat")).headers;
  board = (await http.actAs("board")).headers;
  const chairUser = await http.actAs("board");
  chair = chairUser.headers;
  await writeSetting(database.db, "board.chairEmail", chairUser.user.email);
  const org = await buildOrganisation(database.db);
  member = (await http.actAs("member_contact", { organisationId: org.id, language: "it" })).headers;
});
afterAll(async () => {
  await database?.close();
});

const path = (id: string) => `/api/v1/meetings/${id}/minutes`;
const send = (method: string, url: string, headers: Headers, body?: unknown) =>
  http.request(url, {
    method,
    headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe("/api/v1/meetings/{id}/minutes", () => {
  it("generates (201), regenerates (200), reads as JSON, edits with the version (stale → 409), approves, serves the PDF, then stays final", async () => {
    const meeting = await buildMeeting(database.db, { date: "2033-02-17", status: "held", language: "en" });
    await buildParticipant(database.db, meeting.id, { name: "Alva", attendance: "present" });
    const item = await buildAgendaItem(database.db, meeting.id, {
      position: 1,
      title: "Accounts",
      outcome: "approved",
    });
    await buildDecision(database.db, {
      year: 2033,
      meetingId: meeting.id,
      agendaItemId: item.id,
      text: "Accounts approved.",
    });

    expect((await send("GET", path(meeting.id), board)).status).toBe(404); // none yet
    expect((await send("POST", path(meeting.id), board)).status).toBe(403);
    const created = await send("POST", path(meeting.id), secretariat);
    expect(created.status).toBe(201);
    const draft = await created.json();
    expect(draft).toMatchObject({ status: "draft", version: 1, meeting: { bodyName: "Board", language: "en" } });
    expect(draft.text).toContain("Decision 2033/1: Accounts approved.");
    const again = await send("POST", path(meeting.id), secretariat);
    expect(again.status).toBe(200);
    expect((await again.json()).version).toBe(2);

    const read = await send("GET", path(meeting.id), board);
    expect(read.status).toBe(200);
    expect((await read.json()).text).toContain("Present: Alva");
    expect((await send("GET", path(meeting.id), member)).status).toBe(404);
    expect((await http.request(path(meeting.id))).status).toBe(404);

    const invalid = await send("PUT", path(meeting.id), secretariat, { version: 2 });
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error.fields.text).toBe("This field is required.");
    const saved = await send("PUT", path(meeting.id), secretariat, { text: "# Minutes\nEdited.", version: 2 });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ text: "# Minutes\nEdited.", version: 3 });
    const stale = await send("PUT", path(meeting.id), secretariat, { text: "Other tab", version: 2 });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.message).toBe(
      "Someone else changed these minutes in the meantime. Reload them and apply your changes again.",
    );

    const draftPdf = await send("GET", path(meeting.id), { ...board, accept: "application/pdf" });
    expect(draftPdf.status).toBe(200);
    expect(draftPdf.headers.get("content-type")).toBe("application/pdf");
    expect(draftPdf.headers.get("content-disposition")).toContain("-draft.pdf");

    expect((await send("POST", `${path(meeting.id)}/approve`, board)).status).toBe(403);
    const approved = await send("POST", `${path(meeting.id)}/approve`, chair);
    expect(approved.status).toBe(200);
    const body = await approved.json();
    expect(body.status).toBe("approved");
    expect(body.pdfFileId).toMatch(/^[0-9a-f-]{36}$/);

    const pdf = await send("GET", `${path(meeting.id)}?format=pdf`, board);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-language")).toBe("en");
    expect(await isRealPdf(new Uint8Array(await pdf.arrayBuffer()))).toBe(true);

    const late = await send("PUT", path(meeting.id), secretariat, { text: "Too late", version: body.version });
    expect(late.status).toBe(409);
    expect((await late.json()).error.message).toBe(
      "These minutes are approved and final: they can no longer be changed.",
    );
    expect((await send("POST", path(meeting.id), secretariat)).status).toBe(409);
    expect((await send("GET", path(meeting.id), member)).status).toBe(404); // a Board meeting, not public
  });

  it("records the approval at a later meeting of the same body (secretariat); member contacts then read the Assembly's", async () => {
    const assembly = await buildMeeting(database.db, { bodyCode: "general_assembly", date: "2033-04-10" });
    const next = await buildMeeting(database.db, { bodyCode: "general_assembly", date: "2034-04-10" });
    expect((await send("POST", path(assembly.id), secretariat)).status).toBe(201);

    const earlier = await send("POST", `${path(next.id)}/approve`, secretariat, { approvedInMeetingId: assembly.id });
    expect(earlier.status).toBe(404); // the next meeting has no minutes
    const wrong = await send(
      "POST",
      `${path(assembly.id)}/approve`,
      { ...secretariat, "accept-language": "it" },
      {
        approvedInMeetingId: assembly.id,
      },
    );
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).error.fields.approvedInMeetingId).toBe(
      "Deve essere una riunione successiva dello stesso organo.",
    );
    expect((await send("GET", path(assembly.id), member)).status).toBe(404); // still a draft

    const ok = await send("POST", `${path(assembly.id)}/approve`, secretariat, { approvedInMeetingId: next.id });
    expect(ok.status).toBe(200);
    expect((await ok.json()).approvedInMeeting).toMatchObject({ id: next.id, date: "2034-04-10" });
    const read = await send("GET", path(assembly.id), member);
    expect(read.status).toBe(200);
    expect((await read.json()).status).toBe("approved");
  });

  it("answers 404 for an unknown meeting and for anonymous readers of a non-public meeting", async () => {
    expect((await send("GET", path("00000000-0000-4000-8000-000000000000"), secretariat)).status).toBe(404);
    expect((await send("GET", path("not-a-uuid"), secretariat)).status).toBe(404);
    const publicMeeting = await buildMeeting(database.db, { public: true });
    await send("POST", path(publicMeeting.id), secretariat);
    expect((await http.request(path(publicMeeting.id))).status).toBe(404);
    await send("POST", `${path(publicMeeting.id)}/approve`, chair);
    expect((await http.request(path(publicMeeting.id))).status).toBe(200);
  });
});
