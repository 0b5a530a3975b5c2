import { type ComponentType, createElement } from "react";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, anonymous } from "~/auth/actor";
import { listOutbox } from "~/domains/accounts/service";
import { actorAs, buildOrganisation } from "~/domains/organisations/testing";
import type { Language } from "~/i18n/i18n";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { outcome, pageContext, routeArgs } from "~/testing/pages";
import { getMeetingDetail } from "../meeting-detail";
import { createMeeting } from "../meetings";
import { addGuest } from "../participants";
import DecisionsPage, { loader as decisionsLoader } from "./decisions";
import MeetingPage, { action as meetingAction, loader as meetingLoader } from "./meeting";
import MeetingsPage, { action as listAction, loader as listLoader } from "./meetings";

/** The meetings pages' loaders and actions, called as React Router calls them for forms posted without JavaScript. */
let database: TestDatabase;
const secretariat = actorAs("secretariat");

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
});
afterAll(async () => {
  await database?.close();
});

const context = (actor: Actor, language: Language = "en") => pageContext(database, actor, language);

const args = routeArgs;

function formOf(entries: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(entries)) form.append(k, v);
  return form;
}
const get = (path: string) => new Request(`http://test${path}`);
const postTo = (path: string, form: FormData) => new Request(`http://test${path}`, { method: "POST", body: form });

function render(page: ComponentType, path: string, loaderData: unknown, language: Language = "en"): string {
  const root = { language, csrfToken: "test", user: null };
  const Stub = createRoutesStub([
    { id: "root", path: "/", loader: () => root, children: [{ id: "page", path: path.slice(1), Component: page }] },
  ]);
  return renderToString(
    createElement(Stub, { initialEntries: [path], hydrationData: { loaderData: { root, page: loaderData } } }),
  );
}

type ListData = Awaited<ReturnType<typeof listLoader>>;
type MeetingData = Awaited<ReturnType<typeof meetingLoader>>;
type Problem = { problem: { message: string; fields: Record<string, string> } };

const list = (path: string, actor: Actor) =>
  outcome<ListData>(() => listLoader(args<typeof listLoader>(get(path), context(actor))));
const listPost = (form: Record<string, string>, actor: Actor = secretariat, language: Language = "en") =>
  outcome<{ fields: Record<string, string> }>(() =>
    listAction(
      args<typeof listAction>(postTo("/governance/meetings?year=2045", formOf(form)), context(actor, language)),
    ),
  );
const detail = (id: string, actor: Actor, search = "") =>
  outcome<MeetingData>(() =>
    meetingLoader(args<typeof meetingLoader>(get(`/governance/meetings/${id}${search}`), context(actor), { id })),
  );
const detailPost = (id: string, form: Record<string, string>, actor: Actor = secretariat, language: Language = "en") =>
  outcome<Problem>(() =>
    meetingAction(
      args<typeof meetingAction>(postTo(`/governance/meetings/${id}`, formOf(form)), context(actor, language), { id }),
    ),
  );

describe("/governance/meetings", () => {
  it("lists a year's meetings per reader, with the Board's planning for the secretariat", async () => {
    const ga = await createMeeting(database.db, secretariat, { bodyCode: "general_assembly", date: "2045-04-13" });
    const page = await list("/governance/meetings?year=2045", secretariat);
    expect(page.data.boardPlan?.map((m) => m.date)).toEqual(["2045-02-16", "2045-05-18", "2045-11-16"]);
    expect(page.data.meetings.map((m) => m.bodyCode)).toEqual(["board", "general_assembly", "board", "board"]);
    const html = render(MeetingsPage as ComponentType, "/governance/meetings", page.data);
    expect(html).toContain("<caption>Meetings of 2045</caption>");
    expect(html).toContain("Create a meeting");

    const org = await buildOrganisation(database.db);
    const forMember = await list("/governance/meetings?year=2045", actorAs("member_contact", org.id));
    expect(forMember.data.boardPlan).toBeNull();
    expect(forMember.data.meetings.map((m) => m.id)).toEqual([ga.id]);
    expect(render(MeetingsPage as ComponentType, "/governance/meetings", forMember.data)).not.toContain(
      "Create a meeting",
    );
    expect((await list("/governance/meetings?year=2045", anonymous)).data.meetings).toEqual([]);
  });

  it("creates a meeting of any body from the form, or names the bad fields in the reader's language", async () => {
    const bad = await listPost(
      { intent: "create", bodyCode: "presidium", date: "2045-06-06", startTime: "9", videoUrl: "http://x" },
      secretariat,
      "sv",
    );
    expect(bad.status).toBe(422);
    expect(bad.data.fields).toMatchObject({
      startTime: "Ange tiden som TT:MM, till exempel 09:30.",
      videoUrl: "Länken måste börja med https://.",
    });
    const ok = await listPost({ intent: "create", bodyCode: "presidium", date: "2045-06-06", public: "on" });
    expect(ok.status).toBe(302);
    expect(ok.location).toMatch(/^\/governance\/meetings\/[0-9a-f-]{36}\?created$/);
    // Others may not.
    await expect(
      listPost({ intent: "create", bodyCode: "presidium", date: "2045-07-07" }, actorAs("board")),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
  it("keeps the Board's planning: a date moved there is a published change, announced to those invited", async () => {
    const page = await list("/governance/meetings?year=2049", secretariat);
    const feb = page.data.boardPlan?.[0];
    if (!feb) throw new Error("not planned");
    await addGuest(database.db, secretariat, feb.id, {
      name: "Gäst",
      email: "board-guest@example.org",
      language: "sv",
    });
    const moved = await outcome(() =>
      listAction(
        args<typeof listAction>(
          postTo("/governance/meetings?year=2049", formOf({ intent: "move", id: feb.id, date: "2049-02-25" })),
          context(secretariat),
        ),
      ),
    );
    expect(moved.location).toBe("/governance/meetings?year=2049&saved");
    expect(await getMeetingDetail(database.db, secretariat, feb.id)).toMatchObject({ date: "2049-02-25", sequence: 1 });
    const mails = (await listOutbox(database.db, secretariat, { pageSize: 200 })).items;
    const change = mails.find((m) => m.to === "board-guest@example.org" && m.kind === "meeting.changed");
    expect(change?.subject).toMatch(/^Ändrat: Styrelse/);
  });
});

describe("/governance/meetings/:id", () => {
  it("lets the secretariat build the agenda, take attendance and record outcomes; others read it", async () => {
    const m = await createMeeting(database.db, secretariat, { bodyCode: "presidium", date: "2046-03-03" });
    // Each problem names the form field it belongs to (the error summary links to it).
    expect((await detailPost(m.id, { intent: "item-add", title: "" })).data.problem.fields).toEqual({
      "new-title": "This field is required.",
    });
    const added = await detailPost(m.id, { intent: "item-add", title: "Work plan", presenter: "Chair" });
    expect(added.location).toBe(`/governance/meetings/${m.id}?notice=itemAdded`);
    await detailPost(m.id, { intent: "guest", name: "Guest", email: "guest@example.org", language: "it" });
    let page = await detail(m.id, secretariat, "?notice=guest");
    const itemId = page.data.meeting.agenda[0]?.id ?? "";
    const guestId = page.data.meeting.participants[0]?.id ?? "";
    expect(page.data.notice).toBe("guest");

    const proxy = await detailPost(
      m.id,
      { intent: "attendance", participantId: guestId, attendance: "proxy", proxyHolderId: guestId },
      secretariat,
      "it",
    );
    expect(proxy.status).toBe(422);
    expect(proxy.data.problem.fields).toEqual({
      [`att-${guestId}`]: "Gli ospiti non possono né dare né ricevere deleghe.",
    });

    const noted = await detailPost(m.id, {
      intent: "outcome",
      itemId,
      outcome: "approved",
      outcomeText: "The work plan is approved.",
    });
    expect(noted.location).toBe(`/governance/meetings/${m.id}?notice=outcome`);
    page = await detail(m.id, secretariat, "?notice=outcome");
    expect(page.data.meeting.agenda[0]).toMatchObject({ outcome: "approved", decision: { label: "2046/1" } });
    const html = render(MeetingPage as ComponentType, `/governance/meetings/${m.id}`, page.data);
    expect(html).toContain('role="status"');
    expect(html).toContain("The outcome was recorded.");
    expect(html).toContain("decision 2046/1");
    expect(html).toContain("<caption>Participants and attendance</caption>");
    expect(html).toContain('id="meeting-votes-minutes"');

    // The Board reads it without the forms; a member contact does not see a Presidium meeting.
    const forBoard = await detail(m.id, actorAs("board"));
    expect(forBoard.data.canManage).toBe(false);
    expect(render(MeetingPage as ComponentType, `/governance/meetings/${m.id}`, forBoard.data)).not.toContain(
      "Record the outcome",
    );
    expect((await detail(m.id, actorAs("member_contact", null))).status).toBe(404);
    expect((await detail(m.id, anonymous)).status).toBe(404);
    expect((await detailPost(m.id, { intent: "held" }, actorAs("board"))).status).toBe(403);
    expect((await detailPost(m.id, { intent: "held" })).location).toBe(`/governance/meetings/${m.id}?notice=held`);
  });
});

describe("the roll call", () => {
  it("marks everyone not yet recorded as present, leaving recorded attendance as it is", async () => {
    const m = await createMeeting(database.db, secretariat, { bodyCode: "presidium", date: "2046-04-04" });
    for (const [name, email] of [
      ["Anna", "anna@example.se"],
      ["Bruno", "bruno@example.it"],
      ["Carla", "carla@example.it"],
    ])
      await addGuest(database.db, secretariat, m.id, { name, email, language: "en" });
    let page = await detail(m.id, secretariat);
    const id = (name: string) => page.data.meeting.participants.find((p) => p.name === name)?.id ?? "";
    await detailPost(m.id, { intent: "attendance", participantId: id("Bruno"), attendance: "excused" });
    let html = render(MeetingPage as ComponentType, `/governance/meetings/${m.id}`, page.data, "sv");
    expect(html).toContain("Markera alla som ännu inte registrerats som närvarande");

    // Nobody but the secretariat may.
    expect((await detailPost(m.id, { intent: "all-present" }, actorAs("board"))).status).toBe(403);
    page = await detail(m.id, secretariat);
    expect(page.data.meeting.participants.map((p) => [p.name, p.attendance])).toEqual([
      ["Anna", null],
      ["Bruno", "excused"],
      ["Carla", null],
    ]);

    const marked = await detailPost(m.id, { intent: "all-present" });
    expect(marked.location).toBe(`/governance/meetings/${m.id}?notice=allPresent`);
    page = await detail(m.id, secretariat, "?notice=allPresent");
    expect(page.data.meeting.participants.map((p) => [p.name, p.attendance])).toEqual([
      ["Anna", "present"],
      ["Bruno", "excused"],
      ["Carla", "present"],
    ]);
    html = render(MeetingPage as ComponentType, `/governance/meetings/${m.id}`, page.data);
    expect(html).toContain("Everyone without a recorded attendance is now present.");
    // With everyone recorded, the button is gone.
    expect(html).not.toContain("Mark everyone not yet recorded as present");
  });
});

describe("/governance/decisions", () => {
  it("shows the register to the secretariat and the Board, searchable; not to member contacts", async () => {
    const m = await createMeeting(database.db, secretariat, { bodyCode: "board", date: "2047-05-05" });
    await detailPost(m.id, { intent: "item-add", title: "Città metropolitana" });
    const itemId = (await detail(m.id, secretariat)).data.meeting.agenda[0]?.id ?? "";
    await detailPost(m.id, { intent: "outcome", itemId, outcome: "elected", outcomeText: "Eletta la Città di Forlì" });
    const found = await outcome<Awaited<ReturnType<typeof decisionsLoader>>>(() =>
      decisionsLoader(
        args<typeof decisionsLoader>(get("/governance/decisions?q=citta%20di%20forli"), context(actorAs("board"))),
      ),
    );
    expect(found.data.list.items.map((i) => i.label)).toEqual(["2047/1"]);
    const html = render(DecisionsPage as ComponentType, "/governance/decisions", found.data);
    expect(html).toContain("<caption>Decisions, newest first</caption>");
    expect(html).toContain("Eletta la Città di Forlì");
    const denied = await outcome(() =>
      decisionsLoader(
        args<typeof decisionsLoader>(get("/governance/decisions"), context(actorAs("member_contact", null))),
      ),
    );
    expect(denied.status).toBe(403);
  });
});
