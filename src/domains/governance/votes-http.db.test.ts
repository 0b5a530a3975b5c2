import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOrganisation } from "~/domains/organisations/testing";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";
import type { BallotRecord, Vote } from "./votes-contract";
import { addParticipant, buildMeeting } from "./votes-testing";

/** The votes' API through the whole app (authentication, validation, errors), in process. */
let database: TestDatabase;
let api: ReturnType<typeof createTestApp>;
type Headers = Record<string, string>;
let secretariat: Headers;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  api = createTestApp(database);
  secretariat = (await api.actAs("secretariat")).headers;
});
afterAll(async () => {
  await database?.close();
});

const send = (method: string, path: string, headers: Headers, body?: unknown) =>
  api.request(`/api/v1${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const optionId = (vote: Vote, code: string) => vote.options.find((o) => o.code === code)?.id ?? "";

describe("votes over HTTP", () => {
  it("create, open, cast once, count, close: each step for those allowed", async () => {
    const meeting = await buildMeeting(database.db);
    const member = await api.actAs("board");
    const absent = await api.actAs("board");
    const outsider = await api.actAs("expert");
    await addParticipant(database.db, meeting.id, { userId: member.user.id, name: "Member" });
    await addParticipant(database.db, meeting.id, { userId: absent.user.id, name: "Absent", attendance: "absent" });

    // Only the secretariat creates; bad input names the field, in words.
    expect((await send("POST", `/meetings/${meeting.id}/votes`, member.headers, { question: "Q?" })).status).toBe(403);
    const bad = await send("POST", `/meetings/${meeting.id}/votes`, secretariat, {
      kind: "election",
      question: "Seats",
      seats: 2,
      candidates: [{ label: "A" }, { label: "B" }],
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields).toEqual({
      seats: "At most 1 seat(s): there must be more candidates than seats.",
    });
    expect(
      (await send("POST", `/meetings/${meeting.id}/votes`, secretariat, { question: "Q?", colour: "red" })).status,
    ).toBe(422);
    expect((await send("POST", `/meetings/${crypto.randomUUID()}/votes`, secretariat, { question: "Q?" })).status).toBe(
      404,
    );

    const created = await send("POST", `/meetings/${meeting.id}/votes`, secretariat, { question: "Adopt the budget?" });
    expect(created.status).toBe(201);
    const vote = (await created.json()) as Vote;
    expect(vote).toMatchObject({ status: "draft", kind: "motion", ballot: "named", majority: "simple" });
    expect(vote.options.map((o) => o.code)).toEqual(["yes", "no", "abstain"]);

    // A draft changes and takes no ballots.
    const patched = await send("PATCH", `/votes/${vote.id}`, secretariat, { majority: "two_thirds" });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as Vote).majority).toBe("two_thirds");
    const early = await send("POST", `/votes/${vote.id}/ballots`, member.headers, { choices: [optionId(vote, "yes")] });
    expect(early.status).toBe(409);
    expect((await early.json()).error.message).toBe("The vote is not open.");

    expect((await send("POST", `/votes/${vote.id}/open`, member.headers)).status).toBe(403);
    // One of two members present: 50 % quorum reached.
    expect((await send("POST", `/votes/${vote.id}/open`, secretariat)).status).toBe(200);
    expect((await send("PATCH", `/votes/${vote.id}`, secretariat, { question: "Other?" })).status).toBe(409);
    expect((await send("DELETE", `/votes/${vote.id}`, secretariat)).status).toBe(409);

    // Two ballots from the same voter at once: one recorded, the other refused.
    const both = await Promise.all([
      send("POST", `/votes/${vote.id}/ballots`, member.headers, { choices: [optionId(vote, "yes")] }),
      send("POST", `/votes/${vote.id}/ballots`, member.headers, { choices: [optionId(vote, "no")] }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = both.find((r) => r.status === 409) ?? Response.json({});
    expect((await refused.json()).error?.message).toBe("This vote has already been cast: nobody votes twice.");
    const absentTry = await send("POST", `/votes/${vote.id}/ballots`, absent.headers, {
      choices: [optionId(vote, "no")],
    });
    expect(absentTry.status).toBe(403);
    expect((await absentTry.json()).error.message).toBe(
      "You are not recorded as present at this meeting, so you cannot vote.",
    );
    expect((await send("POST", `/votes/${vote.id}/ballots`, member.headers, { choices: ["nope"] })).status).toBe(422);

    // While open: the number of ballots only.
    const open = (await (await send("GET", `/votes/${vote.id}`, member.headers)).json()) as Vote;
    expect(open).toMatchObject({ status: "open", ballotsCast: 1, result: null });
    expect(open.voters).toEqual([
      { voterKey: `user:${member.user.id}`, name: "Member", proxyHolderKey: null, cast: true },
    ]);
    expect((await send("GET", `/votes/${vote.id}`, outsider.headers)).status).toBe(404);
    expect((await send("GET", `/votes/${vote.id}`, {})).status).toBe(401);

    // The secretariat sees who voted what (named ballot); nobody else does.
    const ballots = (await (await send("GET", `/votes/${vote.id}/ballots`, secretariat)).json()) as BallotRecord[];
    expect(ballots).toHaveLength(1);
    expect(ballots[0]?.choices).toHaveLength(1);
    expect((await send("GET", `/votes/${vote.id}/ballots`, member.headers)).status).toBe(403);

    const closed = await send("POST", `/votes/${vote.id}/close`, secretariat);
    expect(closed.status).toBe(200);
    const result = ((await closed.json()) as Vote).result;
    expect(result).toMatchObject({
      majority: "two_thirds",
      ballots: 1,
      quorum: { entitled: 2, present: 1, reached: true },
    });
    expect(["passed", "rejected"]).toContain(result?.outcome);

    // Final.
    expect((await send("POST", `/votes/${vote.id}/close`, secretariat)).status).toBe(409);
    expect((await send("POST", `/votes/${vote.id}/open`, secretariat)).status).toBe(409);
    const late = await send("POST", `/votes/${vote.id}/ballots`, secretariat, {
      voterKey: `user:${member.user.id}`,
      choices: [optionId(vote, "no")],
    });
    expect(late.status).toBe(409);
    expect((await late.json()).error.message).toBe("The vote is closed: its result is final.");

    const list = await send("GET", `/meetings/${meeting.id}/votes`, member.headers);
    expect(await list.json()).toEqual([
      expect.objectContaining({ id: vote.id, status: "closed", outcome: result?.outcome }),
    ]);
  });

  it("a secret ballot's list shows who voted, never what; drafts can be deleted", async () => {
    const meeting = await buildMeeting(database.db, { bodyCode: "general_assembly" });
    const org = await buildOrganisation(database.db);
    await addParticipant(database.db, meeting.id, { organisationId: org.id, name: "Comune di Prova" });
    const contact = await api.actAs("member_contact", { organisationId: org.id, language: "it" });
    const vote = (await (
      await send("POST", `/meetings/${meeting.id}/votes`, secretariat, {
        question: "Segreto?",
        ballot: "secret",
        weighting: "weighted",
      })
    ).json()) as Vote;
    expect((await send("POST", `/votes/${vote.id}/open`, secretariat)).status).toBe(200);
    const cast = await send("POST", `/votes/${vote.id}/ballots`, contact.headers, { choices: [optionId(vote, "no")] });
    expect(cast.status).toBe(201);
    expect(await cast.json()).toMatchObject({ voterKey: `org:${org.id}`, weight: 1 });
    const again = await send("POST", `/votes/${vote.id}/ballots`, contact.headers, {
      choices: [optionId(vote, "yes")],
    });
    expect(again.status).toBe(409);
    // In the voter's language.
    expect((await again.json()).error.message).toBe("Questo voto è già stato espresso: nessuno vota due volte.");
    const ballots = (await (await send("GET", `/votes/${vote.id}/ballots`, secretariat)).json()) as BallotRecord[];
    expect(ballots).toEqual([
      expect.objectContaining({ voterKey: `org:${org.id}`, name: "Comune di Prova", choices: null }),
    ]);

    const draft = (await (
      await send("POST", `/meetings/${meeting.id}/votes`, secretariat, { question: "Scrap" })
    ).json()) as Vote;
    expect((await send("DELETE", `/votes/${draft.id}`, secretariat)).status).toBe(204);
    expect((await send("GET", `/votes/${draft.id}`, secretariat)).status).toBe(404);
  });

  it("are described in the OpenAPI document", async () => {
    const doc = await (await api.request("/api/v1/openapi.json")).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/meetings/{id}/votes",
        "/votes/{id}",
        "/votes/{id}/open",
        "/votes/{id}/close",
        "/votes/{id}/ballots",
      ]),
    );
    expect(Object.keys(doc.paths["/votes/{id}"])).toEqual(expect.arrayContaining(["get", "patch", "delete"]));
    expect(doc.components.schemas.VoteResult.properties.outcome.enum).toEqual(["passed", "rejected", "elected", "tie"]);
  });
});
