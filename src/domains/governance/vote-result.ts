/**
 * The final result of a vote, computed once when it closes and stored in `votes.result` (jsonb).
 * Shared by the votes (which compute it), the minutes (which print it) and the API.
 */
import type { Quorum } from "./quorum";

export type VoteResultOption = {
  optionId: string;
  /** `yes`, `no`, `abstain` or `candidate`. */
  code: string;
  label: string;
  /** Weighted votes for this option. */
  votes: number;
  /** Number of ballots that chose it. */
  ballots: number;
};

export type VoteResult = {
  kind: "motion" | "election";
  majority: "simple" | "two_thirds" | "absolute";
  weighting: "equal" | "weighted";
  ballot: "named" | "secret";
  /** The quorum when the vote closed. */
  quorum: Quorum;
  /** Ballots cast, and their total weight. */
  ballots: number;
  weightCast: number;
  /** Total weight of those entitled to vote (for the absolute majority). */
  weightEntitled: number;
  options: VoteResultOption[];
  /** A motion `passed` or was `rejected`; an election `elected` its seats or ended in a `tie` at the last seat. */
  outcome: "passed" | "rejected" | "elected" | "tie";
  /** Election only: the candidates elected, best first. */
  elected: { optionId: string; label: string; votes: number }[];
};
