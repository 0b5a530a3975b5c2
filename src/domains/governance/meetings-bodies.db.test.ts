import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, anonymous } from "~/auth/actor";
import { listOutbox } from "~/domains/accounts/service";
import { markReady, submitApplication } from "~/domains/membership/service";
import { applicationFields, fakePdf, realPdf } from "~/domains/membership/testing";
import { organisations } from "~/domains/organisations/schema";
import { actorAs, buildContact, buildOrganisation } from "~/domains/organisations/testing";
import { writeSetting } from "~/domains/reference/settings";
import { AppError } from "~/errors/app-error";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { addAgendaItem, agendaOf, attachDocument, readAgendaDocument, recordOutcome, updateAgendaItem } from "./agenda";
import { listDecisions } from "./decisions";
import { getMeetingDetail } from "./meeting-detail";
import { changeMeeting, createMeeting, listBodyMeetings, planYear, setMeetingStatus, updateMeeting } from "./meetings";
import { addGuest, inviteMembers, setAttendance } from "./participants";
import { mandates } from "./schema";

/**
 * Meetings of every body, as the secretariat runs them and members see them: sequence, visibility,
 * invitations in each recipient's language, proxies and quorum, the agenda with membership
 * applications, outcomes and the register of decisions.
 */
let database: TestDatabase;
const secretariat = actorAs("secretariat");
const BASE = "https://ponte.test";

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
});
afterAll(async () => {
  await database?.close();
});

async function problem(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an error");
}

async function outbox() {
  return (await listOutbox(database.db, secretariat, { pageSize: 200 })).items;
}

const meeting = (bodyCode: string, date: string, extra: Record<string, unknown> = {}) =>
  createMeeting(database.db, secretariat, { bodyCode, date, ...extra });

/** A person with a mandate of the body (a contact of an organisation). */
async function mandateHolder(bodyCode: string, language: "en" | "sv" | "it", from = "2030-01-01", to?: string) {
  const org = await buildOrganisation(database.db);
  const contact = await buildContact(database.db, org.id, { preferredLanguage: language });
  await database.db.insert(mandates).values({
    bodyCode,
    contactId: contact.id,
    organisationId: org.id,
    name: contact.name,
    startsOn: from,
    endsOn: to ?? null,
  });
  return contact;
}

describe("creating and changing meetings", () => {
  it("creates a meeting of any body; sequence grows only with published changes", async () => {
    const m = await meeting("presidium", "2032-03-10", {
      title: "Budget",
      startTime: "09:30",
      endTime: "11:00",
      timeZone: "Europe/Stockholm",
      place: "Umeå",
      language: "sv",
    });
    expect(m).toMatchObject({ bodyCode: "presidium", status: "planned", sequence: 0, timeZone: "Europe/Stockholm" });
    // Title, language and public are not published changes.
    const renamed = await updateMeeting(database.db, secretariat, m.id, { title: "Budget 2033", public: true });
    expect(renamed.sequence).toBe(0);
    // The same values again change nothing.
    expect((await updateMeeting(database.db, secretariat, m.id, { place: "Umeå" })).sequence).toBe(0);
    expect((await updateMeeting(database.db, secretariat, m.id, { place: "Uppsala" })).sequence).toBe(1);
    expect((await updateMeeting(database.db, secretariat, m.id, { startTime: "10:00" })).sequence).toBe(2);
    expect((await updateMeeting(database.db, secretariat, m.id, { videoUrl: "https://meet.example/x" })).sequence).toBe(
      3,
    );
    expect((await updateMeeting(database.db, secretariat, m.id, { date: "2032-03-11" })).sequence).toBe(4);
    expect((await setMeetingStatus(database.db, secretariat, m.id, "cancelled")).sequence).toBe(5);
    // The Board's planning page moves dates through changeMeeting: also a published change.
    const [feb] = await planYear(database.db, 2032);
    if (!feb) throw new Error("not planned");
    await changeMeeting(database.db, secretariat, feb.id, { date: "2032-02-26" });
    const detail = await getMeetingDetail(database.db, secretariat, feb.id);
    expect(detail.sequence).toBe(1);
  });

  it("names each bad field: time, time zone, https link, end before start, a body without meetings", async () => {
    const bad = await problem(
      meeting("board", "2032-04-01", {
        startTime: "25:00",
        timeZone: "Mars/Olympus",
        videoUrl: "http://meet.example/x",
      }),
    );
    expect(bad.code).toBe("validation");
    expect(bad.fields).toMatchObject({
      startTime: { key: "meetings:errors.invalidTime" },
      timeZone: { key: "meetings:errors.invalidTimeZone" },
      videoUrl: { key: "meetings:errors.httpsOnly" },
    });
    expect(
      (await problem(meeting("board", "2032-04-01", { startTime: "12:00", endTime: "11:00" }))).fields,
    ).toMatchObject({
      endTime: { key: "meetings:errors.endBeforeStart" },
    });
    expect((await problem(meeting("chair", "2032-04-01"))).fields).toMatchObject({
      bodyCode: { key: "meetings:errors.noSuchBody" },
    });
    expect((await problem(meeting("board", "2032-04-01", { date: "2032-13-01" }))).fields.date).toBeDefined();
    expect(
      (await problem(createMeeting(database.db, actorAs("board"), { bodyCode: "board", date: "2032-04-01" }))).code,
    ).toBe("forbidden");
  });
});

describe("who sees which meeting", () => {
  it("member contacts see the Assembly and their own meetings; anonymous only public ones; the Board all", async () => {
    const ga = await meeting("general_assembly", "2033-04-20");
    const board = await meeting("board", "2033-06-01");
    const open = await meeting("audit_committee", "2033-07-01", { public: true });
    const org = await buildOrganisation(database.db);
    const member = actorAs("member_contact", org.id);

    const ids = async (actor: Actor) => (await listBodyMeetings(database.db, actor, { year: 2033 })).map((m) => m.id);
    expect(await ids(member)).toEqual(expect.arrayContaining([ga.id, open.id]));
    expect(await ids(member)).not.toContain(board.id);
    expect((await problem(getMeetingDetail(database.db, member, board.id))).code).toBe("not_found");
    expect((await getMeetingDetail(database.db, member, ga.id)).id).toBe(ga.id);

    expect(await ids(anonymous)).toEqual([open.id]);
    expect((await problem(getMeetingDetail(database.db, anonymous, ga.id))).code).toBe("not_found");
    expect((await ids(actorAs("board"))).sort()).toEqual(expect.arrayContaining([ga.id, board.id, open.id]));

    // Invited as a guest (by e-mail), the member contact sees the Board meeting too.
    await addGuest(database.db, secretariat, board.id, { name: "Test member", email: "member_contact@test.example" });
    expect(await ids(member)).toContain(board.id);
  });
});

describe("invitations", () => {
  it("invites every member organisation to the Assembly, in its primary contact's language, once", async () => {
    const ga = await meeting("general_assembly", "2034-04-20", { place: "Bologna" });
    await addAgendaItem(database.db, secretariat, ga.id, { title: "Annual report" });
    const bologna = await buildOrganisation(database.db, { name: "Comune di Bologna" });
    await buildContact(database.db, bologna.id, {
      email: "sindaco@bologna.example",
      preferredLanguage: "it",
      primaryContact: true,
    });
    const umea = await buildOrganisation(database.db, { name: "Umeå kommun", country: "SE" });
    await buildContact(database.db, umea.id, {
      email: "kansli@umea.example",
      preferredLanguage: "sv",
      primaryContact: true,
    });
    const applicant = await buildOrganisation(database.db, { name: "Comune candidato", status: "applicant" });

    const first = await inviteMembers(database.db, secretariat, ga.id, { baseUrl: BASE });
    const members = await database.db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.status, "member"));
    expect(first.participants.map((p) => p.key).sort()).toEqual(members.map((m) => `org:${m.id}`).sort());
    expect(first.participants.some((p) => p.organisationId === applicant.id)).toBe(false);
    expect(first.participants.find((p) => p.organisationId === bologna.id)).toMatchObject({
      name: "Comune di Bologna",
      email: "sindaco@bologna.example",
      language: "it",
      kind: "member",
    });

    const mails = await outbox();
    const it = mails.find((m) => m.to === "sindaco@bologna.example");
    const sv = mails.find((m) => m.to === "kansli@umea.example");
    expect(it?.subject).toMatch(/^Convocazione: Assemblea/);
    expect(it?.text).toContain("Bologna");
    expect(it?.text).toContain("1. Annual report");
    expect(it?.text).toContain(`${BASE}/governance/meetings/${ga.id}`);
    expect(sv?.subject).toMatch(/^Kallelse: /);
    expect(sv?.language).toBe("sv");

    // Idempotent: nobody is mailed twice.
    const again = await inviteMembers(database.db, secretariat, ga.id, { baseUrl: BASE });
    expect(again.invited).toBe(0);
    expect((await outbox()).length).toBe(mails.length);

    // A change of place is announced to everyone invited, in their language.
    await updateMeeting(database.db, secretariat, ga.id, { place: "Forlì" }, { baseUrl: BASE });
    const changed = (await outbox()).filter((m) => m.kind === "meeting.changed");
    expect(changed.find((m) => m.to === "sindaco@bologna.example")?.text).toContain("Forlì");
    expect(changed.find((m) => m.to === "kansli@umea.example")?.subject).toMatch(/^Ändrat: /);
    // And so is a cancellation.
    await setMeetingStatus(database.db, secretariat, ga.id, "cancelled", { baseUrl: BASE });
    const cancelled = (await outbox()).filter((m) => m.kind === "meeting.cancelled");
    expect(cancelled.find((m) => m.to === "sindaco@bologna.example")?.subject).toMatch(/^Annullata: /);
    expect((await problem(inviteMembers(database.db, secretariat, ga.id))).code).toBe("conflict");
  });

  it("invites the mandate holders on the meeting's date to other bodies", async () => {
    const current = await mandateHolder("audit_committee", "sv", "2034-01-01");
    const ended = await mandateHolder("audit_committee", "it", "2030-01-01", "2033-12-31");
    const future = await mandateHolder("audit_committee", "en", "2035-01-01");
    const m = await meeting("audit_committee", "2034-09-01");
    const { participants } = await inviteMembers(database.db, secretariat, m.id, { baseUrl: BASE });
    expect(participants.map((p) => p.key)).toEqual([`contact:${current.id}`]);
    expect(participants.some((p) => p.contactId === ended.id || p.contactId === future.id)).toBe(false);
    const mail = (await outbox()).find((x) => x.to === current.email);
    expect(mail?.language).toBe("sv");
    expect(mail?.subject).toContain("Kallelse");
  });
});

describe("attendance, proxies and quorum", () => {
  it("lets a present member hold at most the set number of proxies, without chains, and counts them for the quorum", async () => {
    const people = [];
    for (let i = 0; i < 6; i++) people.push(await mandateHolder("project_group", "en", "2035-01-01"));
    const m = await meeting("project_group", "2035-05-05");
    const { participants } = await inviteMembers(database.db, secretariat, m.id);
    const guest = await addGuest(database.db, secretariat, m.id, {
      name: "Ospite",
      email: "ospite@example.org",
      language: "it",
    });
    const [a, b, c, d, e, f] = participants;
    if (!a || !b || !c || !d || !e || !f) throw new Error("six expected");
    const set = (p: { id: string }, attendance: string, proxyHolderId?: string) =>
      setAttendance(database.db, secretariat, m.id, p.id, { attendance, proxyHolderId: proxyHolderId ?? null });

    // The holder must be present.
    expect((await problem(set(b, "proxy", a.id))).fields).toMatchObject({
      proxyHolderId: { key: "meetings:errors.holderNotPresent" },
    });
    await set(a, "present");
    await set(b, "proxy", a.id);
    await set(c, "proxy", a.id);
    // At most two (the default setting).
    expect((await problem(set(d, "proxy", a.id))).fields.proxyHolderId?.key).toBe("meetings:errors.tooManyProxies");
    // No chains: one represented by proxy cannot hold one.
    expect((await problem(set(d, "proxy", b.id))).fields.proxyHolderId?.key).toBe("meetings:errors.holderNotPresent");
    // A holder stays present while holding proxies.
    expect((await problem(set(a, "absent"))).fields.attendance?.key).toBe("meetings:errors.holdsProxies");
    // Guests neither give nor hold proxies.
    await set(guest, "present");
    expect((await problem(set(d, "proxy", guest.id))).fields.proxyHolderId?.key).toBe("meetings:errors.guestNoProxy");
    expect((await problem(set(guest, "proxy", a.id))).fields.attendance?.key).toBe("meetings:errors.guestNoProxy");
    expect((await problem(set(d, "proxy"))).fields.proxyHolderId?.key).toBe("meetings:errors.holderRequired");

    // The project group's quorum is 50 % of 6 members = 3: one present with two proxies reaches it; guests never count.
    const detail = await getMeetingDetail(database.db, secretariat, m.id);
    expect(detail.quorum).toMatchObject({ entitled: 6, present: 1, byProxy: 2, required: 3, reached: true });
    await set(c, "excused");
    expect((await getMeetingDetail(database.db, secretariat, m.id)).quorum.reached).toBe(false);

    // A higher limit from the setting.
    await writeSetting(database.db, "governance.maxProxiesPerHolder", 3);
    await set(c, "proxy", a.id);
    await set(d, "proxy", a.id);
    expect((await getMeetingDetail(database.db, secretariat, m.id)).quorum).toMatchObject({
      byProxy: 3,
      reached: true,
    });
    await writeSetting(database.db, "governance.maxProxiesPerHolder", 2);
  });
});

describe("the agenda", () => {
  it("keeps items in order when they move up and down; documents must be real PDFs", async () => {
    const m = await meeting("presidium", "2036-02-02");
    const one = await addAgendaItem(database.db, secretariat, m.id, { title: "One" });
    await addAgendaItem(database.db, secretariat, m.id, { title: "Two" });
    const three = await addAgendaItem(database.db, secretariat, m.id, { title: "Three", presenter: "Chair" });
    await updateAgendaItem(database.db, secretariat, m.id, three.id, { move: "up" });
    await updateAgendaItem(database.db, secretariat, m.id, one.id, { move: "down" });
    await updateAgendaItem(database.db, secretariat, m.id, one.id, { move: "down" });
    // Moving the last one down changes nothing.
    await updateAgendaItem(database.db, secretariat, m.id, one.id, { move: "down" });
    expect((await agendaOf(database.db, m.id)).map((e) => [e.position, e.title])).toEqual([
      [1, "Three"],
      [2, "Two"],
      [3, "One"],
    ]);
    expect((await problem(attachDocument(database.db, secretariat, m.id, one.id, fakePdf()))).fields).toMatchObject({
      document: { key: "meetings:errors.notPdf" },
    });
    const doc = await attachDocument(database.db, secretariat, m.id, one.id, await realPdf("budget.pdf"));
    expect((await agendaOf(database.db, m.id))[2]?.documents).toEqual([
      { id: doc.id, filename: "budget.pdf", size: doc.size },
    ]);
    expect((await readAgendaDocument(database.db, actorAs("board"), m.id, doc.id)).filename).toBe("budget.pdf");
    expect((await problem(readAgendaDocument(database.db, anonymous, m.id, doc.id))).code).toBe("not_found");
  });

  it("shows a membership application on its Board meeting's agenda by itself, with its decision", async () => {
    const submitted = await submitApplication(
      database.db,
      { fields: applicationFields({ name: "Comune di Faenza" }), signedForm: await realPdf() },
      { baseUrl: BASE },
    );
    const ready = await markReady(database.db, secretariat, submitted.id, { now: new Date("2037-01-10T10:00:00Z") });
    const boardMeetingId = ready.meeting?.id;
    if (!boardMeetingId) throw new Error("no meeting");
    await addAgendaItem(database.db, secretariat, boardMeetingId, { title: "Budget" });
    const detail = await getMeetingDetail(database.db, actorAs("board"), boardMeetingId);
    expect(detail.agenda.map((e) => e.title)).toEqual(["Budget", `Comune di Faenza (${ready.reference})`]);
    expect(detail.agenda[1]).toMatchObject({
      id: null,
      applicationId: submitted.id,
      link: `/membership/applications/${submitted.id}`,
      outcome: null,
    });
  });
});

describe("outcomes and the register of decisions", () => {
  it("numbers decisions per year without gaps, also two at once, and keeps the number when the text changes", async () => {
    const m = await meeting("board", "2038-03-03");
    const items = [];
    for (const title of ["A", "B", "C", "D"])
      items.push(await addAgendaItem(database.db, secretariat, m.id, { title }));
    const [a, b, c, d] = items;
    if (!a || !b || !c || !d) throw new Error("four expected");
    // Noted does not enter the register; approved needs a text.
    expect(
      (await recordOutcome(database.db, secretariat, m.id, a.id, { outcome: "noted", text: "" })).decision,
    ).toBeNull();
    expect(
      (await problem(recordOutcome(database.db, secretariat, m.id, a.id, { outcome: "approved", text: "" }))).fields,
    ).toMatchObject({
      text: { key: "errors:field.required" },
    });
    const other = await meeting("presidium", "2038-03-04");
    const e = await addAgendaItem(database.db, secretariat, other.id, { title: "E" });
    const [x, y] = await Promise.all([
      recordOutcome(database.db, secretariat, m.id, b.id, { outcome: "approved", text: "Il bilancio è approvato" }),
      recordOutcome(database.db, secretariat, other.id, e.id, { outcome: "rejected", text: "Proposal rejected" }),
    ]);
    expect([x.decision?.label, y.decision?.label].sort()).toEqual(["2038/1", "2038/2"]);
    const z = await recordOutcome(database.db, secretariat, m.id, d.id, {
      outcome: "elected",
      text: "Anna Berg elected at FORLÌ",
    });
    expect(z.decision?.label).toBe("2038/3");
    // Postponed: no number taken.
    expect((await recordOutcome(database.db, secretariat, m.id, c.id, { outcome: "postponed" })).decision).toBeNull();
    // A changed outcome keeps its number; the text follows.
    const again = await recordOutcome(database.db, secretariat, m.id, b.id, {
      outcome: "approved",
      text: "Il bilancio 2039 è approvato",
    });
    expect(again.decision?.label).toBe(x.decision?.label);
    const register = await listDecisions(database.db, actorAs("board"), { year: 2038 });
    expect(register.items.map((i) => i.number)).toEqual([3, 2, 1]);
    expect(register.items.find((i) => i.label === x.decision?.label)?.text).toBe("Il bilancio 2039 è approvato");

    // Search: case- and accent-insensitive.
    expect(
      (await listDecisions(database.db, secretariat, { q: "BILANCIO 2039 E APPROVATO" })).items.map((i) => i.label),
    ).toEqual([x.decision?.label]);
    expect((await listDecisions(database.db, secretariat, { q: "ANNA", body: "presidium" })).total).toBe(0);
    expect((await listDecisions(database.db, secretariat, { q: "anna", body: "board" })).total).toBe(1);
    expect((await listDecisions(database.db, secretariat, { q: "forlì" })).items.map((i) => i.label)).toEqual([
      "2038/3",
    ]);
    expect((await problem(listDecisions(database.db, actorAs("member_contact", null)))).code).toBe("forbidden");
  });

  it("gives concurrent decisions of different meetings distinct numbers with no gap", async () => {
    // Different meetings: nothing but the register's lock orders them (each meeting row is locked on its own).
    const items: { meetingId: string; itemId: string }[] = [];
    for (let i = 0; i < 8; i++) {
      const m = await meeting("board", `2039-03-${String(i + 10).padStart(2, "0")}`);
      const item = await addAgendaItem(database.db, secretariat, m.id, { title: `Item ${i}` });
      items.push({ meetingId: m.id, itemId: item.id });
    }
    await Promise.all(
      items.map(({ meetingId, itemId }, i) =>
        recordOutcome(database.db, secretariat, meetingId, itemId, { outcome: "approved", text: `Decision ${i}` }),
      ),
    );
    const numbers = (await listDecisions(database.db, secretariat, { year: 2039 })).items
      .map((i) => i.number)
      .sort((p, q) => p - q);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
