/**
 * The minutes of a meeting. The secretariat generates them from what Ponte knows about the
 * meeting — heading, attendance, quorum, each agenda item with its outcome, the register numbers
 * of its decisions and its votes' results, the membership applications decided — in the meeting's
 * language, then edits the text (optimistic `version`: a stale edit is refused with 409) and may
 * regenerate a draft. The Chair approves them (the account named in the setting
 * `board.chairEmail`, or the holder of a current mandate in the body `chair`), or the secretariat
 * records that a later meeting of the same body approved them. Approved minutes are final: their
 * PDF is rendered once, stored, and served from then on.
 *
 * Who reads them: the secretariat and the Board always (drafts too); member contacts the General
 * Assembly's once approved; everyone the approved minutes of public meetings. Anyone else gets 404.
 */
import { and, asc, eq, gt, inArray, isNull, lte, ne, or } from "drizzle-orm";
import type { TFunction } from "i18next";
import { recordAudit } from "~/audit/audit";
import type { Actor } from "~/auth/actor";
import { authorize } from "~/auth/authorize";
import type { DbOrTx } from "~/db/client";
import { users } from "~/domains/accounts/schema";
import { membershipApplications } from "~/domains/membership/schema";
import { governanceBodies } from "~/domains/reference/schema";
import { readSetting } from "~/domains/reference/settings";
import { AppError } from "~/errors/app-error";
import { parseInput } from "~/errors/validation";
import { readFile, storeFile } from "~/files/files";
import { isLanguage, type Language, localeOf, translator } from "~/i18n/i18n";
import { meetingTimes } from "./calendar";
import { type Minutes, MinutesApproval, MinutesEdit, type MinutesStatus } from "./minutes-contract";
import { type MinutesPdfInput, renderMinutesPdf } from "./minutes-pdf";
import { canManageGovernance, canViewGovernance } from "./policy";
import { quorumOf } from "./quorum";
import { agendaItems, decisions, mandates, meetingParticipants, meetings, minutes, voteOptions, votes } from "./schema";
import type { VoteResult } from "./vote-result";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GENERAL_ASSEMBLY = "general_assembly";
const CHAIR = "chair";

type MeetingRow = typeof meetings.$inferSelect;
type MinutesRow = typeof minutes.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Who

/** Today in the network's time zone (Italy), as YYYY-MM-DD. */
function today(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome" }).format(new Date());
}

/**
 * Whether the actor is the Chair: the account whose e-mail is the setting `board.chairEmail`, or
 * the holder of a current mandate in the body `chair`.
 */
export async function isChair(db: DbOrTx, actor: Actor, on: string = today()): Promise<boolean> {
  if (actor.kind !== "user") return false;
  const setting = await readSetting(db, "board.chairEmail");
  if (typeof setting === "string" && setting.trim() && setting.trim().toLowerCase() === actor.user.email.toLowerCase())
    return true;
  const [mandate] = await db
    .select({ id: mandates.id })
    .from(mandates)
    .where(
      and(
        eq(mandates.bodyCode, CHAIR),
        eq(mandates.userId, actor.user.id),
        lte(mandates.startsOn, on),
        or(isNull(mandates.endsOn), gt(mandates.endsOn, on), eq(mandates.endsOn, on)),
        or(isNull(mandates.endedOn), gt(mandates.endedOn, on)),
      ),
    )
    .limit(1);
  return Boolean(mandate);
}

/** Whether the actor may read these minutes (drafts only for the secretariat, the Board and the Chair). */
function maySee(actor: Actor, meeting: MeetingRow, status: MinutesStatus | null, chair: boolean): boolean {
  if (canViewGovernance(actor) || chair) return true;
  if (status !== "approved") return false;
  if (meeting.public) return true;
  return actor.kind === "user" && actor.user.role === "member_contact" && meeting.bodyCode === GENERAL_ASSEMBLY;
}

// ---------------------------------------------------------------------------------------------
// Reading

async function meetingRow(db: DbOrTx, id: string): Promise<MeetingRow | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db.select().from(meetings).where(eq(meetings.id, id)).limit(1);
  return row ?? null;
}

async function minutesRow(db: DbOrTx, meetingId: string, lock = false): Promise<MinutesRow | null> {
  const query = db.select().from(minutes).where(eq(minutes.meetingId, meetingId)).limit(1);
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

function languageOf(meeting: MeetingRow): Language {
  return isLanguage(meeting.language) ? meeting.language : "en";
}

async function bodyOf(db: DbOrTx, code: string) {
  const [row] = await db.select().from(governanceBodies).where(eq(governanceBodies.code, code)).limit(1);
  return row ?? null;
}

async function bodyName(db: DbOrTx, code: string, language: Language): Promise<string> {
  return (await bodyOf(db, code))?.names[language] ?? code;
}

async function present(db: DbOrTx, meeting: MeetingRow, row: MinutesRow): Promise<Minutes> {
  const language = languageOf(meeting);
  const [approver] = row.approvedBy
    ? await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, row.approvedBy)).limit(1)
    : [];
  const approvedIn = row.approvedInMeetingId ? await meetingRow(db, row.approvedInMeetingId) : null;
  return {
    meetingId: meeting.id,
    meeting: {
      id: meeting.id,
      bodyCode: meeting.bodyCode,
      bodyName: await bodyName(db, meeting.bodyCode, language),
      date: meeting.date,
      title: meeting.title,
      status: meeting.status,
      language,
      public: meeting.public,
    },
    status: row.status === "approved" ? "approved" : "draft",
    text: row.text,
    version: row.version,
    approvedAt: row.approvedAt ? row.approvedAt.toISOString() : null,
    approvedBy: approver ?? null,
    approvedInMeeting: approvedIn ? { id: approvedIn.id, date: approvedIn.date, title: approvedIn.title } : null,
    pdfFileId: row.pdfFileId,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * A meeting's minutes as the actor may read them. Not found (404) when the meeting does not
 * exist, the minutes do not, or the actor may not read them.
 */
export async function getMinutes(db: DbOrTx, actor: Actor, meetingId: string): Promise<Minutes> {
  const meeting = await meetingRow(db, meetingId);
  if (!meeting) throw new AppError("not_found");
  const row = await minutesRow(db, meeting.id);
  if (!row) throw new AppError("not_found");
  const chair = await isChair(db, actor);
  if (!maySee(actor, meeting, row.status as MinutesStatus, chair)) throw new AppError("not_found");
  return present(db, meeting, row);
}

export type MinutesPage = {
  meeting: Minutes["meeting"] & { startTime: string; endTime: string; timeZone: string };
  minutes: Minutes | null;
  /** The secretariat: generate, edit, regenerate, record the approving meeting. */
  mayManage: boolean;
  /** The Chair: approve. */
  mayApproveAsChair: boolean;
  /** Later meetings of the same body (not cancelled), for "approved at meeting …". */
  laterMeetings: { id: string; date: string; title: string | null }[];
};

/** What the minutes page shows: the meeting, its minutes (or none yet) and what the actor may do. */
export async function minutesPage(db: DbOrTx, actor: Actor, meetingId: string): Promise<MinutesPage> {
  const meeting = await meetingRow(db, meetingId);
  if (!meeting) throw new AppError("not_found");
  const row = await minutesRow(db, meeting.id);
  const chair = await isChair(db, actor);
  if (!maySee(actor, meeting, (row?.status ?? null) as MinutesStatus | null, chair)) {
    if (actor.kind === "anonymous") throw new AppError("unauthenticated");
    throw new AppError("not_found");
  }
  const mayManage = canManageGovernance(actor);
  const language = languageOf(meeting);
  const times = meetingTimes(meeting);
  const later = mayManage
    ? await db
        .select({ id: meetings.id, date: meetings.date, title: meetings.title })
        .from(meetings)
        .where(
          and(
            eq(meetings.bodyCode, meeting.bodyCode),
            gt(meetings.date, meeting.date),
            ne(meetings.status, "cancelled"),
          ),
        )
        .orderBy(asc(meetings.date))
    : [];
  return {
    meeting: {
      id: meeting.id,
      bodyCode: meeting.bodyCode,
      bodyName: await bodyName(db, meeting.bodyCode, language),
      date: meeting.date,
      title: meeting.title,
      status: meeting.status,
      language,
      public: meeting.public,
      startTime: times.start,
      endTime: times.end,
      timeZone: meeting.timeZone,
    },
    minutes: row ? await present(db, meeting, row) : null,
    mayManage,
    mayApproveAsChair: chair,
    laterMeetings: later,
  };
}

// ---------------------------------------------------------------------------------------------
// What the minutes say

function longDate(language: Language, date: string): string {
  return new Intl.DateTimeFormat(localeOf[language], { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

function number(language: Language, value: number): string {
  return new Intl.NumberFormat(localeOf[language]).format(value);
}

type DecisionRow = typeof decisions.$inferSelect;
type VoteRow = typeof votes.$inferSelect;
type OptionRow = typeof voteOptions.$inferSelect;

/** Everything the minutes are made of, read in one go. */
async function gather(db: DbOrTx, meeting: MeetingRow) {
  const language = languageOf(meeting);
  const body = await bodyOf(db, meeting.bodyCode);
  const network = await readSetting(db, "network.name");
  const participants = await db
    .select()
    .from(meetingParticipants)
    .where(eq(meetingParticipants.meetingId, meeting.id))
    .orderBy(asc(meetingParticipants.name));
  const items = await db
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meeting.id))
    .orderBy(asc(agendaItems.position), asc(agendaItems.createdAt));
  const itemIds = items.map((i) => i.id);
  const decisionRows = await db
    .select()
    .from(decisions)
    .where(
      itemIds.length > 0
        ? or(eq(decisions.meetingId, meeting.id), inArray(decisions.agendaItemId, itemIds))
        : eq(decisions.meetingId, meeting.id),
    )
    .orderBy(asc(decisions.year), asc(decisions.number));
  const voteRows = await db
    .select()
    .from(votes)
    .where(eq(votes.meetingId, meeting.id))
    .orderBy(asc(votes.createdAt), asc(votes.id));
  const options =
    voteRows.length > 0
      ? await db
          .select()
          .from(voteOptions)
          .where(
            inArray(
              voteOptions.voteId,
              voteRows.map((v) => v.id),
            ),
          )
          .orderBy(asc(voteOptions.position))
      : [];
  const applications = await db
    .select({
      id: membershipApplications.id,
      name: membershipApplications.name,
      reference: membershipApplications.reference,
      decision: membershipApplications.decision,
      decisionReason: membershipApplications.decisionReason,
    })
    .from(membershipApplications)
    .where(eq(membershipApplications.meetingId, meeting.id))
    .orderBy(asc(membershipApplications.reference));
  return {
    language,
    bodyName: body?.names[language] ?? meeting.bodyCode,
    quorumPercent: body?.quorumPercent ?? 50,
    network: typeof network === "string" && network.trim() ? network : "Sweden Emilia-Romagna Network",
    participants,
    items,
    decisions: decisionRows,
    votes: voteRows,
    options,
    applications: applications.filter((a) => a.decision !== null),
  };
}

type Gathered = Awaited<ReturnType<typeof gather>>;

export const registerNumber = (d: { year: number; number: number }) => `${d.year}/${d.number}`;

/** A vote's stored result, if it has the shape of one (closed votes). */
function resultOf(vote: VoteRow): VoteResult | null {
  const r = vote.result as Partial<VoteResult> | null;
  if (vote.status !== "closed" || !r || !Array.isArray(r.options) || typeof r.outcome !== "string") return null;
  return r as VoteResult;
}

function optionLabel(t: TFunction, option: { code: string; label: string }): string {
  return ["yes", "no", "abstain"].includes(option.code) ? t(`minutes:vote.option.${option.code}`) : option.label;
}

/** The lines of a vote: question, ballot and majority, votes per option, outcome, elected. */
function voteLines(t: TFunction, language: Language, vote: VoteRow, options: OptionRow[]): string[] {
  const lines = [t("minutes:text.vote", { question: vote.question })];
  const result = resultOf(vote);
  const ballot = result?.ballot ?? vote.ballot;
  const majority = result?.majority ?? vote.majority;
  const weighting = result?.weighting ?? vote.weighting;
  lines.push(
    t("minutes:text.voteRules", {
      ballot: t(`minutes:vote.ballot.${ballot === "secret" ? "secret" : "named"}`),
      majority: t(`minutes:vote.majority.${["two_thirds", "absolute"].includes(majority) ? majority : "simple"}`),
      weighting: t(`minutes:vote.weighting.${weighting === "weighted" ? "weighted" : "equal"}`),
    }),
  );
  if (!result) {
    lines.push(t("minutes:text.voteNotClosed"));
    return lines;
  }
  const shown = result.options.length > 0 ? result.options : options.map((o) => ({ ...o, votes: 0, ballots: 0 }));
  for (const option of shown) {
    lines.push(
      `- ${t(weighting === "weighted" ? "minutes:text.optionWeighted" : "minutes:text.option", {
        label: optionLabel(t, option),
        votes: number(language, option.votes),
        ballots: number(language, option.ballots),
      })}`,
    );
  }
  lines.push(
    t("minutes:text.voteCast", {
      ballots: number(language, result.ballots),
      weight: number(language, result.weightCast),
      entitled: number(language, result.weightEntitled),
    }),
  );
  lines.push(t("minutes:text.voteOutcome", { outcome: t(`minutes:vote.outcome.${result.outcome}`) }));
  if (result.elected.length > 0) {
    lines.push(
      t("minutes:text.elected", {
        names: result.elected.map((e) => `${e.label} (${number(language, e.votes)})`).join(", "),
      }),
    );
  }
  return lines;
}

/** The text of the minutes, in the meeting's language. */
export function composeMinutesText(meeting: MeetingRow, g: Gathered): string {
  const { language } = g;
  const t = translator(language);
  const out: string[] = [];
  const blank = () => out.push("");
  const list = (names: string[]) => (names.length > 0 ? names.join(", ") : t("minutes:text.none"));

  // Heading
  out.push(`# ${t("minutes:text.heading", { body: g.bodyName })}`);
  out.push(g.network);
  if (meeting.title?.trim()) out.push(t("minutes:text.meeting", { title: meeting.title.trim() }));
  out.push(t("minutes:text.date", { date: longDate(language, meeting.date) }));
  const times = meetingTimes(meeting);
  out.push(t("minutes:text.time", { start: times.start, end: times.end, timeZone: meeting.timeZone }));
  if (meeting.place?.trim()) out.push(t("minutes:text.place", { place: meeting.place.trim() }));
  if (meeting.videoUrl?.trim()) out.push(t("minutes:text.video", { url: meeting.videoUrl.trim() }));
  if (meeting.status === "cancelled") out.push(t("minutes:text.cancelled"));
  blank();

  // Attendance
  const members = g.participants.filter((p) => p.kind === "member");
  const guests = g.participants.filter((p) => p.kind !== "member");
  const byId = new Map(g.participants.map((p) => [p.id, p]));
  const names = (attendance: string | null) => members.filter((p) => p.attendance === attendance).map((p) => p.name);
  out.push(`## ${t("minutes:text.attendance")}`);
  out.push(t("minutes:text.present", { names: list(names("present")) }));
  const proxies = members
    .filter((p) => p.attendance === "proxy")
    .map((p) => {
      const holder = p.proxyHolderId ? byId.get(p.proxyHolderId) : undefined;
      return holder ? t("minutes:text.proxyHeldBy", { name: p.name, holder: holder.name }) : p.name;
    });
  out.push(t("minutes:text.proxy", { names: list(proxies) }));
  out.push(t("minutes:text.excused", { names: list(names("excused")) }));
  out.push(t("minutes:text.absent", { names: list(names("absent")) }));
  const unrecorded = names(null);
  if (unrecorded.length > 0) out.push(t("minutes:text.notRecorded", { names: list(unrecorded) }));
  const guestNames = guests.filter((p) => p.attendance !== "absent" && p.attendance !== "excused").map((p) => p.name);
  out.push(t("minutes:text.guests", { names: list(guestNames) }));
  blank();

  // Quorum
  const quorum = quorumOf(g.participants, g.quorumPercent);
  out.push(`## ${t("minutes:text.quorum")}`);
  out.push(
    t(quorum.reached ? "minutes:text.quorumReached" : "minutes:text.quorumNotReached", {
      taking: number(language, quorum.present + quorum.byProxy),
      entitled: number(language, quorum.entitled),
      present: number(language, quorum.present),
      byProxy: number(language, quorum.byProxy),
      required: number(language, quorum.required),
      percent: number(language, g.quorumPercent),
    }),
  );
  blank();

  // Agenda
  const optionsOf = (voteId: string) => g.options.filter((o) => o.voteId === voteId);
  const decisionLine = (d: DecisionRow) => t("minutes:text.decision", { number: registerNumber(d), text: d.text });
  for (const [index, item] of g.items.entries()) {
    out.push(`## ${t("minutes:text.item", { position: index + 1, title: item.title })}`);
    if (item.presenter?.trim()) out.push(t("minutes:text.presenter", { name: item.presenter.trim() }));
    if (item.description?.trim()) out.push(item.description.trim());
    if (item.proposedDecision?.trim()) out.push(t("minutes:text.proposed", { text: item.proposedDecision.trim() }));
    const outcome = item.outcome ? t(`minutes:outcome.${item.outcome}`, { defaultValue: item.outcome }) : null;
    if (outcome) {
      out.push(
        item.outcomeText?.trim()
          ? t("minutes:text.outcomeWithText", { outcome, text: item.outcomeText.trim() })
          : t("minutes:text.outcome", { outcome }),
      );
    } else out.push(t("minutes:text.noOutcome"));
    for (const d of g.decisions.filter((d) => d.agendaItemId === item.id)) out.push(decisionLine(d));
    for (const vote of g.votes.filter((v) => v.agendaItemId === item.id)) {
      blank();
      out.push(...voteLines(t, language, vote, optionsOf(vote.id)));
    }
    blank();
  }

  // Decisions and votes of the meeting not tied to an item
  const itemIds = new Set(g.items.map((i) => i.id));
  // (A decision on a membership application is listed with the application, below.)
  const looseDecisions = g.decisions.filter(
    (d) => !d.applicationId && (!d.agendaItemId || !itemIds.has(d.agendaItemId)),
  );
  if (looseDecisions.length > 0) {
    out.push(`## ${t("minutes:text.otherDecisions")}`);
    for (const d of looseDecisions) out.push(decisionLine(d));
    blank();
  }
  const looseVotes = g.votes.filter((v) => !v.agendaItemId || !itemIds.has(v.agendaItemId));
  if (looseVotes.length > 0) {
    out.push(`## ${t("minutes:text.otherVotes")}`);
    for (const vote of looseVotes) {
      out.push(...voteLines(t, language, vote, optionsOf(vote.id)));
      blank();
    }
  }

  // Membership applications decided at this meeting
  if (g.applications.length > 0) {
    out.push(`## ${t("minutes:text.applications")}`);
    for (const a of g.applications) {
      const decision = t(`minutes:application.${a.decision === "approved" ? "approved" : "rejected"}`);
      out.push(
        `- ${t("minutes:text.application", { name: a.name, reference: a.reference, decision })}${
          a.decisionReason?.trim() ? ` — ${a.decisionReason.trim()}` : ""
        }`,
      );
      const registered = g.decisions.find((d) => d.applicationId === a.id);
      if (registered) out.push(`  ${decisionLine(registered)}`);
    }
    blank();
  }
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}

// ---------------------------------------------------------------------------------------------
// Changing

/** Loads the meeting, 404 if the actor may not even read its minutes, 403 if they may read but not manage. */
async function requireManager(db: DbOrTx, actor: Actor, meetingId: string): Promise<MeetingRow> {
  const meeting = await meetingRow(db, meetingId);
  if (!meeting) throw new AppError("not_found");
  if (!canManageGovernance(actor)) {
    const row = await minutesRow(db, meeting.id);
    if (!maySee(actor, meeting, (row?.status ?? null) as MinutesStatus | null, await isChair(db, actor)))
      throw new AppError("not_found");
    authorize(actor, false);
  }
  return meeting;
}

const finalError = () => new AppError("conflict", "minutes:errors.final");

/**
 * Generates the minutes (secretariat) while they are a draft or do not exist: creates them, or
 * replaces a draft's text with a fresh one (the page asks for confirmation first).
 */
export async function generateMinutes(
  db: DbOrTx,
  actor: Actor,
  meetingId: string,
): Promise<Minutes & { created: boolean }> {
  const meeting = await requireManager(db, actor, meetingId);
  if (meeting.status === "cancelled") throw new AppError("conflict", "minutes:errors.cancelled");
  return db.transaction(async (tx) => {
    const existing = await minutesRow(tx, meeting.id, true);
    if (existing?.status === "approved") throw finalError();
    const text = composeMinutesText(meeting, await gather(tx, meeting));
    let row: MinutesRow | undefined;
    if (existing) {
      [row] = await tx
        .update(minutes)
        .set({ text, version: existing.version + 1, updatedAt: new Date() })
        .where(eq(minutes.meetingId, meeting.id))
        .returning();
    } else {
      // Two first generations at once: the second finds the row taken and is told to reload.
      [row] = await tx
        .insert(minutes)
        .values({ meetingId: meeting.id, text, status: "draft", version: 1 })
        .onConflictDoNothing()
        .returning();
      if (!row) throw new AppError("conflict", "minutes:errors.stale");
    }
    if (!row) throw new AppError("internal");
    await recordAudit(tx, actor, {
      action: existing ? "minutes.regenerated" : "minutes.generated",
      entityType: "minutes",
      entityId: meeting.id,
      before: existing ? { version: existing.version, length: existing.text.length } : null,
      after: { version: row.version, length: row.text.length },
    });
    return { ...(await present(tx, meeting, row)), created: !existing };
  });
}

/** Edits a draft's text (secretariat). A stale `version` or approved minutes: 409. */
export async function editMinutes(db: DbOrTx, actor: Actor, meetingId: string, input: unknown): Promise<Minutes> {
  const meeting = await requireManager(db, actor, meetingId);
  const { text, version } = parseInput(MinutesEdit, input);
  return db.transaction(async (tx) => {
    const existing = await minutesRow(tx, meeting.id, true);
    if (!existing) throw new AppError("not_found");
    if (existing.status === "approved") throw finalError();
    if (existing.version !== version)
      throw new AppError("conflict", "minutes:errors.stale", { version: { key: "minutes:errors.staleField" } });
    const [row] = await tx
      .update(minutes)
      .set({ text, version: existing.version + 1, updatedAt: new Date() })
      .where(and(eq(minutes.meetingId, meeting.id), eq(minutes.version, version)))
      .returning();
    if (!row) throw new AppError("conflict", "minutes:errors.stale");
    await recordAudit(tx, actor, {
      action: "minutes.edited",
      entityType: "minutes",
      entityId: meeting.id,
      before: { version: existing.version, length: existing.text.length },
      after: { version: row.version, length: row.text.length },
    });
    return present(tx, meeting, row);
  });
}

/** What the PDF prints besides the text: the register of decisions, the vote results, the approval. */
async function pdfInput(db: DbOrTx, meeting: MeetingRow, row: MinutesRow): Promise<MinutesPdfInput> {
  const g = await gather(db, meeting);
  const t = translator(g.language);
  let approval: string | null = null;
  if (row.status === "approved" && row.approvedAt) {
    const at = row.approvedAt.toISOString().slice(0, 10);
    const [by] = row.approvedBy
      ? await db.select({ name: users.name }).from(users).where(eq(users.id, row.approvedBy)).limit(1)
      : [];
    const inMeeting = row.approvedInMeetingId ? await meetingRow(db, row.approvedInMeetingId) : null;
    approval = inMeeting
      ? t("minutes:pdf.approvedInMeeting", {
          body: g.bodyName,
          date: longDate(g.language, inMeeting.date),
          recorded: longDate(g.language, at),
          name: by?.name ?? "—",
        })
      : t("minutes:pdf.approvedByChair", { date: longDate(g.language, at), name: by?.name ?? "—" });
  }
  return {
    language: g.language,
    network: g.network,
    title: t("minutes:text.heading", { body: g.bodyName }),
    subtitle: [meeting.title?.trim(), longDate(g.language, meeting.date)].filter(Boolean).join(" — "),
    text: row.text,
    draft: row.status !== "approved",
    decisions: g.decisions.map((d) => ({ number: registerNumber(d), text: d.text })),
    votes: g.votes.map((v) =>
      voteLines(
        t,
        g.language,
        v,
        g.options.filter((o) => o.voteId === v.id),
      ),
    ),
    approval,
  };
}

function pdfFilename(meeting: MeetingRow, draft: boolean): string {
  return `minutes-${meeting.bodyCode}-${meeting.date}${draft ? "-draft" : ""}.pdf`;
}

/**
 * Approves the minutes: by the Chair (no meeting given), or by the secretariat recording the later
 * meeting of the same body that approved them. Renders and stores the PDF; the minutes are final.
 */
export async function approveMinutes(
  db: DbOrTx,
  actor: Actor,
  meetingId: string,
  input: unknown = {},
): Promise<Minutes> {
  const meeting = await meetingRow(db, meetingId);
  if (!meeting) throw new AppError("not_found");
  const chair = await isChair(db, actor);
  const current = await minutesRow(db, meeting.id);
  if (!current || !maySee(actor, meeting, current.status as MinutesStatus, chair)) throw new AppError("not_found");
  const { approvedInMeetingId } = parseInput(MinutesApproval, input ?? {});
  if (approvedInMeetingId) {
    authorize(actor, canManageGovernance(actor));
    const later = await meetingRow(db, approvedInMeetingId);
    const field = (key: string) => new AppError("validation", "errors:validation", { approvedInMeetingId: { key } });
    if (!later) throw field("minutes:errors.approvingMeetingUnknown");
    if (later.bodyCode !== meeting.bodyCode || later.date <= meeting.date || later.status === "cancelled")
      throw field("minutes:errors.approvingMeetingNotLater");
  } else if (!chair) {
    if (canManageGovernance(actor))
      throw new AppError("validation", "errors:validation", {
        approvedInMeetingId: { key: "minutes:errors.approvingMeetingRequired" },
      });
    authorize(actor, false);
  }

  return db.transaction(async (tx) => {
    const existing = await minutesRow(tx, meeting.id, true);
    if (!existing) throw new AppError("not_found");
    if (existing.status === "approved") throw finalError();
    const approved: MinutesRow = {
      ...existing,
      status: "approved",
      approvedAt: new Date(),
      approvedBy: actor.kind === "user" ? actor.user.id : null,
      approvedInMeetingId: approvedInMeetingId ?? null,
    };
    const bytes = await renderMinutesPdf(await pdfInput(tx, meeting, approved));
    const file = await storeFile(tx, {
      filename: pdfFilename(meeting, false),
      contentType: "application/pdf",
      content: bytes,
    });
    const [row] = await tx
      .update(minutes)
      .set({
        status: "approved",
        approvedAt: approved.approvedAt,
        approvedBy: approved.approvedBy,
        approvedInMeetingId: approved.approvedInMeetingId,
        pdfFileId: file.id,
        version: existing.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(minutes.meetingId, meeting.id))
      .returning();
    if (!row) throw new AppError("internal");
    await recordAudit(tx, actor, {
      action: "minutes.approved",
      entityType: "minutes",
      entityId: meeting.id,
      before: { status: existing.status, version: existing.version },
      after: {
        status: row.status,
        version: row.version,
        approvedInMeetingId: row.approvedInMeetingId,
        pdfFileId: row.pdfFileId,
      },
    });
    return present(tx, meeting, row);
  });
}

/**
 * The minutes as PDF, for whoever may read them: the stored PDF of approved minutes, or a draft
 * rendered now (marked as draft).
 */
export async function minutesPdf(
  db: DbOrTx,
  actor: Actor,
  meetingId: string,
): Promise<{ filename: string; bytes: Uint8Array; language: Language; draft: boolean }> {
  const view = await getMinutes(db, actor, meetingId);
  const meeting = await meetingRow(db, view.meetingId);
  const row = await minutesRow(db, view.meetingId);
  if (!meeting || !row) throw new AppError("not_found");
  const language = languageOf(meeting);
  if (row.status === "approved" && row.pdfFileId) {
    const file = await readFile(db, row.pdfFileId);
    return { filename: file.filename, bytes: file.content, language, draft: false };
  }
  const bytes = await renderMinutesPdf(await pdfInput(db, meeting, row));
  return {
    filename: pdfFilename(meeting, row.status !== "approved"),
    bytes,
    language,
    draft: row.status !== "approved",
  };
}
