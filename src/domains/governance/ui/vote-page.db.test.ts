import { type ComponentType, createElement } from "react";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, anonymous } from "~/auth/actor";
import { actorAs, buildContact, buildOrganisation } from "~/domains/organisations/testing";
import { writeSetting } from "~/domains/reference/settings";
import { type Language, translator } from "~/i18n/i18n";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { outcome, pageContext, routeArgs } from "~/testing/pages";
import { createVote, getVote, openVote } from "../votes";
import type { Vote } from "../votes-contract";
import { addParticipant, buildMeeting, buildUserActor } from "../votes-testing";
import { loader as meetingLoader } from "./meeting";
import VotePage, { action, loader } from "./vote";

/**
 * The vote's page: its loader and action called as React Router calls them for a form posted
 * without JavaScript, and the page rendered on the server from the loader's data.
 */
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

type PageData = Awaited<ReturnType<typeof loader>>;
type ActionData = {
  intent: string;
  voterKey: string;
  values: Record<string, string> | null;
  problem: { message: string; fields: Record<string, string> };
};

const load = (id: string, actor: Actor, search = "", language: Language = "en") =>
  outcome<PageData>(() =>
    loader(
      args<typeof loader>(new Request(`http://test/governance/votes/${id}${search}`), context(actor, language), { id }),
    ),
  );
const post = (id: string, entries: [string, string][], actor: Actor, language: Language = "en") => {
  const form = new FormData();
  for (const [k, v] of entries) form.append(k, v);
  const request = new Request(`http://test/governance/votes/${id}`, { method: "POST", body: form });
  return outcome<ActionData>(() => action(args<typeof action>(request, context(actor, language), { id })));
};

/** The page as the server renders it, for a reader of the language. */
function render(
  page: ComponentType,
  id: string,
  loaderData: unknown,
  language: Language = "en",
  actionData?: unknown,
): string {
  const root = { language, csrfToken: "test", user: null };
  const path = `/governance/votes/${id}`;
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
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");
const optionId = (vote: Vote, code: string, label?: string) =>
  vote.options.find((o) => o.code === code && (label === undefined || o.label === label))?.id ?? "";

describe("the vote's page", () => {
  it("a voter casts their own ballot and one by proxy, without JavaScript, once each", async () => {
    const meeting = await buildMeeting(database.db);
    const alice = await buildUserActor(database.db, "board");
    const aliceId = alice.kind === "user" ? alice.user.id : "";
    const aliceP = await addParticipant(database.db, meeting.id, { userId: aliceId, name: "Alice" });
    const bobP = await addParticipant(database.db, meeting.id, {
      name: "Bob",
      attendance: "proxy",
      proxyHolderId: aliceP.id,
      key: "user:bob",
    });
    const vote = await createVote(database.db, secretariat, meeting.id, { question: "Adopt the plan?" });
    await openVote(database.db, secretariat, vote.id);

    const page = await load(vote.id, alice);
    expect(page.status).toBe(200);
    expect(page.data.vote.voters.map((v) => v.voterKey)).toEqual([aliceP.key, bobP.key]);
    const html = render(VotePage as ComponentType, vote.id, page.data);
    expect(text(html)).toContain("Ballot of Alice");
    expect(text(html)).toContain("Ballot of Bob, which you cast as proxy holder");
    expect(html.match(/type="radio"/g)).toHaveLength(6);
    expect(text(html)).not.toContain("Running the vote");

    // No choice: the form says so, nothing is stored.
    const empty = await post(
      vote.id,
      [
        ["intent", "cast"],
        ["voterKey", aliceP.key],
      ],
      alice,
    );
    expect(empty.status).toBe(422);
    expect(empty.data.problem.fields.choices).toBeTruthy();
    const withError = text(render(VotePage as ComponentType, vote.id, page.data, "en", empty.data));
    expect(withError).toContain(empty.data.problem.fields.choices);

    const cast = await post(
      vote.id,
      [
        ["intent", "cast"],
        ["voterKey", aliceP.key],
        ["choice", optionId(vote, "yes")],
      ],
      alice,
    );
    expect(cast).toMatchObject({ status: 302, location: `/governance/votes/${vote.id}?notice=cast` });
    const after = await load(vote.id, alice, "?notice=cast");
    const afterText = text(render(VotePage as ComponentType, vote.id, after.data));
    expect(afterText).toContain("Your vote was recorded.");
    expect(afterText).toContain("This vote has been recorded.");
    expect(after.data.vote.voters.map((v) => v.cast)).toEqual([true, false]);

    const proxy = await post(
      vote.id,
      [
        ["intent", "cast"],
        ["voterKey", bobP.key],
        ["choice", optionId(vote, "no")],
      ],
      alice,
    );
    expect(proxy.status).toBe(302);
    // The same ballot again (a second tab): refused in words.
    const again = await post(
      vote.id,
      [
        ["intent", "cast"],
        ["voterKey", bobP.key],
        ["choice", optionId(vote, "yes")],
      ],
      alice,
    );
    expect(again.status).toBe(422);
    expect(again.data.problem.message).toBe("This vote has already been cast: nobody votes twice.");
  });

  it("a secret ballot tells the voter nobody can see their choice, in their language", async () => {
    const meeting = await buildMeeting(database.db);
    const voter = await buildUserActor(database.db, "board");
    await addParticipant(database.db, meeting.id, { userId: voter.kind === "user" ? voter.user.id : "" });
    const vote = await createVote(database.db, secretariat, meeting.id, { question: "Segreto?", ballot: "secret" });
    await openVote(database.db, secretariat, vote.id);
    const html = text(render(VotePage as ComponentType, vote.id, (await load(vote.id, voter, "", "sv")).data, "sv"));
    expect(html).toContain("Ja");
    expect(html).toContain("Avstår");
    const cast = await post(
      vote.id,
      [
        ["intent", "cast"],
        ["choice", optionId(vote, "abstain")],
      ],
      voter,
      "sv",
    );
    expect(cast.location).toBe(`/governance/votes/${vote.id}?notice=castSecret`);
    const after = text(
      render(VotePage as ComponentType, vote.id, (await load(vote.id, voter, "?notice=castSecret", "it")).data, "it"),
    );
    expect(after).toContain("nessuno, nemmeno la segreteria, può vedere che cosa hai scelto");
  });

  it("the secretariat opens, enters ballots cast in the room, closes, and sees the result", async () => {
    const meeting = await buildMeeting(database.db);
    const anna = await addParticipant(database.db, meeting.id, { name: "Anna", key: "user:anna" });
    const holder = await addParticipant(database.db, meeting.id, { name: "Holder", key: "user:holder" });
    const bruno = await addParticipant(database.db, meeting.id, {
      name: "Bruno",
      key: "user:bruno",
      attendance: "proxy",
      proxyHolderId: holder.id,
    });
    await addParticipant(database.db, meeting.id, { name: "Absent", key: "user:absent", attendance: "absent" });
    const vote = await createVote(database.db, secretariat, meeting.id, {
      kind: "election",
      question: "Elect two",
      seats: 2,
      candidates: [{ label: "Xenia" }, { label: "Yann" }, { label: "Zoe" }],
    });

    const draft = await load(vote.id, secretariat);
    const draftText = text(render(VotePage as ComponentType, vote.id, draft.data));
    expect(draftText).toContain("Open the vote");
    expect(draftText).toContain("Quorum: 3 of 4 taking part (present or by proxy), 2 required.");
    expect(await post(vote.id, [["intent", "open"]], secretariat)).toMatchObject({
      status: 302,
      location: `/governance/votes/${vote.id}?notice=opened`,
    });

    const open = await load(vote.id, secretariat);
    // Those who may vote in the room: present, or by a present proxy holder; not the absent.
    const openHtml = render(VotePage as ComponentType, vote.id, open.data);
    expect(openHtml.match(/<option value="user:[a-z]+"/g)).toEqual([
      '<option value="user:anna"',
      '<option value="user:bruno"',
      '<option value="user:holder"',
    ]);
    expect(text(openHtml)).toContain("Bruno (by proxy: Holder)");
    expect(text(openHtml)).toContain("Choose up to 2.");
    expect(openHtml.match(/type="checkbox"/g)).toHaveLength(3);

    const x = optionId(vote, "candidate", "Xenia");
    const y = optionId(vote, "candidate", "Yann");
    const z = optionId(vote, "candidate", "Zoe");
    for (const [key, choices] of [
      [anna.key, [x, y]],
      [bruno.key, [x, z]],
      [holder.key, [y, x]],
    ] as const) {
      const entered = await post(
        vote.id,
        [["intent", "enter"], ["voterKey", key], ...choices.map((c) => ["choice", c] as [string, string])],
        secretariat,
      );
      expect(entered).toMatchObject({ status: 302, location: `/governance/votes/${vote.id}?notice=entered` });
    }
    const absent = await post(
      vote.id,
      [
        ["intent", "enter"],
        ["voterKey", "user:absent"],
        ["choice", x],
      ],
      secretariat,
    );
    expect(absent.status).toBe(422);
    expect(absent.data.problem.message).toBe(
      "Absent is neither present nor represented by a proxy holder who is present.",
    );
    const tooMany = await post(
      vote.id,
      [
        ["intent", "enter"],
        ["voterKey", "user:absent"],
        ["choice", x],
        ["choice", y],
        ["choice", z],
      ],
      secretariat,
    );
    expect(tooMany.data.problem.fields).toBeTruthy();
    // Everyone who may vote has: the form says so; the count is shown.
    const full = text(render(VotePage as ComponentType, vote.id, (await load(vote.id, secretariat)).data));
    expect(full).toContain("Everyone who may vote has voted.");
    expect(full).toContain("Ballots cast: 3");

    expect(await post(vote.id, [["intent", "close"]], secretariat)).toMatchObject({ status: 302 });
    const closed = await load(vote.id, secretariat, "?notice=closed");
    const closedText = text(render(VotePage as ComponentType, vote.id, closed.data));
    expect(closedText).toContain("The vote is closed and its result is final.");
    expect(closedText).toContain("Elected.");
    expect(closedText).toMatch(/Elected\s*Xenia \(3\)\s*Yann \(2\)/);
    expect(closedText).toContain("Bruno By proxy: Holder Yes");
    expect(closedText).not.toContain("Close the vote");
  });

  it("a bad weighting setting is shown to the secretariat only; others are sent away", async () => {
    await writeSetting(database.db, "governance.voteWeighting", {
      rule: "inhabitants",
      bands: [{ upTo: 10, weight: 2 }],
    });
    const meeting = await buildMeeting(database.db, { bodyCode: "general_assembly" });
    const vote = await createVote(database.db, secretariat, meeting.id, {
      question: "Weighted?",
      weighting: "weighted",
    });
    const warning = "The setting for weighted votes (governance.voteWeighting) is not valid";
    expect(text(render(VotePage as ComponentType, vote.id, (await load(vote.id, secretariat)).data))).toContain(
      warning,
    );
    const contact = actorAs("member_contact", null);
    const seen = await load(vote.id, contact);
    expect(seen.status).toBe(200);
    expect(text(render(VotePage as ComponentType, vote.id, seen.data))).not.toContain(warning);
    // A member contact may see the Assembly's vote but not run it.
    expect((await post(vote.id, [["intent", "open"]], contact)).status).toBe(403);

    expect((await load(vote.id, anonymous)).location).toBe(
      `/login?redirectTo=${encodeURIComponent(`/governance/votes/${vote.id}`)}`,
    );
    expect((await load(vote.id, actorAs("expert"))).status).toBe(404);
    expect((await load("not-a-uuid", secretariat)).status).toBe(404);
  });
});

describe("changing and deleting a draft", () => {
  /** The change form's fields as a draft election posts them, with some changed. */
  const editFields = (changes: Record<string, string>): [string, string][] =>
    Object.entries({
      intent: "edit",
      question: "Elect two",
      kind: "election",
      ballot: "named",
      majority: "simple",
      seats: "2",
      candidates: "Xenia\nYann\nZoe",
      ...changes,
    });
  const draftElection = async (meetingId: string) =>
    createVote(database.db, secretariat, meetingId, {
      kind: "election",
      question: "Elect two",
      seats: 2,
      candidates: [{ label: "Xenia" }, { label: "Yann" }, { label: "Zoe" }],
    });
  const unchanged = async (vote: Vote) => {
    const now = await getVote(database.db, secretariat, vote.id);
    expect(now).toMatchObject({ question: vote.question, seats: vote.seats, ballot: vote.ballot, status: vote.status });
    expect(now.options.map((o) => o.label)).toEqual(vote.options.map((o) => o.label));
  };

  it("the secretariat changes the question and the candidates, and the page shows the change", async () => {
    const meeting = await buildMeeting(database.db);
    const org = await buildOrganisation(database.db);
    const xenia = await buildContact(database.db, org.id, { name: "Xenia", email: "xenia@draft.example" });
    const vote = await createVote(database.db, secretariat, meeting.id, {
      kind: "election",
      question: "Elect two",
      seats: 2,
      candidates: [{ label: "Xenia", contactId: xenia.id }, { label: "Yann" }, { label: "Zoe" }],
    });

    // The form is prefilled with the draft as it is.
    const draftHtml = render(VotePage as ComponentType, vote.id, (await load(vote.id, secretariat)).data);
    expect(text(draftHtml)).toContain("Change the draft");
    expect(draftHtml).toMatch(/<textarea[^>]*name="question"[^>]*>Elect two<\/textarea>/);
    expect(draftHtml).toMatch(/<textarea[^>]*name="candidates"[^>]*>Xenia\nYann\nZoe<\/textarea>/);
    expect(draftHtml).toMatch(/<input[^>]*name="seats"[^>]*value="2"/);
    expect(draftHtml).toMatch(/<input[^>]*id="kind-election"[^>]*checked/);

    const changed = await post(
      vote.id,
      editFields({ question: "Elect the treasurers", ballot: "secret", candidates: "Xenia\r\nWalter\n\nZoe\n" }),
      secretariat,
    );
    expect(changed).toMatchObject({ status: 302, location: `/governance/votes/${vote.id}?notice=changed` });

    const after = await load(vote.id, secretariat, "?notice=changed");
    const afterText = text(render(VotePage as ComponentType, vote.id, after.data));
    expect(afterText).toContain("The draft was saved.");
    expect(afterText).toContain("Elect the treasurers");
    expect(afterText).toContain("Secret ballot");
    expect(afterText).toContain("Walter");
    expect(afterText).not.toContain("Yann");
    const stored = await getVote(database.db, secretariat, vote.id);
    expect(stored.options.map((o) => o.label)).toEqual(["Xenia", "Walter", "Zoe"]);
    // Xenia, typed again, is still the same person.
    expect(stored.options.find((o) => o.label === "Xenia")?.contactId).toBe(xenia.id);

    // In Swedish the form and the notice speak Swedish.
    const sv = text(
      render(
        VotePage as ComponentType,
        vote.id,
        (await load(vote.id, secretariat, "?notice=changed", "sv")).data,
        "sv",
      ),
    );
    expect(sv).toContain("Ändra utkastet");
    expect(sv).toContain("Utkastet har sparats.");
  });

  it("a motion becomes an election and back", async () => {
    const meeting = await buildMeeting(database.db);
    const vote = await createVote(database.db, secretariat, meeting.id, { question: "Adopt?" });
    const toElection = await post(vote.id, editFields({ question: "Elect one", seats: "1" }), secretariat);
    expect(toElection.status).toBe(302);
    expect(await getVote(database.db, secretariat, vote.id)).toMatchObject({ kind: "election", seats: 1 });
    const toMotion = await post(
      vote.id,
      editFields({ question: "Adopt after all?", kind: "motion", majority: "two_thirds" }),
      secretariat,
    );
    expect(toMotion.status).toBe(302);
    const motion = await getVote(database.db, secretariat, vote.id);
    expect(motion).toMatchObject({ kind: "motion", majority: "two_thirds", seats: 1 });
    expect(motion.options.map((o) => o.code)).toEqual(["yes", "no", "abstain"]);
  });

  it("an invalid change answers 422 naming the field, keeps what was typed and changes nothing", async () => {
    const meeting = await buildMeeting(database.db);
    const vote = await draftElection(meeting.id);
    const page = await load(vote.id, secretariat);

    const tooManySeats = await post(vote.id, editFields({ question: "Elect three", seats: "3" }), secretariat);
    expect(tooManySeats.status).toBe(422);
    expect(tooManySeats.data.problem.fields).toEqual({
      seats: "At most 2 seat(s): there must be more candidates than seats.",
    });
    expect(tooManySeats.data.values).toMatchObject({ question: "Elect three", seats: "3" });
    const html = render(VotePage as ComponentType, vote.id, page.data, "en", tooManySeats.data);
    // The problem is next to the field and tied to it; what was typed is still there.
    expect(html).toMatch(
      /<input id="field-seats" aria-invalid="true" aria-describedby="field-seats-error"[^>]*name="seats" value="3"/,
    );
    expect(html).toContain('id="field-seats-error">At most 2 seat(s): there must be more candidates than seats.</p>');
    expect(html).toMatch(/<textarea[^>]*name="question"[^>]*>Elect three<\/textarea>/);
    expect(text(html)).toContain("Seats: At most 2 seat(s)");

    const noQuestion = await post(vote.id, editFields({ question: "  ", candidates: "Only one" }), secretariat, "it");
    expect(noQuestion.status).toBe(422);
    expect(Object.keys(noQuestion.data.problem.fields).sort()).toEqual(["question"]);
    expect(noQuestion.data.problem.fields.question).toBe(translator("it")("errors:field.required"));
    expect(noQuestion.data.values).toMatchObject({ question: "", candidates: "Only one" });

    await unchanged(vote);
  });

  it("deleting a draft removes it and the meeting's page says so", async () => {
    const meeting = await buildMeeting(database.db);
    const vote = await draftElection(meeting.id);
    const page = render(VotePage as ComponentType, vote.id, (await load(vote.id, secretariat)).data);
    expect(text(page)).toContain("Delete the draft");
    expect(page).toContain('name="intent" value="delete"');

    const deleted = await post(vote.id, [["intent", "delete"]], secretariat);
    expect(deleted).toMatchObject({
      status: 302,
      location: `/governance/meetings/${meeting.id}?notice=voteDeleted`,
    });
    expect((await load(vote.id, secretariat)).status).toBe(404);
    const meetingPage = await outcome<Awaited<ReturnType<typeof meetingLoader>>>(() =>
      meetingLoader(
        args<typeof meetingLoader>(
          new Request(`http://test/governance/meetings/${meeting.id}?notice=voteDeleted`),
          context(secretariat),
          { id: meeting.id },
        ),
      ),
    );
    expect(meetingPage.data.notice).toBe("voteDeleted");
    expect(meetingPage.data.votes).toEqual([]);
  });

  it("an open vote offers no change or deletion, and both are refused when posted", async () => {
    const meeting = await buildMeeting(database.db);
    await addParticipant(database.db, meeting.id);
    const vote = await draftElection(meeting.id);
    const opened = await openVote(database.db, secretariat, vote.id);

    const page = await load(vote.id, secretariat);
    expect(page.data.edit).toBeNull();
    const html = text(render(VotePage as ComponentType, vote.id, page.data));
    expect(html).toContain("Close the vote and count");
    expect(html).not.toContain("Change the draft");
    expect(html).not.toContain("Delete the draft");

    const edited = await post(vote.id, editFields({ question: "Sneaky change" }), secretariat);
    expect(edited.status).toBe(422);
    expect(edited.data.problem.message).toBe("Only a vote that has not been opened can be changed or deleted.");
    // The refusal is shown although the form is gone.
    expect(text(render(VotePage as ComponentType, vote.id, page.data, "en", edited.data))).toContain(
      "Only a vote that has not been opened can be changed or deleted.",
    );
    const deleted = await post(vote.id, [["intent", "delete"]], secretariat);
    expect(deleted.status).toBe(422);
    await unchanged(opened);
  });

  it("a Board member or a member contact may see a draft but neither change nor delete it", async () => {
    const boardMeeting = await buildMeeting(database.db);
    const boardVote = await draftElection(boardMeeting.id);
    const board = actorAs("board");
    const seen = await load(boardVote.id, board);
    expect(seen.status).toBe(200);
    expect(seen.data.edit).toBeNull();
    expect(text(render(VotePage as ComponentType, boardVote.id, seen.data))).not.toContain("Change the draft");
    expect((await post(boardVote.id, editFields({ question: "Board's own question" }), board)).status).toBe(403);
    expect((await post(boardVote.id, [["intent", "delete"]], board)).status).toBe(403);
    await unchanged(boardVote);

    const assembly = await buildMeeting(database.db, { bodyCode: "general_assembly" });
    const assemblyVote = await draftElection(assembly.id);
    const contact = actorAs("member_contact", null);
    expect((await load(assemblyVote.id, contact)).data.edit).toBeNull();
    expect((await post(assemblyVote.id, editFields({ question: "Ours" }), contact)).status).toBe(403);
    expect((await post(assemblyVote.id, [["intent", "delete"]], contact)).status).toBe(403);
    await unchanged(assemblyVote);
  });
});
