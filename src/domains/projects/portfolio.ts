/**
 * An organisation's portfolio: the projects it leads and those it joined as a partner, with its
 * role, the project's phase and grant, and the totals. Read by the organisation's page (another
 * domain calls this service function, never the tables). Only the projects the reader may see
 * count: the secretariat and the Board see all of them, a member contact those not internal and
 * their own organisation's.
 */
import { eq, inArray } from "drizzle-orm";
import type { Actor } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import type { PartnerRole, Project } from "./contract";
import { canListProjects, canViewProject } from "./policy";
import { projectPartners, projects } from "./schema";
import { partnerViews, presentProjects, refOf } from "./store";

export type PortfolioEntry = {
  project: Project;
  /** The organisation's role in the project. */
  role: PartnerRole;
  /** The organisation's share of the budget, when known. */
  budgetShareCents: number | null;
};

export type Portfolio = {
  led: PortfolioEntry[];
  joined: PortfolioEntry[];
  totals: {
    led: number;
    joined: number;
    /** Projects led or joined whose funding was approved. */
    approved: number;
    /** EU grant awarded to the projects it leads, and to those it joined (the whole project's grant). */
    ledGrantAwardedCents: number;
    joinedGrantAwardedCents: number;
    /** The organisation's own budget shares, where known. */
    budgetShareCents: number;
  };
};

const byDeadlineDesc = (a: PortfolioEntry, b: PortfolioEntry) =>
  (b.project.deadline ?? b.project.createdAt).localeCompare(a.project.deadline ?? a.project.createdAt) ||
  a.project.acronym.localeCompare(b.project.acronym);

/** The organisation's portfolio as the actor may see it; null for a reader who sees no projects. */
export async function organisationPortfolio(
  db: DbOrTx,
  actor: Actor,
  organisationId: string,
): Promise<Portfolio | null> {
  if (!canListProjects(actor)) return null;
  const taking = await db
    .select({ projectId: projectPartners.projectId })
    .from(projectPartners)
    .where(eq(projectPartners.organisationId, organisationId));
  const ids = [...new Set(taking.map((r) => r.projectId))];
  const rows = ids.length === 0 ? [] : await db.select().from(projects).where(inArray(projects.id, ids));
  const partners = await partnerViews(db, ids);
  const visible = rows.filter((row) =>
    canViewProject(
      actor,
      refOf(
        row,
        partners.filter((p) => p.projectId === row.id),
      ),
    ),
  );
  const presented = await presentProjects(db, visible);
  const entries: PortfolioEntry[] = presented.flatMap((project) => {
    const own = partners.find((p) => p.projectId === project.id && p.organisationId === organisationId);
    return own ? [{ project, role: own.role as PartnerRole, budgetShareCents: own.budgetShareCents }] : [];
  });
  const led = entries.filter((e) => e.role === "lead").sort(byDeadlineDesc);
  const joined = entries.filter((e) => e.role !== "lead").sort(byDeadlineDesc);
  const awarded = (list: PortfolioEntry[]) => list.reduce((sum, e) => sum + (e.project.grantAwardedCents ?? 0), 0);
  return {
    led,
    joined,
    totals: {
      led: led.length,
      joined: joined.length,
      approved: entries.filter((e) => e.project.fundingStatus === "approved").length,
      ledGrantAwardedCents: awarded(led),
      joinedGrantAwardedCents: awarded(joined),
      budgetShareCents: entries.reduce((sum, e) => sum + (e.budgetShareCents ?? 0), 0),
    },
  };
}
