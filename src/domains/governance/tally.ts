/**
 * Counting a vote (pure). Every choice carries the weight its ballot had when it was cast: a
 * named ballot's choice is one ballot's (`ballots` 1), a secret vote's row of totals per option the
 * summed weight and the number of ballots that chose it.
 *
 * Motions (options yes / no / abstain):
 * - `simple`: passed when yes > no; abstentions do not count either way.
 * - `two_thirds`: passed when yes ≥ 2/3 of (yes + no) and yes > 0 — exactly two thirds passes;
 *   abstentions do not count.
 * - `absolute`: passed when yes > half of the total weight of everyone entitled to vote (present
 *   or not), so abstaining or staying away counts against.
 *   All comparisons are on integers (yes·3 ≥ 2·(yes+no); yes·2 > entitled), never on fractions.
 *
 * Elections: candidates are ranked by weighted votes and the first `seats` are elected (the
 * majority rule does not apply: an election is won by the most votes). When the candidate in the
 * last seat has as many votes as the first one left out, the outcome is `tie`: only the
 * candidates with more votes than the tied ones are elected, and the remaining seats stay open
 * for the meeting to settle (a new vote among the tied candidates, or lots, as the statute says).
 */
import type { Quorum } from "./quorum";
import type { VoteResult, VoteResultOption } from "./vote-result";

export type TallyVote = {
  kind: "motion" | "election";
  majority: "simple" | "two_thirds" | "absolute";
  weighting: "equal" | "weighted";
  ballot: "named" | "secret";
  seats: number;
};

export type TallyOption = { id: string; position: number; code: string; label: string };
/** Weight for an option, from `ballots` ballots (default 1: one ballot's choice). */
export type TallyChoice = { optionId: string; weight: number; ballots?: number };
export type TallyBallot = { weight: number };

export type TallyInput = {
  vote: TallyVote;
  options: readonly TallyOption[];
  ballots: readonly TallyBallot[];
  choices: readonly TallyChoice[];
  /** Total weight of those entitled to vote (every member participant). */
  weightEntitled: number;
  quorum: Quorum;
};

/** Whether a motion with these weighted counts passes under a majority rule. */
export function motionPasses(
  majority: TallyVote["majority"],
  counts: { yes: number; no: number },
  weightEntitled: number,
): boolean {
  const { yes, no } = counts;
  switch (majority) {
    case "simple":
      return yes > no;
    case "two_thirds":
      return yes > 0 && yes * 3 >= 2 * (yes + no);
    case "absolute":
      return yes * 2 > weightEntitled;
  }
}

/**
 * Ranks candidates (most votes first, then in ballot order) and elects `seats` of them; a tie for
 * the last seat elects only those clearly ahead of it.
 */
export function electionOutcome(
  ranked: readonly { optionId: string; label: string; votes: number }[],
  seats: number,
): { outcome: "elected" | "tie"; elected: { optionId: string; label: string; votes: number }[] } {
  const last = ranked[seats - 1];
  const firstOut = ranked[seats];
  if (last && firstOut && last.votes === firstOut.votes) {
    return { outcome: "tie", elected: ranked.filter((c) => c.votes > last.votes).map((c) => ({ ...c })) };
  }
  return { outcome: "elected", elected: ranked.slice(0, seats).map((c) => ({ ...c })) };
}

/** The final result of a vote, as stored in `votes.result`. */
export function tally(input: TallyInput): VoteResult {
  const { vote } = input;
  const byOption = new Map<string, { votes: number; ballots: number }>();
  for (const o of input.options) byOption.set(o.id, { votes: 0, ballots: 0 });
  for (const c of input.choices) {
    const count = byOption.get(c.optionId);
    if (!count) continue;
    count.votes += c.weight;
    count.ballots += c.ballots ?? 1;
  }
  const options: VoteResultOption[] = [...input.options]
    .sort((a, b) => a.position - b.position)
    .map((o) => ({
      optionId: o.id,
      code: o.code,
      label: o.label,
      votes: byOption.get(o.id)?.votes ?? 0,
      ballots: byOption.get(o.id)?.ballots ?? 0,
    }));
  const base = {
    kind: vote.kind,
    majority: vote.majority,
    weighting: vote.weighting,
    ballot: vote.ballot,
    quorum: input.quorum,
    ballots: input.ballots.length,
    weightCast: input.ballots.reduce((sum, b) => sum + b.weight, 0),
    weightEntitled: input.weightEntitled,
    options,
  };
  if (vote.kind === "motion") {
    const votesOf = (code: string) => options.filter((o) => o.code === code).reduce((s, o) => s + o.votes, 0);
    const passed = motionPasses(vote.majority, { yes: votesOf("yes"), no: votesOf("no") }, input.weightEntitled);
    return { ...base, outcome: passed ? "passed" : "rejected", elected: [] };
  }
  const positions = new Map(input.options.map((o) => [o.id, o.position]));
  const ranked = options
    .filter((o) => o.code === "candidate")
    .sort((a, b) => b.votes - a.votes || (positions.get(a.optionId) ?? 0) - (positions.get(b.optionId) ?? 0))
    .map((o) => ({ optionId: o.optionId, label: o.label, votes: o.votes }));
  return { ...base, ...electionOutcome(ranked, vote.seats) };
}
