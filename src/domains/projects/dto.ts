/**
 * The one mapping from stored rows to what the API, the pages and other domains see. Services
 * never return raw rows: the search text stays here.
 */
import type { Partner, PartnerKind, PartnerRole, Project, Submission, Transition } from "./contract";
import type { FundingStatus, Phase } from "./pipeline";
import { type ProjectState, projectYear } from "./rules";
import type { projectPartners, projects, projectTransitions } from "./schema";

export type ProjectRow = typeof projects.$inferSelect;
export type PartnerRow = typeof projectPartners.$inferSelect;
export type TransitionRow = typeof projectTransitions.$inferSelect;

/** A partner row with the names it shows: the directory's for an organisation, the network's for the network. */
export type PartnerView = PartnerRow & {
  organisationName: string | null;
  organisationCountry: string | null;
  organisationTypeCode: string | null;
};

const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function toPartner(row: PartnerView, networkName: string | null): Partner {
  const kind = row.kind as PartnerKind;
  return {
    id: row.id,
    kind,
    organisationId: row.organisationId,
    name: kind === "organisation" ? row.organisationName : kind === "network" ? networkName : row.name,
    country: kind === "organisation" ? row.organisationCountry : row.country,
    organisationType: kind === "organisation" ? row.organisationTypeCode : row.organisationType,
    role: row.role as PartnerRole,
    budgetShareCents: row.budgetShareCents,
  };
}

export function toProject(row: ProjectRow, extra: { initiatorName: string | null; lead: Partner | null }): Project {
  return {
    id: row.id,
    ideaId: row.ideaId,
    resubmissionOf: row.resubmissionOf,
    submissionNumber: row.submissionNumber,
    acronym: row.acronym,
    title: row.title,
    summary: row.summary,
    priorities: row.priorities,
    programmeCode: row.programmeCode,
    actionCode: row.actionCode,
    callIdentifier: row.callIdentifier,
    deadline: row.deadline,
    submittedOn: row.submittedOn,
    year: projectYear(row),
    initiatorOrganisationId: row.initiatorOrganisationId,
    initiatorName: extra.initiatorName,
    lead: extra.lead,
    phase: row.phase as Phase,
    fundingStatus: row.fundingStatus as FundingStatus | null,
    currency: "EUR",
    totalBudgetCents: row.totalBudgetCents,
    grantRequestedCents: row.grantRequestedCents,
    grantAwardedCents: row.grantAwardedCents,
    grantPaidCents: row.grantPaidCents,
    participantsPlanned: row.participantsPlanned,
    participantsActual: row.participantsActual,
    startDate: row.startDate,
    endDate: row.endDate,
    cordisUrl: row.cordisUrl,
    erasmusPlusUrl: row.erasmusPlusUrl,
    keepEuUrl: row.keepEuUrl,
    websiteUrl: row.websiteUrl,
    internal: row.internal,
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export function toSubmission(row: ProjectRow): Submission {
  return {
    id: row.id,
    submissionNumber: row.submissionNumber,
    phase: row.phase as Phase,
    fundingStatus: row.fundingStatus as FundingStatus | null,
    callIdentifier: row.callIdentifier,
    deadline: row.deadline,
  };
}

export function toTransition(row: TransitionRow): Transition {
  return {
    id: row.id,
    projectId: row.projectId,
    fromPhase: row.fromPhase as Phase | null,
    toPhase: row.toPhase as Phase,
    fromFundingStatus: row.fromFundingStatus as FundingStatus | null,
    toFundingStatus: row.toFundingStatus as FundingStatus | null,
    reason: row.reason,
    actorName: row.actorName,
    at: iso(row.at),
  };
}

/** The fields the rules and PATCH work on, from a row. */
export function stateOfRow(row: ProjectRow): ProjectState {
  return {
    acronym: row.acronym,
    title: row.title,
    summary: row.summary,
    priorities: row.priorities,
    programmeCode: row.programmeCode,
    actionCode: row.actionCode,
    callIdentifier: row.callIdentifier,
    deadline: row.deadline,
    submittedOn: row.submittedOn,
    initiatorOrganisationId: row.initiatorOrganisationId,
    totalBudgetCents: row.totalBudgetCents,
    grantRequestedCents: row.grantRequestedCents,
    grantAwardedCents: row.grantAwardedCents,
    grantPaidCents: row.grantPaidCents,
    participantsPlanned: row.participantsPlanned,
    participantsActual: row.participantsActual,
    startDate: row.startDate,
    endDate: row.endDate,
    cordisUrl: row.cordisUrl,
    erasmusPlusUrl: row.erasmusPlusUrl,
    keepEuUrl: row.keepEuUrl,
    websiteUrl: row.websiteUrl,
    internal: row.internal,
  };
}
