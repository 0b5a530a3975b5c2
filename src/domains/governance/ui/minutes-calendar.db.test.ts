import { type ComponentType, createElement } from "react";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, anonymous } from "~/auth/actor";
import { writeSetting } from "~/domains/reference/settings";
import type { Language } from "~/i18n/i18n";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";
import { outcome, pageContext, routeArgs } from "~/testing/pages";
import { getMinutes } from "../minutes";
import { buildMeeting, buildParticipant, buildUser } from "../minutes-testing";
import CalendarPage, { action as calendarAction, loader as calendarLoader } from "./calendar";
import MinutesPage, { action as minutesAction, loader as minutesLoader } from "./minutes";

/**
 * The minutes and calendar pages' loaders and actions, called as React Router calls them for a
 * form posted without JavaScript, and rendered on the server.
 */
let database: TestDatabase;
let secretariat: Actor;
let board: Actor;
let chair: Actor;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  secretariat = (await buildUser(database.db, "secretariat", { name: "Sara" })).actor;
  board = (await buildUser(database.db, "board")).actor;
  const chairUser = await buildUser(database.db, "board", { name: "Chiara" });
  chair = chairUser.actor;
  await writeSetting(database.db, "board.chairEmail", chairUser.email);
});
afterAll(async () => {
  await database?.close();
});

const context = (actor: Actor, language: Language = "en") => pageContext(database, actor, language);
const args = routeArgs;

const get = (path: string) => new Request(`http://test${path}`);
const post = (path: string, entries: Record<string, string>) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(entries)) form.append(k, v);
  return new Request(`http://test${path}`, { method: "POST", body: form });
};

function render(page: ComponentType, path: string, loaderData: unknown, actionData?: unknown): string {
  const root = { language: "en", csrfToken: "test", user: null };
  const Stub = createRoutesStub([
    { id: "root", path: "/", loader: () => root, children: [{ id: "page", path: path.slice(1), Component: page }] },
  ]);
  return renderToString(
    createElement(Stub, {
      initialEntries: [path],
      hydrationData: {
        loaderData: { root, page: loaderData },
        ...(actionData ? { actionData: { page: actionData } } : {}),
      },
    }),
  );
}

const minutesPath = (id: string) => `/governance/meetings/${id}/minutes`;
const loadMinutes = (id: string, actor: Actor, search = "") =>
  outcome<Awaited<ReturnType<typeof minutesLoader>>>(() =>
    minutesLoader(args<typeof minutesLoader>(get(`${minutesPath(id)}${search}`), context(actor), { id })),
  );
const postMinutes = (id: string, actor: Actor, form: Record<string, string>) =>
  outcome<{ intent: string; problem: { message: string; fields: Record<string, string> } }>(() =>
    minutesAction(args<typeof minutesAction>(post(minutesPath(id), form), context(actor), { id })),
  );

describe("/governance/meetings/:id/minutes", () => {
  it("the secretariat generates, edits, is stopped by a stale version, regenerates only when confirmed, and records the approving meeting", async () => {
    const meeting = await buildMeeting(database.db, { bodyCode: "presidium", date: "2035-03-01", language: "it" });
    const later = await buildMeeting(database.db, { bodyCode: "presidium", date: "2035-06-01", title: "Giugno" });
    await buildParticipant(database.db, meeting.id, { name: "Ugo", attendance: "present" });

    const empty = await loadMinutes(meeting.id, secretariat);
    expect(empty.data.minutes).toBeNull();
    expect(empty.data.mayManage).toBe(true);
    expect(render(MinutesPage as ComponentType, minutesPath(meeting.id), empty.data)).toContain("Generate the minutes");

    const generated = await postMinutes(meeting.id, secretariat, { intent: "generate" });
    expect(generated).toMatchObject({ status: 302, location: `${minutesPath(meeting.id)}?notice=generated` });
    const page = await loadMinutes(meeting.id, secretariat, "?notice=generated");
    expect(page.data.minutes?.text).toContain("Presenti: Ugo");
    expect(page.data.laterMeetings.map((m) => m.id)).toEqual([later.id]);
    const html = render(MinutesPage as ComponentType, minutesPath(meeting.id), page.data);
    expect(html).toContain('role="status"');
    expect(html).toContain("<textarea");
    expect(html).toContain("Presenti: Ugo");
    expect(html).toContain(`/api/v1/meetings/${meeting.id}/minutes?format=pdf`);
    expect(html).toContain("Giugno");

    const version = String(page.data.minutes?.version);
    expect(
      await postMinutes(meeting.id, secretariat, { intent: "edit", text: "Testo rivisto.", version }),
    ).toMatchObject({
      status: 302,
      location: `${minutesPath(meeting.id)}?notice=saved`,
    });
    const stale = await postMinutes(meeting.id, secretariat, { intent: "edit", text: "Vecchio.", version });
    expect(stale.status).toBe(422);
    expect(stale.data.problem.message).toContain("Someone else changed these minutes");
    expect((await getMinutes(database.db, secretariat, meeting.id)).text).toBe("Testo rivisto.");

    const unconfirmed = await postMinutes(meeting.id, secretariat, { intent: "regenerate" });
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.data.problem.fields.confirm).toBe("Tick the box to confirm that the current text is replaced.");
    expect((await getMinutes(database.db, secretariat, meeting.id)).text).toBe("Testo rivisto.");
    expect(await postMinutes(meeting.id, secretariat, { intent: "regenerate", confirm: "yes" })).toMatchObject({
      location: `${minutesPath(meeting.id)}?notice=regenerated`,
    });
    expect((await getMinutes(database.db, secretariat, meeting.id)).text).toContain("Presenti: Ugo");

    const noMeeting = await postMinutes(meeting.id, secretariat, { intent: "approve" });
    expect(noMeeting.status).toBe(422);
    expect(noMeeting.data.problem.fields.approvedInMeetingId).toContain("Choose the later meeting");
    expect(
      await postMinutes(meeting.id, secretariat, { intent: "approve", approvedInMeetingId: later.id }),
    ).toMatchObject({
      location: `${minutesPath(meeting.id)}?notice=approved`,
    });
    const approved = await loadMinutes(meeting.id, secretariat);
    expect(approved.data.minutes?.status).toBe("approved");
    const final = render(MinutesPage as ComponentType, minutesPath(meeting.id), approved.data);
    expect(final).not.toContain("<textarea");
    expect(final).toContain("Approved at the meeting of");
    expect(final).toContain("Download the PDF");
  });

  it("the Chair approves with one button; the Board reads only; others get 404, visitors sign in", async () => {
    const meeting = await buildMeeting(database.db, { language: "en" });
    await postMinutes(meeting.id, secretariat, { intent: "generate" });

    const boardView = await loadMinutes(meeting.id, board);
    expect(boardView.data.mayManage).toBe(false);
    expect(boardView.data.mayApproveAsChair).toBe(false);
    const readOnly = render(MinutesPage as ComponentType, minutesPath(meeting.id), boardView.data);
    expect(readOnly).not.toContain("<textarea");
    expect(readOnly).not.toContain("Approve as Chair");
    expect(readOnly).toContain("Download the draft as PDF");
    expect((await postMinutes(meeting.id, board, { intent: "edit", text: "x", version: "1" })).status).toBe(403);

    const chairView = await loadMinutes(meeting.id, chair);
    expect(chairView.data.mayApproveAsChair).toBe(true);
    expect(render(MinutesPage as ComponentType, minutesPath(meeting.id), chairView.data)).toContain("Approve as Chair");
    expect(await postMinutes(meeting.id, chair, { intent: "approve" })).toMatchObject({
      location: `${minutesPath(meeting.id)}?notice=approved`,
    });
    expect((await getMinutes(database.db, board, meeting.id)).approvedBy?.name).toBe("Chiara");

    const expert = (await buildUser(database.db, "expert")).actor;
    expect((await loadMinutes(meeting.id, expert)).status).toBe(404);
    const visitor = await loadMinutes(meeting.id, anonymous);
    expect(visitor.status).toBe(302);
    expect(visitor.location).toContain("/login?redirectTo=");
  });
});

describe("/account/calendar", () => {
  it("creates the private address, shows it once, resets it only when confirmed; the old address stops working", async () => {
    const http = createTestApp(database);
    const user = (await buildUser(database.db, "board")).actor;
    const load = () =>
      outcome<Awaited<ReturnType<typeof calendarLoader>>>(() =>
        calendarLoader(args<typeof calendarLoader>(get("/account/calendar"), context(user))),
      );
    const act = (form: Record<string, string>) =>
      outcome<{ ok: boolean; address?: string; reset?: boolean; problem?: { fields: Record<string, string> } }>(() =>
        calendarAction(args<typeof calendarAction>(post("/account/calendar", form), context(user))),
      );

    const before = await load();
    expect(before.data.feed.exists).toBe(false);
    expect(render(CalendarPage as ComponentType, "/account/calendar", before.data)).toContain(
      "Create my calendar address",
    );

    const created = await act({ intent: "create" });
    expect(created.data.ok).toBe(true);
    const address = created.data.address ?? "";
    expect(address).toMatch(/^http:\/\/test\/api\/v1\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    const shown = render(CalendarPage as ComponentType, "/account/calendar", (await load()).data, created.data);
    expect(shown).toContain(address);
    expect(shown).toContain("Copy it now");
    const path = new URL(address).pathname;
    expect((await http.request(path)).status).toBe(200);

    const after = await load();
    expect(after.data.feed.exists).toBe(true);
    const again = render(CalendarPage as ComponentType, "/account/calendar", after.data);
    expect(again).not.toContain(address);
    expect(again).toContain("Reset the address");

    const unconfirmed = await act({ intent: "reset" });
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.data.problem?.fields.confirm).toBe("Tick the box to confirm the reset.");
    expect((await http.request(path)).status).toBe(200);

    const reset = await act({ intent: "reset", confirm: "yes" });
    expect(reset.data.reset).toBe(true);
    expect(reset.data.address).not.toBe(address);
    expect((await http.request(path)).status).toBe(404);
    expect((await http.request(new URL(reset.data.address ?? "").pathname)).status).toBe(200);
  });

  it("sends visitors to sign in", async () => {
    const visitor = await outcome(() =>
      calendarLoader(args<typeof calendarLoader>(get("/account/calendar"), context(anonymous))),
    );
    expect(visitor.status).toBe(302);
    expect(visitor.location).toContain("/login");
  });
});
