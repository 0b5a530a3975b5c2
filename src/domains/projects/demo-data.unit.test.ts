import { describe, expect, it } from "vitest";
import { fundingProgrammes, priorityCodes } from "~/domains/reference/sern";
import { demoOrganisations } from "~/seed/demo-members";
import { BROCHURE_FIGURES, DEMO_PROJECTS_AS_OF, type DemoProject, demoProjects } from "./demo-data";
import { checkMove, consistentState, type FundingStatus, type Phase, phases } from "./pipeline";
import { checkInitialState, checkPartner, checkProjectState, type ProjectReference } from "./rules";

const organisations = demoOrganisations.map((o) => ({
  name: o.name,
  country: o.country,
  type: o.type,
  status: o.status,
  memberSince: o.memberSince ?? null,
  priorities: o.priorities,
}));
const projects = demoProjects(organisations);
const submissions = projects.filter((p) => p.fundingStatus !== null);
const approved = submissions.filter((p) => p.fundingStatus === "approved");
const rejected = submissions.filter((p) => p.fundingStatus === "rejected");
const sum = (items: DemoProject[], f: (p: DemoProject) => number | null) => items.reduce((s, p) => s + (f(p) ?? 0), 0);

const reference: ProjectReference = {
  priorities: new Set(priorityCodes),
  programmes: new Map(fundingProgrammes.map((p) => [p.code, new Set((p.actions ?? []).map((a) => a.code))])),
};
const levelOf = new Map(fundingProgrammes.map((p) => [p.code, p.level]));
const memberNames = new Set(demoOrganisations.map((o) => o.name));

describe("the demo projects", () => {
  it("reproduce the brochure's figures: 178 submitted at EU level, 130 approved, 48 rejected, EUR 13 million, 20,000 participants", () => {
    expect(submissions).toHaveLength(178);
    expect(submissions.every((p) => p.level === "eu" && levelOf.get(p.programmeCode) === "eu")).toBe(true);
    expect(approved).toHaveLength(130);
    expect(rejected).toHaveLength(48);
    // Every submission is decided: none waits, none is on a reserve list.
    expect(submissions.filter((p) => p.fundingStatus === "submitted" || p.fundingStatus === "reserve")).toEqual([]);
    expect(Math.round((approved.length / (approved.length + rejected.length)) * 10_000) / 10_000).toBe(0.7303);
    expect(sum(approved, (p) => p.grantAwardedCents)).toBe(1_300_000_000);
    expect(sum(approved, (p) => p.participantsActual)).toBe(20_000);
    expect(BROCHURE_FIGURES).toEqual({
      submitted: 178,
      approved: 130,
      rejected: 48,
      euGrantAwardedCents: 1_300_000_000,
      participants: 20_000,
    });
  });

  it("give rejected submissions no grant and no participants, and every approved one both", () => {
    for (const p of rejected) {
      expect([p.key, p.grantAwardedCents, p.grantPaidCents, p.participantsActual]).toEqual([p.key, null, null, null]);
      expect(p.grantRequestedCents, p.key).toBeGreaterThan(0);
      expect(p.phase, p.key).toBe("financing");
    }
    for (const p of approved) {
      expect(p.grantAwardedCents, p.key).toBeGreaterThan(0);
      expect(p.participantsActual, p.key).not.toBeNull();
      expect(p.startDate, p.key).not.toBeNull();
    }
  });

  it("run from 2007 to 2026 over the programmes of each period", () => {
    const years = submissions.map((p) => Number(p.deadline.slice(0, 4)));
    expect(Math.min(...years)).toBe(2007);
    expect(Math.max(...years)).toBe(2026);
    for (let year = 2007; year <= 2026; year++) expect(years, String(year)).toContain(year);
    // The year the figures group by: of the submission day, which stays in its deadline's year.
    expect(submissions.every((p) => p.submittedOn?.slice(0, 4) === p.deadline.slice(0, 4))).toBe(true);
    const programmeOf = (from: number, to: number) =>
      new Set(
        submissions
          .filter((p) => +p.deadline.slice(0, 4) >= from && +p.deadline.slice(0, 4) <= to)
          .map((p) => p.programmeCode),
      );
    expect([...programmeOf(2007, 2013)]).toEqual(expect.arrayContaining(["europe_for_citizens", "erasmus_plus"]));
    expect(programmeOf(2007, 2020).has("cerv")).toBe(false);
    expect(programmeOf(2021, 2026).has("europe_for_citizens")).toBe(false);
    expect([...programmeOf(2021, 2026)]).toEqual(expect.arrayContaining(["cerv", "erasmus_plus", "horizon_europe"]));
  });

  it("include the projects the brochure names, approved", () => {
    const named = approved.filter((p) => p.named).map((p) => p.acronym);
    expect(named.sort()).toEqual(["BAGS4YOUTH", "CREANET", "EQUAP", "MANTT", "MOBEC", "MOBEC", "QLSE"]);
    const equap = approved.find((p) => p.acronym === "EQUAP");
    expect(equap).toMatchObject({ programmeCode: "erasmus_plus", actionCode: "erasmus_ka2", phase: "closure" });
    expect(equap?.summary.en).toContain("INDIRE");
    expect(equap?.title.it).toBeTruthy();
    expect(equap?.title.sv).toBeTruthy();
  });

  it("satisfy the projects' rules, row by row", () => {
    for (const p of projects) {
      expect(phases, p.key).toContain(p.phase);
      expect(consistentState(p.phase, p.fundingStatus), p.key).toBe(true);
      expect(checkInitialState(p.phase, p.fundingStatus), p.key).toEqual({});
      const state = {
        ...p,
        submittedOn: p.submittedOn,
        initiatorOrganisationId: null,
        cordisUrl: null,
        erasmusPlusUrl: null,
        keepEuUrl: null,
      };
      // Known priorities, programme and action; awarded ≤ requested; paid ≤ awarded; end ≥ start.
      expect(checkProjectState(reference, state), p.key).toEqual({});
      expect(p.priorities.length, p.key).toBeGreaterThan(0);
      expect(p.title.en, p.key).toBeTruthy();
      for (const cents of [
        p.totalBudgetCents,
        p.grantRequestedCents,
        p.grantAwardedCents,
        p.grantPaidCents,
        p.participantsPlanned,
        p.participantsActual,
      ]) {
        if (cents !== null) {
          expect(Number.isInteger(cents), p.key).toBe(true);
          expect(cents, p.key).toBeGreaterThanOrEqual(0);
        }
      }
      if (p.totalBudgetCents !== null && p.grantRequestedCents !== null)
        expect(p.totalBudgetCents, p.key).toBeGreaterThanOrEqual(p.grantRequestedCents);
      if (p.startDate && p.endDate) expect(p.endDate >= p.startDate, p.key).toBe(true);
      if (p.initiator) expect(memberNames.has(p.initiator), p.key).toBe(true);
    }
  });

  it("are in the phase their dates say: running ones in implementation, ended ones in evaluation or closure", () => {
    for (const p of approved) {
      const { startDate, endDate } = p;
      if (!startDate || !endDate) throw new Error(p.key);
      if (startDate > DEMO_PROJECTS_AS_OF) expect(p.phase, p.key).toBe("financing");
      else if (endDate >= DEMO_PROJECTS_AS_OF) expect(p.phase, p.key).toBe("implementation");
      else expect(["evaluation", "closure"], p.key).toContain(p.phase);
    }
    const count = (phase: Phase) => approved.filter((p) => p.phase === phase).length;
    expect(count("closure")).toBeGreaterThan(90);
    expect(count("implementation")).toBeGreaterThan(5);
    expect(count("evaluation")).toBeGreaterThan(0);
  });

  it("have consortia with one lead applicant, no organisation twice, and budget shares that add up", () => {
    for (const p of projects) {
      expect(
        p.partners.filter((x) => x.role === "lead"),
        p.key,
      ).toHaveLength(1);
      expect(p.partners.filter((x) => x.kind === "network").length, p.key).toBeLessThanOrEqual(1);
      const names = p.partners.map((x) =>
        x.kind === "organisation" ? x.organisation : x.kind === "external" ? `${x.name}/${x.country}` : "network",
      );
      expect(new Set(names).size, p.key).toBe(names.length);
      for (const x of p.partners) {
        if (x.kind === "organisation") expect(memberNames.has(x.organisation), x.organisation).toBe(true);
        const input = {
          kind: x.kind,
          organisationId: x.kind === "organisation" ? "00000000-0000-4000-8000-000000000000" : null,
          name: x.kind === "external" ? x.name : null,
          country: x.kind === "external" ? x.country : null,
          organisationType: x.kind === "external" ? x.organisationType : null,
          role: x.role,
          budgetShareCents: x.budgetShareCents,
        };
        expect(checkPartner(input), p.key).toEqual({});
        if (x.budgetShareCents !== null) expect(x.budgetShareCents, p.key).toBeGreaterThanOrEqual(0);
      }
      const budget = p.grantAwardedCents ?? p.grantRequestedCents;
      if (p.fundingStatus !== null) expect(sumShares(p), p.key).toBe(budget);
    }
    // Swedish and Italian members together, and partners from other EU countries.
    const transnational = submissions.filter((p) =>
      p.partners.some((x) => x.kind === "external" && x.country !== "IT" && x.country !== "SE"),
    );
    expect(transnational.length).toBeGreaterThan(150);
  });

  it("record each project's creation and every move, in an order the pipeline allows", () => {
    for (const p of projects) {
      const [creation, ...moves] = p.transitions;
      expect(creation?.fromPhase, p.key).toBeNull();
      expect(creation?.toPhase, p.key).toBe(p.resubmissionOfKey ? "formulation" : "identification");
      let state: { phase: Phase; fundingStatus: FundingStatus | null } = {
        phase: creation?.toPhase ?? "identification",
        fundingStatus: null,
      };
      let previous = creation?.at ?? "";
      for (const move of moves) {
        expect([move.fromPhase, move.fromFundingStatus], p.key).toEqual([state.phase, state.fundingStatus]);
        expect(move.at > previous, `${p.key} ${move.at}`).toBe(true);
        previous = move.at;
        const decides = move.toFundingStatus !== state.fundingStatus && state.phase === "financing";
        const outcome = checkMove(
          { ...state, programmeCode: p.programmeCode },
          { phase: move.toPhase, ...(decides ? { fundingStatus: move.toFundingStatus ?? undefined } : {}) },
        );
        expect(outcome.ok, `${p.key}: ${JSON.stringify(outcome)}`).toBe(true);
        if (outcome.ok) expect(outcome.to, p.key).toEqual({ phase: move.toPhase, fundingStatus: move.toFundingStatus });
        // Only natural moves: the next phase, or the decision; none needs a reason.
        if (outcome.ok) expect(outcome.reasonRequired, p.key).toBe(false);
        state = { phase: move.toPhase, fundingStatus: move.toFundingStatus };
      }
      expect(state, p.key).toEqual({ phase: p.phase, fundingStatus: p.fundingStatus });
      expect(previous.slice(0, 10) <= DEMO_PROJECTS_AS_OF, p.key).toBe(true);
      if (p.submittedOn) {
        const submission = p.transitions.find((t) => t.toFundingStatus === "submitted");
        expect(submission?.at.slice(0, 10), p.key).toBe(p.submittedOn);
      }
    }
  });

  it("rework some rejected ideas and submit them again, mostly with success", () => {
    const resubmissions = projects.filter((p) => p.resubmissionOfKey !== null);
    expect(resubmissions.length).toBeGreaterThanOrEqual(5);
    for (const p of resubmissions) {
      const original = projects.find((o) => o.key === p.resubmissionOfKey);
      expect(original?.fundingStatus, p.key).toBe("rejected");
      expect(p.ideaKey, p.key).toBe(original?.ideaKey);
      expect(p.submissionNumber, p.key).toBe((original?.submissionNumber ?? 0) + 1);
      expect(p.acronym, p.key).toBe(original?.acronym);
      expect(p.deadline > (original?.deadline ?? ""), p.key).toBe(true);
    }
    expect(resubmissions.filter((p) => p.fundingStatus === "approved").length).toBeGreaterThanOrEqual(5);
    // Each rejected submission is resubmitted at most once.
    const originals = resubmissions.map((p) => p.resubmissionOfKey);
    expect(new Set(originals).size).toBe(originals.length);
    // Different ideas have different acronyms (MOBEC was two applications, in Italy and Sweden).
    const acronymIdeas = new Map<string, Set<string>>();
    for (const p of projects) acronymIdeas.set(p.acronym, (acronymIdeas.get(p.acronym) ?? new Set()).add(p.ideaKey));
    expect([...acronymIdeas].filter(([, ideas]) => ideas.size > 1).map(([a]) => a)).toEqual(["MOBEC"]);
  });

  it("add ideas not yet submitted and projects funded nationally or by the members, none of them counted", () => {
    const others = projects.filter((p) => p.fundingStatus === null);
    expect(others.length).toBeGreaterThanOrEqual(6);
    expect(others.every((p) => p.phase === "identification" || p.phase === "formulation")).toBe(true);
    const notEu = projects.filter((p) => p.level !== "eu");
    expect(notEu.length).toBeGreaterThanOrEqual(2);
    expect(notEu.length).toBeLessThanOrEqual(3);
    expect(notEu.every((p) => p.fundingStatus === null && levelOf.get(p.programmeCode) === p.level)).toBe(true);
    expect(projects).toHaveLength(178 + others.length);
  });

  it("are the same every time", () => {
    expect(demoProjects(organisations)).toEqual(projects);
    // And do not depend on the order the directory lists the organisations in.
    expect(demoProjects([...organisations].reverse())).toEqual(projects);
  });
});

function sumShares(p: DemoProject): number {
  return p.partners.reduce((s, x) => s + (x.budgetShareCents ?? 0), 0);
}
