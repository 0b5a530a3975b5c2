import { describe, expect, it } from "vitest";
import {
  canBeResubmitted,
  checkMove,
  consistentState,
  type FundingStatus,
  isNaturalDecision,
  moveKind,
  type Phase,
  phases,
} from "./pipeline";

const at = (phase: Phase, fundingStatus: FundingStatus | null = null, programmeCode: string | null = "cerv") => ({
  phase,
  fundingStatus,
  programmeCode,
});

describe("the PCM phases", () => {
  it("come in the model's order", () => {
    expect(phases).toEqual([
      "programming",
      "identification",
      "formulation",
      "financing",
      "implementation",
      "evaluation",
      "closure",
    ]);
  });

  it("tell a move to the next phase from a skip and a move back", () => {
    expect(moveKind("identification", "formulation")).toBe("next");
    expect(moveKind("identification", "financing")).toBe("skip");
    expect(moveKind("formulation", "identification")).toBe("back");
    expect(moveKind("financing", "financing")).toBe("decision");
  });
});

describe("a move", () => {
  it("to the next phase needs no reason", () => {
    const outcome = checkMove(at("identification"), { phase: "formulation" });
    expect(outcome).toEqual({
      ok: true,
      to: { phase: "formulation", fundingStatus: null },
      kind: "next",
      reasonRequired: false,
      reason: null,
    });
  });

  it("that skips a phase needs a reason, and a blank one is no reason", () => {
    for (const reason of [undefined, "", "   "]) {
      expect(checkMove(at("programming"), { phase: "formulation", reason })).toEqual({
        ok: false,
        problems: { reason: { key: "projects:errors.reasonForSkipOrBack" } },
      });
    }
    expect(checkMove(at("programming"), { phase: "formulation", reason: " The idea came ready " })).toMatchObject({
      ok: true,
      kind: "skip",
      reasonRequired: true,
      reason: "The idea came ready",
    });
  });

  it("back needs a reason", () => {
    expect(checkMove(at("formulation"), { phase: "identification" })).toEqual({
      ok: false,
      problems: { reason: { key: "projects:errors.reasonForSkipOrBack" } },
    });
    expect(checkMove(at("formulation"), { phase: "identification", reason: "Partners left" })).toMatchObject({
      ok: true,
      kind: "back",
    });
  });

  it("into financing submits the application, which needs the programme", () => {
    expect(checkMove(at("formulation"), { phase: "financing" })).toMatchObject({
      ok: true,
      to: { phase: "financing", fundingStatus: "submitted" },
    });
    expect(checkMove(at("formulation", null, null), { phase: "financing" })).toEqual({
      ok: false,
      problems: { programmeCode: { key: "projects:errors.programmeNeeded" } },
    });
  });

  it("to implementation needs the funding approved", () => {
    for (const status of ["submitted", "reserve"] as const) {
      expect(checkMove(at("financing", status), { phase: "implementation" })).toEqual({
        ok: false,
        problems: { phase: { key: "projects:errors.needsApproval" } },
      });
    }
    expect(checkMove(at("financing", "approved"), { phase: "implementation" })).toMatchObject({
      ok: true,
      kind: "next",
      to: { phase: "implementation", fundingStatus: "approved" },
    });
    // Even with a reason, skipping the financing phase cannot reach implementation.
    expect(checkMove(at("formulation"), { phase: "implementation", reason: "Funded by the members" })).toEqual({
      ok: false,
      problems: { phase: { key: "projects:errors.needsApproval" } },
    });
  });

  it("may record the decision and move on in one step", () => {
    expect(
      checkMove(at("financing", "submitted"), { phase: "implementation", fundingStatus: "approved" }),
    ).toMatchObject({
      ok: true,
      kind: "next",
      reasonRequired: false,
      to: { phase: "implementation", fundingStatus: "approved" },
    });
    expect(checkMove(at("formulation"), { phase: "financing", fundingStatus: "reserve" })).toMatchObject({
      ok: true,
      to: { phase: "financing", fundingStatus: "reserve" },
    });
  });

  it("of a rejected submission is refused: it is resubmitted instead", () => {
    for (const phase of ["formulation", "implementation", "closure"] as const) {
      expect(checkMove(at("financing", "rejected"), { phase, reason: "Try again" })).toEqual({
        ok: false,
        problems: { phase: { key: "projects:errors.rejectedCannotMove" } },
      });
    }
    expect(canBeResubmitted({ fundingStatus: "rejected" })).toBe(true);
    expect(canBeResubmitted({ fundingStatus: "reserve" })).toBe(false);
    expect(canBeResubmitted({ fundingStatus: null })).toBe(false);
  });

  it("back before financing withdraws the submission", () => {
    expect(
      checkMove(at("financing", "submitted"), { phase: "formulation", reason: "Withdrawn to improve" }),
    ).toMatchObject({ ok: true, to: { phase: "formulation", fundingStatus: null } });
  });

  it("back from implementation to financing keeps the approval", () => {
    expect(checkMove(at("implementation", "approved"), { phase: "financing", reason: "Amendment" })).toMatchObject({
      ok: true,
      to: { phase: "financing", fundingStatus: "approved" },
    });
  });

  it("that changes nothing is refused", () => {
    expect(checkMove(at("formulation"), { phase: "formulation" })).toEqual({
      ok: false,
      problems: { phase: { key: "projects:errors.nothingChanges" } },
    });
    expect(checkMove(at("financing", "approved"), { fundingStatus: "approved" })).toEqual({
      ok: false,
      problems: { fundingStatus: { key: "projects:errors.nothingChanges" } },
    });
    expect(checkMove(at("formulation"), {})).toEqual({
      ok: false,
      problems: { phase: { key: "errors:field.required" } },
    });
  });
});

describe("the funding decision", () => {
  it("is taken in financing only", () => {
    expect(checkMove(at("formulation"), { fundingStatus: "approved" })).toEqual({
      ok: false,
      problems: { fundingStatus: { key: "projects:errors.decisionOnlyInFinancing" } },
    });
    expect(checkMove(at("implementation", "approved"), { fundingStatus: "rejected", reason: "x" })).toEqual({
      ok: false,
      problems: { fundingStatus: { key: "projects:errors.decisionOnlyInFinancing" } },
    });
  });

  it("needs no reason from submitted or the reserve list, and one to change a decision", () => {
    expect(checkMove(at("financing", "submitted"), { fundingStatus: "rejected" })).toMatchObject({
      ok: true,
      kind: "decision",
      to: { phase: "financing", fundingStatus: "rejected" },
    });
    expect(checkMove(at("financing", "reserve"), { fundingStatus: "approved" })).toMatchObject({ ok: true });
    expect(checkMove(at("financing", "rejected"), { fundingStatus: "approved" })).toEqual({
      ok: false,
      problems: { reason: { key: "projects:errors.reasonForChangedDecision" } },
    });
    expect(
      checkMove(at("financing", "rejected"), { fundingStatus: "approved", reason: "Review upheld the appeal" }),
    ).toMatchObject({ ok: true, reasonRequired: true, to: { fundingStatus: "approved" } });
  });

  it("follows the natural course submitted → approved | rejected | reserve, reserve → approved | rejected", () => {
    expect(isNaturalDecision(null, "submitted")).toBe(true);
    expect(isNaturalDecision("submitted", "reserve")).toBe(true);
    expect(isNaturalDecision("reserve", "rejected")).toBe(true);
    expect(isNaturalDecision("approved", "rejected")).toBe(false);
    expect(isNaturalDecision("approved", "submitted")).toBe(false);
  });
});

describe("a project entered in a later phase", () => {
  it("has a funding status that fits its phase", () => {
    expect(consistentState("identification", null)).toBe(true);
    expect(consistentState("identification", "submitted")).toBe(false);
    expect(consistentState("financing", null)).toBe(false);
    expect(consistentState("financing", "reserve")).toBe(true);
    expect(consistentState("closure", "approved")).toBe(true);
    expect(consistentState("closure", "rejected")).toBe(false);
  });
});
