import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/auth/actor";
import { actorAs, buildContact, buildOrganisation } from "~/domains/organisations/testing";
import { AppError } from "~/errors/app-error";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { getRequest, outcome, pageContext, postRequest, routeArgs } from "~/testing/pages";
import { holderField, seatElected } from "./election-seats";
import { currentMandates } from "./mandates";
import { action, loader } from "./ui/vote";
import { castBallot, closeVote, createVote, openVote } from "./votes";
import type { Vote } from "./votes-contract";
import { addParticipant, buildMeeting, buildUserActor } from "./votes-testing";

/** From a closed election to the elected's mandates. */
let database: TestDatabase;
const secretariat = actorAs("secretariat");

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
});
afterAll(async () => {
  await database?.close();
});

async function refusal(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

const optionId = (vote: Vote, label: string) => vote.options.find((o) => o.label === label)?.id ?? "";

/** A Board meeting whose three present members elect two of three candidates (Rossi and Berg). */
async function closedElection(candidates: { label: string; contactId?: string }[], date = "2041-04-15") {
  const meeting = await buildMeeting(database.db, { bodyCode: "presidium", date });
  const voters: Actor[] = [];
  for (let i = 0; i < 3; i++) {
    const voter = await buildUserActor(database.db, "board");
    await addParticipant(database.db, meeting.id, { userId: voter.kind === "user" ? voter.user.id : null });
    voters.push(voter);
  }
  const vote = await createVote(database.db, secretariat, meeting.id, {
    kind: "election",
    question: "Two Board seats 2041–2043",
    seats: 2,
    candidates,
  });
  await openVote(database.db, secretariat, vote.id);
  const id = (label: string) => optionId(vote, label);
  const [v1, v2, v3] = voters as [Actor, Actor, Actor];
  await castBallot(database.db, v1, vote.id, { choices: [id("Maria Rossi"), id("Erik Berg")] });
  await castBallot(database.db, v2, vote.id, { choices: [id("Maria Rossi"), id("Erik Berg")] });
  await castBallot(database.db, v3, vote.id, { choices: [id("Giulia Neri")] });
  await closeVote(database.db, secretariat, vote.id);
  return { meeting, vote };
}

describe("seats for the elected", () => {
  it("gives each elected candidate a Board mandate from the day chosen, all or none", async () => {
    const italian = await buildOrganisation(database.db, { country: "IT", status: "member", name: "Comune di Seggio" });
    const swedish = await buildOrganisation(database.db, { country: "SE", status: "member", name: "Platsby kommun" });
    const rossi = await buildContact(database.db, italian.id, { name: "Maria Rossi", email: "maria@seggio.example" });
    const berg = await buildContact(database.db, swedish.id, { name: "Erik Berg", email: "erik@platsby.example" });
    const { vote } = await closedElection([
      { label: "Maria Rossi", contactId: rossi.id },
      { label: "Erik Berg" },
      { label: "Giulia Neri" },
    ]);
    const input = { bodyCode: "board", startsOn: "2041-04-15", holders: {} as Record<string, string> };

    // Erik Berg's person is not known yet: nobody gets a seat.
    const missing = await refusal(() => seatElected(database.db, secretariat, vote.id, input));
    expect(Object.keys(missing.fields)).toEqual([holderField(optionId(vote, "Erik Berg"))]);
    expect(await currentMandates(database.db, "board", "2041-04-15")).toEqual([]);

    const seated = await seatElected(database.db, secretariat, vote.id, {
      ...input,
      holders: { [optionId(vote, "Erik Berg")]: berg.id },
    });
    expect(seated.map((m) => [m.name, m.startsOn, m.decisionNote])).toEqual([
      ["Maria Rossi", "2041-04-15", "Two Board seats 2041–2043 (2041-04-15)"],
      ["Erik Berg", "2041-04-15", "Two Board seats 2041–2043 (2041-04-15)"],
    ]);
    const board = await currentMandates(database.db, "board", "2041-04-15");
    expect(board.map((m) => m.contactId).sort()).toEqual([rossi.id, berg.id].sort());

    // Seating them again is refused on the first candidate, by the mandate rules.
    const again = await refusal(() =>
      seatElected(database.db, secretariat, vote.id, { ...input, holders: { [optionId(vote, "Erik Berg")]: berg.id } }),
    );
    expect(Object.keys(again.fields)).toEqual([holderField(optionId(vote, "Maria Rossi"))]);
  });

  it("works from the vote's page, without JavaScript", async () => {
    const org = await buildOrganisation(database.db, { country: "IT", status: "member", name: "Comune di Pagina" });
    const rossi = await buildContact(database.db, org.id, { name: "Maria Rossi", email: "maria@pagina.example" });
    const berg = await buildContact(database.db, org.id, { name: "Erik Berg", email: "erik@pagina.example" });
    const { vote } = await closedElection(
      [{ label: "Maria Rossi" }, { label: "Erik Berg" }, { label: "Giulia Neri" }],
      "2041-05-20",
    );
    const path = `/governance/votes/${vote.id}`;
    const shown = await outcome<Awaited<ReturnType<typeof loader>>>(() =>
      loader(routeArgs<typeof loader>(getRequest(path), pageContext(database, secretariat), { id: vote.id })),
    );
    expect(shown.data.seats?.elected.map((e) => e.label)).toEqual(["Maria Rossi", "Erik Berg"]);
    expect(shown.data.seats?.people.some((g) => g.organisationName === "Comune di Pagina")).toBe(true);
    const board = await outcome(() =>
      loader(routeArgs<typeof loader>(getRequest(path), pageContext(database, actorAs("board")), { id: vote.id })),
    );
    expect((board.data as { seats: unknown }).seats).toBeNull();
    const posted = await outcome(() =>
      action(
        routeArgs<typeof action>(
          postRequest(path, {
            intent: "seats",
            bodyCode: "audit_committee",
            startsOn: "2041-06-01",
            [holderField(optionId(vote, "Maria Rossi"))]: rossi.id,
            [holderField(optionId(vote, "Erik Berg"))]: berg.id,
          }),
          pageContext(database, secretariat),
          { id: vote.id },
        ),
      ),
    );
    // The Audit Committee (two seats) keeps its Italian–Swedish balance: two Italians are refused.
    expect(posted.status).toBe(422);
    const problem = (posted.data as { problem: { fields: Record<string, string> } }).problem;
    expect(Object.keys(problem.fields)).toEqual([holderField(optionId(vote, "Erik Berg"))]);
    const swede = await buildOrganisation(database.db, { country: "SE", status: "member", name: "Sidby kommun" });
    const erik = await buildContact(database.db, swede.id, { name: "Erik Berg", email: "erik@sidby.example" });
    const seated = await outcome(() =>
      action(
        routeArgs<typeof action>(
          postRequest(path, {
            intent: "seats",
            bodyCode: "audit_committee",
            startsOn: "2041-06-01",
            [holderField(optionId(vote, "Maria Rossi"))]: rossi.id,
            [holderField(optionId(vote, "Erik Berg"))]: erik.id,
          }),
          pageContext(database, secretariat),
          { id: vote.id },
        ),
      ),
    );
    expect(seated).toMatchObject({ status: 302, location: `${path}?notice=seated` });
    expect((await currentMandates(database.db, "audit_committee", "2041-06-01")).map((m) => m.name).sort()).toEqual([
      "Erik Berg",
      "Maria Rossi",
    ]);
  });

  it("only after a closed election, and only for the secretariat", async () => {
    const meeting = await buildMeeting(database.db);
    const open = await createVote(database.db, secretariat, meeting.id, {
      kind: "election",
      question: "Open",
      seats: 1,
      candidates: [{ label: "A" }, { label: "B" }],
    });
    const input = { bodyCode: "board", startsOn: "2041-05-01", holders: {} };
    expect((await refusal(() => seatElected(database.db, secretariat, open.id, input))).code).toBe("conflict");
    expect((await refusal(() => seatElected(database.db, actorAs("board"), open.id, input))).code).toBe("forbidden");
  });
});
