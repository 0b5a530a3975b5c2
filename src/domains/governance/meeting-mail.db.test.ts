import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { PDFDocument } from "pdf-lib";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config, setConfig } from "~/config/env";
import { listOutbox } from "~/domains/accounts/service";
import { realPdf } from "~/domains/membership/testing";
import { actorAs, buildContact, buildOrganisation } from "~/domains/organisations/testing";
import { closeMailer } from "~/mail/mailer";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { addAgendaItem, attachDocument, type Upload } from "./agenda";
import { MAX_ATTACHED_BYTES } from "./meeting-mail";
import { createMeeting, setMeetingStatus } from "./meetings";
import { addGuest, inviteMembers } from "./participants";
import { mandates } from "./schema";

/**
 * The meeting papers in the mails: attached to the invitations, mailed to everyone invited when
 * added later, and linked instead of attached when they would make the mail too large — each
 * mail in its recipient's language.
 */
let database: TestDatabase;
const secretariat = actorAs("secretariat");
const BASE = "https://ponte.test";
const original = config();
const MB = 1024 * 1024;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
});
afterAll(async () => {
  closeMailer();
  setConfig(original);
  await database?.close();
});

/** The mails about one meeting (each names the meeting's page). */
async function mailsOf(meetingId: string, kind: string) {
  const { items } = await listOutbox(database.db, secretariat, { pageSize: 200 });
  return items.filter((m) => m.kind === kind && m.text.includes(`${BASE}/governance/meetings/${meetingId}`));
}

/** A person with a mandate of the body on that one day (a contact of an organisation). */
async function mandateHolder(bodyCode: string, language: "en" | "sv" | "it", on: string) {
  const org = await buildOrganisation(database.db);
  const contact = await buildContact(database.db, org.id, { preferredLanguage: language });
  await database.db.insert(mandates).values({
    bodyCode,
    contactId: contact.id,
    organisationId: org.id,
    name: contact.name,
    startsOn: on,
    endsOn: on,
  });
  if (!contact.email) throw new Error("the contact needs an e-mail");
  return { ...contact, email: contact.email };
}

/** A real PDF of at least `bytes` (a page, and random data as an embedded file, which does not compress). */
async function largePdf(filename: string, bytes: number): Promise<Upload> {
  const doc = await PDFDocument.create();
  doc.addPage();
  await doc.attach(randomBytes(bytes), "data.bin", { mimeType: "application/octet-stream" });
  const content = await doc.save();
  expect(content.byteLength).toBeGreaterThan(bytes);
  return { filename, contentType: "application/pdf", content };
}

async function meetingWithItems(bodyCode: string, date: string, titles: string[]) {
  const m = await createMeeting(database.db, secretariat, { bodyCode, date });
  const items = [];
  for (const title of titles) items.push(await addAgendaItem(database.db, secretariat, m.id, { title }));
  return { meeting: m, items };
}

const upload = (meetingId: string, itemId: string, file: Upload) =>
  attachDocument(database.db, secretariat, meetingId, itemId, file, { baseUrl: BASE });

describe("the invitation's papers", () => {
  it("attaches each item's documents, named with the item's number, and lists them under the agenda in each language", async () => {
    const sv = await mandateHolder("audit_committee", "sv", "2036-03-10");
    const itHolder = await mandateHolder("audit_committee", "it", "2036-03-10");
    const { meeting: m, items } = await meetingWithItems("audit_committee", "2036-03-10", ["Minutes", "Budget 2027"]);
    const [, budget] = items;
    if (!budget?.id) throw new Error("two items expected");
    const pdf = await realPdf("budget-2027.pdf");
    await upload(m.id, budget.id, pdf);

    // Through a real SMTP server: what arrives is what a mail server would get.
    const received: ParsedMail[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            received.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      setConfig({ ...original, smtpUrl: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}` });
      await inviteMembers(database.db, secretariat, m.id, { baseUrl: BASE });
    } finally {
      closeMailer();
      setConfig(original);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const delivered = received.find((mail) => mail.to && "text" in mail.to && mail.to.text.includes(sv.email));
    expect(delivered?.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ["2 - budget-2027.pdf", "application/pdf"],
    ]);
    expect(new Uint8Array(delivered?.attachments[0]?.content ?? [])).toEqual(pdf.content);

    // The mail log records the attachment; the text names it under the agenda, in the recipient's language.
    const invitations = await mailsOf(m.id, "meeting.invitation");
    const svMail = invitations.find((x) => x.to === sv.email);
    expect(svMail?.text).toContain(
      "Dagordning:\n1. Minutes\n2. Budget 2027\n\nBifogade handlingar:\n- 2 - budget-2027.pdf (",
    );
    expect(svMail?.text).toContain("📎 2 - budget-2027.pdf (");
    expect(svMail?.text).not.toContain("för stora");
    const itMail = invitations.find((x) => x.to === itHolder.email);
    expect(itMail?.text).toContain("Documenti allegati a questa e-mail:\n- 2 - budget-2027.pdf (");
    expect(itMail?.text).toContain("📎 2 - budget-2027.pdf (");

    // A guest invited later gets the papers too.
    await addGuest(
      database.db,
      secretariat,
      m.id,
      { name: "Guest", email: "guest@example.org", language: "en" },
      { baseUrl: BASE },
    );
    const guestMail = (await mailsOf(m.id, "meeting.invitation")).find((x) => x.to === "guest@example.org");
    expect(guestMail?.text).toContain("Papers attached to this mail:\n- 2 - budget-2027.pdf (");
    expect(guestMail?.text).toContain("📎 2 - budget-2027.pdf (");
  });

  it("says nothing about papers when the agenda has none", async () => {
    const holder = await mandateHolder("presidium", "en", "2036-04-10");
    const { meeting: m } = await meetingWithItems("presidium", "2036-04-10", ["Budget"]);
    await inviteMembers(database.db, secretariat, m.id, { baseUrl: BASE });
    const [mail] = await mailsOf(m.id, "meeting.invitation");
    expect(mail?.to).toBe(holder.email);
    expect(mail?.text).toContain("1. Budget");
    expect(mail?.text).not.toContain("Papers");
    expect(mail?.text).not.toContain("📎");
  });
});

describe("papers added after the invitations", () => {
  it("mails a new paper to everyone invited, once, in their language, with it attached", async () => {
    const people = [
      await mandateHolder("project_group", "en", "2036-05-05"),
      await mandateHolder("project_group", "sv", "2036-05-05"),
      await mandateHolder("project_group", "it", "2036-05-05"),
    ];
    const { meeting: m, items } = await meetingWithItems("project_group", "2036-05-05", ["Welcome", "Budget 2027"]);
    const [welcome, budget] = items;
    if (!welcome?.id || !budget?.id) throw new Error("two items expected");
    // Before the invitations, a paper is not news: it goes with the invitation.
    await upload(m.id, welcome.id, await realPdf("welcome.pdf"));
    expect(await mailsOf(m.id, "meeting.papers")).toEqual([]);
    await inviteMembers(database.db, secretariat, m.id, { baseUrl: BASE });

    await upload(m.id, budget.id, await realPdf("budget-2027.pdf"));
    const mails = await mailsOf(m.id, "meeting.papers");
    expect(mails.map((x) => x.to).sort()).toEqual(people.map((p) => p.email).sort());
    const to = (email: string) => mails.find((x) => x.to === email);
    const [en, sv, it] = people;
    expect(to(en?.email ?? "")?.subject).toMatch(/^New papers: /);
    expect(to(en?.email ?? "")?.text).toContain("New papers have been added to the agenda");
    expect(to(en?.email ?? "")?.text).toContain("Papers attached to this mail:\n- 2 - budget-2027.pdf (");
    expect(to(sv?.email ?? "")?.subject).toMatch(/^Nya handlingar: /);
    expect(to(sv?.email ?? "")?.text).toContain("Bifogade handlingar:\n- 2 - budget-2027.pdf (");
    expect(to(it?.email ?? "")?.subject).toMatch(/^Nuovi documenti: /);
    expect(to(it?.email ?? "")?.text).toContain("Documenti allegati a questa e-mail:\n- 2 - budget-2027.pdf (");
    for (const mail of mails) {
      // Only the new paper goes with the announcement.
      expect(mail.text).toContain("📎 2 - budget-2027.pdf (");
      expect(mail.text).not.toContain("welcome.pdf");
    }
  });

  it("mails nothing for a cancelled or a held meeting", async () => {
    for (const [date, status] of [
      ["2036-06-01", "cancelled"],
      ["2036-06-02", "held"],
    ] as const) {
      await mandateHolder("board", "sv", date);
      const { meeting: m, items } = await meetingWithItems("board", date, ["Report"]);
      const [report] = items;
      if (!report?.id) throw new Error("an item expected");
      await inviteMembers(database.db, secretariat, m.id, { baseUrl: BASE });
      expect((await mailsOf(m.id, "meeting.invitation")).length).toBeGreaterThan(0);
      await setMeetingStatus(database.db, secretariat, m.id, status, { baseUrl: BASE });
      const doc = await upload(m.id, report.id, await realPdf("report.pdf"));
      expect(doc.filename).toBe("report.pdf");
      expect(await mailsOf(m.id, "meeting.papers")).toEqual([]);
    }
  });
});

describe("papers too large for a mail", () => {
  it("attaches what fits, links the rest to the meeting's page, and links a later paper over the limit", async () => {
    const sv = await mandateHolder("board", "sv", "2036-09-01");
    const { meeting: m, items } = await meetingWithItems("board", "2036-09-01", ["Plan", "Annex", "Report"]);
    const [plan, annex, report] = items;
    if (!plan?.id || !annex?.id || !report?.id) throw new Error("three items expected");
    await upload(m.id, plan.id, await largePdf("plan.pdf", 4 * MB));
    await upload(m.id, annex.id, await largePdf("annex.pdf", 4 * MB)); // 8 MB together: over the limit
    await upload(m.id, report.id, await realPdf("report.pdf")); // small: still fits
    await inviteMembers(database.db, secretariat, m.id, { baseUrl: BASE });

    const [invitation] = await mailsOf(m.id, "meeting.invitation");
    expect(invitation?.to).toBe(sv.email);
    expect(invitation?.text).toContain("📎 1 - plan.pdf (");
    expect(invitation?.text).toContain("📎 3 - report.pdf (");
    expect(invitation?.text).not.toContain("📎 2 - annex.pdf");
    expect(invitation?.text).toContain(
      `Handlingar som är för stora för att skickas med e-post finns på mötets sida: ${BASE}/governance/meetings/${m.id}\n- 2 - annex.pdf (`,
    );

    // Alone over the limit: linked, not attached.
    await upload(m.id, report.id, await largePdf("accounts.pdf", MAX_ATTACHED_BYTES));
    const [announcement] = await mailsOf(m.id, "meeting.papers");
    expect(announcement?.text).toContain(
      `Handlingar som är för stora för att skickas med e-post finns på mötets sida: ${BASE}/governance/meetings/${m.id}\n- 3 - accounts.pdf (`,
    );
    expect(announcement?.text).not.toContain("📎");
    expect(announcement?.text).not.toContain("Bifogade handlingar");
  });
});
