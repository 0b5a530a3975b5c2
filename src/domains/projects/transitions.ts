/**
 * Moving a project through the PCM phases and resubmitting a rejected one. The rules are the pure
 * ones of ./pipeline.ts; here they are applied to the locked row, inside one transaction with the
 * transition's record and the audit entry, so two moves of the same project never both apply.
 */
import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { recordAudit } from "~/audit/audit";
import type { Actor } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import { today } from "~/domains/organisations/rules";
import { AppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import { type ProjectDetail, ResubmissionInput, type Transition, TransitionInput } from "./contract";
import { stateOfRow, toTransition } from "./dto";
import { canBeResubmitted, checkMove, type FundingStatus, type Phase, phaseIndex } from "./pipeline";
import { authorize, canMoveProject, canResubmitProject } from "./policy";
import { checkProjectState, type ProjectState, searchTextOf } from "./rules";
import { projectPartners, projects, projectTransitions } from "./schema";
import { getProject, touchProject, validationError } from "./service";
import { isUniqueViolation, loadProjectReference, recordTransition, visibleProject } from "./store";

/** Every move of the project, oldest first (the first one is its creation). */
export async function listTransitions(db: DbOrTx, actor: Actor, projectId: string): Promise<Transition[]> {
  const { row } = await visibleProject(db, actor, projectId);
  const rows = await db
    .select()
    .from(projectTransitions)
    .where(eq(projectTransitions.projectId, row.id))
    .orderBy(asc(projectTransitions.at), asc(projectTransitions.id));
  return rows.map(toTransition);
}

/**
 * Moves a project to a phase and/or records its funding decision (secretariat). Refused with 422
 * naming the field (`phase`, `fundingStatus`, `reason`, `programmeCode`) when the pipeline's rules
 * say no; 412 when `expectedVersion` is given and the project changed meanwhile.
 */
export async function moveProject(
  db: DbOrTx,
  actor: Actor,
  projectId: string,
  input: TransitionInput,
  expectedVersion?: number,
): Promise<{ project: ProjectDetail; transition: Transition }> {
  return db.transaction(async (tx) => {
    const { row } = await visibleProject(tx, actor, projectId, true);
    authorize(actor, canMoveProject(actor));
    const data = parseInput(TransitionInput, input);
    if (expectedVersion !== undefined && expectedVersion !== row.version) throw new AppError("precondition_failed");
    const from = { phase: row.phase as Phase, fundingStatus: row.fundingStatus as FundingStatus | null };
    const outcome = checkMove({ ...from, programmeCode: row.programmeCode }, data);
    if (!outcome.ok) throw validationError(outcome.problems);
    const { to, reason } = outcome;
    const submits = to.phase === "financing" && phaseIndex(from.phase) < phaseIndex("financing");
    const updated = await touchProject(tx, row, {
      phase: to.phase,
      fundingStatus: to.fundingStatus,
      ...(submits && !row.submittedOn ? { submittedOn: today() } : {}),
    });
    const transition = await recordTransition(tx, actor, row.id, {
      fromPhase: from.phase,
      toPhase: to.phase,
      fromFundingStatus: from.fundingStatus,
      toFundingStatus: to.fundingStatus,
      reason,
    });
    await recordAudit(tx, actor, {
      action: "project.move",
      entityType: "project",
      entityId: row.id,
      before: { ...from, version: row.version },
      after: { ...to, reason, version: updated.version },
    });
    return { project: await getProject(tx, actor, row.id), transition: toTransition(transition) };
  });
}

const alreadyResubmitted = () =>
  new AppError("conflict", "errors:conflict", { _: { key: "projects:errors.alreadyResubmitted" } });

/**
 * Reworks a rejected submission into a new one of the same idea (secretariat): a new project in
 * formulation, linked to the rejected one, with its data and partners copied — but not what
 * belonged to the old call and its outcome (submission day, awarded and paid grant, actual
 * participants, the funded project's pages). The call and deadline may be given for the new call.
 */
export async function resubmitProject(
  db: DbOrTx,
  actor: Actor,
  projectId: string,
  input: ResubmissionInput = {},
): Promise<ProjectDetail> {
  try {
    return await db.transaction(async (tx) => {
      const { row } = await visibleProject(tx, actor, projectId, true);
      authorize(actor, canResubmitProject(actor));
      const data = parseInput(ResubmissionInput, input);
      if (!canBeResubmitted({ fundingStatus: row.fundingStatus as FundingStatus | null })) {
        throw new AppError("conflict", "errors:conflict", { fundingStatus: { key: "projects:errors.notRejected" } });
      }
      const [existing] = await tx
        .select({ id: projects.id })
        .from(projects)
        .where(eq(projects.resubmissionOf, row.id))
        .limit(1);
      if (existing) throw alreadyResubmitted();
      const state: ProjectState = {
        ...stateOfRow(row),
        programmeCode: data.programmeCode === undefined ? row.programmeCode : data.programmeCode,
        actionCode:
          data.actionCode !== undefined
            ? data.actionCode
            : data.programmeCode === undefined || data.programmeCode === row.programmeCode
              ? row.actionCode
              : null,
        callIdentifier: data.callIdentifier ?? null,
        deadline: data.deadline ?? null,
        submittedOn: null,
        grantAwardedCents: null,
        grantPaidCents: null,
        participantsActual: null,
        cordisUrl: null,
        erasmusPlusUrl: null,
        keepEuUrl: null,
      };
      const problems = checkProjectState(
        await loadProjectReference(tx),
        state,
        new Set(["programmeCode", "actionCode"]),
      );
      if (Object.keys(problems).length > 0) throw validationError(problems);
      const id = randomUUID();
      await tx.insert(projects).values({
        id,
        ideaId: row.ideaId,
        resubmissionOf: row.id,
        submissionNumber: row.submissionNumber + 1,
        ...state,
        phase: "formulation",
        fundingStatus: null,
        searchText: searchTextOf(state),
      });
      const partners = await tx.select().from(projectPartners).where(eq(projectPartners.projectId, row.id));
      if (partners.length > 0) {
        await tx.insert(projectPartners).values(
          partners.map(({ id: _id, projectId: _project, createdAt: _c, updatedAt: _u, ...partner }) => ({
            ...partner,
            projectId: id,
          })),
        );
      }
      await recordTransition(tx, actor, id, {
        fromPhase: null,
        toPhase: "formulation",
        fromFundingStatus: null,
        toFundingStatus: null,
        reason: null,
      });
      await recordAudit(tx, actor, {
        action: "project.resubmit",
        entityType: "project",
        entityId: id,
        before: { id: row.id, submissionNumber: row.submissionNumber, fundingStatus: row.fundingStatus },
        after: { id, ideaId: row.ideaId, resubmissionOf: row.id, submissionNumber: row.submissionNumber + 1 },
      });
      return getProject(tx, actor, id);
    });
  } catch (e) {
    if (isUniqueViolation(e, ["projects_resubmission_of_unique"])) throw alreadyResubmitted();
    throw e;
  }
}
