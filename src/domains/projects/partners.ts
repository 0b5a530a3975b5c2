/**
 * A project's partners, the lead applicant included: list, add, remove. Changes lock the project
 * row, bump its version (its ETag changes) and are audited in the same transaction.
 */
import { and, eq } from "drizzle-orm";
import { recordAudit } from "~/audit/audit";
import type { Actor } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import { AppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import { type Partner, PartnerInput } from "./contract";
import { toPartner } from "./dto";
import { authorize, canChangeLead, canEditPartners, forbiddenFieldsError } from "./policy";
import { projectPartners } from "./schema";
import {
  checkPartners,
  PARTNER_CONSTRAINTS,
  partnerConflict,
  partnerValues,
  touchProject,
  validationError,
} from "./service";
import { isUniqueViolation, networkName, partnerViews, visibleProject } from "./store";

export async function listPartners(db: DbOrTx, actor: Actor, projectId: string): Promise<Partner[]> {
  const { partners } = await visibleProject(db, actor, projectId);
  const network = partners.some((p) => p.kind === "network") ? await networkName(db) : null;
  return partners.map((p) => toPartner(p, network));
}

/**
 * Adds a partner (secretariat; the lead member contact in identification and formulation, except
 * the lead applicant itself). 422 naming the fields, 409 when the organisation already takes part
 * or the project already has a lead.
 */
export async function addPartner(
  db: DbOrTx,
  actor: Actor,
  projectId: string,
  input: PartnerInput,
  expectedVersion?: number,
): Promise<Partner> {
  try {
    return await db.transaction(async (tx) => {
      const { row, ref, partners } = await visibleProject(tx, actor, projectId, true);
      authorize(actor, canEditPartners(actor, ref));
      const data = parseInput(PartnerInput, input);
      if (data.role === "lead" && !canChangeLead(actor)) throw forbiddenFieldsError(["role"]);
      if (expectedVersion !== undefined && expectedVersion !== row.version) throw new AppError("precondition_failed");
      const problems = await checkPartners(tx, [data], partners, () => "");
      const clash = Object.entries(problems).find(([, p]) =>
        ["projects:errors.duplicatePartner", "projects:errors.networkTwice", "projects:errors.oneLead"].includes(p.key),
      );
      if (clash && Object.keys(problems).length === 1) throw new AppError("conflict", "errors:conflict", problems);
      if (Object.keys(problems).length > 0) throw validationError(problems);
      const [inserted] = await tx.insert(projectPartners).values(partnerValues(row.id, data)).returning();
      if (!inserted) throw new AppError("internal");
      const updated = await touchProject(tx, row);
      const [view] = (await partnerViews(tx, [row.id])).filter((p) => p.id === inserted.id);
      if (!view) throw new AppError("internal");
      const partner = toPartner(view, data.kind === "network" ? await networkName(tx) : null);
      await recordAudit(tx, actor, {
        action: "project.partner.add",
        entityType: "project",
        entityId: row.id,
        after: { partner, version: updated.version },
      });
      return partner;
    });
  } catch (e) {
    const constraint = isUniqueViolation(e, PARTNER_CONSTRAINTS);
    if (constraint) throw partnerConflict(constraint);
    throw e;
  }
}

/** Removes a partner (same rights as adding; only the secretariat removes the lead applicant). */
export async function removePartner(
  db: DbOrTx,
  actor: Actor,
  projectId: string,
  partnerId: string,
  expectedVersion?: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    const { row, ref, partners } = await visibleProject(tx, actor, projectId, true);
    authorize(actor, canEditPartners(actor, ref));
    const view = partners.find((p) => p.id === partnerId);
    if (!view) throw new AppError("not_found");
    if (view.role === "lead" && !canChangeLead(actor)) throw forbiddenFieldsError(["role"]);
    if (expectedVersion !== undefined && expectedVersion !== row.version) throw new AppError("precondition_failed");
    await tx.delete(projectPartners).where(and(eq(projectPartners.id, view.id), eq(projectPartners.projectId, row.id)));
    const updated = await touchProject(tx, row);
    const network = view.kind === "network" ? await networkName(tx) : null;
    await recordAudit(tx, actor, {
      action: "project.partner.remove",
      entityType: "project",
      entityId: row.id,
      before: { partner: toPartner(view, network), version: row.version },
      after: { version: updated.version },
    });
  });
}
