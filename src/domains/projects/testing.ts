/**
 * Test factories for projects: small `build*()` helpers that go through the services, so every
 * test project obeys the same rules as real ones. Only imported by tests.
 */
import { type Actor, system } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import type { PartnerInput, ProjectDetail, ProjectInput } from "./contract";
import type { FundingStatus, Phase } from "./pipeline";
import { createProject } from "./service";
import { moveProject } from "./transitions";

let counter = 0;

/** A valid project input: an Erasmus+ KA2 idea on quality education with a unique acronym. */
export function projectInput(overrides: Partial<ProjectInput> = {}): ProjectInput {
  counter += 1;
  return {
    acronym: `TEST${counter}`,
    title: { en: `Test project ${counter}` },
    priorities: ["quality_education"],
    programmeCode: "erasmus_plus",
    actionCode: "erasmus_ka2",
    ...overrides,
  };
}

/**
 * A project, created by the system actor unless another is given. Pass `phase` and
 * `fundingStatus` to enter it directly in a later phase (as a past project is entered).
 */
export async function buildProject(
  db: DbOrTx,
  overrides: Partial<ProjectInput> = {},
  actor: Actor = system("test"),
): Promise<ProjectDetail> {
  return createProject(db, actor, projectInput(overrides));
}

/** A project in financing with the given decision (default: submitted). */
export async function buildSubmission(
  db: DbOrTx,
  fundingStatus: FundingStatus = "submitted",
  overrides: Partial<ProjectInput> = {},
): Promise<ProjectDetail> {
  return buildProject(db, { phase: "financing", fundingStatus, deadline: "2025-03-05", ...overrides });
}

/** Moves a project along the pipeline as the system actor (a reason is given for skips and backs). */
export async function moveTo(
  db: DbOrTx,
  projectId: string,
  phase: Phase,
  options: { fundingStatus?: FundingStatus; reason?: string; actor?: Actor } = {},
): Promise<ProjectDetail> {
  const { project } = await moveProject(db, options.actor ?? system("test"), projectId, {
    phase,
    ...(options.fundingStatus ? { fundingStatus: options.fundingStatus } : {}),
    ...(options.reason ? { reason: options.reason } : {}),
  });
  return project;
}

/** A partner input for an organisation of the directory. */
export const organisationPartner = (organisationId: string, overrides: Partial<PartnerInput> = {}): PartnerInput => ({
  kind: "organisation",
  organisationId,
  role: "partner",
  ...overrides,
});
