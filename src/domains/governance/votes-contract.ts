/**
 * The shapes of votes at the boundary (zod, documented in OpenAPI): what the secretariat sends to
 * create or change a vote, what a voter sends to cast a ballot, and what the API answers.
 * Problems are message keys (`errors:field.*`, `votes:errors.*`) translated at the edge.
 */
import { z } from "@hono/zod-openapi";
import type { FieldProblem } from "~/errors/app-error";

export const voteKinds = ["motion", "election"] as const;
export const ballotKinds = ["named", "secret"] as const;
export const weightings = ["equal", "weighted"] as const;
export const majorities = ["simple", "two_thirds", "absolute"] as const;
export const voteStatuses = ["draft", "open", "closed"] as const;
export const motionCodes = ["yes", "no", "abstain"] as const;

export type VoteKind = (typeof voteKinds)[number];
export type VoteStatus = (typeof voteStatuses)[number];

const optionalUuid = z
  .union([z.uuid(), z.literal("")])
  .nullish()
  .transform((v) => (v ? v : null));

export const CandidateInput = z
  .object({
    label: z.string().trim().min(1).max(200),
    contactId: optionalUuid,
    organisationId: optionalUuid,
  })
  .strict()
  .openapi("CandidateInput");

const fields = {
  agendaItemId: optionalUuid.openapi({ description: "The agenda item the vote belongs to (same meeting)." }),
  kind: z.enum(voteKinds).default("motion"),
  question: z.string().trim().min(1).max(2000).openapi({ example: "Approve the budget for 2027?" }),
  ballot: z.enum(ballotKinds).default("named"),
  weighting: z.enum(weightings).default("equal").openapi({
    description:
      "`weighted` only for the General Assembly: the setting `governance.voteWeighting` weighs each organisation.",
  }),
  majority: z.enum(majorities).default("simple").openapi({
    description: "Motions only; an election is won by the most votes (send `simple` or leave it out).",
  }),
  seats: z.number().int().min(1).max(100).default(1),
  candidates: z.array(CandidateInput).max(100).default([]),
};

/**
 * The rules between fields (shared by create and change): the problems by field, as message keys
 * of the `votes` namespace (zod's custom issues only reach the `errors` catalog).
 */
export function voteShapeProblems(v: {
  kind: VoteKind;
  seats: number;
  majority: string;
  candidates: readonly unknown[];
}): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  if (v.kind === "motion") {
    if (v.candidates.length > 0) problems.candidates = { key: "votes:errors.motionWithCandidates" };
    if (v.seats !== 1) problems.seats = { key: "votes:errors.motionSeats" };
    return problems;
  }
  if (v.majority !== "simple") problems.majority = { key: "votes:errors.electionMajority" };
  if (v.candidates.length < 2) problems.candidates = { key: "votes:errors.tooFewCandidates" };
  else if (v.seats >= v.candidates.length)
    problems.seats = { key: "votes:errors.tooManySeats", values: { max: v.candidates.length - 1 } };
  return problems;
}

export const VoteInput = z.object(fields).strict().openapi("VoteInput");
export type VoteInput = z.input<typeof VoteInput>;

/** A change to a draft: any field; candidates replace the election's candidates. */
export const VotePatch = z
  .object({
    agendaItemId: fields.agendaItemId.optional(),
    kind: z.enum(voteKinds).optional(),
    question: fields.question.optional(),
    ballot: z.enum(ballotKinds).optional(),
    weighting: z.enum(weightings).optional(),
    majority: z.enum(majorities).optional(),
    seats: z.number().int().min(1).max(100).optional(),
    candidates: z.array(CandidateInput).max(100).optional(),
  })
  .strict()
  .openapi("VotePatch");
export type VotePatch = z.input<typeof VotePatch>;

export const BallotInput = z
  .object({
    voterKey: z.string().trim().min(1).max(400).optional().openapi({
      description:
        "The participant whose ballot this is (`org:<id>`, `contact:<id>`, `user:<id>`); default the caller's own. A proxy holder names the represented participant; the secretariat any participant in the room.",
    }),
    choices: z
      .array(z.uuid())
      .min(1)
      .max(100)
      .openapi({ description: "Option ids: one for a motion, 1 to `seats` for an election." }),
  })
  .strict()
  .openapi("BallotInput");
export type BallotInput = z.input<typeof BallotInput>;

// ---------------------------------------------------------------------------------------------
// Answers

export const VoteOption = z
  .object({
    id: z.uuid(),
    position: z.number().int(),
    code: z.enum(["yes", "no", "abstain", "candidate"]),
    label: z.string(),
    contactId: z.uuid().nullable(),
    organisationId: z.uuid().nullable(),
  })
  .openapi("VoteOption");
export type VoteOption = z.infer<typeof VoteOption>;

const QuorumSchema = z
  .object({
    entitled: z.number().int(),
    present: z.number().int(),
    byProxy: z.number().int(),
    required: z.number().int(),
    reached: z.boolean(),
  })
  .openapi("Quorum");

export const VoteResultSchema = z
  .object({
    kind: z.enum(voteKinds),
    majority: z.enum(majorities),
    weighting: z.enum(weightings),
    ballot: z.enum(ballotKinds),
    quorum: QuorumSchema,
    ballots: z.number().int(),
    weightCast: z.number().int(),
    weightEntitled: z.number().int(),
    options: z.array(
      z.object({
        optionId: z.uuid(),
        code: z.string(),
        label: z.string(),
        votes: z.number().int(),
        ballots: z.number().int(),
      }),
    ),
    outcome: z.enum(["passed", "rejected", "elected", "tie"]),
    elected: z.array(z.object({ optionId: z.uuid(), label: z.string(), votes: z.number().int() })),
  })
  .openapi("VoteResult");

/** A ballot the caller may cast: their own and those they hold a proxy for. */
export const VoterSlot = z
  .object({
    voterKey: z.string(),
    name: z.string(),
    /** Set when the caller casts it as proxy holder. */
    proxyHolderKey: z.string().nullable(),
    cast: z.boolean(),
  })
  .openapi("VoterSlot");
export type VoterSlot = z.infer<typeof VoterSlot>;

export const Vote = z
  .object({
    id: z.uuid(),
    meetingId: z.uuid(),
    agendaItemId: z.uuid().nullable(),
    kind: z.enum(voteKinds),
    question: z.string(),
    ballot: z.enum(ballotKinds),
    weighting: z.enum(weightings),
    majority: z.enum(majorities),
    seats: z.number().int(),
    status: z.enum(voteStatuses),
    openedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    options: z.array(VoteOption),
    /** Ballots cast so far (the only figure shown while the vote is open). */
    ballotsCast: z.number().int(),
    /** The final result, once closed. */
    result: VoteResultSchema.nullable(),
    /** The ballots the caller may still cast or has cast (own and by proxy). */
    voters: z.array(VoterSlot),
  })
  .openapi("Vote");
export type Vote = z.infer<typeof Vote>;

export const VoteSummary = Vote.pick({
  id: true,
  meetingId: true,
  agendaItemId: true,
  kind: true,
  question: true,
  status: true,
})
  .extend({ outcome: z.enum(["passed", "rejected", "elected", "tie"]).nullable() })
  .openapi("VoteSummary");
export type VoteSummary = z.infer<typeof VoteSummary>;

export const CastBallot = z
  .object({
    id: z.uuid(),
    voterKey: z.string(),
    proxyHolderKey: z.string().nullable(),
    weight: z.number().int(),
    enteredBySecretariat: z.boolean(),
  })
  .openapi("CastBallot");
export type CastBallot = z.infer<typeof CastBallot>;

export const BallotRecord = z
  .object({
    voterKey: z.string(),
    name: z.string(),
    proxyHolderKey: z.string().nullable(),
    enteredBySecretariat: z.boolean(),
    weight: z.number().int(),
    castAt: z.string(),
    /** Named ballots: the options chosen. Secret ballots: always null (what was voted is not linked to the voter). */
    choices: z.array(z.uuid()).nullable(),
  })
  .openapi("BallotRecord");
export type BallotRecord = z.infer<typeof BallotRecord>;
