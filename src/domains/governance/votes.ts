/**
 * Votes in meetings: motions (yes / no / abstain) and elections (`seats` among candidates), with
 * named or secret ballots, equal or weighted votes (the General Assembly), and a majority rule.
 * Status: `draft` → `open` → `closed`; only drafts change; a closed result is final.
 *
 * Who may vote (checked here, on the server): the meeting's participants of kind `member`. A
 * participant votes when present, or through the participant holding their proxy (attendance
 * `proxy`, `proxyHolderId`) when the holder is present. Online, a member contact casts their
 * organisation's ballot at the General Assembly (and those of the organisations whose proxy it
 * holds); in other bodies a user is the participant `user:<id>` or `contact:<their contact>`. The
 * secretariat enters ballots cast in the room for any participant who may vote.
 *
 * Nobody votes twice: the unique index (vote, voter) turns a second ballot — even one sent at
 * the same moment from another browser — into a 409. A named ballot stores its choices linked to
 * it. A secret ballot stores who voted (the ballot) and never what they chose: in the same
 * transaction it adds its weight and 1 to the running totals of the options it chose, and 0 to
 * the others, rewriting every option's row of totals in one statement (see `addToSecretTotals`).
 * Casting holds a share lock on the vote row, and closing updates it first, so no ballot slips in
 * after the count.
 *
 * Reads the meetings' participants and the bodies' rules directly (tables of the meetings and
 * bodies helpers), and a user's contact from the accounts table.
 */
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { TFunction } from "i18next";
import { recordAudit } from "~/audit/audit";
import type { Actor } from "~/auth/actor";
import { authorize } from "~/auth/authorize";
import type { DbOrTx } from "~/db/client";
import { users } from "~/domains/accounts/schema";
import { governanceBodies } from "~/domains/reference/schema";
import { AppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import { canManageGovernance } from "./policy";
import { type Quorum, quorumOf } from "./quorum";
import { agendaItems, ballotChoices, ballots, meetingParticipants, meetings, voteOptions, votes } from "./schema";
import { tally } from "./tally";
import type { VoteResult } from "./vote-result";
import {
  type BallotInput,
  BallotInput as BallotInputSchema,
  type BallotRecord,
  type CastBallot,
  motionCodes,
  type Vote,
  type VoteInput,
  VoteInput as VoteInputSchema,
  type VoteOption,
  type VotePatch,
  VotePatch as VotePatchSchema,
  type VoterSlot,
  type VoteStatus,
  type VoteSummary,
  voteShapeProblems,
} from "./votes-contract";
import { inhabitantsOf, loadWeighting, voterWeight, type Weighting } from "./weights";

type VoteRow = typeof votes.$inferSelect;
type OptionRow = typeof voteOptions.$inferSelect;
export type Participant = typeof meetingParticipants.$inferSelect;
type Body = { code: string; kind: string; quorumPercent: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** The labels stored for a motion's options (English; pages translate them by code). */
const motionLabels: Record<(typeof motionCodes)[number], string> = { yes: "Yes", no: "No", abstain: "Abstain" };

/** An option's label in the reader's language: a motion's yes / no / abstain translated, a candidate's name as is. */
export function optionLabel(t: TFunction, option: { code: string; label: string }): string {
  return option.code === "candidate" ? option.label : t(`votes:options.${option.code}`);
}

const conflict = (key: string, values: Record<string, string | number> = {}) =>
  new AppError("conflict", `votes:errors.${key}`, {}, values);
const fieldProblem = (field: string, key: string, values?: Record<string, string | number>) =>
  new AppError("validation", "errors:validation", {
    [field]: { key: `votes:errors.${key}`, ...(values ? { values } : {}) },
  });

// ---------------------------------------------------------------------------------------------
// Loading and visibility

type MeetingContext = {
  meeting: typeof meetings.$inferSelect;
  body: Body;
  participants: Participant[];
};

async function meetingContext(db: DbOrTx, meetingId: string): Promise<MeetingContext | null> {
  if (!UUID.test(meetingId)) return null;
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId)).limit(1);
  if (!meeting) return null;
  const [body] = await db
    .select({ code: governanceBodies.code, kind: governanceBodies.kind, quorumPercent: governanceBodies.quorumPercent })
    .from(governanceBodies)
    .where(eq(governanceBodies.code, meeting.bodyCode))
    .limit(1);
  const participants = await db
    .select()
    .from(meetingParticipants)
    .where(eq(meetingParticipants.meetingId, meetingId))
    .orderBy(asc(meetingParticipants.name), asc(meetingParticipants.key));
  return { meeting, body: body ?? { code: meeting.bodyCode, kind: "collegial", quorumPercent: 50 }, participants };
}

/** Who the caller is among participants: their organisation, user and contact. */
type Identity = { userId: string; role: string; organisationId: string | null; contactId: string | null };

async function identityOf(db: DbOrTx, actor: Actor): Promise<Identity | null> {
  if (actor.kind !== "user") return null;
  const [row] = await db.select({ contactId: users.contactId }).from(users).where(eq(users.id, actor.user.id)).limit(1);
  return {
    userId: actor.user.id,
    role: actor.user.role,
    organisationId: actor.user.organisationId,
    contactId: row?.contactId ?? null,
  };
}

/** The participants the caller is: at an assembly their organisation; elsewhere their user or contact. */
export function ownParticipants(identity: Identity | null, bodyKind: string, participants: readonly Participant[]) {
  if (!identity) return [];
  if (bodyKind === "assembly") {
    if (identity.role !== "member_contact" || !identity.organisationId) return [];
    return participants.filter((p) => p.organisationId === identity.organisationId && p.key.startsWith("org:"));
  }
  return participants.filter(
    (p) =>
      p.key === `user:${identity.userId}` ||
      p.userId === identity.userId ||
      (identity.contactId !== null &&
        (p.key === `contact:${identity.contactId}` || p.contactId === identity.contactId)),
  );
}

/**
 * The ballots a caller may cast: for each participant they are who is present, their own (when a
 * member) and those of the members whose proxy they hold.
 */
export function slotsFor(own: readonly Participant[], participants: readonly Participant[]) {
  const slots: { voter: Participant; holder: Participant | null }[] = [];
  for (const me of own) {
    if (me.attendance !== "present") continue;
    if (me.kind === "member") slots.push({ voter: me, holder: null });
    for (const p of participants)
      if (p.kind === "member" && p.attendance === "proxy" && p.proxyHolderId === me.id)
        slots.push({ voter: p, holder: me });
  }
  return slots;
}

/**
 * Whether a participant's ballot can be cast now, and through whom: present in person, or
 * represented by a proxy holder who is present.
 */
export function representation(
  voter: Participant,
  participants: readonly Participant[],
): { ok: true; holder: Participant | null } | { ok: false } {
  if (voter.kind !== "member") return { ok: false };
  if (voter.attendance === "present") return { ok: true, holder: null };
  if (voter.attendance === "proxy" && voter.proxyHolderId) {
    const holder = participants.find((p) => p.id === voter.proxyHolderId);
    if (holder && holder.attendance === "present") return { ok: true, holder };
  }
  return { ok: false };
}

/** Whether the caller sees the meeting's votes: the secretariat and the Board all, member contacts the Assembly's, participants their own meeting's. */
function mayView(actor: Actor, ctx: MeetingContext, own: readonly Participant[]): boolean {
  if (actor.kind === "system") return true;
  if (actor.kind !== "user") return false;
  const role = actor.user.role;
  if (role === "secretariat" || role === "board") return true;
  if (role === "member_contact" && ctx.body.kind === "assembly") return true;
  return own.length > 0;
}

async function visibleMeeting(db: DbOrTx, actor: Actor, meetingId: string) {
  if (actor.kind === "anonymous") throw new AppError("unauthenticated");
  const ctx = await meetingContext(db, meetingId);
  if (!ctx) throw new AppError("not_found");
  const identity = await identityOf(db, actor);
  const own = ownParticipants(identity, ctx.body.kind, ctx.participants);
  if (!mayView(actor, ctx, own)) throw new AppError("not_found");
  return { ...ctx, identity, own };
}

async function voteRow(db: DbOrTx, id: string, lock?: "share" | "update"): Promise<VoteRow | null> {
  if (!UUID.test(id)) return null;
  const query = db.select().from(votes).where(eq(votes.id, id)).limit(1);
  const [row] = lock ? await query.for(lock) : await query;
  return row ?? null;
}

async function visibleVote(db: DbOrTx, actor: Actor, id: string, lock?: "share" | "update") {
  if (actor.kind === "anonymous") throw new AppError("unauthenticated");
  const vote = await voteRow(db, id, lock);
  if (!vote) throw new AppError("not_found");
  return { vote, ...(await visibleMeeting(db, actor, vote.meetingId)) };
}

async function optionsOf(db: DbOrTx, voteId: string): Promise<OptionRow[]> {
  return db.select().from(voteOptions).where(eq(voteOptions.voteId, voteId)).orderBy(asc(voteOptions.position));
}

function toOption(row: OptionRow): VoteOption {
  return {
    id: row.id,
    position: row.position,
    code: row.code as VoteOption["code"],
    label: row.label,
    contactId: row.contactId,
    organisationId: row.organisationId,
  };
}

async function castKeys(db: DbOrTx, voteId: string): Promise<Set<string>> {
  const rows = await db.select({ voterKey: ballots.voterKey }).from(ballots).where(eq(ballots.voteId, voteId));
  return new Set(rows.map((r) => r.voterKey));
}

async function present(
  db: DbOrTx,
  vote: VoteRow,
  own: readonly Participant[],
  participants: readonly Participant[],
): Promise<Vote> {
  const cast = await castKeys(db, vote.id);
  const voters: VoterSlot[] =
    vote.status === "closed"
      ? []
      : slotsFor(own, participants).map(({ voter, holder }) => ({
          voterKey: voter.key,
          name: voter.name,
          proxyHolderKey: holder?.key ?? null,
          cast: cast.has(voter.key),
        }));
  return {
    id: vote.id,
    meetingId: vote.meetingId,
    agendaItemId: vote.agendaItemId,
    kind: vote.kind as Vote["kind"],
    question: vote.question,
    ballot: vote.ballot as Vote["ballot"],
    weighting: vote.weighting as Vote["weighting"],
    majority: vote.majority as Vote["majority"],
    seats: vote.seats,
    status: vote.status as VoteStatus,
    openedAt: iso(vote.openedAt),
    closedAt: iso(vote.closedAt),
    options: (await optionsOf(db, vote.id)).map(toOption),
    ballotsCast: cast.size,
    result: vote.status === "closed" ? (vote.result as VoteResult | null) : null,
    voters,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading

/** A vote as the caller may see it: while open only the number of ballots cast; once closed the result. */
export async function getVote(db: DbOrTx, actor: Actor, id: string): Promise<Vote> {
  const { vote, own, participants } = await visibleVote(db, actor, id);
  return present(db, vote, own, participants);
}

/** The votes of a meeting (for the meeting's page), in the order they were created. */
export async function listVotes(db: DbOrTx, actor: Actor, meetingId: string): Promise<VoteSummary[]> {
  await visibleMeeting(db, actor, meetingId);
  const rows = await db.select().from(votes).where(eq(votes.meetingId, meetingId)).orderBy(asc(votes.createdAt));
  return rows.map((v) => ({
    id: v.id,
    meetingId: v.meetingId,
    agendaItemId: v.agendaItemId,
    kind: v.kind as VoteSummary["kind"],
    question: v.question,
    status: v.status as VoteStatus,
    outcome: v.status === "closed" ? ((v.result as VoteResult | null)?.outcome ?? null) : null,
  }));
}

/**
 * Who voted (secretariat). A named ballot shows what each voter chose; a secret ballot only who
 * voted — the database holds only the option totals, so a secret ballot's choices cannot be shown.
 */
export async function listBallots(db: DbOrTx, actor: Actor, voteId: string): Promise<BallotRecord[]> {
  authorize(actor, canManageGovernance(actor));
  const { vote, participants } = await visibleVote(db, actor, voteId);
  const rows = await db.select().from(ballots).where(eq(ballots.voteId, vote.id)).orderBy(asc(ballots.castAt));
  const chosen = new Map<string, string[]>();
  if (vote.ballot === "named" && rows.length > 0) {
    const choices = await db
      .select({ ballotId: ballotChoices.ballotId, optionId: ballotChoices.optionId, position: voteOptions.position })
      .from(ballotChoices)
      .innerJoin(voteOptions, eq(voteOptions.id, ballotChoices.optionId))
      .where(eq(ballotChoices.voteId, vote.id))
      .orderBy(asc(voteOptions.position));
    for (const c of choices) if (c.ballotId) chosen.set(c.ballotId, [...(chosen.get(c.ballotId) ?? []), c.optionId]);
  }
  const names = new Map(participants.map((p) => [p.key, p.name]));
  return rows.map((b) => ({
    voterKey: b.voterKey,
    name: names.get(b.voterKey) ?? b.voterKey,
    proxyHolderKey: b.proxyHolderKey,
    enteredBySecretariat: b.enteredBySecretariat,
    weight: b.weight,
    castAt: iso(b.castAt) ?? "",
    choices: vote.ballot === "named" ? (chosen.get(b.id) ?? []) : null,
  }));
}

// ---------------------------------------------------------------------------------------------
// Creating and changing drafts (secretariat)

type Shape = {
  agendaItemId: string | null;
  kind: Vote["kind"];
  question: string;
  ballot: Vote["ballot"];
  weighting: Vote["weighting"];
  majority: Vote["majority"];
  seats: number;
  candidates: { label: string; contactId: string | null; organisationId: string | null }[];
};

async function checkShape(db: DbOrTx, ctx: MeetingContext, shape: Shape): Promise<void> {
  const problems = voteShapeProblems(shape);
  if (shape.weighting === "weighted" && ctx.body.kind !== "assembly")
    problems.weighting = { key: "votes:errors.weightedOnlyAssembly" };
  if (shape.agendaItemId) {
    const [item] = await db
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.id, shape.agendaItemId), eq(agendaItems.meetingId, ctx.meeting.id)))
      .limit(1);
    if (!item) problems.agendaItemId = { key: "votes:errors.agendaItemNotInMeeting" };
  }
  if (Object.keys(problems).length > 0) throw new AppError("validation", "errors:validation", problems);
}

async function writeOptions(db: DbOrTx, voteId: string, shape: Shape): Promise<void> {
  await db.delete(voteOptions).where(eq(voteOptions.voteId, voteId));
  const rows =
    shape.kind === "motion"
      ? motionCodes.map((code, i) => ({ voteId, position: i + 1, code, label: motionLabels[code] }))
      : shape.candidates.map((c, i) => ({
          voteId,
          position: i + 1,
          code: "candidate",
          label: c.label,
          contactId: c.contactId,
          organisationId: c.organisationId,
        }));
  await db.insert(voteOptions).values(rows);
}

function auditShape(vote: VoteRow, options: readonly { label: string }[]) {
  return {
    meetingId: vote.meetingId,
    agendaItemId: vote.agendaItemId,
    kind: vote.kind,
    question: vote.question,
    ballot: vote.ballot,
    weighting: vote.weighting,
    majority: vote.majority,
    seats: vote.seats,
    status: vote.status,
    options: options.map((o) => o.label),
  };
}

/** Creates a vote (draft) on a meeting (secretariat). A motion gets yes / no / abstain. */
export async function createVote(db: DbOrTx, actor: Actor, meetingId: string, input: VoteInput): Promise<Vote> {
  authorize(actor, canManageGovernance(actor));
  const data = parseInput(VoteInputSchema, input);
  return db.transaction(async (tx) => {
    const ctx = await visibleMeeting(tx, actor, meetingId);
    if (ctx.meeting.status === "cancelled") throw conflict("meetingCancelled");
    await checkShape(tx, ctx, data);
    const [row] = await tx
      .insert(votes)
      .values({
        meetingId: ctx.meeting.id,
        agendaItemId: data.agendaItemId,
        kind: data.kind,
        question: data.question,
        ballot: data.ballot,
        weighting: data.weighting,
        majority: data.majority,
        seats: data.seats,
      })
      .returning();
    if (!row) throw new AppError("internal");
    await writeOptions(tx, row.id, data);
    const options = await optionsOf(tx, row.id);
    await recordAudit(tx, actor, {
      action: "vote.create",
      entityType: "vote",
      entityId: row.id,
      after: auditShape(row, options),
    });
    return present(tx, row, ctx.own, ctx.participants);
  });
}

/** Changes a draft vote (secretariat); candidates, when sent, replace the election's candidates. */
export async function changeVote(db: DbOrTx, actor: Actor, id: string, input: VotePatch): Promise<Vote> {
  authorize(actor, canManageGovernance(actor));
  const patch = parseInput(VotePatchSchema, input);
  return db.transaction(async (tx) => {
    const ctx = await visibleVote(tx, actor, id, "update");
    const before = ctx.vote;
    if (before.status !== "draft") throw conflict("notDraft");
    const beforeOptions = await optionsOf(tx, before.id);
    const kind = patch.kind ?? (before.kind as Shape["kind"]);
    const shape: Shape = {
      agendaItemId: patch.agendaItemId === undefined ? before.agendaItemId : patch.agendaItemId,
      kind,
      question: patch.question ?? before.question,
      ballot: patch.ballot ?? (before.ballot as Shape["ballot"]),
      weighting: patch.weighting ?? (before.weighting as Shape["weighting"]),
      majority: patch.majority ?? (before.majority as Shape["majority"]),
      seats: patch.seats ?? (kind === "motion" && patch.kind ? 1 : before.seats),
      candidates:
        patch.candidates ??
        (kind === "election"
          ? beforeOptions
              .filter((o) => o.code === "candidate")
              .map((o) => ({ label: o.label, contactId: o.contactId, organisationId: o.organisationId }))
          : []),
    };
    await checkShape(tx, ctx, shape);
    const [row] = await tx
      .update(votes)
      .set({
        agendaItemId: shape.agendaItemId,
        kind: shape.kind,
        question: shape.question,
        ballot: shape.ballot,
        weighting: shape.weighting,
        majority: shape.majority,
        seats: shape.seats,
        updatedAt: new Date(),
      })
      .where(eq(votes.id, before.id))
      .returning();
    if (!row) throw new AppError("not_found");
    if (patch.candidates !== undefined || shape.kind !== before.kind) await writeOptions(tx, row.id, shape);
    const options = await optionsOf(tx, row.id);
    await recordAudit(tx, actor, {
      action: "vote.update",
      entityType: "vote",
      entityId: row.id,
      before: auditShape(before, beforeOptions),
      after: auditShape(row, options),
    });
    return present(tx, row, ctx.own, ctx.participants);
  });
}

/** Deletes a draft vote (secretariat). */
export async function deleteVote(db: DbOrTx, actor: Actor, id: string): Promise<void> {
  authorize(actor, canManageGovernance(actor));
  await db.transaction(async (tx) => {
    const { vote } = await visibleVote(tx, actor, id, "update");
    if (vote.status !== "draft") throw conflict("notDraft");
    const options = await optionsOf(tx, vote.id);
    await tx.delete(votes).where(eq(votes.id, vote.id));
    await recordAudit(tx, actor, {
      action: "vote.delete",
      entityType: "vote",
      entityId: vote.id,
      before: auditShape(vote, options),
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Opening and closing (secretariat)

function quorumFor(ctx: MeetingContext): Quorum {
  return quorumOf(ctx.participants, ctx.body.quorumPercent);
}

const noQuorum = (q: Quorum) => conflict("noQuorum", { taking: q.present + q.byProxy, required: q.required });

/** Opens a draft vote for ballots (secretariat) — only with the quorum. */
export async function openVote(db: DbOrTx, actor: Actor, id: string): Promise<Vote> {
  authorize(actor, canManageGovernance(actor));
  return db.transaction(async (tx) => {
    const ctx = await visibleVote(tx, actor, id, "update");
    if (ctx.vote.status === "closed") throw conflict("closed");
    if (ctx.vote.status !== "draft") throw conflict("alreadyOpen");
    if (ctx.meeting.status === "cancelled") throw conflict("meetingCancelled");
    const quorum = quorumFor(ctx);
    if (!quorum.reached) throw noQuorum(quorum);
    const [row] = await tx
      .update(votes)
      .set({ status: "open", openedAt: new Date(), updatedAt: new Date() })
      .where(eq(votes.id, ctx.vote.id))
      .returning();
    if (!row) throw new AppError("not_found");
    await recordAudit(tx, actor, { action: "vote.open", entityType: "vote", entityId: row.id, after: { quorum } });
    return present(tx, row, ctx.own, ctx.participants);
  });
}

/** The weight each member participant would vote with now (for the absolute majority). */
async function entitledWeight(db: DbOrTx, vote: VoteRow, ctx: MeetingContext, weighting: Weighting): Promise<number> {
  const members = ctx.participants.filter((p) => p.kind === "member");
  const inhabitants =
    vote.weighting === "weighted"
      ? await inhabitantsOf(
          db,
          members.flatMap((p) => (p.organisationId ? [p.organisationId] : [])),
        )
      : new Map();
  return members.reduce((sum, p) => sum + voterWeight(vote, ctx.body.kind, weighting.rule, p, inhabitants), 0);
}

/**
 * Closes an open vote (secretariat): the quorum is checked again (a vote without it stays open
 * until attendance is corrected), the ballots counted and the result stored, final.
 */
export async function closeVote(db: DbOrTx, actor: Actor, id: string): Promise<Vote> {
  authorize(actor, canManageGovernance(actor));
  return db.transaction(async (tx) => {
    // The row lock waits for ballots being cast and keeps new ones out until the count is stored.
    const ctx = await visibleVote(tx, actor, id, "update");
    if (ctx.vote.status === "closed") throw conflict("closed");
    if (ctx.vote.status !== "open") throw conflict("notOpen");
    const quorum = quorumFor(ctx);
    if (!quorum.reached) throw noQuorum(quorum);
    const options = await optionsOf(tx, ctx.vote.id);
    const cast = await tx.select({ weight: ballots.weight }).from(ballots).where(eq(ballots.voteId, ctx.vote.id));
    // Named: one row per ballot and choice; secret: one row of totals per option.
    const choices = await tx
      .select({ optionId: ballotChoices.optionId, weight: ballotChoices.weight, ballots: ballotChoices.ballots })
      .from(ballotChoices)
      .where(eq(ballotChoices.voteId, ctx.vote.id));
    const result = tally({
      vote: {
        kind: ctx.vote.kind as VoteResult["kind"],
        majority: ctx.vote.majority as VoteResult["majority"],
        weighting: ctx.vote.weighting as VoteResult["weighting"],
        ballot: ctx.vote.ballot as VoteResult["ballot"],
        seats: ctx.vote.seats,
      },
      options,
      ballots: cast,
      choices,
      weightEntitled: await entitledWeight(tx, ctx.vote, ctx, await loadWeighting(tx)),
      quorum,
    });
    const [row] = await tx
      .update(votes)
      .set({ status: "closed", closedAt: new Date(), result, updatedAt: new Date() })
      .where(eq(votes.id, ctx.vote.id))
      .returning();
    if (!row) throw new AppError("not_found");
    await recordAudit(tx, actor, { action: "vote.close", entityType: "vote", entityId: row.id, after: { result } });
    return present(tx, row, ctx.own, ctx.participants);
  });
}

// ---------------------------------------------------------------------------------------------
// Casting a ballot

/** A PostgreSQL unique violation (23505) on the one-ballot-per-voter index, however wrapped. */
export function isDuplicateBallot(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e && typeof e === "object" && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const { code, constraint, message } = e as { code?: string; constraint?: string; message?: string };
    if (code === "23505" && (constraint === "ballots_vote_voter" || message?.includes("ballots_vote_voter")))
      return true;
  }
  return false;
}

/**
 * Counts a secret ballot into its vote's totals (one `ballot_choices` row per option, `ballotId`
 * null): one statement writes a row for EVERY option — the ballot's weight and 1 added to the
 * chosen ones, 0 to the others — inserting the rows on the vote's first ballot and updating them
 * on the conflict with the partial unique index afterwards. So every option's row is rewritten by
 * every ballot: no live row, nor its transaction id, tells which options this ballot chose (the
 * replaced versions do, until VACUUM: see docs/decisions/017-votes.md). The rows are written in
 * the options' order, so concurrent ballots lock them in the same order.
 */
async function addToSecretTotals(
  tx: DbOrTx,
  voteId: string,
  options: readonly OptionRow[],
  chosen: readonly string[],
  weight: number,
): Promise<void> {
  await tx
    .insert(ballotChoices)
    .values(
      options.map((o) => {
        const picked = chosen.includes(o.id);
        return { voteId, optionId: o.id, ballotId: null, weight: picked ? weight : 0, ballots: picked ? 1 : 0 };
      }),
    )
    .onConflictDoUpdate({
      target: [ballotChoices.voteId, ballotChoices.optionId],
      targetWhere: sql`${ballotChoices.ballotId} is null`,
      set: {
        weight: sql`${ballotChoices.weight} + excluded.weight`,
        ballots: sql`${ballotChoices.ballots} + excluded.ballots`,
      },
    });
}

/**
 * Casts a ballot. `voterKey` (default: the caller's own) names whose ballot it is: the caller's
 * own participant, one whose proxy they hold, or — for the secretariat entering votes cast in the
 * room — any participant who is present or represented. 409 when the vote is not open or that
 * voter has already voted.
 */
export async function castBallot(db: DbOrTx, actor: Actor, voteId: string, input: BallotInput): Promise<CastBallot> {
  const data = parseInput(BallotInputSchema, input);
  try {
    return await db.transaction(async (tx) => {
      const ctx = await visibleVote(tx, actor, voteId, "share");
      const { vote } = ctx;
      if (vote.status === "closed") throw conflict("closed");
      if (vote.status !== "open") throw conflict("notOpen");

      const secretariat = canManageGovernance(actor);
      const slots = slotsFor(ctx.own, ctx.participants);
      let voter: Participant;
      let holder: Participant | null;
      let entered = false;
      const own = slots.find((s) => (data.voterKey ? s.voter.key === data.voterKey : s.holder === null));
      if (own) {
        voter = own.voter;
        holder = own.holder;
      } else if (secretariat && data.voterKey) {
        const target = ctx.participants.find((p) => p.key === data.voterKey);
        if (target?.kind !== "member") throw fieldProblem("voterKey", "notEntitled");
        const how = representation(target, ctx.participants);
        if (!how.ok) throw conflict("notPresent", { name: target.name });
        voter = target;
        holder = how.holder;
        entered = true;
      } else if (secretariat) {
        throw fieldProblem("voterKey", "voterRequired");
      } else {
        // Not a ballot this caller may cast: say why, in terms of their own participation.
        if (ctx.own.length > 0 && ctx.own.every((p) => p.attendance !== "present"))
          throw new AppError("forbidden", "votes:errors.notPresentYourself");
        if (data.voterKey && ctx.participants.some((p) => p.key === data.voterKey && p.kind === "member"))
          throw new AppError("forbidden", "votes:errors.notYourBallot");
        throw new AppError("forbidden", "votes:errors.notEntitled");
      }

      const options = await optionsOf(tx, vote.id);
      const chosen = [...new Set(data.choices)];
      if (chosen.length !== data.choices.length) throw fieldProblem("choices", "duplicateChoice");
      if (chosen.some((id) => !options.some((o) => o.id === id))) throw fieldProblem("choices", "unknownOption");
      if (vote.kind === "motion" && chosen.length !== 1) throw fieldProblem("choices", "motionOneChoice");
      if (vote.kind === "election" && chosen.length > vote.seats)
        throw fieldProblem("choices", "tooManyChoices", { max: vote.seats });

      const weighting = await loadWeighting(tx);
      const inhabitants = voter.organisationId ? await inhabitantsOf(tx, [voter.organisationId]) : new Map();
      const weight = voterWeight(vote, ctx.body.kind, weighting.rule, voter, inhabitants);

      const [ballot] = await tx
        .insert(ballots)
        .values({
          voteId: vote.id,
          voterKey: voter.key,
          proxyHolderKey: holder?.key ?? null,
          castBy: actor.kind === "user" ? actor.user.id : null,
          enteredBySecretariat: entered,
          weight,
        })
        .returning();
      if (!ballot) throw new AppError("internal");
      if (vote.ballot === "named")
        await tx
          .insert(ballotChoices)
          .values(chosen.map((optionId) => ({ voteId: vote.id, optionId, ballotId: ballot.id, weight })));
      else await addToSecretTotals(tx, vote.id, options, chosen, weight);
      await recordAudit(tx, actor, {
        action: "vote.ballot",
        entityType: "vote",
        entityId: vote.id,
        after: {
          voterKey: voter.key,
          proxyHolderKey: holder?.key ?? null,
          enteredBySecretariat: entered,
          weight,
          // Never what a secret ballot chose.
          ...(vote.ballot === "named" ? { choices: chosen } : {}),
        },
      });
      return {
        id: ballot.id,
        voterKey: ballot.voterKey,
        proxyHolderKey: ballot.proxyHolderKey,
        weight: ballot.weight,
        enteredBySecretariat: ballot.enteredBySecretariat,
      };
    });
  } catch (e) {
    if (isDuplicateBallot(e)) throw conflict("alreadyVoted");
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// The vote's page

export type RoomVoter = {
  key: string;
  name: string;
  attendance: string | null;
  /** The present participant holding their proxy. */
  holderName: string | null;
  canVote: boolean;
  cast: boolean;
};

export type VotePageData = {
  vote: Vote;
  manage: boolean;
  meeting: { id: string; date: string; bodyCode: string; title: string | null };
  /** For the secretariat: who may vote and who has. */
  room: RoomVoter[];
  quorum: Quorum | null;
  /** For the secretariat: the weighting setting could not be used (the vote counts equal). */
  weightingInvalid: boolean;
};

/** What the vote's page shows the caller. */
export async function votePage(db: DbOrTx, actor: Actor, id: string): Promise<VotePageData> {
  const ctx = await visibleVote(db, actor, id);
  const vote = await present(db, ctx.vote, ctx.own, ctx.participants);
  const manage = canManageGovernance(actor);
  let room: RoomVoter[] = [];
  let weightingInvalid = false;
  if (manage) {
    const cast = await castKeys(db, ctx.vote.id);
    room = ctx.participants
      .filter((p) => p.kind === "member")
      .map((p) => {
        const how = representation(p, ctx.participants);
        return {
          key: p.key,
          name: p.name,
          attendance: p.attendance,
          holderName: how.ok && how.holder ? how.holder.name : null,
          canVote: how.ok,
          cast: cast.has(p.key),
        };
      });
    weightingInvalid = ctx.vote.weighting === "weighted" && (await loadWeighting(db)).invalid;
  }
  return {
    vote,
    manage,
    meeting: { id: ctx.meeting.id, date: ctx.meeting.date, bodyCode: ctx.meeting.bodyCode, title: ctx.meeting.title },
    room,
    quorum: manage ? quorumFor(ctx) : null,
    weightingInvalid,
  };
}

/** How many ballots a vote has (for tests and summaries). */
export async function ballotCount(db: DbOrTx, voteId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(ballots).where(eq(ballots.voteId, voteId));
  return Number(row?.n ?? 0);
}
