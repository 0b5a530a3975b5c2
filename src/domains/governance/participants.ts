/**
 * Who is invited to a meeting, and whether they came.
 *
 * Inviting members is idempotent: for the General Assembly every organisation that is a member
 * (status `member`) takes part, represented by its primary contact (key `org:<uuid>`); for the
 * other bodies the people holding a mandate of the body on the meeting's date (key
 * `contact:<uuid>` or `user:<uuid>`). Guests are invited by name and e-mail (`guest:<email>`).
 * Everyone not invited yet gets the invitation mail in their language, in the same transaction.
 *
 * Attendance: present, excused, absent or proxy. A proxy is held by another member participant
 * of the same meeting who is present and not represented themself (no chains), at most the
 * setting `governance.maxProxiesPerHolder` (default 2) per holder; guests neither give nor hold
 * proxies. Someone holding proxies stays present until those proxies are moved.
 */
import { and, asc, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "~/audit/audit";
import type { Actor } from "~/auth/actor";
import { authorize } from "~/auth/authorize";
import type { DbOrTx } from "~/db/client";
import { users } from "~/domains/accounts/schema";
import { linkBase } from "~/domains/accounts/service";
import { contacts, organisations } from "~/domains/organisations/schema";
import { readSetting } from "~/domains/reference/settings";
import { AppError } from "~/errors/app-error";
import { isLanguage, type Language } from "~/i18n/i18n";
import { agendaOf } from "./agenda";
import { agendaPapers, loadPapers, mailInvitation } from "./meeting-mail";
import { GENERAL_ASSEMBLY, type MeetingRow, mailMeetingOf, meetingToManage, parseMeetingInput } from "./meetings";
import { AttendanceInput, GuestInput, type Participant } from "./meetings-contract";
import { canManageGovernance } from "./policy";
import { type Quorum, quorumOf } from "./quorum";
import { mandates, meetingParticipants } from "./schema";

type ParticipantRow = typeof meetingParticipants.$inferSelect;
type NewParticipant = typeof meetingParticipants.$inferInsert;

const lang = (value: string | null | undefined): Language => (isLanguage(value) ? value : "en");

export function toParticipant(row: ParticipantRow): Participant {
  return {
    id: row.id,
    key: row.key,
    kind: row.kind === "guest" ? "guest" : "member",
    name: row.name,
    email: row.email,
    language: lang(row.language),
    organisationId: row.organisationId,
    contactId: row.contactId,
    userId: row.userId,
    attendance: (row.attendance as Participant["attendance"]) ?? null,
    proxyHolderId: row.proxyHolderId,
    invitedAt: row.invitedAt ? row.invitedAt.toISOString() : null,
  };
}

/** The setting `governance.maxProxiesPerHolder` (default 2). */
export async function maxProxiesPerHolder(db: DbOrTx): Promise<number> {
  const parsed = z
    .number()
    .int()
    .min(0)
    .max(100)
    .safeParse(await readSetting(db, "governance.maxProxiesPerHolder"));
  return parsed.success ? parsed.data : 2;
}

export async function participantsOf(db: DbOrTx, meetingId: string): Promise<Participant[]> {
  const rows = await db
    .select()
    .from(meetingParticipants)
    .where(eq(meetingParticipants.meetingId, meetingId))
    .orderBy(asc(meetingParticipants.kind), asc(meetingParticipants.name));
  return rows.map(toParticipant);
}

export function quorumFor(participants: readonly Participant[], quorumPercent: number): Quorum & { percent: number } {
  return { percent: quorumPercent, ...quorumOf(participants, quorumPercent) };
}

/** The member participants a meeting of this body has on its date. */
async function membersFor(tx: DbOrTx, meeting: MeetingRow): Promise<NewParticipant[]> {
  if (meeting.bodyCode === GENERAL_ASSEMBLY) {
    const rows = await tx
      .select({
        id: organisations.id,
        name: organisations.name,
        email: contacts.email,
        language: contacts.preferredLanguage,
      })
      .from(organisations)
      .leftJoin(
        contacts,
        sql`${contacts.id} = (select c.id from contacts c where c.organisation_id = ${organisations.id}
          order by c.primary_contact desc, (c.email is null), c.created_at limit 1)`,
      )
      .where(eq(organisations.status, "member"))
      .orderBy(asc(organisations.name));
    return rows.map((o) => ({
      meetingId: meeting.id,
      key: `org:${o.id}`,
      kind: "member",
      organisationId: o.id,
      name: o.name,
      email: o.email,
      language: lang(o.language),
    }));
  }
  const rows = await tx
    .select({
      contactId: mandates.contactId,
      userId: mandates.userId,
      organisationId: mandates.organisationId,
      name: mandates.name,
      contactEmail: contacts.email,
      contactLanguage: contacts.preferredLanguage,
      userEmail: users.email,
      userLanguage: users.language,
    })
    .from(mandates)
    .leftJoin(contacts, eq(contacts.id, mandates.contactId))
    .leftJoin(users, eq(users.id, mandates.userId))
    .where(
      and(
        eq(mandates.bodyCode, meeting.bodyCode),
        lte(mandates.startsOn, meeting.date),
        or(isNull(mandates.endsOn), sql`${mandates.endsOn} >= ${meeting.date}`),
        or(isNull(mandates.endedOn), gt(mandates.endedOn, meeting.date)),
      ),
    )
    .orderBy(asc(mandates.name));
  const out: NewParticipant[] = [];
  for (const m of rows) {
    const key = m.contactId ? `contact:${m.contactId}` : m.userId ? `user:${m.userId}` : null;
    if (!key || out.some((p) => p.key === key)) continue;
    out.push({
      meetingId: meeting.id,
      key,
      kind: "member",
      organisationId: m.organisationId,
      contactId: m.contactId,
      userId: m.userId,
      name: m.name,
      email: m.contactEmail ?? m.userEmail,
      language: lang(m.contactLanguage ?? m.userLanguage),
    });
  }
  return out;
}

/**
 * Mails the invitation, with the agenda and its papers, to everyone of the meeting not invited
 * yet, and marks them invited.
 */
async function inviteOutstanding(tx: DbOrTx, meeting: MeetingRow, baseUrl: string): Promise<number> {
  const outstanding = await tx
    .select()
    .from(meetingParticipants)
    .where(and(eq(meetingParticipants.meetingId, meeting.id), isNull(meetingParticipants.invitedAt)));
  if (outstanding.length === 0) return 0;
  const mailMeeting = await mailMeetingOf(tx, meeting);
  const entries = await agendaOf(tx, meeting.id);
  const content = { agenda: entries.map((e) => e.title), papers: await loadPapers(tx, agendaPapers(entries)) };
  for (const p of outstanding) await mailInvitation(tx, mailMeeting, p, content, baseUrl);
  await tx
    .update(meetingParticipants)
    .set({ invitedAt: new Date() })
    .where(and(eq(meetingParticipants.meetingId, meeting.id), isNull(meetingParticipants.invitedAt)));
  return outstanding.length;
}

function mustBePlanned(meeting: MeetingRow): void {
  if (meeting.status !== "planned") throw new AppError("conflict", "meetings:errors.notPlanned");
}

/**
 * Invites the body's members (idempotent): adds the participants the meeting should have and mails
 * everyone not invited yet. Returns how many were mailed.
 */
export async function inviteMembers(
  db: DbOrTx,
  actor: Actor,
  meetingId: string,
  options: { baseUrl?: string } = {},
): Promise<{ invited: number; participants: Participant[] }> {
  authorize(actor, canManageGovernance(actor));
  return db.transaction(async (tx) => {
    const meeting = await meetingToManage(tx, actor, meetingId);
    mustBePlanned(meeting);
    const members = await membersFor(tx, meeting);
    if (members.length) await tx.insert(meetingParticipants).values(members).onConflictDoNothing();
    const invited = await inviteOutstanding(tx, meeting, linkBase(options.baseUrl ?? ""));
    await recordAudit(tx, actor, {
      action: "meeting.invite",
      entityType: "meeting",
      entityId: meetingId,
      after: { invited },
    });
    return { invited, participants: await participantsOf(tx, meetingId) };
  });
}

/** Invites a guest by name, e-mail and language (mailed at once). */
export async function addGuest(
  db: DbOrTx,
  actor: Actor,
  meetingId: string,
  input: Record<string, unknown>,
  options: { baseUrl?: string } = {},
): Promise<Participant> {
  authorize(actor, canManageGovernance(actor));
  const data = parseMeetingInput(GuestInput, input);
  return db.transaction(async (tx) => {
    const meeting = await meetingToManage(tx, actor, meetingId);
    mustBePlanned(meeting);
    const [row] = await tx
      .insert(meetingParticipants)
      .values({
        meetingId,
        key: `guest:${data.email}`,
        kind: "guest",
        name: data.name,
        email: data.email,
        language: data.language,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError("conflict", "errors:conflict", { email: { key: "meetings:errors.alreadyInvited" } });
    await inviteOutstanding(tx, meeting, linkBase(options.baseUrl ?? ""));
    await recordAudit(tx, actor, {
      action: "meeting.guest",
      entityType: "meeting",
      entityId: meetingId,
      after: { participantId: row.id, name: data.name },
    });
    const [fresh] = await tx.select().from(meetingParticipants).where(eq(meetingParticipants.id, row.id));
    return toParticipant(fresh ?? row);
  });
}

const attendanceProblem = (field: string, key: string, values: Record<string, string | number> = {}) =>
  new AppError("validation", "errors:validation", { [field]: { key: `meetings:errors.${key}`, values } });

/**
 * Records everyone whose attendance is not recorded yet as present (secretariat): the roll call
 * of a meeting where most people came, after which the few exceptions are set one by one.
 * Attendance already recorded (excused, absent, proxy, present) is left as it is. Returns how
 * many were marked.
 */
export async function markRemainingPresent(db: DbOrTx, actor: Actor, meetingId: string): Promise<number> {
  authorize(actor, canManageGovernance(actor));
  return db.transaction(async (tx) => {
    await meetingToManage(tx, actor, meetingId);
    const marked = await tx
      .update(meetingParticipants)
      .set({ attendance: "present", proxyHolderId: null })
      .where(and(eq(meetingParticipants.meetingId, meetingId), isNull(meetingParticipants.attendance)))
      .returning({ id: meetingParticipants.id });
    if (marked.length > 0) {
      await recordAudit(tx, actor, {
        action: "meeting.attendance",
        entityType: "meeting",
        entityId: meetingId,
        after: { attendance: "present", participantIds: marked.map((m) => m.id) },
      });
    }
    return marked.length;
  });
}

/** Sets a participant's attendance (secretariat), checking the proxy rules. */
export async function setAttendance(
  db: DbOrTx,
  actor: Actor,
  meetingId: string,
  participantId: string,
  input: Record<string, unknown>,
): Promise<Participant> {
  authorize(actor, canManageGovernance(actor));
  const data = parseMeetingInput(AttendanceInput, input);
  return db.transaction(async (tx) => {
    await meetingToManage(tx, actor, meetingId);
    const all = await tx
      .select()
      .from(meetingParticipants)
      .where(eq(meetingParticipants.meetingId, meetingId))
      .for("update");
    const me = all.find((p) => p.id === participantId);
    if (!me) throw new AppError("not_found");
    const heldByMe = all.filter((p) => p.attendance === "proxy" && p.proxyHolderId === me.id);
    if (heldByMe.length > 0 && data.attendance !== "present")
      throw attendanceProblem("attendance", "holdsProxies", { count: heldByMe.length });
    let holderId: string | null = null;
    if (data.attendance === "proxy") {
      if (me.kind !== "member") throw attendanceProblem("attendance", "guestNoProxy");
      if (!data.proxyHolderId) throw attendanceProblem("proxyHolderId", "holderRequired");
      const holder = all.find((p) => p.id === data.proxyHolderId);
      if (!holder || holder.id === me.id) throw attendanceProblem("proxyHolderId", "holderNotParticipant");
      if (holder.kind !== "member") throw attendanceProblem("proxyHolderId", "guestNoProxy");
      if (holder.attendance !== "present") throw attendanceProblem("proxyHolderId", "holderNotPresent");
      const held = all.filter((p) => p.attendance === "proxy" && p.proxyHolderId === holder.id && p.id !== me.id);
      const max = await maxProxiesPerHolder(tx);
      if (held.length >= max) throw attendanceProblem("proxyHolderId", "tooManyProxies", { max });
      holderId = holder.id;
    }
    const [row] = await tx
      .update(meetingParticipants)
      .set({ attendance: data.attendance, proxyHolderId: holderId })
      .where(eq(meetingParticipants.id, me.id))
      .returning();
    if (!row) throw new AppError("not_found");
    await recordAudit(tx, actor, {
      action: "meeting.attendance",
      entityType: "meeting",
      entityId: meetingId,
      before: { participantId: me.id, attendance: me.attendance, proxyHolderId: me.proxyHolderId },
      after: { participantId: me.id, attendance: data.attendance, proxyHolderId: holderId },
    });
    return toParticipant(row);
  });
}
