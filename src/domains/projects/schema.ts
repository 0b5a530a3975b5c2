import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, type LocalizedText, updatedAt } from "~/db/columns";
import { organisations } from "~/domains/organisations/schema";

/**
 * Projects: the network's EU (and other) projects along the Project Cycle Management phases.
 * A row of `projects` is one submission of an idea (decision 019): a rejected submission can be
 * reworked and submitted again as a new row with the same `idea_id`. The funding programmes and
 * their actions are reference data, seeded from `reference/sern.ts`.
 */

/**
 * Funding programmes (Erasmus+, CERV, Interreg Europe, …, national funding, member-funded).
 * `level`: `eu`, `national` or `member` (funded by the members themselves). A programme that has
 * ended (Europe for Citizens) stays for the projects it funded, with `active` false.
 */
export const fundingProgrammes = pgTable("funding_programmes", {
  code: text("code").primaryKey(),
  names: jsonb("names").$type<LocalizedText>().notNull(),
  level: text("level").notNull().default("eu"),
  active: boolean("active").notNull().default(true),
  sortOrder: smallint("sort_order").notNull().default(0),
});

/** Actions (strands) within a programme: Erasmus+ KA1 and KA2, CERV town twinning, … */
export const fundingActions = pgTable(
  "funding_actions",
  {
    code: text("code").primaryKey(),
    programmeCode: text("programme_code")
      .notNull()
      .references(() => fundingProgrammes.code),
    names: jsonb("names").$type<LocalizedText>().notNull(),
    sortOrder: smallint("sort_order").notNull().default(0),
  },
  // The target of projects' (programme, action) key: an action always belongs to the project's programme.
  (t) => [unique("funding_actions_programme_code").on(t.programmeCode, t.code)],
);

/** Per-language text written by people: any of en/sv/it, read with a fallback (i18n/localized.ts). */
export type ProjectText = Partial<LocalizedText>;

export const projects = pgTable(
  "projects",
  {
    id: id(),
    /** The idea this submission belongs to: the id of its first submission (its own id for a first one). */
    ideaId: uuid("idea_id")
      .notNull()
      .references((): AnyPgColumn => projects.id),
    /** The rejected submission this one reworks; each submission is resubmitted at most once. */
    resubmissionOf: uuid("resubmission_of").references((): AnyPgColumn => projects.id),
    /** 1 for the first submission of an idea, 2 for its first resubmission, … */
    submissionNumber: smallint("submission_number").notNull().default(1),
    acronym: text("acronym").notNull(),
    title: jsonb("title").$type<ProjectText>().notNull(),
    summary: jsonb("summary").$type<ProjectText>().notNull().default({}),
    /** Thematic priority codes (reference `priorities`). */
    priorities: text("priorities").array().notNull().default(sql`'{}'::text[]`),
    programmeCode: text("programme_code").references(() => fundingProgrammes.code),
    actionCode: text("action_code"),
    /** The call or topic identifier, e.g. CERV-2025-CITIZENS-TOWN-TT. */
    callIdentifier: text("call_identifier"),
    /** The call's deadline for this submission. */
    deadline: date("deadline"),
    /** When the application was submitted (set on entering the financing phase, unless given). */
    submittedOn: date("submitted_on"),
    /** The member organisation that started the idea; null: the network (the secretariat). */
    initiatorOrganisationId: uuid("initiator_organisation_id").references(() => organisations.id, {
      onDelete: "set null",
    }),
    /** PCM phase: programming, identification, formulation, financing, implementation, evaluation, closure. */
    phase: text("phase").notNull(),
    /** Set from the financing phase on: submitted, approved, rejected or reserve; null before. */
    fundingStatus: text("funding_status"),
    currency: text("currency").notNull().default("EUR"),
    totalBudgetCents: bigint("total_budget_cents", { mode: "number" }),
    grantRequestedCents: bigint("grant_requested_cents", { mode: "number" }),
    grantAwardedCents: bigint("grant_awarded_cents", { mode: "number" }),
    grantPaidCents: bigint("grant_paid_cents", { mode: "number" }),
    participantsPlanned: integer("participants_planned"),
    participantsActual: integer("participants_actual"),
    startDate: date("start_date"),
    endDate: date("end_date"),
    cordisUrl: text("cordis_url"),
    erasmusPlusUrl: text("erasmus_plus_url"),
    keepEuUrl: text("keep_eu_url"),
    websiteUrl: text("website_url"),
    /** Internal projects are seen by the secretariat, the Board and the organisations taking part only. */
    internal: boolean("internal").notNull().default(false),
    /** Normalised acronym, titles and call identifier, for search. */
    searchText: text("search_text").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: "projects_programme_action_fk",
      columns: [t.programmeCode, t.actionCode],
      foreignColumns: [fundingActions.programmeCode, fundingActions.code],
    }),
    uniqueIndex("projects_resubmission_of_unique").on(t.resubmissionOf).where(sql`${t.resubmissionOf} is not null`),
    index("projects_idea").on(t.ideaId),
    index("projects_phase").on(t.phase, t.fundingStatus),
    index("projects_programme").on(t.programmeCode, t.actionCode),
    index("projects_priorities").using("gin", t.priorities),
    index("projects_initiator").on(t.initiatorOrganisationId),
    index("projects_deadline").on(t.deadline),
    index("projects_created").on(t.createdAt, t.id),
    index("projects_search_trgm").using("gin", sql`${t.searchText} gin_trgm_ops`),
    check(
      "projects_phase_check",
      sql`${t.phase} in ('programming', 'identification', 'formulation', 'financing', 'implementation', 'evaluation', 'closure')`,
    ),
    check(
      "projects_funding_status_check",
      sql`${t.fundingStatus} is null or ${t.fundingStatus} in ('submitted', 'approved', 'rejected', 'reserve')`,
    ),
    check(
      "projects_money_check",
      sql`coalesce(${t.totalBudgetCents}, 0) >= 0 and coalesce(${t.grantRequestedCents}, 0) >= 0 and coalesce(${t.grantAwardedCents}, 0) >= 0 and coalesce(${t.grantPaidCents}, 0) >= 0`,
    ),
    check(
      "projects_participants_check",
      sql`coalesce(${t.participantsPlanned}, 0) >= 0 and coalesce(${t.participantsActual}, 0) >= 0`,
    ),
    // The composite key above is not checked when the programme is null: an action needs its programme.
    check("projects_action_check", sql`${t.actionCode} is null or ${t.programmeCode} is not null`),
    check(
      "projects_dates_check",
      sql`${t.endDate} is null or ${t.startDate} is null or ${t.endDate} >= ${t.startDate}`,
    ),
  ],
);

/**
 * The organisations taking part in a project, the lead applicant included (`role` lead, at most
 * one per project). `kind`: `organisation` (in the directory, normally a member organisation),
 * `network` (the network itself) or `external` (an outside organisation known by name, country
 * and type only). `role`: `lead`, `partner` or `associated`.
 */
export const projectPartners = pgTable(
  "project_partners",
  {
    id: id(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    organisationId: uuid("organisation_id").references(() => organisations.id),
    name: text("name"),
    country: text("country"),
    organisationType: text("organisation_type"),
    role: text("role").notNull().default("partner"),
    budgetShareCents: bigint("budget_share_cents", { mode: "number" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("project_partners_project").on(t.projectId),
    index("project_partners_organisation").on(t.organisationId),
    uniqueIndex("project_partners_organisation_unique")
      .on(t.projectId, t.organisationId)
      .where(sql`${t.organisationId} is not null`),
    uniqueIndex("project_partners_network_unique").on(t.projectId).where(sql`${t.kind} = 'network'`),
    uniqueIndex("project_partners_lead_unique").on(t.projectId).where(sql`${t.role} = 'lead'`),
    check(
      "project_partners_kind_check",
      sql`(${t.kind} = 'organisation' and ${t.organisationId} is not null) or (${t.kind} = 'network' and ${t.organisationId} is null) or (${t.kind} = 'external' and ${t.organisationId} is null and ${t.name} is not null and ${t.country} is not null)`,
    ),
    check("project_partners_role_check", sql`${t.role} in ('lead', 'partner', 'associated')`),
    check("project_partners_budget_check", sql`coalesce(${t.budgetShareCents}, 0) >= 0`),
  ],
);

/**
 * Every move of a project between phases and every change of its funding status: who, when,
 * from, to and why. The first row of a project (from null) records its creation.
 */
export const projectTransitions = pgTable(
  "project_transitions",
  {
    id: id(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    fromPhase: text("from_phase"),
    toPhase: text("to_phase").notNull(),
    fromFundingStatus: text("from_funding_status"),
    toFundingStatus: text("to_funding_status"),
    reason: text("reason"),
    /** The account that made the move (no foreign key, like the audit log: the record outlives the account). */
    actorUserId: uuid("actor_user_id"),
    /** Who made the move, as a snapshot (the user's name, or the system's label). */
    actorName: text("actor_name").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("project_transitions_project").on(t.projectId, t.at)],
);
