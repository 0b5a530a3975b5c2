/**
 * Test builders for votes: meetings and their participants written straight into the tables (the
 * meetings helper owns the services that normally do it), so the votes' tests stand on their own.
 * Only imported by tests.
 */
import { eq } from "drizzle-orm";
import { type Actor, type Role, system } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import { users } from "~/domains/accounts/schema";
import { createUser } from "~/domains/accounts/service";
import { meetingParticipants, meetings } from "./schema";

let counter = 0;

/** A meeting of a body on a date of its own (unique per body and date). */
export async function buildMeeting(
  db: DbOrTx,
  overrides: Partial<typeof meetings.$inferInsert> = {},
): Promise<typeof meetings.$inferSelect> {
  counter += 1;
  const day = new Date(Date.UTC(2040, 0, 1) + counter * 86_400_000);
  const [row] = await db
    .insert(meetings)
    .values({ bodyCode: "board", date: day.toISOString().slice(0, 10), ...overrides })
    .returning();
  if (!row) throw new Error("meeting not created");
  return row;
}

export type ParticipantSpec = {
  key?: string;
  kind?: "member" | "guest";
  name?: string;
  organisationId?: string | null;
  contactId?: string | null;
  userId?: string | null;
  attendance?: "present" | "excused" | "absent" | "proxy" | null;
  proxyHolderId?: string | null;
};

/** A participant of a meeting (default: a present member, keyed by a fresh `user:` key). */
export async function addParticipant(
  db: DbOrTx,
  meetingId: string,
  spec: ParticipantSpec = {},
): Promise<typeof meetingParticipants.$inferSelect> {
  counter += 1;
  const key =
    spec.key ??
    (spec.organisationId
      ? `org:${spec.organisationId}`
      : spec.contactId
        ? `contact:${spec.contactId}`
        : spec.userId
          ? `user:${spec.userId}`
          : `guest:p${counter}@example.org`);
  const [row] = await db
    .insert(meetingParticipants)
    .values({
      meetingId,
      key,
      kind: spec.kind ?? "member",
      name: spec.name ?? `Participant ${counter}`,
      organisationId: spec.organisationId ?? null,
      contactId: spec.contactId ?? null,
      userId: spec.userId ?? null,
      attendance: spec.attendance === undefined ? "present" : spec.attendance,
      proxyHolderId: spec.proxyHolderId ?? null,
    })
    .returning();
  if (!row) throw new Error("participant not created");
  return row;
}

/** Links a user account to a contact (what the accounts service does when it invites a contact). */
export async function linkUserToContact(db: DbOrTx, userId: string, contactId: string): Promise<void> {
  await db.update(users).set({ contactId }).where(eq(users.id, userId));
}

/** A user account of a role (optionally of an organisation and a contact), as the actor it signs in as. */
export async function buildUserActor(
  db: DbOrTx,
  role: Role,
  options: { organisationId?: string | null; contactId?: string | null; name?: string } = {},
): Promise<Actor> {
  counter += 1;
  const user = await createUser(db, system("test"), {
    email: `voter-${counter}-${Math.random().toString(16).slice(2, 8)}@test.example`,
    name: options.name ?? `Voter ${counter}`,
    role,
    organisationId: options.organisationId ?? null,
    contactId: options.contactId ?? null,
    language: null,
  });
  const { invitation: _invitation, ...signedIn } = user;
  return { kind: "user", via: "session", user: signedIn };
}
