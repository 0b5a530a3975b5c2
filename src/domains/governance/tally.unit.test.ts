import { describe, expect, it } from "vitest";
import type { Quorum } from "./quorum";
import { electionOutcome, motionPasses, type TallyVote, tally } from "./tally";

const quorum: Quorum = { entitled: 10, present: 10, byProxy: 0, required: 5, reached: true };
const motionOptions = [
  { id: "y", position: 1, code: "yes", label: "Yes" },
  { id: "n", position: 2, code: "no", label: "No" },
  { id: "a", position: 3, code: "abstain", label: "Abstain" },
];
const motion = (majority: TallyVote["majority"]): TallyVote => ({
  kind: "motion",
  majority,
  weighting: "equal",
  ballot: "named",
  seats: 1,
});

/** A motion's result from weighted counts: each number is one ballot of that weight. */
function motionResult(
  majority: TallyVote["majority"],
  votes: { y?: number[]; n?: number[]; a?: number[] },
  entitled = 10,
) {
  const choices = (["y", "n", "a"] as const).flatMap((id) =>
    (votes[id] ?? []).map((weight) => ({ optionId: id, weight })),
  );
  return tally({
    vote: motion(majority),
    options: motionOptions,
    ballots: choices.map((c) => ({ weight: c.weight })),
    choices,
    weightEntitled: entitled,
    quorum,
  });
}
const ones = (n: number) => Array.from({ length: n }, () => 1);

describe("motions", () => {
  it.each([
    // yes, no, passes
    [1, 0, true],
    [3, 2, true],
    [2, 2, false],
    [2, 3, false],
    [0, 0, false],
  ])("simple majority: %i yes, %i no → passed %s", (yes, no, passed) => {
    expect(motionPasses("simple", { yes, no }, 100)).toBe(passed);
  });

  it.each([
    [2, 1, true], // exactly two thirds passes
    [4, 2, true],
    [20, 10, true],
    [3, 2, false], // 60 %: just under
    [19, 10, false], // 65.5 %: just under
    [667, 333, true], // 66.7 %
    [666, 334, false], // 66.6 %
    [1, 0, true],
    [0, 0, false], // nobody for it: never passes
  ])("two-thirds majority: %i yes, %i no → passed %s", (yes, no, passed) => {
    expect(motionPasses("two_thirds", { yes, no }, 1000)).toBe(passed);
  });

  it.each([
    // yes, entitled, passes
    [6, 10, true],
    [5, 10, false], // exactly half is not more than half
    [5, 9, true],
    [4, 9, false],
    [1, 1, true],
    [0, 1, false],
  ])("absolute majority: %i yes of %i entitled → passed %s", (yes, entitled, passed) => {
    expect(motionPasses("absolute", { yes, no: 0 }, entitled)).toBe(passed);
  });

  it("abstentions count neither way for simple and two-thirds, but against an absolute majority", () => {
    expect(motionResult("simple", { y: ones(2), n: ones(1), a: ones(7) }).outcome).toBe("passed");
    expect(motionResult("two_thirds", { y: ones(2), n: ones(1), a: ones(7) }).outcome).toBe("passed");
    // 2 yes of 10 entitled: abstaining and staying away are not yes.
    expect(motionResult("absolute", { y: ones(2), n: ones(1), a: ones(7) }).outcome).toBe("rejected");
    expect(motionResult("absolute", { y: ones(6), a: ones(4) }).outcome).toBe("passed");
  });

  it("counts weights, not heads", () => {
    // One large organisation (3) against two small ones (1 + 1): yes 3, no 2.
    const result = motionResult("simple", { y: [3], n: [1, 1] });
    expect(result.outcome).toBe("passed");
    expect(result.options.map((o) => [o.code, o.votes, o.ballots])).toEqual([
      ["yes", 3, 1],
      ["no", 2, 2],
      ["abstain", 0, 0],
    ]);
    expect(result).toMatchObject({ ballots: 3, weightCast: 5, weightEntitled: 10 });
    // Two thirds by weight: 4 yes (2 + 2) to 2 no (one ballot of 2) — exactly two thirds.
    expect(motionResult("two_thirds", { y: [2, 2], n: [2] }).outcome).toBe("passed");
    // By heads it would be the same ballots 2:1, but weight 3 against 2 is under two thirds.
    expect(motionResult("two_thirds", { y: [1, 2], n: [2] }).outcome).toBe("rejected");
  });

  it("reports the rule, the quorum and no elected candidates", () => {
    const result = motionResult("two_thirds", { y: [1] });
    expect(result).toMatchObject({ kind: "motion", majority: "two_thirds", quorum, elected: [] });
  });
});

describe("elections", () => {
  const candidates = ["Anna", "Bruno", "Carla", "Dario"].map((label, i) => ({
    id: label.toLowerCase(),
    position: i + 1,
    code: "candidate",
    label,
  }));
  const election = (seats: number, votes: Record<string, number>) => {
    const choices = Object.entries(votes).flatMap(([id, n]) => ones(n).map(() => ({ optionId: id, weight: 1 })));
    return tally({
      vote: { kind: "election", majority: "simple", weighting: "equal", ballot: "secret", seats },
      options: candidates,
      ballots: choices.map(() => ({ weight: 1 })),
      choices,
      weightEntitled: 20,
      quorum,
    });
  };

  it("elects the top N by votes", () => {
    const result = election(2, { anna: 3, bruno: 7, carla: 5, dario: 1 });
    expect(result.outcome).toBe("elected");
    expect(result.elected.map((c) => [c.label, c.votes])).toEqual([
      ["Bruno", 7],
      ["Carla", 5],
    ]);
  });

  it("a tie for the last seat elects only those clearly ahead", () => {
    const result = election(2, { anna: 3, bruno: 7, carla: 3, dario: 1 });
    expect(result.outcome).toBe("tie");
    expect(result.elected.map((c) => c.label)).toEqual(["Bruno"]);
  });

  it("a tie above the last seat is no tie", () => {
    const result = election(2, { anna: 5, bruno: 5, carla: 3, dario: 3 });
    expect(result.outcome).toBe("elected");
    expect(result.elected.map((c) => c.label)).toEqual(["Anna", "Bruno"]);
  });

  it("a tie for a single seat elects nobody", () => {
    expect(election(1, { anna: 4, bruno: 4 })).toMatchObject({ outcome: "tie", elected: [] });
  });

  it("weighted votes decide the ranking", () => {
    expect(
      electionOutcome(
        [
          { optionId: "a", label: "A", votes: 6 },
          { optionId: "b", label: "B", votes: 5 },
          { optionId: "c", label: "C", votes: 5 },
        ],
        1,
      ),
    ).toEqual({ outcome: "elected", elected: [{ optionId: "a", label: "A", votes: 6 }] });
  });
});
