import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorAs } from "~/domains/organisations/testing";
import { translator } from "~/i18n/i18n";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { getRequest, outcome, pageContext, postRequest, routeArgs } from "~/testing/pages";
import { getVote } from "../votes";
import { buildMeeting } from "../votes-testing";
import { action, loader } from "./vote-new";

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

describe("a new vote from the meeting", () => {
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
