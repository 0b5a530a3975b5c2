import { eq } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "~/audit/schema";
import { type Actor, anonymous } from "~/auth/actor";
import { buildOrganisation, testActors } from "~/domains/organisations/testing";
import { writeSetting } from "~/domains/reference/settings";
import { AppError } from "~/errors/app-error";
import { readFile } from "~/files/files";
import { isRealPdf } from "~/pdf/document";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { approveMinutes, editMinutes, generateMinutes, getMinutes, minutesPdf } from "./minutes";
import {
  buildAgendaItem,
  buildClosedVote,
  buildDecidedApplication,
  buildDecision,
  buildMandate,
  buildMeeting,
  buildParticipant,
  buildUser,
} from "./minutes-testing";
import { minutes } from "./schema";

let database: TestDatabase;
let secretariat: Actor;
let board: Actor;
let chair: Actor;
let memberContact: Actor;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  secretariat = (await buildUser(database.db, "secretariat", { name: "Sara Segreteria" })).actor;
  board = (await buildUser(database.db, "board")).actor;
  const chairUser = await buildUser(database.db, "board", { name: "Carlo Presidente" });
  chair = chairUser.actor;
  await writeSetting(database.db, "board.chairEmail", chairUser.email.toUpperCase());
  const org = await buildOrganisation(database.db);
  memberContact = (await buildUser(database.db, "member_contact", { organisationId: org.id })).actor;
});
afterAll(async () => {
  await database?.close();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return "ok";
}

async function fieldsOf(promise: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, v.key]));
    throw e;
  }
  return {};
}

/** A held Board meeting in Italian with attendance, two agenda items, decisions, two votes and an application. */
async function italianBoardMeeting(year: number) {
  const meeting = await buildMeeting(database.db, {
    bodyCode: "board",
    date: `${year}-02-18`,
    status: "held",
    title: "Riunione di febbraio",
    language: "it",
    startTime: "14:00",
    endTime: "16:00",
    place: "Parma, Sala del Consiglio",
    videoUrl: "https://meet.example.org/board",
  });
  const alice = await buildParticipant(database.db, meeting.id, { name: "Alice Bianchi", attendance: "present" });
  await buildParticipant(database.db, meeting.id, {
    name: "Bruno Verdi",
    attendance: "proxy",
    proxyHolderId: alice.id,
  });
  await buildParticipant(database.db, meeting.id, { name: "Carla Neri", attendance: "excused" });
  await buildParticipant(database.db, meeting.id, { name: "Dario Rossi", attendance: "absent" });
  await buildParticipant(database.db, meeting.id, { name: "Greta Gästsson", kind: "guest", attendance: "present" });
  const budget = await buildAgendaItem(database.db, meeting.id, {
    position: 1,
    title: "Bilancio consuntivo",
    presenter: "Il tesoriere",
    proposedDecision: "Approvare il bilancio consuntivo.",
    outcome: "approved",
    outcomeText: "Il bilancio è approvato all'unanimità dei votanti.",
  });
  const election = await buildAgendaItem(database.db, meeting.id, {
    position: 2,
    title: "Elezione del vicepresidente",
    outcome: "elected",
  });
  const decision = await buildDecision(database.db, {
    year,
    meetingId: meeting.id,
    agendaItemId: budget.id,
    text: "Il bilancio consuntivo è approvato.",
  });
  await buildClosedVote(database.db, {
    meetingId: meeting.id,
    agendaItemId: budget.id,
    question: "Approvare il bilancio?",
    options: [
      { code: "yes", label: "yes", votes: 3, ballots: 3 },
      { code: "no", label: "no", votes: 1, ballots: 1 },
      { code: "abstain", label: "abstain", votes: 0, ballots: 0 },
    ],
    outcome: "passed",
  });
  await buildClosedVote(database.db, {
    meetingId: meeting.id,
    agendaItemId: election.id,
    kind: "election",
    ballot: "secret",
    question: "Chi eleggere vicepresidente?",
    options: [
      { code: "candidate", label: "Maria Gialli", votes: 3, ballots: 3 },
      { code: "candidate", label: "Lars Lind", votes: 1, ballots: 1 },
    ],
    outcome: "elected",
    elected: ["Maria Gialli"],
  });
  await buildDecidedApplication(database.db, meeting.id, { name: "Comune di Modena", decision: "approved" });
  return { meeting, decision };
}

describe("generating minutes", () => {
  it("writes them in the meeting's language with heading, attendance, quorum, outcomes, register numbers, votes and applications", async () => {
    const { meeting } = await italianBoardMeeting(2027);
    const created = await generateMinutes(database.db, secretariat, meeting.id);
    expect(created.created).toBe(true);
    expect(created.status).toBe("draft");
    expect(created.version).toBe(1);
    const text = created.text;
    expect(text).toContain("# Verbale — Consiglio direttivo");
    expect(text).toContain("Riunione: Riunione di febbraio");
    expect(text).toContain("Data: 18 febbraio 2027");
    expect(text).toContain("Orario: 14:00–16:00 (Europe/Rome)");
    expect(text).toContain("Luogo: Parma, Sala del Consiglio");
    expect(text).toContain("Video: https://meet.example.org/board");
    expect(text).toContain("Presenti: Alice Bianchi");
    expect(text).toContain("Rappresentati per delega: Bruno Verdi (delega a Alice Bianchi)");
    expect(text).toContain("Assenti giustificati: Carla Neri");
    expect(text).toContain("Assenti: Dario Rossi");
    expect(text).toContain("Ospiti: Greta Gästsson");
    // 4 entitled, 1 present + 1 by proxy, 50 %: 2 required.
    expect(text).toContain(
      "Il quorum è stato raggiunto: hanno partecipato 2 aventi diritto di voto su 4 (1 presenti, 1 per delega); richiesti: 2 (50 %).",
    );
    expect(text).toContain("## 1. Bilancio consuntivo");
    expect(text).toContain("Relatore: Il tesoriere");
    expect(text).toContain("Proposta di deliberazione: Approvare il bilancio consuntivo.");
    expect(text).toContain("Esito: approvato. Il bilancio è approvato all'unanimità dei votanti.");
    expect(text).toContain("Deliberazione 2027/1: Il bilancio consuntivo è approvato.");
    expect(text).toContain("Votazione: Approvare il bilancio?");
    expect(text).toContain("Modalità: voto palese, maggioranza semplice, un voto ciascuno.");
    expect(text).toContain("- Sì: 3");
    expect(text).toContain("- No: 1");
    expect(text).toContain("Risultato: approvata.");
    expect(text).toContain("## 2. Elezione del vicepresidente");
    expect(text).toContain("voto segreto");
    expect(text).toContain("Eletti: Maria Gialli (3)");
    expect(text).toContain("Comune di Modena");
    expect(text).toContain("ammessa");
    // The vote of item 1 is listed under item 1, before item 2.
    expect(text.indexOf("Approvare il bilancio?")).toBeLessThan(text.indexOf("## 2."));
  });

  it("writes English minutes for an English meeting, says when the quorum was missed, and lists votes not tied to an item", async () => {
    const meeting = await buildMeeting(database.db, { bodyCode: "presidium", date: "2028-03-01", language: "en" });
    await buildParticipant(database.db, meeting.id, { name: "Eva", attendance: "present" });
    await buildParticipant(database.db, meeting.id, { name: "Finn", attendance: "absent" });
    await buildParticipant(database.db, meeting.id, { name: "Gia", attendance: "absent" });
    await buildClosedVote(database.db, {
      meetingId: meeting.id,
      question: "Adopt the work plan?",
      weighting: "weighted",
      majority: "two_thirds",
      options: [
        { code: "yes", label: "yes", votes: 7, ballots: 1 },
        { code: "no", label: "no", votes: 0, ballots: 0 },
      ],
      outcome: "rejected",
    });
    const { text } = await generateMinutes(database.db, secretariat, meeting.id);
    expect(text).toContain("# Minutes — Presidium");
    expect(text).toContain("Time: 10:00–12:00 (Europe/Rome)");
    expect(text).toContain("The quorum was not reached: 1 of 3 entitled to vote took part");
    expect(text).toContain("## Other votes");
    expect(text).toContain("- Yes: 7 (weighted; 1 ballots)");
    expect(text).toContain("two-thirds majority, weighted votes.");
    expect(text).toContain("Result: rejected.");
  });

  it("is only for the secretariat, and a cancelled meeting has none", async () => {
    const meeting = await buildMeeting(database.db);
    expect(await codeOf(generateMinutes(database.db, board, meeting.id))).toBe("forbidden");
    expect(await codeOf(generateMinutes(database.db, memberContact, meeting.id))).toBe("not_found");
    expect(await codeOf(generateMinutes(database.db, anonymous, meeting.id))).toBe("not_found");
    const cancelled = await buildMeeting(database.db, { status: "cancelled" });
    expect(await codeOf(generateMinutes(database.db, secretariat, cancelled.id))).toBe("conflict");
    expect(await database.db.select().from(minutes).where(eq(minutes.meetingId, meeting.id))).toEqual([]);
  });
});

describe("editing and regenerating", () => {
  it("saves with the current version, refuses a stale one (409) without changing anything, and regenerates a draft", async () => {
    const meeting = await buildMeeting(database.db, { language: "sv", title: "Vårmöte" });
    const first = await generateMinutes(database.db, secretariat, meeting.id);
    expect(first.text).toContain("# Protokoll — Styrelse");
    const edited = await editMinutes(database.db, secretariat, meeting.id, {
      text: "# Protokoll\nJusterat av sekretariatet.",
      version: first.version,
    });
    expect(edited.version).toBe(first.version + 1);
    expect(edited.text).toBe("# Protokoll\nJusterat av sekretariatet.");

    expect(
      await codeOf(editMinutes(database.db, secretariat, meeting.id, { text: "Old tab", version: first.version })),
    ).toBe("conflict");
    expect((await getMinutes(database.db, secretariat, meeting.id)).text).toBe(
      "# Protokoll\nJusterat av sekretariatet.",
    );

    expect(await fieldsOf(editMinutes(database.db, secretariat, meeting.id, { text: "  ", version: 2 }))).toEqual({
      text: "errors:field.required",
    });
    expect(await codeOf(editMinutes(database.db, board, meeting.id, { text: "x", version: 2 }))).toBe("forbidden");

    const regenerated = await generateMinutes(database.db, secretariat, meeting.id);
    expect(regenerated.created).toBe(false);
    expect(regenerated.version).toBe(edited.version + 1);
    expect(regenerated.text).toContain("Möte: Vårmöte");

    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, meeting.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["minutes.edited", "minutes.generated", "minutes.regenerated"]);
  });
});

describe("approving", () => {
  it("by the Chair (the setting's e-mail): final, with a stored PDF that loads; later edits and regeneration are refused", async () => {
    const { meeting } = await italianBoardMeeting(2029);
    const draft = await generateMinutes(database.db, secretariat, meeting.id);
    expect(draft.text).toContain("Deliberazione 2029/1");

    const draftPdf = await minutesPdf(database.db, board, meeting.id);
    expect(draftPdf.draft).toBe(true);
    expect(draftPdf.filename).toMatch(/-draft\.pdf$/);
    expect(await isRealPdf(draftPdf.bytes)).toBe(true);
    expect((await PDFDocument.load(draftPdf.bytes)).getTitle()).toBe("Verbale — Consiglio direttivo (Bozza)");

    expect(await codeOf(approveMinutes(database.db, board, meeting.id))).toBe("forbidden");
    expect(await fieldsOf(approveMinutes(database.db, secretariat, meeting.id))).toEqual({
      approvedInMeetingId: "minutes:errors.approvingMeetingRequired",
    });

    const approved = await approveMinutes(database.db, chair, meeting.id);
    expect(approved.status).toBe("approved");
    expect(approved.approvedBy?.name).toBe("Carlo Presidente");
    expect(approved.approvedInMeeting).toBeNull();
    expect(approved.approvedAt).not.toBeNull();
    if (!approved.pdfFileId) throw new Error("no PDF stored");
    const stored = await readFile(database.db, approved.pdfFileId);
    expect(stored.contentType).toBe("application/pdf");
    expect(await isRealPdf(stored.content)).toBe(true);
    const doc = await PDFDocument.load(stored.content);
    expect(doc.getPageCount()).toBeGreaterThan(0);
    expect(doc.getTitle()).toBe("Verbale — Consiglio direttivo");
    expect(doc.getKeywords()).toContain("2029/1");

    const served = await minutesPdf(database.db, board, meeting.id);
    expect(served.draft).toBe(false);
    expect(Buffer.from(served.bytes).equals(Buffer.from(stored.content))).toBe(true);

    expect(
      await codeOf(editMinutes(database.db, secretariat, meeting.id, { text: "late", version: approved.version })),
    ).toBe("conflict");
    expect(await codeOf(generateMinutes(database.db, secretariat, meeting.id))).toBe("conflict");
    expect(await codeOf(approveMinutes(database.db, chair, meeting.id))).toBe("conflict");
    expect((await getMinutes(database.db, secretariat, meeting.id)).text).toBe(draft.text);
  });

  it("by the holder of a current mandate in the body chair", async () => {
    const holder = await buildUser(database.db, "board", { name: "Ingrid Ordförande" });
    const former = await buildUser(database.db, "board");
    await buildMandate(database.db, { bodyCode: "chair", userId: holder.id, name: "Ingrid", startsOn: "2020-01-01" });
    await buildMandate(database.db, {
      bodyCode: "chair",
      userId: former.id,
      name: "Former",
      startsOn: "2015-01-01",
      endsOn: "2017-01-01",
    });
    const meeting = await buildMeeting(database.db, { language: "sv" });
    await generateMinutes(database.db, secretariat, meeting.id);
    expect(await codeOf(approveMinutes(database.db, former.actor, meeting.id))).toBe("forbidden");
    const approved = await approveMinutes(database.db, holder.actor, meeting.id);
    expect(approved.approvedBy?.name).toBe("Ingrid Ordförande");
    expect(approved.pdfFileId).not.toBeNull();
  });

  it("by the secretariat recording a later meeting of the same body; an earlier one or another body's is refused", async () => {
    const meeting = await buildMeeting(database.db, {
      bodyCode: "audit_committee",
      date: "2031-03-10",
      language: "en",
    });
    const earlier = await buildMeeting(database.db, { bodyCode: "audit_committee", date: "2031-01-10" });
    const otherBody = await buildMeeting(database.db, { bodyCode: "presidium", date: "2031-06-10" });
    const later = await buildMeeting(database.db, { bodyCode: "audit_committee", date: "2031-06-10" });
    await generateMinutes(database.db, secretariat, meeting.id);

    for (const wrong of [earlier.id, otherBody.id, meeting.id]) {
      expect(
        await fieldsOf(approveMinutes(database.db, secretariat, meeting.id, { approvedInMeetingId: wrong })),
      ).toEqual({
        approvedInMeetingId: "minutes:errors.approvingMeetingNotLater",
      });
    }
    expect(await codeOf(approveMinutes(database.db, chair, meeting.id, { approvedInMeetingId: later.id }))).toBe(
      "forbidden",
    );
    expect((await getMinutes(database.db, secretariat, meeting.id)).status).toBe("draft");

    const approved = await approveMinutes(database.db, secretariat, meeting.id, { approvedInMeetingId: later.id });
    expect(approved.status).toBe("approved");
    expect(approved.approvedInMeeting).toEqual({ id: later.id, date: "2031-06-10", title: null });
    expect(approved.approvedBy?.name).toBe("Sara Segreteria");
    if (!approved.pdfFileId) throw new Error("no PDF stored");
    expect(await isRealPdf((await readFile(database.db, approved.pdfFileId)).content)).toBe(true);
  });
});

describe("who reads minutes", () => {
  it("drafts: the secretariat, the Board and the Chair; nobody else (404)", async () => {
    const meeting = await buildMeeting(database.db, { public: true });
    expect(await codeOf(getMinutes(database.db, board, meeting.id))).toBe("not_found"); // not written yet
    await generateMinutes(database.db, secretariat, meeting.id);
    for (const actor of [secretariat, board, chair])
      expect(await codeOf(getMinutes(database.db, actor, meeting.id))).toBe("ok");
    for (const actor of [memberContact, anonymous, testActors.expert()])
      expect(await codeOf(getMinutes(database.db, actor, meeting.id))).toBe("not_found");
    expect(await codeOf(minutesPdf(database.db, anonymous, meeting.id))).toBe("not_found");
  });

  it("approved: member contacts read the General Assembly's; everyone reads public meetings'; not the others", async () => {
    const assembly = await buildMeeting(database.db, { bodyCode: "general_assembly", date: "2032-04-10" });
    const privateBoard = await buildMeeting(database.db, { bodyCode: "board", public: false });
    const publicBoard = await buildMeeting(database.db, { bodyCode: "board", public: true });
    for (const m of [assembly, privateBoard, publicBoard]) {
      await generateMinutes(database.db, secretariat, m.id);
      await approveMinutes(database.db, chair, m.id);
    }
    expect(await codeOf(getMinutes(database.db, memberContact, assembly.id))).toBe("ok");
    expect(await codeOf(getMinutes(database.db, anonymous, assembly.id))).toBe("not_found");
    expect(await codeOf(getMinutes(database.db, memberContact, privateBoard.id))).toBe("not_found");
    expect(await codeOf(getMinutes(database.db, anonymous, privateBoard.id))).toBe("not_found");
    expect(await codeOf(getMinutes(database.db, board, privateBoard.id))).toBe("ok");
    expect(await codeOf(getMinutes(database.db, anonymous, publicBoard.id))).toBe("ok");
    expect(await codeOf(getMinutes(database.db, memberContact, publicBoard.id))).toBe("ok");
    expect(await isRealPdf((await minutesPdf(database.db, anonymous, publicBoard.id)).bytes)).toBe(true);
  });
});
