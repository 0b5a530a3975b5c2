import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "~/db/columns";
import { users } from "~/domains/accounts/schema";
import { contacts, organisations } from "~/domains/organisations/schema";
import { governanceBodies } from "~/domains/reference/schema";
import { storedFiles } from "~/files/schema";

/**
 * Governance: the bodies' rules live on `governance_bodies` (reference data, see
 * reference/schema.ts); here are mandates, meetings with invitees, attendance and agenda,
 * the register of decisions, minutes, votes and ballots, and calendar feeds.
 */

/**
 * A person holding a seat or office in a body from a date to a date, with the decision that gave
 * it. The person is normally a contact of a member organisation; staff (the Secretariat) may be
 * users without one. `name` is a snapshot for history.
 */
export const mandates = pgTable(
  "mandates",
  {
    id: id(),
    bodyCode: text("body_code")
      .notNull()
      .references(() => governanceBodies.code),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    /** `member` (a seat) or `substitute`. Offices (Chair, Vice-chair) are bodies of their own. */
    role: text("role").notNull().default("member"),
    startsOn: date("starts_on").notNull(),
    /** The end of the term (Board: two years from the electing Assembly); null: open-ended. */
    endsOn: date("ends_on"),
    /** Ended early (resignation, replacement), with the reason. */
    endedOn: date("ended_on"),
    endReason: text("end_reason"),
    /** The decision (register of decisions) that gave the mandate, when recorded in Ponte. */
    decisionId: uuid("decision_id").references(() => decisions.id, { onDelete: "set null" }),
    /** Free text when the decision predates Ponte (for example "General Assembly 2025-04-10"). */
    decisionNote: text("decision_note"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("mandates_body").on(t.bodyCode, t.startsOn),
    index("mandates_contact").on(t.contactId),
    index("mandates_user").on(t.userId),
  ],
);

/**
 * Meetings of the governance bodies (the Board's meetings are the ones membership applications go
 * to). `sequence` counts published changes, for iCalendar updates that keep the meeting's UID.
 */
export const meetings = pgTable(
  "meetings",
  {
    id: id(),
    bodyCode: text("body_code")
      .notNull()
      .references(() => governanceBodies.code),
    date: date("date").notNull(),
    /** `planned`, `held` or `cancelled`. */
    status: text("status").notNull().default("planned"),
    title: text("title"),
    /** Local start and end time (HH:MM) in `timeZone`; null: the default (10:00, two hours). */
    startTime: text("start_time"),
    endTime: text("end_time"),
    timeZone: text("time_zone").notNull().default("Europe/Rome"),
    place: text("place"),
    videoUrl: text("video_url"),
    /** The meeting's language: its minutes and their PDF are written in it. */
    language: text("language").notNull().default("en"),
    /** Shown on the public site and in the public calendar. */
    public: boolean("public").notNull().default(false),
    sequence: integer("sequence").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("meetings_body_date").on(t.bodyCode, t.date), index("meetings_date").on(t.date)],
);

/**
 * Who is invited to a meeting and whether they came. For the General Assembly a participant is a
 * member organisation (represented by a contact); for other bodies a mandate holder; guests are
 * invited by name and e-mail. `key` identifies the participant within the meeting
 * (`org:<uuid>`, `contact:<uuid>`, `user:<uuid>` or `guest:<email>`).
 * Attendance: `present`, `excused`, `absent` or `proxy` (represented by `proxyHolderId`).
 */
export const meetingParticipants = pgTable(
  "meeting_participants",
  {
    id: id(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** `member` (entitled to vote) or `guest`. */
    kind: text("kind").notNull().default("member"),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    email: text("email"),
    language: text("language").notNull().default("en"),
    attendance: text("attendance"),
    proxyHolderId: uuid("proxy_holder_id"),
    invitedAt: timestamp("invited_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("meeting_participants_key").on(t.meetingId, t.key),
    index("meeting_participants_user").on(t.userId),
    index("meeting_participants_contact").on(t.contactId),
  ],
);

/**
 * The ordered agenda of a meeting. An item can carry a membership application (it then appears on
 * the Board meeting's agenda by itself) and ends with an outcome: `approved`, `rejected`, `noted`,
 * `postponed` or `elected`, with the decision's text.
 */
export const agendaItems = pgTable(
  "agenda_items",
  {
    id: id(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    presenter: text("presenter"),
    proposedDecision: text("proposed_decision"),
    documentIds: uuid("document_ids").array().notNull().default(sql`'{}'::uuid[]`),
    applicationId: uuid("application_id"),
    outcome: text("outcome"),
    outcomeText: text("outcome_text"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("agenda_items_meeting").on(t.meetingId, t.position)],
);

/** The register of decisions: numbered per year without gaps (`2027/3`), searchable. */
export const decisions = pgTable(
  "decisions",
  {
    id: id(),
    year: integer("year").notNull(),
    number: integer("number").notNull(),
    bodyCode: text("body_code")
      .notNull()
      .references(() => governanceBodies.code),
    meetingId: uuid("meeting_id").references(() => meetings.id, { onDelete: "set null" }),
    agendaItemId: uuid("agenda_item_id").references(() => agendaItems.id, { onDelete: "set null" }),
    decidedOn: date("decided_on").notNull(),
    text: text("text").notNull(),
    voteId: uuid("vote_id"),
    /** The membership application the Board decided (membership domain; no foreign key across domains). */
    applicationId: uuid("application_id"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("decisions_year_number").on(t.year, t.number), index("decisions_meeting").on(t.meetingId)],
);

/** The minutes of a meeting: generated from agenda, attendance and outcomes, edited, approved. */
export const minutes = pgTable("minutes", {
  meetingId: uuid("meeting_id")
    .primaryKey()
    .references(() => meetings.id, { onDelete: "cascade" }),
  text: text("text").notNull(),
  /** `draft` or `approved`. */
  status: text("status").notNull().default("draft"),
  approvedAt: timestamp("approved_at", { withTimezone: true }),
  approvedBy: uuid("approved_by"),
  /** Approved at this (later) meeting; null when approved by the chair. */
  approvedInMeetingId: uuid("approved_in_meeting_id"),
  pdfFileId: uuid("pdf_file_id").references(() => storedFiles.id),
  version: integer("version").notNull().default(1),
  updatedAt: updatedAt(),
});

/**
 * A vote during a meeting: a motion (yes / no / abstain) or an election of `seats` among
 * candidates. `ballot`: `named` or `secret`; `weighting`: `equal` or `weighted` (a setting's rule);
 * `majority`: `simple`, `two_thirds` or `absolute`. Status: `draft`, `open`, `closed` (final).
 */
export const votes = pgTable(
  "votes",
  {
    id: id(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    agendaItemId: uuid("agenda_item_id").references(() => agendaItems.id, { onDelete: "set null" }),
    kind: text("kind").notNull().default("motion"),
    question: text("question").notNull(),
    ballot: text("ballot").notNull().default("named"),
    weighting: text("weighting").notNull().default("equal"),
    majority: text("majority").notNull().default("simple"),
    seats: smallint("seats").notNull().default(1),
    status: text("status").notNull().default("draft"),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** The final result, computed once when the vote closes. */
    result: jsonb("result"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("votes_meeting").on(t.meetingId)],
);

/** The options of a vote: yes / no / abstain for a motion, the candidates of an election. */
export const voteOptions = pgTable(
  "vote_options",
  {
    id: id(),
    voteId: uuid("vote_id")
      .notNull()
      .references(() => votes.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** `yes`, `no`, `abstain` for a motion; `candidate` for an election. */
    code: text("code").notNull(),
    label: text("label").notNull(),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
  },
  (t) => [index("vote_options_vote").on(t.voteId, t.position)],
);

/**
 * Who voted: one row per voter and vote (the unique index makes a second ballot impossible, even
 * from two browsers at once). `voterKey` is the participant's key (the organisation or person
 * whose vote it is); a ballot cast by proxy names the holder in `proxyHolderKey`. `weight` is the
 * voter's weight when the ballot was cast.
 */
export const ballots = pgTable(
  "ballots",
  {
    id: id(),
    voteId: uuid("vote_id")
      .notNull()
      .references(() => votes.id, { onDelete: "cascade" }),
    voterKey: text("voter_key").notNull(),
    /** The participant holding the proxy who cast this ballot, when cast by proxy. */
    proxyHolderKey: text("proxy_holder_key"),
    castBy: uuid("cast_by"),
    /** Entered by the secretariat for a vote cast in the room. */
    enteredBySecretariat: boolean("entered_by_secretariat").notNull().default(false),
    weight: integer("weight").notNull().default(1),
    castAt: timestamp("cast_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("ballots_vote_voter").on(t.voteId, t.voterKey)],
);

/**
 * What was voted.
 * - Named ballot: one row per ballot and chosen option, naming its ballot (`weight`: the ballot's
 *   weight, `ballots`: 1).
 * - Secret ballot: no row of a single ballot's choice ever exists. The vote keeps one row of
 *   running totals per option, `ballotId` null (the partial unique index): `weight` is the summed
 *   weight and `ballots` the number of ballots that chose the option. Every secret ballot rewrites
 *   every option's row in one statement, chosen or not, so the rows' current versions do not tell
 *   which option the last voter chose. See docs/decisions/017-votes.md for what remains visible.
 */
export const ballotChoices = pgTable(
  "ballot_choices",
  {
    id: id(),
    voteId: uuid("vote_id")
      .notNull()
      .references(() => votes.id, { onDelete: "cascade" }),
    optionId: uuid("option_id")
      .notNull()
      .references(() => voteOptions.id, { onDelete: "cascade" }),
    ballotId: uuid("ballot_id").references(() => ballots.id, { onDelete: "cascade" }),
    weight: integer("weight").notNull().default(1),
    /** How many ballots this row counts: 1 for a named choice, the running count for a secret total. */
    ballots: integer("ballots").notNull().default(1),
  },
  (t) => [
    index("ballot_choices_vote").on(t.voteId),
    uniqueIndex("ballot_choices_secret_totals").on(t.voteId, t.optionId).where(sql`${t.ballotId} is null`),
  ],
);

/** A person's private calendar feed: the token (stored hashed) is the feed's address. */
export const calendarFeeds = pgTable("calendar_feeds", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: createdAt(),
});
