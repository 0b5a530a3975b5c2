/**
 * The agenda of a meeting: ordered items (add, edit, delete, move up or down) with presenter,
 * description, proposed decision and PDF documents, and each item's outcome.
 *
 * Membership applications are not stored as items: the Board meeting an application was assigned
 * to (membership_applications.meeting_id, status ready_for_board, approved or rejected) shows it
 * by itself, after the stored items, with the Board's decision as its outcome. So moving an
 * application to another meeting (membership's rule) moves it on the agendas too, and nothing is
 * ever duplicated.
 *
 * An outcome `approved`, `rejected` or `elected` enters the register of decisions (decisions.ts);
 * changing it later changes the register's text, never its number.
 */
import { and, asc, eq, gt, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { recordAudit } from "~/audit/audit";
import type { Actor } from "~/auth/actor";
import { authorize } from "~/auth/authorize";
import type { DbOrTx } from "~/db/client";
import { linkBase } from "~/domains/accounts/service";
import { membershipApplications } from "~/domains/membership/schema";
import { AppError, type FieldProblem } from "~/errors/app-error";
import { fileInfo, MAX_UPLOAD_BYTES, readFile, type StoredFile, storeFile } from "~/files/files";
import { isRealPdf } from "~/pdf/document";
import { labelOf, recordDecisionInRegister, updateRegisterText } from "./decisions";
import { agendaPapers, loadPapers, mailNewPapers } from "./meeting-mail";
import { type MeetingRow, mailMeetingOf, meetingFor, meetingToManage, parseMeetingInput } from "./meetings";
import {
  type AgendaEntry,
  AgendaItemChange,
  AgendaItemInput,
  type Outcome,
  OutcomeInput,
  registeredOutcomes,
} from "./meetings-contract";
import { canManageGovernance } from "./policy";
import { agendaItems, decisions, meetingParticipants } from "./schema";

export type Upload = { filename: string; contentType: string; content: Uint8Array };
type ItemRow = typeof agendaItems.$inferSelect;

/** The membership applications a meeting decides (or decided), oldest first. */
async function applicationsOf(db: DbOrTx, meetingId: string) {
  return db
    .select({
      id: membershipApplications.id,
      name: membershipApplications.name,
      reference: membershipApplications.reference,
      status: membershipApplications.status,
      decision: membershipApplications.decision,
      decisionReason: membershipApplications.decisionReason,
    })
    .from(membershipApplications)
    .where(
      and(
        eq(membershipApplications.meetingId, meetingId),
        inArray(membershipApplications.status, ["ready_for_board", "approved", "rejected"]),
      ),
    )
    .orderBy(asc(membershipApplications.reference));
}

/**
 * The whole agenda of a meeting as shown: the stored items in order, then one entry per
 * membership application on it (title in the reader's language via `applicationTitle`).
 */
export async function agendaOf(
  db: DbOrTx,
  meetingId: string,
  applicationTitle: (a: { name: string; reference: string }) => string = (a) => `${a.name} (${a.reference})`,
): Promise<AgendaEntry[]> {
  const items = await db
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position), asc(agendaItems.createdAt));
  const registered = await db
    .select({
      id: decisions.id,
      year: decisions.year,
      number: decisions.number,
      agendaItemId: decisions.agendaItemId,
      applicationId: decisions.applicationId,
    })
    .from(decisions)
    .where(eq(decisions.meetingId, meetingId));
  const entries: AgendaEntry[] = [];
  for (const [i, item] of items.entries()) {
    const documents = [];
    for (const id of item.documentIds) {
      const info = await fileInfo(db, id);
      if (info) documents.push({ id: info.id, filename: info.filename, size: info.size });
    }
    const decision = registered.find((d) => d.agendaItemId === item.id);
    entries.push({
      id: item.id,
      position: i + 1,
      title: item.title,
      description: item.description,
      presenter: item.presenter,
      proposedDecision: item.proposedDecision,
      documents,
      applicationId: null,
      link: null,
      outcome: item.outcome as Outcome | null,
      outcomeText: item.outcomeText,
      decision: decision ? { id: decision.id, label: labelOf(decision) } : null,
    });
  }
  for (const a of await applicationsOf(db, meetingId)) {
    const outcome = a.status === "approved" ? "approved" : a.status === "rejected" ? "rejected" : null;
    const decision = registered.find((d) => d.applicationId === a.id);
    entries.push({
      id: null,
      position: entries.length + 1,
      title: applicationTitle(a),
      description: null,
      presenter: null,
      proposedDecision: null,
      documents: [],
      applicationId: a.id,
      link: `/membership/applications/${a.id}`,
      outcome,
      outcomeText: a.decisionReason,
      decision: decision ? { id: decision.id, label: labelOf(decision) } : null,
    });
  }
  return entries;
}

async function itemFor(tx: DbOrTx, meetingId: string, itemId: string): Promise<ItemRow> {
  if (!/^[0-9a-f-]{36}$/i.test(itemId)) throw new AppError("not_found");
  const [item] = await tx
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)))
    .limit(1)
    .for("update");
  if (!item) throw new AppError("not_found");
  return item;
}

/** Adds an item at the end of the agenda (secretariat). */
export async function addAgendaItem(
  db: DbOrTx,
  actor: Actor,
  meetingId: string,
  input: Record<string, unknown>,
): Promise<ItemRow> {
  authorize(actor, canManageGovernance(actor));
  const data = parseMeetingInput(AgendaItemInput, input);
  return db.transaction(async (tx) => {
    await meetingToManage(tx, actor, meetingId);
    const [last] = await tx
      .select({ max: sql<number | null>`max(${agendaItems.position})` })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, meetingId));
    const [row] = await tx
      .insert(agendaItems)
      .values({
        meetingId,
        position: Number(last?.max ?? 0) + 1,
        title: data.title,
        description: data.description ?? null,
        presenter: data.presenter ?? null,
        proposedDecision: data.proposedDecision ?? null,
      })
      .returning();
    if (!row) throw new AppError("internal");
    await recordAudit(tx, actor, { action: "agenda.add", entityType: "agenda_item", entityId: row.id, after: data });
    return row;
  });
}

/** Edits an item, or moves it one place up or down (secretariat). */
export async function updateAgendaItem(
  db: DbOrTx,
  actor: Actor,
  meetingId: string,
  itemId: string,
  input: Record<string, unknown>,
): Promise<ItemRow> {
  authorize(actor, canManageGovernance(actor));
  const { move, ...data } = parseMeetingInput(AgendaItemChange, input);
  return db.transaction(async (tx) => {
    await meetingToManage(tx, actor, meetingId);
    const item = await itemFor(tx, meetingId, itemId);
    let position = item.position;
    if (move) {
      const [neighbour] = await tx
        .select()
        .from(agendaItems)
        .where(
          and(
            eq(agendaItems.meetingId, meetingId),
            move === "up" ? lt(agendaItems.position, item.position) : gt(agendaItems.position, item.position),
          ),
        )
        .orderBy(move === "up" ? sql`${agendaItems.position} desc` : asc(agendaItems.position))
        .limit(1);
      if (neighbour) {
        await tx.update(agendaItems).set({ position: item.position }).where(eq(agendaItems.id, neighbour.id));
        position = neighbour.position;
      }
    }
    const [row] = await tx
      .update(agendaItems)
      .set({ ...data, position, updatedAt: new Date() })
      .where(eq(agendaItems.id, itemId))
      .returning();
    if (!row) throw new AppError("not_found");
    await recordAudit(tx, actor, {
      action: move ? "agenda.move" : "agenda.update",
      entityType: "agenda_item",
      entityId: itemId,
      before: { title: item.title, position: item.position },
      after: { ...data, position },
    });
    return row;
  });
}

/** Deletes an item (secretariat); not one whose decision is in the register. */
export async function deleteAgendaItem(db: DbOrTx, actor: Actor, meetingId: string, itemId: string): Promise<void> {
  authorize(actor, canManageGovernance(actor));
  await db.transaction(async (tx) => {
    await meetingToManage(tx, actor, meetingId);
    const item = await itemFor(tx, meetingId, itemId);
    const [registered] = await tx
      .select({ id: decisions.id })
      .from(decisions)
      .where(eq(decisions.agendaItemId, itemId))
      .limit(1);
    if (registered) throw new AppError("conflict", "meetings:errors.inRegister");
    await tx.delete(agendaItems).where(eq(agendaItems.id, itemId));
    await recordAudit(tx, actor, {
      action: "agenda.delete",
      entityType: "agenda_item",
      entityId: itemId,
      before: { title: item.title, position: item.position },
    });
  });
}

/** A PDF checked as membership checks its uploads: not empty, at most 10 MB, really a PDF. */
export async function checkPdf(upload: Upload): Promise<FieldProblem | null> {
  if (upload.content.byteLength === 0) return { key: "membership:errors.emptyFile" };
  if (upload.content.byteLength > MAX_UPLOAD_BYTES)
    return { key: "membership:errors.fileTooLarge", values: { max: 10 } };
  if (!(await isRealPdf(upload.content))) return { key: "meetings:errors.notPdf" };
  return null;
}

/**
 * Mails a document added after the invitations to everyone invited so far, in their language,
 * attached if it fits (planned meetings only: a cancelled or held meeting's papers are not news).
 */
async function announcePaper(tx: DbOrTx, meeting: MeetingRow, fileId: string, baseUrl: string): Promise<void> {
  if (meeting.status !== "planned") return;
  const invited = await tx
    .select()
    .from(meetingParticipants)
    .where(and(eq(meetingParticipants.meetingId, meeting.id), isNotNull(meetingParticipants.invitedAt)));
  if (invited.length === 0) return;
  const papers = agendaPapers(await agendaOf(tx, meeting.id)).filter((p) => p.fileId === fileId);
  const loaded = await loadPapers(tx, papers);
  const mailMeeting = await mailMeetingOf(tx, meeting);
  for (const p of invited) await mailNewPapers(tx, mailMeeting, p, loaded, baseUrl);
}

/**
 * Attaches a PDF document to an item (secretariat). Once invitations went out, everyone invited
 * gets it by mail in the same transaction.
 */
export async function attachDocument(
  db: DbOrTx,
  actor: Actor,
  meetingId: string,
  itemId: string,
  upload: Upload | null,
  options: { baseUrl?: string } = {},
): Promise<{ id: string; filename: string; size: number }> {
  authorize(actor, canManageGovernance(actor));
  if (!upload) throw new AppError("validation", "errors:validation", { document: { key: "errors:field.required" } });
  const problem = await checkPdf(upload);
  if (problem) throw new AppError("validation", "errors:validation", { document: problem });
  return db.transaction(async (tx) => {
    const meeting = await meetingToManage(tx, actor, meetingId);
    const item = await itemFor(tx, meetingId, itemId);
    const filename = upload.filename.toLowerCase().endsWith(".pdf") ? upload.filename : `${upload.filename}.pdf`;
    const stored = await storeFile(tx, { filename, contentType: "application/pdf", content: upload.content });
    await tx
      .update(agendaItems)
      .set({ documentIds: [...item.documentIds, stored.id], updatedAt: new Date() })
      .where(eq(agendaItems.id, itemId));
    await recordAudit(tx, actor, {
      action: "agenda.document",
      entityType: "agenda_item",
      entityId: itemId,
      after: { fileId: stored.id, filename: stored.filename },
    });
    await announcePaper(tx, meeting, stored.id, linkBase(options.baseUrl ?? ""));
    return { id: stored.id, filename: stored.filename, size: stored.size };
  });
}

/** A document of an agenda item, for those who may see the meeting (404 otherwise). */
export async function readAgendaDocument(
  db: DbOrTx,
  actor: Actor,
  meetingId: string,
  fileId: string,
): Promise<StoredFile> {
  await meetingFor(db, actor, meetingId);
  if (!/^[0-9a-f-]{36}$/i.test(fileId)) throw new AppError("not_found");
  const [item] = await db
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(and(eq(agendaItems.meetingId, meetingId), sql`${fileId}::uuid = any(${agendaItems.documentIds})`))
    .limit(1);
  if (!item) throw new AppError("not_found");
  return readFile(db, fileId);
}

/**
 * Records an item's outcome and its text (secretariat). Approved, rejected and elected enter the
 * register with the next number of the meeting's year; a registered outcome changed later keeps
 * its number and gets the new text. Returns the register entry, if any.
 */
export async function recordOutcome(
  db: DbOrTx,
  actor: Actor,
  meetingId: string,
  itemId: string,
  input: Record<string, unknown>,
): Promise<{ outcome: Outcome | null; text: string | null; decision: { id: string; label: string } | null }> {
  authorize(actor, canManageGovernance(actor));
  const data = parseMeetingInput(OutcomeInput, input);
  return db.transaction(async (tx) => {
    const meeting = await meetingToManage(tx, actor, meetingId);
    const item = await itemFor(tx, meetingId, itemId);
    await tx
      .update(agendaItems)
      .set({ outcome: data.outcome, outcomeText: data.text ?? null, updatedAt: new Date() })
      .where(eq(agendaItems.id, itemId));
    const [existing] = await tx.select().from(decisions).where(eq(decisions.agendaItemId, itemId)).limit(1);
    let decision: { id: string; label: string } | null = null;
    const registers = data.outcome !== null && registeredOutcomes.includes(data.outcome);
    if (existing) {
      // The register keeps its numbers: a changed outcome changes the text only.
      const text = data.text ?? existing.text;
      await updateRegisterText(tx, actor, existing.id, text);
      decision = { id: existing.id, label: labelOf(existing) };
    } else if (registers && data.text) {
      const entry = await recordDecisionInRegister(tx, actor, {
        bodyCode: meeting.bodyCode,
        meetingId,
        agendaItemId: itemId,
        decidedOn: meeting.date,
        text: data.text,
      });
      decision = { id: entry.id, label: entry.label };
    }
    await recordAudit(tx, actor, {
      action: "agenda.outcome",
      entityType: "agenda_item",
      entityId: itemId,
      before: { outcome: item.outcome, text: item.outcomeText },
      after: { outcome: data.outcome, text: data.text ?? null, decision: decision?.label ?? null },
    });
    return { outcome: data.outcome, text: data.text ?? null, decision };
  });
}
