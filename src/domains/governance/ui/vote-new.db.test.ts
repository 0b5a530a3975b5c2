import { type ComponentType, createElement } from "react";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorAs } from "~/domains/organisations/testing";
import { translator } from "~/i18n/i18n";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { getRequest, outcome, pageContext, postRequest, routeArgs } from "~/testing/pages";
import { getVote, listVotes } from "../votes";
import { buildMeeting } from "../votes-testing";
import NewVote, { action, loader } from "./vote-new";

/** The secretariat's form for a new vote, posted without JavaScript. */
let database: TestDatabase;
const secretariat = actorAs("secretariat");

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
});
afterAll(async () => {
  await database?.close();
});

const post = (meetingId: string, fields: Record<string, string>, actor = secretariat, language: "en" | "it" = "en") =>
  outcome<{ values: Record<string, string>; problem: { message: string; fields: Record<string, string> } }>(() =>
    action(
      routeArgs<typeof action>(
        postRequest(`/governance/meetings/${meetingId}/votes/new`, fields),
        pageContext(database, actor, language),
        { id: meetingId },
      ),
    ),
  );

/** The form as the server renders it from the loader's data (and the action's, after a refusal). */
function render(meetingId: string, loaderData: unknown, actionData?: unknown): string {
  const root = { language: "en", csrfToken: "test", user: null };
  const path = `governance/meetings/${meetingId}/votes/new`;
  const Stub = createRoutesStub([
    {
      id: "root",
      path: "/",
      loader: () => root,
      children: [{ id: "page", path, Component: NewVote as ComponentType }],
    },
  ]);
  return renderToString(
    createElement(Stub, {
      initialEntries: [`/${path}`],
      hydrationData: {
        loaderData: { root, page: loaderData },
        ...(actionData ? { actionData: { page: actionData } } : {}),
      },
    }),
  );
}
const show = (meetingId: string, search = "") =>
  outcome(() =>
    loader(
      routeArgs<typeof loader>(
        getRequest(`/governance/meetings/${meetingId}/votes/new${search}`),
        pageContext(database, secretariat),
        { id: meetingId },
      ),
    ),
  );

describe("a new vote from the meeting", () => {
  it("shows the vote's fields; the choice of weighted votes only for the General Assembly", async () => {
    const board = await buildMeeting(database.db);
    const boardForm = render(board.id, (await show(board.id)).data);
    for (const name of ["question", "kind", "ballot", "majority", "seats", "candidates"])
      expect(boardForm).toContain(`name="${name}"`);
    expect(boardForm).not.toContain('name="weighting"');
    expect(boardForm).toMatch(/<input[^>]*id="kind-motion"[^>]*checked/);
    const assembly = await buildMeeting(database.db, { bodyCode: "general_assembly" });
    expect(render(assembly.id, (await show(assembly.id)).data)).toContain('name="weighting"');
  });

  it("creates a secret election of two seats among the candidates typed one per line", async () => {
    const meeting = await buildMeeting(database.db, { bodyCode: "general_assembly" });
    const answer = await post(meeting.id, {
      question: "Board 2027–2029",
      kind: "election",
      ballot: "secret",
      weighting: "equal",
      majority: "simple",
      seats: "2",
      candidates: "Maria Rossi\r\nErik Berg\n\nGiulia Neri\n",
    });
    expect(answer.location).toMatch(/^\/governance\/votes\/[0-9a-f-]{36}$/);
    const vote = await getVote(database.db, secretariat, answer.location?.split("/").pop() ?? "");
    expect(vote).toMatchObject({ kind: "election", ballot: "secret", seats: 2, status: "draft" });
    expect(vote.options.map((o) => o.label)).toEqual(["Maria Rossi", "Erik Berg", "Giulia Neri"]);
  });

  it("names the problem in the reader's language and keeps what was typed", async () => {
    const meeting = await buildMeeting(database.db);
    const answer = await post(
      meeting.id,
      { question: "Presidente", kind: "election", seats: "1", candidates: "Solo una", majority: "simple" },
      secretariat,
      "it",
    );
    expect(answer.status).toBe(422);
    expect(answer.data.problem.fields).toEqual({ candidates: translator("it")("votes:errors.tooFewCandidates") });
    expect(answer.data.values).toMatchObject({ question: "Presidente", candidates: "Solo una" });
  });

  it("seats that are not a number are named, next to the field, and nothing is created", async () => {
    const meeting = await buildMeeting(database.db);
    const fields = { question: "Auditors", kind: "election", seats: "two", candidates: "A\nB\nC" };
    const answer = await post(meeting.id, fields);
    expect(answer.status).toBe(422);
    expect(answer.data.problem.fields).toEqual({ seats: translator("en")("errors:field.notNumber") });
    const html = render(meeting.id, (await show(meeting.id)).data, answer.data);
    expect(html).toContain(`id="field-seats-error">${answer.data.problem.fields.seats}</p>`);
    expect(html).toMatch(/<input[^>]*name="seats" value="two"/);
    expect(await listVotes(database.db, secretariat, meeting.id)).toEqual([]);
  });

  it("is for the secretariat only", async () => {
    const meeting = await buildMeeting(database.db);
    const ctx = pageContext(database, actorAs("board"));
    const shown = await outcome(() =>
      loader(
        routeArgs<typeof loader>(getRequest(`/governance/meetings/${meeting.id}/votes/new`), ctx, { id: meeting.id }),
      ),
    );
    expect(shown.status).toBe(403);
    expect((await post(meeting.id, { question: "x", kind: "motion" }, actorAs("board"))).status).toBe(403);
  });
});
