import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realPdf } from "~/domains/membership/testing";
import { buildOrganisation } from "~/domains/organisations/testing";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";

/** The meetings API as a client sees it: status codes, fields named in the caller's language, visibility. */
let database: TestDatabase;
let http: ReturnType<typeof createTestApp>;
let secretariat: Record<string, string>;
let board: Record<string, string>;
let member: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  http = createTestApp(database);
  secretariat = (await http.actAs("secretariat")).headers;
  board = (await http.actAs("board")).headers;
  const org = await buildOrganisation(database.db);
  member = (await http.actAs("member_contact", { organisationId: org.id })).headers;
});
afterAll(async () => {
  await database?.close();
});

const send = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
  http.request(`/api/v1${path}`, {
    method,
    headers: { ...headers, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe("meetings over the API", () => {
  it("creates, reads, changes and cancels meetings; 422 names the fields in the caller's language", async () => {
    const bad = await send(
      "POST",
      "/meetings",
      { ...secretariat, "accept-language": "it" },
      {
        bodyCode: "board",
        date: "2041-03-03",
        timeZone: "Nowhere",
        videoUrl: "http://x.example",
      },
    );
    expect(bad.status).toBe(422);
    const problem = (await bad.json()).error.fields;
    expect(problem.timeZone).toBe("Fuso orario sconosciuto: usa un nome come Europe/Rome.");
    expect(problem.videoUrl).toBe("Il link deve iniziare con https://.");

    expect((await send("POST", "/meetings", board, { bodyCode: "board", date: "2041-03-03" })).status).toBe(403);
    // Anonymous: refused (no CSRF token, no account).
    expect((await send("POST", "/meetings", {}, { bodyCode: "board", date: "2041-03-03" })).status).toBe(403);

    const created = await send("POST", "/meetings", secretariat, {
      bodyCode: "board",
      date: "2041-03-03",
      startTime: "14:00",
      endTime: "16:00",
      place: "Forlì",
    });
    expect(created.status).toBe(201);
    const meeting = await created.json();
    expect(meeting).toMatchObject({ bodyCode: "board", sequence: 0, place: "Forlì" });
    expect((await send("POST", "/meetings", secretariat, { bodyCode: "board", date: "2041-03-03" })).status).toBe(409);

    const patched = await send("PATCH", `/meetings/${meeting.id}`, secretariat, { startTime: "15:00" });
    expect((await patched.json()).sequence).toBe(1);

    const got = await send("GET", `/meetings/${meeting.id}`, board);
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ id: meeting.id, startTime: "15:00", agenda: [], quorum: { entitled: 0 } });
    // Not visible: 404, as for a meeting that does not exist.
    expect((await send("GET", `/meetings/${meeting.id}`, member)).status).toBe(404);
    expect((await send("GET", `/meetings/${meeting.id}`, {})).status).toBe(404);
    expect((await send("GET", "/meetings/not-a-uuid", board)).status).toBe(404);

    const cancelled = await send("POST", `/meetings/${meeting.id}/cancel`, secretariat);
    expect(await cancelled.json()).toMatchObject({ status: "cancelled", sequence: 2 });
    expect((await send("POST", `/meetings/${meeting.id}/cancel`, board)).status).toBe(403);
  });

  it("lists the meetings each caller may see", async () => {
    const ga = await (
      await send("POST", "/meetings", secretariat, { bodyCode: "general_assembly", date: "2042-04-04", public: true })
    ).json();
    const presidium = await (
      await send("POST", "/meetings", secretariat, { bodyCode: "presidium", date: "2042-05-05" })
    ).json();
    const ids = async (headers: Record<string, string>) =>
      ((await (await send("GET", "/meetings?year=2042", headers)).json()) as { id: string }[]).map((m) => m.id);
    expect(await ids(board)).toEqual(expect.arrayContaining([ga.id, presidium.id]));
    expect(await ids(member)).toEqual([ga.id]);
    expect(await ids({})).toEqual([ga.id]);
    const onlyPresidium = (await (await send("GET", "/meetings?year=2042&body=presidium", board)).json()) as {
      id: string;
    }[];
    expect(onlyPresidium.map((m) => m.id)).toEqual([presidium.id]);
    expect((await send("GET", "/meetings?year=abc", board)).status).toBe(422);
  });

  it("runs the agenda, guests, attendance and outcomes; the register is searchable", async () => {
    const m = await (
      await send("POST", "/meetings", secretariat, { bodyCode: "presidium", date: "2043-02-02" })
    ).json();
    const item = await send("POST", `/meetings/${m.id}/agenda`, secretariat, { title: "Bilancio preventivo" });
    expect(item.status).toBe(201);
    const { id: itemId } = await item.json();
    expect((await send("POST", `/meetings/${m.id}/agenda`, secretariat, { title: "" })).status).toBe(422);
    const second = await (await send("POST", `/meetings/${m.id}/agenda`, secretariat, { title: "Other" })).json();
    expect(
      (await (await send("PATCH", `/meetings/${m.id}/agenda/${second.id}`, secretariat, { move: "up" })).json())
        .position,
    ).toBe(1);
    expect((await send("DELETE", `/meetings/${m.id}/agenda/${second.id}`, secretariat)).status).toBe(204);

    const guest = await send("POST", `/meetings/${m.id}/participants`, secretariat, {
      name: "Gästen",
      email: "gast@example.se",
      language: "sv",
    });
    expect(guest.status).toBe(201);
    const { id: guestId } = await guest.json();
    expect(
      (await send("POST", `/meetings/${m.id}/participants`, secretariat, { name: "Again", email: "gast@example.se" }))
        .status,
    ).toBe(409);
    const proxy = await send("PUT", `/meetings/${m.id}/participants/${guestId}/attendance`, secretariat, {
      attendance: "proxy",
      proxyHolderId: guestId,
    });
    expect(proxy.status).toBe(422);
    expect(Object.keys((await proxy.json()).error.fields)).toEqual(["attendance"]);
    const present = await send("PUT", `/meetings/${m.id}/participants/${guestId}/attendance`, secretariat, {
      attendance: "present",
    });
    expect((await present.json()).attendance).toBe("present");
    // The roll call: everyone not yet recorded is present; the guest already was.
    await send("POST", `/meetings/${m.id}/participants`, secretariat, { name: "Ospite", email: "ospite@example.it" });
    expect((await send("POST", `/meetings/${m.id}/participants/present`, board)).status).toBe(403);
    const rollCall = await send("POST", `/meetings/${m.id}/participants/present`, secretariat);
    expect(await rollCall.json()).toEqual({ marked: 1 });
    expect(await (await send("POST", `/meetings/${m.id}/participants/present`, secretariat)).json()).toEqual({
      marked: 0,
    });
    expect((await send("POST", `/meetings/${m.id}/invitations`, secretariat)).status).toBe(200);

    // A document: multipart upload, then download by whoever sees the meeting.
    const form = new FormData();
    const pdf = await realPdf("bilancio.pdf");
    form.append("document", new File([Buffer.from(pdf.content)], "bilancio.pdf", { type: "application/pdf" }));
    const uploaded = await http.request(`/api/v1/meetings/${m.id}/agenda/${itemId}/documents`, {
      method: "POST",
      headers: secretariat,
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const doc = await uploaded.json();
    const download = await send("GET", `/meetings/${m.id}/documents/${doc.id}`, board);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect((await send("GET", `/meetings/${m.id}/documents/${doc.id}`, member)).status).toBe(404);

    const missingText = await send("POST", `/meetings/${m.id}/agenda/${itemId}/outcome`, secretariat, {
      outcome: "approved",
    });
    expect(missingText.status).toBe(422);
    expect(Object.keys((await missingText.json()).error.fields)).toEqual(["text"]);
    const outcome = await send("POST", `/meetings/${m.id}/agenda/${itemId}/outcome`, secretariat, {
      outcome: "approved",
      text: "Il bilancio preventivo è approvato.",
    });
    expect(await outcome.json()).toMatchObject({ outcome: "approved", decision: { label: "2043/1" } });
    const detail = await (await send("GET", `/meetings/${m.id}`, board)).json();
    expect(detail.agenda[0]).toMatchObject({
      outcome: "approved",
      decision: { label: "2043/1" },
      documents: [{ id: doc.id }],
    });

    const found = await (await send("GET", "/decisions?q=preventivo%20e%20approvato&year=2043", board)).json();
    expect(found.items.map((d: { label: string }) => d.label)).toEqual(["2043/1"]);
    expect((await send("GET", "/decisions", member)).status).toBe(403);
    expect((await send("GET", "/decisions", {})).status).toBe(401);
  });

  it("is in the OpenAPI document", async () => {
    const doc = await (await http.request("/api/v1/openapi.json")).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/meetings",
        "/meetings/{id}",
        "/meetings/{id}/cancel",
        "/meetings/{id}/invitations",
        "/meetings/{id}/participants",
        "/meetings/{id}/participants/{participantId}/attendance",
        "/meetings/{id}/participants/present",
        "/meetings/{id}/agenda",
        "/meetings/{id}/agenda/{itemId}",
        "/meetings/{id}/agenda/{itemId}/outcome",
        "/decisions",
      ]),
    );
  });
});
