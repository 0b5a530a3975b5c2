import { sql } from "drizzle-orm";
import { bigint, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "~/db/columns";
import { meetings } from "~/domains/governance/schema";
import type { Identifiers } from "~/domains/organisations/identifiers";
import { organisations } from "~/domains/organisations/schema";
import { storedFiles } from "~/files/schema";

export type ApplicationPerson = { name: string; jobTitle: string | null; email: string; phone: string | null };

/**
 * A membership application, from the public form to the Board's decision. The applicant needs no
 * account: a private link (its token stored hashed) lets them follow and complete it.
 * Statuses: submitted, incomplete, ready_for_board, approved, rejected, withdrawn.
 */
export const membershipApplications = pgTable(
  "membership_applications",
  {
    id: id(),
    /** Short public reference quoted in e-mails and on the PDF form (e.g. `SERN-2026-0042`). */
    reference: text("reference").notNull().unique(),
    accessTokenHash: text("access_token_hash").notNull().unique(),
    status: text("status").notNull().default("submitted"),
    /** The applicant's language: e-mails and the PDF form are in it. */
    language: text("language").notNull(),
    /** `member` or `partner`: what the organisation can become under the network's rules. */
    outcome: text("outcome").notNull(),
    // The organisation, as the applicant described it.
    name: text("name").notNull(),
    country: text("country").notNull(),
    type: text("type").notNull(),
    officialCode: text("official_code"),
    nuts3: text("nuts3"),
    inhabitants: integer("inhabitants"),
    employees: integer("employees"),
    budgetCents: bigint("budget_cents", { mode: "number" }),
    website: text("website"),
    street: text("street"),
    postalCode: text("postal_code"),
    city: text("city"),
    priorities: text("priorities").array().notNull().default(sql`'{}'::text[]`),
    /** The identifiers invoices and e-invoices need (codice fiscale, IPA code, organisationsnummer…), normalised. */
    identifiers: jsonb("identifiers").$type<Partial<Identifiers>>().notNull().default({}),
    legalRepresentative: jsonb("legal_representative").$type<ApplicationPerson>().notNull(),
    contact: jsonb("contact").$type<ApplicationPerson & { language: string }>().notNull(),
    letterText: text("letter_text"),
    letterFileId: uuid("letter_file_id").references(() => storedFiles.id),
    signedFormFileId: uuid("signed_form_file_id").references(() => storedFiles.id),
    statuteAcceptedAt: timestamp("statute_accepted_at", { withTimezone: true }).notNull(),
    statuteVersion: text("statute_version").notNull(),
    privacyAcceptedAt: timestamp("privacy_accepted_at", { withTimezone: true }).notNull(),
    privacyVersion: text("privacy_version").notNull(),
    /** Existing organisations this one may duplicate (same official code or a similar name). */
    possibleDuplicates: uuid("possible_duplicates").array().notNull().default(sql`'{}'::uuid[]`),
    /** What the secretariat asked the applicant to complete (status incomplete). */
    completionRequest: text("completion_request"),
    readyAt: timestamp("ready_at", { withTimezone: true }),
    meetingId: uuid("meeting_id").references(() => meetings.id),
    decision: text("decision"),
    decisionReason: text("decision_reason"),
    decidedOn: date("decided_on"),
    decidedBy: uuid("decided_by"),
    /** The organisation the approval made a member (or the existing one it was matched to). */
    organisationId: uuid("organisation_id").references(() => organisations.id),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("membership_applications_status").on(t.status, t.createdAt),
    index("membership_applications_meeting").on(t.meetingId),
  ],
);

/** Every step of an application (status changes, requests, completions), with who and when. */
export const membershipApplicationEvents = pgTable(
  "membership_application_events",
  {
    id: id(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => membershipApplications.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    note: text("note"),
  },
  (t) => [index("membership_application_events_application").on(t.applicationId, t.at)],
);

/**
 * Changes of membership that take effect later or are undone later: a resignation (effective at
 * the end of the year), a suspension for unpaid fees, a re-admission.
 */
export const membershipChanges = pgTable(
  "membership_changes",
  {
    id: id(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** `resignation`, `suspension` or `readmission`. */
    kind: text("kind").notNull(),
    effectiveOn: date("effective_on").notNull(),
    appliedAt: timestamp("applied_at", { withTimezone: true }),
    reason: text("reason"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [index("membership_changes_organisation").on(t.organisationId, t.effectiveOn)],
);
