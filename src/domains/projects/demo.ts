/**
 * Loads the demo projects (demo-data.ts) into the database, in the caller's transaction: the
 * projects, their partners and every move of each through the PCM phases, dated as they happened.
 *
 * Written with three batched inserts, not through createProject and moveProject: the services
 * record a project's creation and moves as of now, while the demo's history goes back to 2007, and
 * some 1,300 service calls would slow down the first start. What the services would check holds
 * by construction and is tested (demo-data.unit.test.ts): phases and funding statuses that fit,
 * known programmes, actions and priorities, awarded ≤ requested, paid ≤ awarded, end ≥ start, one
 * lead per project; the search text is computed by the services' own searchTextOf. Loads nothing
 * when projects exist already.
 */
import { randomUUID } from "node:crypto";
import { count } from "drizzle-orm";
import type { DbOrTx } from "~/db/client";
import { findUserByEmail } from "~/domains/accounts/service";
import { organisations } from "~/domains/organisations/schema";
import { type DemoOrganisationInfo, type DemoProject, demoProjects } from "./demo-data";
import { searchTextOf } from "./rules";
import { projectPartners, projects, projectTransitions } from "./schema";

/** The demo secretariat account, who records the projects' moves (see seed/demo.ts). */
const DEMO_SECRETARIAT_EMAIL = "secretariat@demo.ponte.example";

const timestamp = (iso: string) => new Date(iso);

/** Loads the demo projects; returns how many were created (0 when some existed already). */
export async function loadProjectsDemo(db: DbOrTx): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(projects);
  if ((existing?.n ?? 0) > 0) return 0;

  const rows = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      country: organisations.country,
      type: organisations.type,
      status: organisations.status,
      memberSince: organisations.memberSince,
      priorities: organisations.priorities,
    })
    .from(organisations);
  const idOf = new Map(rows.map((r) => [r.name, r.id]));
  const infos: DemoOrganisationInfo[] = rows.map(({ id: _id, ...info }) => info);
  const data = demoProjects(infos);

  const secretariat = await findUserByEmail(db, DEMO_SECRETARIAT_EMAIL);
  const actor = secretariat
    ? { actorUserId: secretariat.id, actorName: secretariat.name }
    : { actorUserId: null, actorName: "system:demo" };

  const ids = new Map(data.map((p) => [p.key, randomUUID()]));
  const idFor = (key: string): string => {
    const id = ids.get(key);
    if (!id) throw new Error(`projects demo: unknown project ${key}`);
    return id;
  };
  const organisationId = (name: string): string => {
    const id = idOf.get(name);
    if (!id) throw new Error(`projects demo: organisation ${name} missing`);
    return id;
  };

  // Self-references (idea, resubmission) point to rows of the same statement: checked at its end.
  await db.insert(projects).values(data.map((p) => projectValues(p, idFor, organisationId)));
  const partners = data.flatMap((p) =>
    p.partners.map((partner) => ({
      projectId: idFor(p.key),
      kind: partner.kind,
      organisationId: partner.kind === "organisation" ? organisationId(partner.organisation) : null,
      name: partner.kind === "external" ? partner.name : null,
      country: partner.kind === "external" ? partner.country : null,
      organisationType: partner.kind === "external" ? partner.organisationType : null,
      role: partner.role,
      budgetShareCents: partner.budgetShareCents,
      createdAt: timestamp(p.transitions[0]?.at ?? new Date().toISOString()),
    })),
  );
  if (partners.length > 0) await db.insert(projectPartners).values(partners);
  const transitions = data.flatMap((p) =>
    p.transitions.map((t) => ({
      projectId: idFor(p.key),
      fromPhase: t.fromPhase,
      toPhase: t.toPhase,
      fromFundingStatus: t.fromFundingStatus,
      toFundingStatus: t.toFundingStatus,
      reason: t.reason,
      ...actor,
      at: timestamp(t.at),
    })),
  );
  await db.insert(projectTransitions).values(transitions);
  return data.length;
}

function projectValues(
  p: DemoProject,
  idFor: (key: string) => string,
  organisationId: (name: string) => string,
): typeof projects.$inferInsert {
  const first = p.transitions[0];
  const last = p.transitions[p.transitions.length - 1];
  const state = { acronym: p.acronym, title: p.title, callIdentifier: p.callIdentifier };
  return {
    id: idFor(p.key),
    ideaId: idFor(p.ideaKey),
    resubmissionOf: p.resubmissionOfKey ? idFor(p.resubmissionOfKey) : null,
    submissionNumber: p.submissionNumber,
    acronym: p.acronym,
    title: p.title,
    summary: p.summary,
    priorities: p.priorities,
    programmeCode: p.programmeCode,
    actionCode: p.actionCode,
    callIdentifier: p.callIdentifier,
    deadline: p.deadline,
    submittedOn: p.submittedOn,
    initiatorOrganisationId: p.initiator ? organisationId(p.initiator) : null,
    phase: p.phase,
    fundingStatus: p.fundingStatus,
    currency: "EUR",
    totalBudgetCents: p.totalBudgetCents,
    grantRequestedCents: p.grantRequestedCents,
    grantAwardedCents: p.grantAwardedCents,
    grantPaidCents: p.grantPaidCents,
    participantsPlanned: p.participantsPlanned,
    participantsActual: p.participantsActual,
    startDate: p.startDate,
    endDate: p.endDate,
    websiteUrl: p.websiteUrl,
    internal: p.internal,
    searchText: searchTextOf(state),
    createdAt: first ? timestamp(first.at) : new Date(),
    updatedAt: last ? timestamp(last.at) : new Date(),
  };
}
