/**
 * Reading and locking project rows for the services: a project with its partners, what the policy
 * needs to know of it, the names shown with it, and the reference data the rules check against.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { type Actor, actorUserId } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import { organisations } from "~/domains/organisations/schema";
import { listPriorities } from "~/domains/reference/service";
import { readSetting } from "~/domains/reference/settings";
import { AppError } from "~/errors/app-error";
import type { Partner, Project } from "./contract";
import { type PartnerView, type ProjectRow, toPartner, toProject } from "./dto";
import type { FundingStatus, Phase } from "./pipeline";
import { authorize, canListProjects, canViewProject, type ProjectRef } from "./policy";
import { listFundingProgrammes } from "./programmes";
import type { ProjectReference } from "./rules";
import { projectPartners, projects, projectTransitions } from "./schema";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);

export async function findProjectRow(db: DbOrTx, id: string, lock = false): Promise<ProjectRow | undefined> {
  if (!isUuid(id)) return undefined;
  const q = db.select().from(projects).where(eq(projects.id, id)).limit(1);
  const [row] = lock ? await q.for("update") : await q;
  return row;
}

/** The partners of these projects, lead first, then partners and associated partners by name, with the directory's names. */
export async function partnerViews(
  db: DbOrTx,
  projectIds: readonly string[],
  leadOnly = false,
): Promise<PartnerView[]> {
  if (projectIds.length === 0) return [];
  const rows = await db
    .select({
      partner: projectPartners,
      organisationName: organisations.name,
      organisationCountry: organisations.country,
      organisationTypeCode: organisations.type,
    })
    .from(projectPartners)
    .leftJoin(organisations, eq(organisations.id, projectPartners.organisationId))
    .where(
      and(inArray(projectPartners.projectId, [...projectIds]), leadOnly ? eq(projectPartners.role, "lead") : undefined),
    )
    .orderBy(asc(projectPartners.projectId), asc(projectPartners.createdAt), asc(projectPartners.id));
  const roleOrder = { lead: 0, partner: 1, associated: 2 } as Record<string, number>;
  return rows
    .map((r) => ({
      ...r.partner,
      organisationName: r.organisationName,
      organisationCountry: r.organisationCountry,
      organisationTypeCode: r.organisationTypeCode,
    }))
    .sort(
      (a, b) =>
        (roleOrder[a.role] ?? 9) - (roleOrder[b.role] ?? 9) ||
        (a.organisationName ?? a.name ?? "").localeCompare(b.organisationName ?? b.name ?? "", "en") ||
        a.id.localeCompare(b.id),
    );
}

/** What the policy needs to know of a project. */
export function refOf(row: ProjectRow, partners: readonly Pick<PartnerView, "organisationId" | "role">[]): ProjectRef {
  return {
    phase: row.phase as Phase,
    internal: row.internal,
    initiatorOrganisationId: row.initiatorOrganisationId,
    leadOrganisationId: partners.find((p) => p.role === "lead")?.organisationId ?? null,
    partnerOrganisationIds: partners.flatMap((p) => (p.organisationId ? [p.organisationId] : [])),
  };
}

/** The network's name, shown for the partner of kind `network`. */
export async function networkName(db: DbOrTx): Promise<string | null> {
  const value = (await readSetting(db, "network.shortName")) ?? (await readSetting(db, "network.name"));
  return typeof value === "string" ? value : null;
}

export type LoadedProject = { row: ProjectRow; partners: PartnerView[]; ref: ProjectRef };

/**
 * The project if the actor may see it (locked for update when asked); otherwise not found, so its
 * existence is not revealed. A visitor is asked to sign in first.
 */
export async function visibleProject(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<LoadedProject> {
  authorize(actor, canListProjects(actor));
  const row = await findProjectRow(db, id, lock);
  if (!row) throw new AppError("not_found");
  const partners = await partnerViews(db, [row.id]);
  const ref = refOf(row, partners);
  if (!canViewProject(actor, ref)) throw new AppError("not_found");
  return { row, partners, ref };
}

/** Projects as the API shows them: with the initiator's name and the lead applicant. */
export async function presentProjects(db: DbOrTx, rows: readonly ProjectRow[]): Promise<Project[]> {
  if (rows.length === 0) return [];
  const leads = await partnerViews(
    db,
    rows.map((r) => r.id),
    true,
  );
  const initiatorIds = [
    ...new Set(rows.flatMap((r) => (r.initiatorOrganisationId ? [r.initiatorOrganisationId] : []))),
  ];
  const names =
    initiatorIds.length === 0
      ? []
      : await db
          .select({ id: organisations.id, name: organisations.name })
          .from(organisations)
          .where(inArray(organisations.id, initiatorIds));
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const network = leads.some((l) => l.kind === "network") ? await networkName(db) : null;
  const leadOf = new Map<string, Partner>(leads.map((l) => [l.projectId, toPartner(l, network)]));
  return rows.map((row) =>
    toProject(row, {
      initiatorName: row.initiatorOrganisationId ? (nameOf.get(row.initiatorOrganisationId) ?? null) : null,
      lead: leadOf.get(row.id) ?? null,
    }),
  );
}

/** The priorities and programmes the rules check a project against. */
export async function loadProjectReference(db: DbOrTx): Promise<ProjectReference> {
  const [priorityList, programmeList] = await Promise.all([listPriorities(db), listFundingProgrammes(db)]);
  return {
    priorities: new Set(priorityList.map((p) => p.code)),
    programmes: new Map(programmeList.map((p) => [p.code, new Set(p.actions.map((a) => a.code))])),
  };
}

/** The organisations of this list that are not in the directory. */
export async function missingOrganisations(db: DbOrTx, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const found = await db.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, unique));
  const known = new Set(found.map((f) => f.id));
  return new Set(unique.filter((id) => !known.has(id)));
}

/** Records a move (or a project's arrival in its first phase) in the transitions table. */
export async function recordTransition(
  db: DbOrTx,
  actor: Actor,
  projectId: string,
  move: {
    fromPhase: Phase | null;
    toPhase: Phase;
    fromFundingStatus: FundingStatus | null;
    toFundingStatus: FundingStatus | null;
    reason: string | null;
  },
) {
  const [row] = await db
    .insert(projectTransitions)
    .values({
      projectId,
      ...move,
      actorUserId: actorUserId(actor),
      actorName:
        actor.kind === "user" ? actor.user.name : actor.kind === "system" ? `system:${actor.label}` : "anonymous",
    })
    .returning();
  if (!row) throw new AppError("internal");
  return row;
}

/** A PostgreSQL unique violation (23505) on one of these constraints, however wrapped. */
export function isUniqueViolation(error: unknown, constraints: readonly string[]): string | null {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, constraint, message } = e as { code?: string; constraint?: string; message?: string };
    if (code === "23505") {
      const hit = constraints.find((c) => constraint === c || message?.includes(c));
      if (hit) return hit;
    }
    if ((e as { cause?: unknown }).cause === e) break;
  }
  return null;
}
