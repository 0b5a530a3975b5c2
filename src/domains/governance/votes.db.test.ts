import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, Role } from "~/auth/actor";
import { actorAs, buildContact, buildOrganisation } from "~/domains/organisations/testing";
import { writeSetting } from "~/domains/reference/settings";
import { AppError } from "~/errors/app-error";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { meetingParticipants } from "./schema";
import {
  ballotCount,
  castBallot,
  changeVote,
  closeVote,
  createVote,
  deleteVote,
  getVote,
  listBallots,
  listVotes,
  openVote,
} from "./votes";
import type { Vote } from "./votes-contract";
import { addParticipant, buildMeeting, buildUserActor } from "./votes-testing";

let database: TestDatabase;
const secretariat = actorAs("secretariat");
const eqId = (id: string) => eq(meetingParticipants.id, id);

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
});
afterAll(async () => {
  await database?.close();
});

/** The code and message key an action was refused with. */
async function refusal(run: () => Promise<unknown>): Promise<{ code: string; key: string; fields: string[] }> {
  try {
    await run();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, key: e.messageKey, fields: Object.keys(e.fields) };
    throw e;
  }
  throw new Error("expected a refusal");
}

/** An actor with an account, for a participant of a non-assembly body (matched by the key `user:<id>`). */
const person = (role: Role = "board"): Promise<Actor> => buildUserActor(database.db, role);
const userId = (actor: Actor) => (actor.kind === "user" ? actor.user.id : "");
const option = (vote: Vote, code: string, label?: string) => {
  const found = vote.options.find((o) => o.code === code && (label === undefined || o.label === label));
  if (!found) throw new Error(`no option ${code} ${label ?? ""}`);
  return found.id;
};

describe("who may vote", () => {
  it("members present, and absent ones through the present holder of their proxy; nobody else", async () => {
    const meeting = await buildMeeting(database.db);
    const alice = await person();
    const bob = await person();
    const carl = await person();
    const guest = await person("expert");
    const outsider = await person("expert");
    const aliceP = await addParticipant(database.db, meeting.id, { userId: userId(alice), name: "Alice" });
    const bobP = await addParticipant(database.db, meeting.id, {
      userId: userId(bob),
      name: "Bob",
      attendance: "proxy",
      proxyHolderId: aliceP.id,
    });
    const carlP = await addParticipant(database.db, meeting.id, {
      userId: userId(carl),
      name: "Carl",
      attendance: "absent",
    });
    const guestP = await addParticipant(database.db, meeting.id, {
      userId: userId(guest),
      kind: "guest",
      name: "Guest",
    });
    // A member matched through the contact their account belongs to.
    const org = await buildOrganisation(database.db);
    const contact = await buildContact(database.db, org.id);
    const dora = await buildUserActor(database.db, "expert", { organisationId: org.id, contactId: contact.id });
    await addParticipant(database.db, meeting.id, { contactId: contact.id, name: "Dora" });

    const vote = await createVote(database.db, secretariat, meeting.id, { question: "Adopt the plan?" });
    const yes = option(vote, "yes");

    // A draft takes no ballots.
    expect(await refusal(() => castBallot(database.db, alice, vote.id, { choices: [yes] }))).toMatchObject({
      code: "conflict",
      key: "votes:errors.notOpen",
    });
    await openVote(database.db, secretariat, vote.id);

    // Alice votes for herself and, holding Bob's proxy, for him.
    const own = await castBallot(database.db, alice, vote.id, { choices: [yes] });
    expect(own).toMatchObject({ voterKey: aliceP.key, proxyHolderKey: null, enteredBySecretariat: false });
    const proxied = await castBallot(database.db, alice, vote.id, {
      voterKey: bobP.key,
      choices: [option(vote, "no")],
    });
    expect(proxied).toMatchObject({ voterKey: bobP.key, proxyHolderKey: aliceP.key });
    const seen = await getVote(database.db, alice, vote.id);
    expect(seen.voters).toEqual([
      { voterKey: aliceP.key, name: "Alice", proxyHolderKey: null, cast: true },
      { voterKey: bobP.key, name: "Bob", proxyHolderKey: aliceP.key, cast: true },
    ]);

    // Bob gave his proxy away; Carl is absent; the guest has no vote; Alice cannot vote for Carl.
    expect(await refusal(() => castBallot(database.db, bob, vote.id, { choices: [yes] }))).toMatchObject({
      code: "forbidden",
      key: "votes:errors.notPresentYourself",
    });
    expect(await refusal(() => castBallot(database.db, carl, vote.id, { choices: [yes] }))).toMatchObject({
      code: "forbidden",
      key: "votes:errors.notPresentYourself",
    });
    expect(await refusal(() => castBallot(database.db, guest, vote.id, { choices: [yes] }))).toMatchObject({
      code: "forbidden",
      key: "votes:errors.notEntitled",
    });
    expect(
      await refusal(() => castBallot(database.db, alice, vote.id, { voterKey: carlP.key, choices: [yes] })),
    ).toMatchObject({ code: "forbidden", key: "votes:errors.notYourBallot" });
    // Someone who is not in the meeting does not even see the vote.
    expect(await refusal(() => castBallot(database.db, outsider, vote.id, { choices: [yes] }))).toMatchObject({
      code: "not_found",
    });

    // Dora votes through her contact.
    await castBallot(database.db, dora, vote.id, { choices: [option(vote, "abstain")] });

    // The secretariat enters ballots cast in the room only for those present or represented.
    expect(
      await refusal(() => castBallot(database.db, secretariat, vote.id, { voterKey: carlP.key, choices: [yes] })),
    ).toMatchObject({ code: "conflict", key: "votes:errors.notPresent" });
    expect(
      await refusal(() => castBallot(database.db, secretariat, vote.id, { voterKey: guestP.key, choices: [yes] })),
    ).toMatchObject({ code: "validation", fields: ["voterKey"] });
    expect(
      await refusal(() => castBallot(database.db, secretariat, vote.id, { voterKey: "org:nobody", choices: [yes] })),
    ).toMatchObject({ code: "validation", fields: ["voterKey"] });

    expect((await getVote(database.db, secretariat, vote.id)).ballotsCast).toBe(3);
    const result = (await closeVote(database.db, secretariat, vote.id)).result;
    expect(result?.options.map((o) => [o.code, o.votes])).toEqual([
      ["yes", 1],
      ["no", 1],
      ["abstain", 1],
    ]);
    expect(result?.outcome).toBe("rejected");
  });

  it("a motion takes exactly one of its own options", async () => {
    const meeting = await buildMeeting(database.db);
    const voter = await person();
    await addParticipant(database.db, meeting.id, { userId: userId(voter) });
    const vote = await createVote(database.db, secretariat, meeting.id, { question: "Q?" });
    const other = await createVote(database.db, secretariat, meeting.id, { question: "Other?" });
    await openVote(database.db, secretariat, vote.id);
    const cast = (choices: string[]) => refusal(() => castBallot(database.db, voter, vote.id, { choices }));
    expect(await cast([option(vote, "yes"), option(vote, "no")])).toMatchObject({ fields: ["choices"] });
    expect(await cast([option(other, "yes")])).toMatchObject({ fields: ["choices"] });
    expect(await cast([])).toMatchObject({ code: "validation", fields: ["choices"] });
    expect(await ballotCount(database.db, vote.id)).toBe(0);
  });
});

describe("nobody votes twice", () => {
  it("two ballots for the same voter sent at once: exactly one is stored, the other is a 409", async () => {
    const meeting = await buildMeeting(database.db);
    const voter = await person();
    const voterP = await addParticipant(database.db, meeting.id, { userId: userId(voter) });
    const vote = await createVote(database.db, secretariat, meeting.id, { question: "Twice?" });
    await openVote(database.db, secretariat, vote.id);
    const results = await Promise.allSettled([
      castBallot(database.db, voter, vote.id, { choices: [option(vote, "yes")] }),
      castBallot(database.db, secretariat, vote.id, { voterKey: voterP.key, choices: [option(vote, "no")] }),
      castBallot(database.db, voter, vote.id, { choices: [option(vote, "no")] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(refused).toHaveLength(2);
    for (const e of refused) {
      expect(e).toBeInstanceOf(AppError);
      expect(e).toMatchObject({ code: "conflict", messageKey: "votes:errors.alreadyVoted", status: 409 });
    }
    expect(await ballotCount(database.db, vote.id)).toBe(1);
    const [choices] = await database.query<{ n: number }>(
      "select count(*)::int as n from ballot_choices where vote_id = $1",
      [vote.id],
    );
    expect(choices?.n).toBe(1);
  });
  it("a ballot cast while the vote closes is either counted or refused, never stored uncounted", async () => {
    for (let round = 0; round < 4; round++) {
      const meeting = await buildMeeting(database.db);
      const voter = await person();
      await addParticipant(database.db, meeting.id, { userId: userId(voter) });
      const ballot = round % 2 === 0 ? "named" : "secret";
      const vote = await createVote(database.db, secretariat, meeting.id, { question: `Race ${round}?`, ballot });
      await openVote(database.db, secretariat, vote.id);
      const [cast, close] = await Promise.allSettled([
        castBallot(database.db, voter, vote.id, { choices: [option(vote, "yes")] }),
        closeVote(database.db, secretariat, vote.id),
      ]);
      expect(close.status).toBe("fulfilled");
      const closed = await getVote(database.db, secretariat, vote.id);
      const stored = await ballotCount(database.db, vote.id);
      expect(closed.result?.ballots).toBe(stored);
      expect(closed.result?.options.find((o) => o.code === "yes")?.ballots).toBe(stored);
      if (cast.status === "rejected") expect(cast.reason).toMatchObject({ messageKey: "votes:errors.closed" });
      else expect(stored).toBe(1);
    }
  });
});

describe("secret ballots", () => {
  /** The vote's rows in ballot_choices, with the transaction that last wrote each. */
  const choiceRows = (voteId: string) =>
    database.query<{ option_id: string; ballot_id: string | null; weight: number; ballots: number; xmin: string }>(
      "select option_id, ballot_id, weight, ballots, xmin::text as xmin from ballot_choices where vote_id = $1",
      [voteId],
    );
  const ballotXmin = async (voteId: string, voterKey: string) => {
    const [row] = await database.query<{ xmin: string }>(
      "select xmin::text as xmin from ballots where vote_id = $1 and voter_key = $2",
      [voteId, voterKey],
    );
    return row?.xmin;
  };

  it("store who voted and never what: one row of totals per option, all rewritten by every ballot", async () => {
    const meeting = await buildMeeting(database.db);
    const voters = [await person(), await person(), await person(), await person()];
    const keys: string[] = [];
    for (const v of voters) keys.push((await addParticipant(database.db, meeting.id, { userId: userId(v) })).key);
    const vote = await createVote(database.db, secretariat, meeting.id, { question: "Secret?", ballot: "secret" });
    await openVote(database.db, secretariat, vote.id);
    const picks = ["yes", "no", "yes", "abstain"];
    for (const [i, actor] of voters.entries()) {
      await castBallot(database.db, actor, vote.id, { choices: [option(vote, picks[i] ?? "")] });
      // After each ballot: one row per option, none naming a ballot, every one written by this
      // ballot's transaction — the chosen option's row and the others alike.
      const rows = await choiceRows(vote.id);
      expect(rows.map((r) => r.option_id).sort()).toEqual(vote.options.map((o) => o.id).sort());
      expect(rows.every((r) => r.ballot_id === null)).toBe(true);
      const xmin = await ballotXmin(vote.id, keys[i] ?? "");
      expect(xmin).toBeDefined();
      expect(rows.map((r) => r.xmin)).toEqual(rows.map(() => xmin));
    }
    // What is stored are the totals.
    const totals = new Map((await choiceRows(vote.id)).map((r) => [r.option_id, [r.weight, r.ballots]]));
    expect(["yes", "no", "abstain"].map((code) => totals.get(option(vote, code)))).toEqual([
      [2, 2],
      [1, 1],
      [1, 1],
    ]);
    // The secretariat sees who voted, never what.
    const list = await listBallots(database.db, secretariat, vote.id);
    expect(list.map((b) => b.voterKey).sort()).toEqual([...keys].sort());
    expect(list.every((b) => b.choices === null)).toBe(true);
    // Nor does the audit log keep it.
    const audit = await database.query<{ after: Record<string, unknown> }>(
      "select after from audit_events where action = 'vote.ballot' and entity_id = $1",
      [vote.id],
    );
    expect(audit).toHaveLength(4);
    expect(audit.every((e) => !("choices" in e.after))).toBe(true);

    const closed = await closeVote(database.db, secretariat, vote.id);
    expect(closed.result).toMatchObject({ ballot: "secret", ballots: 4, weightCast: 4, outcome: "passed" });
    expect(closed.result?.options.map((o) => [o.code, o.votes, o.ballots])).toEqual([
      ["yes", 2, 2],
      ["no", 1, 1],
      ["abstain", 1, 1],
    ]);
  });

  it("a weighted secret vote at the Assembly sums the weights and counts the ballots per option", async () => {
    await writeSetting(database.db, "governance.voteWeighting", {
      rule: "inhabitants",
      bands: [{ upTo: 5000, weight: 1 }, { upTo: 50000, weight: 2 }, { weight: 3 }],
    });
    const meeting = await buildMeeting(database.db, { bodyCode: "general_assembly" });
    const orgs = [
      await buildOrganisation(database.db, { inhabitants: 80_000 }),
      await buildOrganisation(database.db, { inhabitants: 20_000 }),
      await buildOrganisation(database.db, { inhabitants: 1_000 }),
    ];
    for (const org of orgs) await addParticipant(database.db, meeting.id, { organisationId: org.id });
    const vote = await createVote(database.db, secretariat, meeting.id, {
      question: "Secret and weighted?",
      ballot: "secret",
      weighting: "weighted",
    });
    await openVote(database.db, secretariat, vote.id);
    const [big, mid, small] = orgs.map((o) => actorAs("member_contact", o.id)) as [Actor, Actor, Actor];
    await castBallot(database.db, big, vote.id, { choices: [option(vote, "no")] });
    await castBallot(database.db, mid, vote.id, { choices: [option(vote, "yes")] });
    await castBallot(database.db, small, vote.id, { choices: [option(vote, "yes")] });
    await writeSetting(database.db, "governance.voteWeighting", { rule: "equal" });

    const rows = await choiceRows(vote.id);
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.xmin)).size).toBe(1);
    const closed = await closeVote(database.db, secretariat, vote.id);
    // Yes 2 + 1 = 3 from two ballots against no 3 from one: not more yes than no.
    expect(closed.result).toMatchObject({ ballots: 3, weightCast: 6, outcome: "rejected" });
    expect(closed.result?.options.map((o) => [o.code, o.votes, o.ballots])).toEqual([
      ["yes", 3, 2],
      ["no", 3, 1],
      ["abstain", 0, 0],
    ]);
  });

  it("ballots cast at the same moment are all counted", async () => {
    const meeting = await buildMeeting(database.db);
    const voters = [await person(), await person(), await person(), await person(), await person()];
    for (const v of voters) await addParticipant(database.db, meeting.id, { userId: userId(v) });
    const vote = await createVote(database.db, secretariat, meeting.id, {
      kind: "election",
      question: "At once",
      ballot: "secret",
      seats: 2,
      candidates: [{ label: "Anna" }, { label: "Bruno" }, { label: "Carla" }],
    });
    await openVote(database.db, secretariat, vote.id);
    const id = (label: string) => option(vote, "candidate", label);
    const picks = [["Anna", "Bruno"], ["Carla", "Anna"], ["Bruno"], ["Anna"], ["Carla", "Bruno"]];
    const results = await Promise.allSettled(
      voters.map((v, i) => castBallot(database.db, v, vote.id, { choices: (picks[i] ?? []).map(id) })),
    );
    expect(results.map((r) => r.status)).toEqual(voters.map(() => "fulfilled"));
    expect(await choiceRows(vote.id)).toHaveLength(3);
    const closed = await closeVote(database.db, secretariat, vote.id);
    expect(closed.result?.ballots).toBe(5);
    expect(closed.result?.options.map((o) => [o.label, o.votes, o.ballots])).toEqual([
      ["Anna", 3, 3],
      ["Bruno", 3, 3],
      ["Carla", 2, 2],
    ]);
    expect(closed.result?.outcome).toBe("elected");
  });

  it("a named ballot links each choice to its voter", async () => {
    const meeting = await buildMeeting(database.db);
    const voter = await person();
    const p = await addParticipant(database.db, meeting.id, { userId: userId(voter) });
    const vote = await createVote(database.db, secretariat, meeting.id, { question: "Named?" });
    await openVote(database.db, secretariat, vote.id);
    await castBallot(database.db, voter, vote.id, { choices: [option(vote, "no")] });
    const [record] = await listBallots(database.db, secretariat, vote.id);
    expect(record).toMatchObject({ voterKey: p.key, choices: [option(vote, "no")] });
    expect(await refusal(() => listBallots(database.db, voter, vote.id))).toMatchObject({ code: "forbidden" });
  });
});

describe("the General Assembly", () => {
  it("a weighted two-thirds motion: weights by inhabitants, taken at casting, proxies between organisations", async () => {
    await writeSetting(database.db, "governance.voteWeighting", {
      rule: "inhabitants",
      bands: [{ upTo: 5000, weight: 1 }, { upTo: 50000, weight: 2 }, { weight: 3 }],
    });
    const meeting = await buildMeeting(database.db, { bodyCode: "general_assembly" });
    const big = await buildOrganisation(database.db, { inhabitants: 80_000 });
    const mid = await buildOrganisation(database.db, { inhabitants: 20_000 });
    const small = await buildOrganisation(database.db, { inhabitants: 1_000 });
    const unknown = await buildOrganisation(database.db, {});
    const bigP = await addParticipant(database.db, meeting.id, { organisationId: big.id, name: "Big" });
    const midP = await addParticipant(database.db, meeting.id, {
      organisationId: mid.id,
      name: "Mid",
      attendance: "proxy",
      proxyHolderId: bigP.id,
    });
    await addParticipant(database.db, meeting.id, { organisationId: small.id, name: "Small" });
    await addParticipant(database.db, meeting.id, { organisationId: unknown.id, name: "Unknown" });
    const bigContact = actorAs("member_contact", big.id);
    const smallContact = actorAs("member_contact", small.id);

    // Weights are for the Assembly only.
    const board = await buildMeeting(database.db);
    expect(
      await refusal(() => createVote(database.db, secretariat, board.id, { question: "W?", weighting: "weighted" })),
    ).toMatchObject({ code: "validation", fields: ["weighting"] });

    const vote = await createVote(database.db, secretariat, meeting.id, {
      question: "Change the statute?",
      weighting: "weighted",
      majority: "two_thirds",
    });
    await openVote(database.db, secretariat, vote.id);
    expect((await getVote(database.db, bigContact, vote.id)).voters.map((v) => [v.voterKey, v.proxyHolderKey])).toEqual(
      [
        [bigP.key, null],
        [midP.key, bigP.key],
      ],
    );
    await castBallot(database.db, bigContact, vote.id, { choices: [option(vote, "yes")] });
    await castBallot(database.db, bigContact, vote.id, { voterKey: midP.key, choices: [option(vote, "abstain")] });
    await castBallot(database.db, smallContact, vote.id, { choices: [option(vote, "no")] });
    // The small organisation cannot cast the big one's ballot.
    expect(
      await refusal(() =>
        castBallot(database.db, smallContact, vote.id, { voterKey: midP.key, choices: [option(vote, "no")] }),
      ),
    ).toMatchObject({ code: "forbidden" });

    const weights = await database.query<{ voter_key: string; weight: number; proxy_holder_key: string | null }>(
      "select voter_key, weight, proxy_holder_key from ballots where vote_id = $1 order by weight desc",
      [vote.id],
    );
    expect(weights).toEqual([
      { voter_key: bigP.key, weight: 3, proxy_holder_key: null },
      { voter_key: midP.key, weight: 2, proxy_holder_key: bigP.key },
      { voter_key: `org:${small.id}`, weight: 1, proxy_holder_key: null },
    ]);

    // A later change of the setting changes no ballot already cast.
    await writeSetting(database.db, "governance.voteWeighting", { rule: "equal" });
    const closed = await closeVote(database.db, secretariat, vote.id);
    // Yes 3 against no 1 by weight (75 %) passes; by heads it would be 1 against 1.
    expect(closed.result).toMatchObject({ outcome: "passed", weighting: "weighted", ballots: 3, weightCast: 6 });
    expect(closed.result?.options.map((o) => [o.code, o.votes, o.ballots])).toEqual([
      ["yes", 3, 1],
      ["no", 1, 1],
      ["abstain", 2, 1],
    ]);
    // Member contacts see the Assembly's votes, not the Board's.
    expect((await listVotes(database.db, smallContact, meeting.id)).map((v) => v.outcome)).toEqual(["passed"]);
    expect(await refusal(() => listVotes(database.db, smallContact, board.id))).toMatchObject({ code: "not_found" });
  });
});

describe("elections", () => {
  it("elect two of four; a ballot chooses one to two distinct candidates", async () => {
    const meeting = await buildMeeting(database.db);
    const voters = [await person(), await person(), await person(), await person()];
    for (const v of voters) await addParticipant(database.db, meeting.id, { userId: userId(v) });
    const candidates = ["Anna", "Bruno", "Carla", "Dario"].map((label) => ({ label }));
    expect(
      await refusal(() =>
        createVote(database.db, secretariat, meeting.id, { kind: "election", question: "Board", seats: 4, candidates }),
      ),
    ).toMatchObject({ code: "validation", fields: ["seats"] });
    const vote = await createVote(database.db, secretariat, meeting.id, {
      kind: "election",
      question: "Elect the auditors",
      ballot: "secret",
      seats: 2,
      candidates,
    });
    expect(vote.options.map((o) => [o.code, o.label])).toEqual(candidates.map((c) => ["candidate", c.label]));
    await openVote(database.db, secretariat, vote.id);
    const [v1, v2, v3, v4] = voters as [Actor, Actor, Actor, Actor];
    const id = (label: string) => option(vote, "candidate", label);
    expect(
      await refusal(() => castBallot(database.db, v1, vote.id, { choices: [id("Anna"), id("Bruno"), id("Carla")] })),
    ).toMatchObject({ code: "validation", fields: ["choices"] });
    expect(
      await refusal(() => castBallot(database.db, v1, vote.id, { choices: [id("Anna"), id("Anna")] })),
    ).toMatchObject({
      fields: ["choices"],
    });
    await castBallot(database.db, v1, vote.id, { choices: [id("Anna"), id("Bruno")] });
    await castBallot(database.db, v2, vote.id, { choices: [id("Anna"), id("Carla")] });
    await castBallot(database.db, v3, vote.id, { choices: [id("Bruno"), id("Anna")] });
    await castBallot(database.db, v4, vote.id, { choices: [id("Dario")] });
    // While open, nobody sees a count per candidate.
    expect(await getVote(database.db, secretariat, vote.id)).toMatchObject({ ballotsCast: 4, result: null });
    const closed = await closeVote(database.db, secretariat, vote.id);
    expect(closed.result?.outcome).toBe("elected");
    expect(closed.result?.elected.map((c) => [c.label, c.votes])).toEqual([
      ["Anna", 3],
      ["Bruno", 2],
    ]);
    expect(closed.result?.options.map((o) => [o.label, o.ballots])).toEqual([
      ["Anna", 3],
      ["Bruno", 2],
      ["Carla", 1],
      ["Dario", 1],
    ]);
  });

  it("a tie for the last seat elects only those clearly ahead", async () => {
    const meeting = await buildMeeting(database.db);
    const voters = [await person(), await person(), await person()];
    for (const v of voters) await addParticipant(database.db, meeting.id, { userId: userId(v) });
    const vote = await createVote(database.db, secretariat, meeting.id, {
      kind: "election",
      question: "Two seats",
      seats: 2,
      candidates: [{ label: "Anna" }, { label: "Bruno" }, { label: "Carla" }],
    });
    await openVote(database.db, secretariat, vote.id);
    const [v1, v2, v3] = voters as [Actor, Actor, Actor];
    const id = (label: string) => option(vote, "candidate", label);
    await castBallot(database.db, v1, vote.id, { choices: [id("Anna"), id("Bruno")] });
    await castBallot(database.db, v2, vote.id, { choices: [id("Anna"), id("Carla")] });
    await castBallot(database.db, v3, vote.id, { choices: [id("Anna")] });
    const closed = await closeVote(database.db, secretariat, vote.id);
    expect(closed.result).toMatchObject({ outcome: "tie", elected: [{ label: "Anna", votes: 3 }] });
  });
});

describe("the life of a vote", () => {
  it("only drafts change; opening needs the quorum; closing checks it again; a closed result is final", async () => {
    const meeting = await buildMeeting(database.db);
    const voter = await person();
    const present = await addParticipant(database.db, meeting.id, { userId: userId(voter) });
    const other = await addParticipant(database.db, meeting.id, { attendance: "absent" });
    await addParticipant(database.db, meeting.id, { attendance: "absent" });

    const draft = await createVote(database.db, secretariat, meeting.id, { question: "Draft" });
    expect(await refusal(() => createVote(database.db, voter, meeting.id, { question: "Mine" }))).toMatchObject({
      code: "forbidden",
    });
    const changed = await changeVote(database.db, secretariat, draft.id, {
      kind: "election",
      seats: 1,
      candidates: [{ label: "X" }, { label: "Y" }],
    });
    expect(changed.options.map((o) => o.label)).toEqual(["X", "Y"]);
    const back = await changeVote(database.db, secretariat, draft.id, { kind: "motion", candidates: [] });
    expect(back.options.map((o) => o.code)).toEqual(["yes", "no", "abstain"]);

    // 1 of 3 taking part, 2 required (50 %).
    expect(await refusal(() => openVote(database.db, secretariat, draft.id))).toMatchObject({
      code: "conflict",
      key: "votes:errors.noQuorum",
    });
    await database.db.update(meetingParticipants).set({ attendance: "present" }).where(eqId(other.id));
    await openVote(database.db, secretariat, draft.id);
    expect(await refusal(() => changeVote(database.db, secretariat, draft.id, { question: "Other" }))).toMatchObject({
      key: "votes:errors.notDraft",
    });
    expect(await refusal(() => deleteVote(database.db, secretariat, draft.id))).toMatchObject({
      key: "votes:errors.notDraft",
    });
    await castBallot(database.db, voter, draft.id, { choices: [option(back, "yes")] });

    // The quorum left the room: the vote cannot be closed until attendance is put right.
    await database.db.update(meetingParticipants).set({ attendance: "absent" }).where(eqId(other.id));
    expect(await refusal(() => closeVote(database.db, secretariat, draft.id))).toMatchObject({
      key: "votes:errors.noQuorum",
    });
    await database.db.update(meetingParticipants).set({ attendance: "present" }).where(eqId(other.id));
    const closed = await closeVote(database.db, secretariat, draft.id);
    expect(closed.result?.outcome).toBe("passed");

    for (const run of [
      () => castBallot(database.db, secretariat, draft.id, { voterKey: other.key, choices: [option(back, "no")] }),
      () => openVote(database.db, secretariat, draft.id),
      () => closeVote(database.db, secretariat, draft.id),
      () => changeVote(database.db, secretariat, draft.id, { question: "Again" }),
      () => deleteVote(database.db, secretariat, draft.id),
    ]) {
      expect(await refusal(run)).toMatchObject({ code: "conflict" });
    }
    const after = await getVote(database.db, secretariat, draft.id);
    expect(after.result).toEqual(closed.result);
    expect(await ballotCount(database.db, draft.id)).toBe(1);
    expect(present.key).toBe(`user:${userId(voter)}`);

    // A draft can be deleted.
    const scrap = await createVote(database.db, secretariat, meeting.id, { question: "Scrap" });
    await deleteVote(database.db, secretariat, scrap.id);
    expect((await listVotes(database.db, secretariat, meeting.id)).map((v) => v.question)).toEqual(["Draft"]);
  });

  it("refuses a motion with candidates, an election with too few, an agenda item of another meeting", async () => {
    const meeting = await buildMeeting(database.db);
    const elsewhere = await buildMeeting(database.db);
    const [item] = await database.query<{ id: string }>(
      "insert into agenda_items (meeting_id, position, title) values ($1, 1, 'Budget') returning id",
      [elsewhere.id],
    );
    const create = (input: Parameters<typeof createVote>[3]) =>
      refusal(() => createVote(database.db, secretariat, meeting.id, input));
    expect(await create({ question: "Q", candidates: [{ label: "A" }] })).toMatchObject({ fields: ["candidates"] });
    expect(await create({ question: "Q", kind: "election", candidates: [{ label: "A" }] })).toMatchObject({
      fields: ["candidates"],
    });
    expect(
      await create({
        question: "Q",
        kind: "election",
        majority: "two_thirds",
        candidates: [{ label: "A" }, { label: "B" }],
      }),
    ).toMatchObject({ fields: ["majority"] });
    expect(await create({ question: "Q", agendaItemId: item?.id })).toMatchObject({ fields: ["agendaItemId"] });
    expect(await create({ question: "" })).toMatchObject({ fields: ["question"] });
    expect(await listVotes(database.db, secretariat, meeting.id)).toEqual([]);
  });
});
