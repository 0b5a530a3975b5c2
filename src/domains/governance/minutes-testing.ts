/**
 * Test factories for minutes and calendars: meetings, participants, agenda items, decisions,
 * votes with a final result, decided membership applications, users and mandates, written
 * directly to the tables (so these tests do not depend on the services that will normally write
 * them). Only imported by tests.
 */
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { type Actor, type Role, system } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import { users } from "~/domains/accounts/schema";
import { createUser } from "~/domains/accounts/service";
import { membershipApplications } from "~/domains/membership/schema";
import type { Language } from "~/i18n/i18n";
import { agendaItems, decisions, mandates, meetingParticipants, meetings, voteOptions, votes } from "./schema";
import type { VoteResult } from "./vote-result";

let counter = 0;
const next = () => {
  counter += 1;
  return counter;
};

/** A meeting; by default a Board meeting on a date no other test meeting uses. */
export async function buildMeeting(db: DbOrTx, overrides: Partial<typeof meetings.$inferInsert> = {}) {
  const n = next();
  const day = new Date(Date.UTC(2050, 0, 1) + n * 86_400_000 * 3).toISOString().slice(0, 10);
  const [row] = await db
    .insert(meetings)
    .values({ bodyCode: "board", date: day, ...overrides })
    .returning();
  if (!row) throw new Error("meeting not created");
  return row;
}

export async function buildParticipant(
  db: DbOrTx,
  meetingId: string,
  overrides: Partial<typeof meetingParticipants.$inferInsert> & { name: string },
) {
  const n = next();
  const [row] = await db
    .insert(meetingParticipants)
    .values({ meetingId, key: `guest:p${n}@example.org`, kind: "member", ...overrides })
    .returning();
  if (!row) throw new Error("participant not created");
  return row;
}

export async function buildAgendaItem(
  db: DbOrTx,
  meetingId: string,
  overrides: Partial<typeof agendaItems.$inferInsert> & { title: string; position: number },
) {
  const [row] = await db
    .insert(agendaItems)
    .values({ meetingId, ...overrides })
    .returning();
  if (!row) throw new Error("agenda item not created");
  return row;
}

/** A decision in the register, with the next number of its year. */
export async function buildDecision(
  db: DbOrTx,
  input: {
    year: number;
    bodyCode?: string;
    meetingId?: string;
    agendaItemId?: string;
    text: string;
    decidedOn?: string;
  },
) {
  const [max] = await db
    .select({ n: sql<number>`coalesce(max(${decisions.number}), 0)::int` })
    .from(decisions)
    .where(eq(decisions.year, input.year));
  const [row] = await db
    .insert(decisions)
    .values({
      year: input.year,
      number: (max?.n ?? 0) + 1,
      bodyCode: input.bodyCode ?? "board",
      meetingId: input.meetingId ?? null,
      agendaItemId: input.agendaItemId ?? null,
      decidedOn: input.decidedOn ?? `${input.year}-01-15`,
      text: input.text,
    })
    .returning();
  if (!row) throw new Error("decision not created");
  return row;
}

/** A closed vote with its options and final result (`votes` weighted, `ballots` counted per option). */
export async function buildClosedVote(
  db: DbOrTx,
  input: {
    meetingId: string;
    agendaItemId?: string;
    kind?: "motion" | "election";
    question: string;
    ballot?: "named" | "secret";
    weighting?: "equal" | "weighted";
    majority?: "simple" | "two_thirds" | "absolute";
    options: { code: string; label: string; votes: number; ballots: number }[];
    outcome: VoteResult["outcome"];
    elected?: string[];
  },
) {
  const kind = input.kind ?? "motion";
  const ballot = input.ballot ?? "named";
  const weighting = input.weighting ?? "equal";
  const majority = input.majority ?? "simple";
  const [vote] = await db
    .insert(votes)
    .values({
      meetingId: input.meetingId,
      agendaItemId: input.agendaItemId ?? null,
      kind,
      question: input.question,
      ballot,
      weighting,
      majority,
      status: "closed",
      openedAt: new Date(),
      closedAt: new Date(),
    })
    .returning();
  if (!vote) throw new Error("vote not created");
  const options = await db
    .insert(voteOptions)
    .values(input.options.map((o, i) => ({ voteId: vote.id, position: i + 1, code: o.code, label: o.label })))
    .returning();
  const counted = input.options.map((o, i) => ({ optionId: options[i]?.id ?? "", ...o }));
  const result: VoteResult = {
    kind,
    majority,
    weighting,
    ballot,
    quorum: { entitled: 10, present: 8, byProxy: 0, required: 6, reached: true },
    ballots: input.options.reduce((s, o) => s + o.ballots, 0),
    weightCast: input.options.reduce((s, o) => s + o.votes, 0),
    weightEntitled: 10,
    options: counted,
    outcome: input.outcome,
    elected: (input.elected ?? []).map((label) => {
      const o = counted.find((c) => c.label === label);
      return { optionId: o?.optionId ?? "", label, votes: o?.votes ?? 0 };
    }),
  };
  await db.update(votes).set({ result }).where(eq(votes.id, vote.id));
  return { ...vote, result };
}

/** A membership application decided at a meeting. */
export async function buildDecidedApplication(
  db: DbOrTx,
  meetingId: string,
  input: { name: string; decision: "approved" | "rejected"; reason?: string },
) {
  const n = next();
  const person = { name: "Anna Rossi", jobTitle: null, email: `anna${n}@example.org`, phone: null };
  const [row] = await db
    .insert(membershipApplications)
    .values({
      reference: `TEST-${Date.now()}-${n}`,
      accessTokenHash: randomBytes(16).toString("hex"),
      status: input.decision,
      language: "it",
      outcome: "member",
      name: input.name,
      country: "IT",
      type: "municipality",
      legalRepresentative: person,
      contact: { ...person, language: "it" },
      statuteAcceptedAt: new Date(),
      statuteVersion: "test",
      privacyAcceptedAt: new Date(),
      privacyVersion: "test",
      meetingId,
      decision: input.decision,
      decisionReason: input.reason ?? null,
      decidedOn: "2050-01-01",
    })
    .returning();
  if (!row) throw new Error("application not created");
  return row;
}

/** A user account of a role (optionally bound to a contact), and the actor acting as it. */
export async function buildUser(
  db: DbOrTx,
  role: Role,
  options: {
    organisationId?: string | null;
    contactId?: string | null;
    language?: Language | null;
    name?: string;
  } = {},
): Promise<{ id: string; email: string; actor: Actor }> {
  const email = `${role}-${randomBytes(4).toString("hex")}@test.example`;
  const created = await createUser(db, system("test"), {
    email,
    name: options.name ?? `Test ${role}`,
    role,
    organisationId: options.organisationId ?? null,
    language: options.language ?? null,
  });
  if (options.contactId) await db.update(users).set({ contactId: options.contactId }).where(eq(users.id, created.id));
  const actor: Actor = {
    kind: "user",
    via: "session",
    user: {
      id: created.id,
      email,
      name: options.name ?? `Test ${role}`,
      role,
      organisationId: options.organisationId ?? null,
      language: options.language ?? null,
    },
  };
  return { id: created.id, email, actor };
}

export async function buildMandate(db: DbOrTx, input: Partial<typeof mandates.$inferInsert> & { bodyCode: string }) {
  const [row] = await db
    .insert(mandates)
    .values({ name: "Mandate holder", startsOn: "2020-01-01", ...input })
    .returning();
  if (!row) throw new Error("mandate not created");
  return row;
}
