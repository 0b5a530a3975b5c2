/**
 * The Project Cycle Management pipeline: the phases in their order, the funding decision in the
 * financing phase, and the rules of a move. Pure functions, no database (decision 019).
 *
 * - A move to the next phase needs no reason; a move that skips a phase or goes back needs one.
 * - The funding status is set on entering financing (`submitted`) and decided there
 *   (`approved`, `rejected` or `reserve`). Deciding from `submitted`, or from the reserve list, needs
 *   no reason; changing a decision once made (a review, a correction) needs one.
 * - Implementation, evaluation and closure need the funding `approved`.
 * - A rejected submission does not move on: it is resubmitted as a new submission of the same idea.
 * - Going back before financing withdraws the submission: the funding status is cleared.
 */
import type { FieldProblem } from "~/errors/app-error";

export const phases = [
  "programming",
  "identification",
  "formulation",
  "financing",
  "implementation",
  "evaluation",
  "closure",
] as const;
export type Phase = (typeof phases)[number];

export const fundingStatuses = ["submitted", "approved", "rejected", "reserve"] as const;
export type FundingStatus = (typeof fundingStatuses)[number];

export const phaseIndex = (phase: Phase): number => phases.indexOf(phase);

const FINANCING = phaseIndex("financing");

/** Whether a phase comes after the funding decision (it needs the funding approved). */
export const isFundedPhase = (phase: Phase): boolean => phaseIndex(phase) > FINANCING;

/** What a move needs to know about the project. */
export type PipelineState = {
  phase: Phase;
  fundingStatus: FundingStatus | null;
  /** The project's funding programme: needed to submit (enter financing). */
  programmeCode: string | null;
};

/** A requested move: a new phase, a funding status, or both (the decision first, then the move). */
export type MoveRequest = {
  phase?: Phase | undefined;
  fundingStatus?: FundingStatus | undefined;
  reason?: string | null | undefined;
};

export type MoveKind = "next" | "skip" | "back" | "decision";

export type MoveOutcome =
  | {
      ok: true;
      to: { phase: Phase; fundingStatus: FundingStatus | null };
      /** `decision`: the phase stays and only the funding status changes. */
      kind: MoveKind;
      reasonRequired: boolean;
      reason: string | null;
    }
  | { ok: false; problems: Record<string, FieldProblem> };

/** What kind of phase move from → to is (the same phase is a decision only). */
export function moveKind(from: Phase, to: Phase): MoveKind {
  const step = phaseIndex(to) - phaseIndex(from);
  if (step === 0) return "decision";
  if (step === 1) return "next";
  return step > 1 ? "skip" : "back";
}

/** Whether a change of the funding status is the natural course (no reason needed). */
export function isNaturalDecision(from: FundingStatus | null, to: FundingStatus | null): boolean {
  if (from === to) return true;
  if (from === null) return to === "submitted";
  if (from === "submitted") return to === "approved" || to === "rejected" || to === "reserve";
  if (from === "reserve") return to === "approved" || to === "rejected";
  return false;
}

const problem = (key: string, values?: Record<string, string | number>): FieldProblem =>
  values ? { key: `projects:errors.${key}`, values } : { key: `projects:errors.${key}` };

/**
 * Checks a move against the rules and tells where it leads. Problems name the request's fields
 * (`phase`, `fundingStatus`, `reason`) with message keys of the `projects` catalog.
 */
export function checkMove(state: PipelineState, request: MoveRequest): MoveOutcome {
  const reason = request.reason?.trim() ? request.reason.trim() : null;
  const targetPhase = request.phase ?? state.phase;
  const phaseMoves = targetPhase !== state.phase;
  const kind = moveKind(state.phase, targetPhase);

  if (request.phase === undefined && request.fundingStatus === undefined) {
    return { ok: false, problems: { phase: { key: "errors:field.required" } } };
  }
  if (phaseMoves && state.fundingStatus === "rejected") {
    return { ok: false, problems: { phase: problem("rejectedCannotMove") } };
  }

  // The funding status: decided in financing (while there, or on arriving there).
  let fundingStatus = state.fundingStatus;
  let decisionNeedsReason = false;
  if (request.fundingStatus !== undefined) {
    if (state.phase !== "financing" && targetPhase !== "financing") {
      return { ok: false, problems: { fundingStatus: problem("decisionOnlyInFinancing") } };
    }
    // Arriving in financing from before it, the application is first submitted and then decided.
    const from = state.fundingStatus ?? "submitted";
    decisionNeedsReason = !isNaturalDecision(from, request.fundingStatus);
    fundingStatus = request.fundingStatus;
  } else if (targetPhase === "financing" && state.phase !== "financing") {
    fundingStatus = state.fundingStatus ?? "submitted";
  }
  if (phaseIndex(targetPhase) < FINANCING) fundingStatus = null;

  if (!phaseMoves && fundingStatus === state.fundingStatus) {
    const field = request.fundingStatus !== undefined && request.phase === undefined ? "fundingStatus" : "phase";
    return { ok: false, problems: { [field]: problem("nothingChanges") } };
  }

  const problems: Record<string, FieldProblem> = {};
  if (targetPhase === "financing" && phaseIndex(state.phase) < FINANCING && !state.programmeCode) {
    problems.programmeCode = problem("programmeNeeded");
  }
  if (isFundedPhase(targetPhase) && fundingStatus !== "approved") {
    problems.phase = problem("needsApproval");
  }
  const reasonRequired = (phaseMoves && kind !== "next") || decisionNeedsReason;
  if (reasonRequired && !reason) {
    problems.reason = problem(phaseMoves && kind !== "next" ? "reasonForSkipOrBack" : "reasonForChangedDecision");
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    to: { phase: targetPhase, fundingStatus },
    kind: phaseMoves ? kind : "decision",
    reasonRequired,
    reason,
  };
}

/** Whether a submission can be reworked and submitted again: only a rejected one. */
export function canBeResubmitted(state: Pick<PipelineState, "fundingStatus">): boolean {
  return state.fundingStatus === "rejected";
}

/**
 * Whether a project's phase and funding status fit together (for a project entered directly in a
 * later phase, e.g. a past project): no status before financing, a status from financing on, and
 * `approved` after it.
 */
export function consistentState(phase: Phase, fundingStatus: FundingStatus | null): boolean {
  if (phaseIndex(phase) < FINANCING) return fundingStatus === null;
  if (phase === "financing") return fundingStatus !== null;
  return fundingStatus === "approved";
}
