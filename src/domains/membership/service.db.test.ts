import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { system } from "~/auth/actor";
import { listOutbox } from "~/domains/accounts/service";
import { demoFeeRules } from "~/domains/fees/demo";
import { putSchedule } from "~/domains/fees/service";
import { agendaOf } from "~/domains/governance/agenda";
import { listDecisions } from "~/domains/governance/decisions";
import { changeMeeting, planYear, thirdThursday } from "~/domains/governance/meetings";
import { toFatturaPA } from "~/domains/invoicing/einvoice/fatturapa";
import { schemaErrors } from "~/domains/invoicing/einvoice/testing";
import { toPeppolUbl } from "~/domains/invoicing/einvoice/ubl";
import { eInvoiceDocument, getInvoiceRow } from "~/domains/invoicing/service";
import { getOrganisation, listContacts } from "~/domains/organisations/service";
import { actorAs, buildOrganisation } from "~/domains/organisations/testing";
import { writeSetting } from "~/domains/reference/settings";
import { AppError } from "~/errors/app-error";
import { translator } from "~/i18n/i18n";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { applicationFormPdf } from "./form-pdf";
import {
  applicationByToken,
  boardAgenda,
  closeApplication,
  completeApplication,
  getApplication,
  listApplications,
  markReady,
  reassignAgenda,
  recordDecision,
  requestCompletion,
  submitApplication,
  uploadSignedForm,
  withdrawByApplicant,
} from "./service";
import { applicationFields, fakePdf, realPdf } from "./testing";

let database: TestDatabase;
const BASE = "https://ponte.example";
const secretariat = actorAs("secretariat");

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  // Approval issues the first invoice, which needs the year's fee schedule.
  await putSchedule(database.db, system("test"), 2031, { currency: "EUR", example: true, rules: demoFeeRules() });
});
afterAll(async () => {
  await database?.close();
});

async function outbox() {
  return (await listOutbox(database.db, secretariat, { pageSize: 200 })).items;
}

async function apply(overrides: Record<string, unknown> = {}, withSignedForm = true) {
  return submitApplication(
    database.db,
    { fields: applicationFields(overrides), signedForm: withSignedForm ? await realPdf() : null },
    { baseUrl: BASE },
  );
}

async function appError(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

describe("applying", () => {
  it.each([
    ["en", "IT", "municipality", "Comune di Lugo", "it"],
    ["sv", "SE", "municipality", "Härnösands kommun", "sv"],
    ["it", "IT", "civil_society", "Associazione Ponte sul Reno", "it"],
  ] as const)(
    "in %s: stores the application and mails the private link in the contact's language",
    async (language, country, type, name, contactLanguage) => {
      const contactEmail = `contact-${language}@apply.example`;
      const created = await apply({ language, country, type, name, contactEmail, contactLanguage });
      expect(created.reference).toMatch(/^SERN-\d{4}-\d{4}$/);
      expect(created.outcome).toBe("member");
      const app = await applicationByToken(database.db, created.token);
      expect(app).toMatchObject({ status: "submitted", name, language, statute: { version: "statute-2021" } });
      expect(app.privacy.version).toBe("privacy-2024");
      const mail = (await outbox()).find((m) => m.to === contactEmail);
      const t = translator(contactLanguage);
      expect(mail?.subject).toBe(t("membership:mail.confirmation.subject", { reference: created.reference }));
      expect(mail?.text).toContain(`${BASE}/join/applications/${created.token}`);
      expect(mail?.language).toBe(contactLanguage);
    },
  );

  it("numbers references per year without gaps", async () => {
    const a = await apply();
    const b = await apply();
    expect(Number(b.reference.slice(-4))).toBe(Number(a.reference.slice(-4)) + 1);
  });

  it("makes another EU country's organisation, or a private body, a partner; refuses a country outside the EU", async () => {
    expect((await apply({ country: "FR", type: "municipality", name: "Ville de Lyon" })).outcome).toBe("partner");
    expect((await apply({ country: "IT", type: "private", name: "Ditta Rossi srl" })).outcome).toBe("partner");
    expect(
      (await apply({ country: "SE", type: "county_administrative_board", name: "Länsstyrelsen Västernorrland" }))
        .outcome,
    ).toBe("member");
    const e = await appError(apply({ country: "US", name: "City of Boston" }));
    expect(e.fields.country?.key).toBe("membership:errors.countryNotEligible");
  });

  it("names every missing field, and asks for the acceptances in its own words", async () => {
    const e = await appError(
      submitApplication(
        database.db,
        { fields: applicationFields({ name: "", legalEmail: "not-an-address", acceptStatute: undefined }) },
        { baseUrl: BASE },
      ),
    );
    expect(e.code).toBe("validation");
    expect(Object.keys(e.fields).sort()).toEqual(["acceptStatute", "legalEmail", "name"]);
    expect(translator("it")(e.fields.acceptStatute?.key ?? "")).toBe(
      "Leggi e accetta per poter presentare la domanda.",
    );
  });

  it("asks for the identifiers invoices need, checked for the country", async () => {
    const required = { key: "errors:field.required" };
    const italian = await appError(apply({ taxCode: "", ipaCode: "" }));
    expect(italian.fields).toEqual({ taxCode: required, ipaCode: required });
    // A comune receives e-invoices through its IPA office code, not an SDI code.
    expect((await appError(apply({ ipaCode: "M5UXCR1" }))).fields).toEqual({
      ipaCode: { key: "membership:errors.ipaCodeForPublic" },
    });
    expect((await appError(apply({ taxCode: "00162210349" }))).fields).toEqual({
      taxCode: { key: "errors:field.invalidTaxCode" },
    });
    const swedish = await appError(
      apply({ country: "SE", name: "Ånge kommun", orgNumber: "", taxCode: "00162210348" }),
    );
    expect(swedish.fields).toEqual({ orgNumber: required, taxCode: { key: "errors:field.onlyForItaly" } });
    expect(translator("sv")("membership:errors.ipaCodeForPublic")).toMatch(/IPA/);

    // An Italian association gives its codice fiscale only; typed loosely, it is stored normalised.
    const association = await apply({
      name: "Associazione Ponte Nord",
      type: "civil_society",
      taxCode: " 0016 2210 348 ",
      ipaCode: "",
      vatNumber: "00162210348",
    });
    expect((await getApplication(database.db, secretariat, association.id)).identifiers).toEqual({
      taxCode: "00162210348",
      vatNumber: "IT00162210348",
      ipaCode: null,
      orgNumber: null,
      peppolId: null,
    });
  });

  it("refuses a fake PDF with a message naming the field, in the applicant's language", async () => {
    const e = await appError(
      submitApplication(
        database.db,
        { fields: applicationFields({ language: "sv" }), signedForm: fakePdf() },
        { baseUrl: BASE },
      ),
    );
    const problem = e.fields.signedForm;
    expect(problem?.key).toBe("membership:errors.notPdf");
    expect(translator("sv")(problem?.key ?? "", problem?.values)).toBe(
      "Underskriven ansökningsblankett (PDF): filen är ingen PDF. Ladda upp dokumentet som en PDF-fil.",
    );
    const text = await appError(
      submitApplication(
        database.db,
        {
          fields: applicationFields(),
          letterFile: { ...fakePdf("letter.pdf"), content: new TextEncoder().encode("Dear chair") },
        },
        { baseUrl: BASE },
      ),
    );
    expect(text.fields.letterFile?.key).toBe("membership:errors.notPdf");
  });

  it("flags an organisation with the same codice fiscale or organisationsnummer as a possible duplicate", async () => {
    const existing = await buildOrganisation(database.db, {
      name: "Unione dei Comuni della Bassa Romagna",
      type: "municipal_association",
      taxCode: "02291370399",
    });
    const swedish = await buildOrganisation(database.db, {
      name: "Göteborgsregionen",
      country: "SE",
      type: "municipal_association",
      orgNumber: "222000-1115",
    });
    const a = await apply({ name: "Bassa Romagna", type: "municipal_association", taxCode: "02291370399" });
    const b = await apply({ name: "GR", country: "SE", type: "municipal_association", orgNumber: "2220001115" });
    expect((await getApplication(database.db, secretariat, a.id)).possibleDuplicates.map((d) => d.id)).toEqual([
      existing.id,
    ]);
    expect((await getApplication(database.db, secretariat, b.id)).possibleDuplicates.map((d) => d.id)).toEqual([
      swedish.id,
    ]);
  });

  it("flags possible duplicates: the same official code, or a similar name", async () => {
    const byCode = await buildOrganisation(database.db, {
      name: "Comune di Imola",
      officialCode: "037032",
      status: "applicant",
    });
    const byName = await buildOrganisation(database.db, {
      name: "Associazione Giovani di Cesena",
      type: "civil_society",
    });
    const a = await apply({ name: "Città di Imola", officialCode: "037032" });
    const b = await apply({ name: "associazione giovani cesena", type: "civil_society" });
    const c = await apply({ name: "Comune di Nessunluogo" });
    const read = (id: string) => getApplication(database.db, secretariat, id);
    expect((await read(a.id)).possibleDuplicates.map((d) => d.id)).toContain(byCode.id);
    expect((await read(b.id)).possibleDuplicates.map((d) => d.id)).toContain(byName.id);
    expect((await read(c.id)).possibleDuplicates).toEqual([]);
  });

  it("produces the filled-in form as a PDF in the applicant's language", async () => {
    const created = await apply({ language: "it", name: "Comune di Forlì" });
    const app = await applicationByToken(database.db, created.token);
    const bytes = await applicationFormPdf(database.db, app);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toContain(created.reference);
    expect(doc.getTitle()).toContain("Domanda di adesione");
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
  });
});

describe("the applicant's private link", () => {
  it("uploads the signed form (a real PDF only) and withdraws", async () => {
    const created = await apply({}, false);
    const fake = await appError(uploadSignedForm(database.db, created.token, fakePdf()));
    expect(fake.fields.signedForm?.key).toBe("membership:errors.notPdf");
    const app = await uploadSignedForm(database.db, created.token, await realPdf("firmato.pdf"));
    expect(app.documents).toEqual([expect.objectContaining({ kind: "signedForm", filename: "firmato.pdf" })]);
    expect((await withdrawByApplicant(database.db, created.token)).status).toBe("withdrawn");
    expect((await appError(withdrawByApplicant(database.db, created.token))).code).toBe("conflict");
  });

  it("an unknown link finds nothing", async () => {
    expect((await appError(applicationByToken(database.db, "nope"))).code).toBe("not_found");
  });
});

describe("the secretariat's review", () => {
  it("asks for completion (mailed with a new link), and the applicant completes it", async () => {
    const created = await apply({ contactEmail: "complete@apply.example", contactLanguage: "sv" });
    const asked = await requestCompletion(
      database.db,
      secretariat,
      created.id,
      { message: "Ange antal invånare." },
      { baseUrl: BASE },
    );
    expect(asked.status).toBe("incomplete");
    const mail = (await outbox()).find(
      (m) => m.to === "complete@apply.example" && m.kind === "membership_completion_request",
    );
    expect(mail?.subject).toBe(
      translator("sv")("membership:mail.completion.subject", { reference: created.reference }),
    );
    expect(mail?.text).toContain("Ange antal invånare.");
    expect(mail?.text).toContain(`/join/applications/${asked.token}`);
    // The old link stops working; the new one shows the request.
    expect((await appError(applicationByToken(database.db, created.token))).code).toBe("not_found");
    expect((await applicationByToken(database.db, asked.token)).completionRequest).toBe("Ange antal invånare.");
    const done = await completeApplication(database.db, asked.token, {
      fields: { inhabitants: "24 500", note: "Klart" },
    });
    expect(done).toMatchObject({ status: "submitted", inhabitants: 24500 });
    const history = (await getApplication(database.db, secretariat, created.id)).history.map((h) => h.toStatus);
    expect(history).toEqual(["submitted", "incomplete", "submitted"]);
  });

  it("assigns a ready application to the first meeting at least the lead days later (edge included)", async () => {
    await planYear(database.db, 2031);
    const feb = thirdThursday(2031, 2);
    const may = thirdThursday(2031, 5);
    expect(feb).toBe("2031-02-20");
    const exactly = new Date("2031-02-06T10:00:00Z"); // 14 days before
    const oneLate = new Date("2031-02-07T10:00:00Z"); // 13 days before
    const a = await apply();
    const b = await apply();
    expect((await markReady(database.db, secretariat, a.id, { now: exactly })).meeting?.date).toBe(feb);
    expect((await markReady(database.db, secretariat, b.id, { now: oneLate })).meeting?.date).toBe(may);
    // A longer lead time (setting) pushes it further; a cancelled meeting is skipped.
    await writeSetting(database.db, "membership.leadDays", 30);
    const c = await apply();
    expect(
      (await markReady(database.db, secretariat, c.id, { now: new Date("2031-04-20T10:00:00Z") })).meeting?.date,
    ).toBe(thirdThursday(2031, 11));
    await writeSetting(database.db, "membership.leadDays", 14);
    const nov = (await planYear(database.db, 2031)).find((m) => m.date === thirdThursday(2031, 11));
    if (!nov) throw new Error("no November meeting");
    await changeMeeting(database.db, secretariat, nov.id, { status: "cancelled" });
    const d = await apply();
    expect(
      (await markReady(database.db, secretariat, d.id, { now: new Date("2031-10-01T10:00:00Z") })).meeting?.date,
    ).toBe(thirdThursday(2032, 2));
  });

  it("moves a cancelled meeting's applications to the next meeting that fits", async () => {
    const [feb] = await planYear(database.db, 2033);
    if (!feb) throw new Error("not planned");
    const a = await apply();
    await markReady(database.db, secretariat, a.id, { now: new Date("2033-01-10T10:00:00Z") });
    await changeMeeting(database.db, secretariat, feb.id, { status: "cancelled" });
    const moved = await reassignAgenda(database.db, secretariat, feb.id, { now: new Date("2033-02-01T10:00:00Z") });
    expect(moved).toBe(1);
    const app = await getApplication(database.db, secretariat, a.id);
    expect(app.meeting?.date).toBe(thirdThursday(2033, 5));
    expect(app.history.map((h) => h.toStatus)).toEqual(["submitted", "ready_for_board", "ready_for_board"]);
  });

  it("needs the signed form before the Board", async () => {
    const created = await apply({}, false);
    const e = await appError(markReady(database.db, secretariat, created.id));
    expect(e.messageKey).toBe("membership:errors.signedFormMissing");
  });

  it("lists by status; refuses visitors, member contacts and the Board's review actions", async () => {
    const created = await apply();
    const list = await listApplications(database.db, secretariat, { status: "submitted" });
    expect(list.items.map((i) => i.id)).toContain(created.id);
    expect(list.items.every((i) => i.status === "submitted")).toBe(true);
    expect((await listApplications(database.db, actorAs("board"), {})).total).toBeGreaterThan(0);
    expect((await appError(listApplications(database.db, { kind: "anonymous" }))).code).toBe("unauthenticated");
    expect((await appError(listApplications(database.db, actorAs("member_contact", created.id)))).code).toBe(
      "forbidden",
    );
    expect((await appError(markReady(database.db, actorAs("board"), created.id))).code).toBe("forbidden");
    expect(
      (
        await appError(
          recordDecision(
            database.db,
            actorAs("board"),
            created.id,
            { decision: "approve", decidedOn: "2031-02-20" },
            { baseUrl: BASE },
          ),
        )
      ).code,
    ).toBe("forbidden");
  });

  it("rejecting before the Board tells the applicant", async () => {
    const created = await apply({ contactEmail: "closed@apply.example", contactLanguage: "it" });
    const app = await closeApplication(database.db, secretariat, created.id, "rejected", {
      reason: "Ente non ammissibile.",
    });
    expect(app.status).toBe("rejected");
    const mail = (await outbox()).find((m) => m.to === "closed@apply.example" && m.kind === "membership_closed");
    expect(mail?.text).toContain("Ente non ammissibile.");
    expect(mail?.language).toBe("it");
  });
});

describe("the Board's decision", () => {
  async function readyApplication(overrides: Record<string, unknown> = {}) {
    const created = await apply(overrides);
    await markReady(database.db, secretariat, created.id, { now: new Date("2031-01-02T10:00:00Z") });
    return created;
  }

  it("approval makes the organisation a member from the decision date, with its contacts, an invitation and the first invoice", async () => {
    const created = await readyApplication({
      name: "Västerås stad",
      country: "SE",
      officialCode: "1980",
      language: "sv",
      contactEmail: "anna@vasteras.example",
      contactName: "Anna Svensson",
      contactLanguage: "sv",
      legalEmail: "kommunstyrelsen@vasteras.example",
    });
    const agenda = await boardAgenda(database.db, actorAs("board"), { today: "2031-01-03" });
    expect(agenda.meeting?.date).toBe(thirdThursday(2031, 2));
    expect(agenda.applications.map((a) => a.id)).toContain(created.id);
    expect(agenda.applications.find((a) => a.id === created.id)?.documents.map((d) => d.kind)).toEqual(["signedForm"]);

    const decided = await recordDecision(
      database.db,
      secretariat,
      created.id,
      { decision: "approve", decidedOn: "2031-02-20" },
      { baseUrl: BASE },
    );
    expect(decided.status).toBe("approved");
    const orgId = decided.organisationId ?? "";
    const org = await getOrganisation(database.db, system("test"), orgId);
    expect(org).toMatchObject({
      name: "Västerås stad",
      status: "member",
      memberSince: "2031-02-20",
      officialCode: "1980",
    });
    const contacts = await listContacts(database.db, system("test"), orgId);
    expect(contacts.map((c) => [c.email, c.primaryContact, c.legalRepresentative, c.hasAccount]).sort()).toEqual([
      ["anna@vasteras.example", true, false, true],
      ["kommunstyrelsen@vasteras.example", false, true, false],
    ]);
    const mails = await outbox();
    const invite = mails.find((m) => m.to === "anna@vasteras.example" && m.kind === "invite");
    expect(invite?.language).toBe("sv");
    expect(invite?.text).toMatch(/\/password-reset\/[A-Za-z0-9_-]+/);
    const outcome = mails.find((m) => m.to === "anna@vasteras.example" && m.kind === "membership_decision");
    expect(outcome?.subject).toBe(
      translator("sv")("membership:mail.approvedMember.subject", { reference: created.reference }),
    );
    expect(decided.invoice?.number).toMatch(/^\d{4}-\d{4}$/);
    // The decision is in the register, numbered, in the meeting's language (English by default),
    // and the meeting's agenda and minutes show its number.
    const register = await listDecisions(database.db, actorAs("board"), { q: created.reference });
    expect(register.items.map((d) => [d.bodyCode, d.meetingId, d.text])).toEqual([
      [
        "board",
        agenda.meeting?.id,
        `Västerås stad (${created.reference}) is admitted as a member of SERN from 20 Feb 2031.`,
      ],
    ]);
    const entry = (await agendaOf(database.db, agenda.meeting?.id ?? "")).find((e) => e.applicationId === created.id);
    expect(entry?.decision?.label).toBe(register.items[0]?.label);
    // Decided once: a second decision is refused.
    const again = await appError(
      recordDecision(
        database.db,
        secretariat,
        created.id,
        { decision: "reject", reason: "x", decidedOn: "2031-02-20" },
        { baseUrl: BASE },
      ),
    );
    expect(again.code).toBe("conflict");
  });

  it("rejection needs a reason and tells the applicant; the Board's chair may record it", async () => {
    const created = await readyApplication({ contactEmail: "rejected@apply.example", contactLanguage: "en" });
    const chair = actorAs("board");
    await writeSetting(database.db, "board.chairEmail", chair.kind === "user" ? chair.user.email : "");
    const missing = await appError(
      recordDecision(
        database.db,
        chair,
        created.id,
        { decision: "reject", decidedOn: "2031-02-20" },
        { baseUrl: BASE },
      ),
    );
    expect(Object.keys(missing.fields)).toEqual(["reason"]);
    const decided = await recordDecision(
      database.db,
      chair,
      created.id,
      { decision: "reject", reason: "Outside the network's area.", decidedOn: "2031-02-20" },
      { baseUrl: BASE },
    );
    expect(decided).toMatchObject({
      status: "rejected",
      decisionReason: "Outside the network's area.",
      organisationId: null,
    });
    const mail = (await outbox()).find((m) => m.to === "rejected@apply.example" && m.kind === "membership_decision");
    expect(mail?.text).toContain("Outside the network's area.");
    await writeSetting(database.db, "board.chairEmail", "");
  });

  it("approval gives the member the application's identifiers, so its first invoice has a valid e-invoice", async () => {
    const comune = await readyApplication({
      name: "Comune di Bagnacavallo",
      taxCode: "00257850396",
      ipaCode: "UFBG47",
    });
    const kommun = await readyApplication({ name: "Ånge kommun", country: "SE", orgNumber: "212000-2395" });
    for (const [created, format] of [
      [comune, "fatturapa"],
      [kommun, "invoice"],
    ] as const) {
      const decided = await recordDecision(
        database.db,
        secretariat,
        created.id,
        { decision: "approve", decidedOn: "2031-02-20" },
        { baseUrl: BASE },
      );
      const org = await getOrganisation(database.db, system("test"), decided.organisationId ?? "");
      const row = await getInvoiceRow(database.db, secretariat, decided.invoice?.id ?? "");
      const doc = await eInvoiceDocument(database.db, row);
      const xml = format === "fatturapa" ? toFatturaPA(doc) : toPeppolUbl(doc);
      expect(await schemaErrors(xml, format)).toEqual([]);
      if (format === "fatturapa") {
        expect(org).toMatchObject({ taxCode: "00257850396", ipaCode: "UFBG47" });
        expect(xml).toContain("<FormatoTrasmissione>FPA12</FormatoTrasmissione>");
        expect(xml).toContain("<CodiceDestinatario>UFBG47</CodiceDestinatario>");
        expect(xml).toContain("<CodiceFiscale>00257850396</CodiceFiscale>");
      } else {
        expect(org).toMatchObject({ orgNumber: "212000-2395" });
        expect(xml).toContain('<cbc:EndpointID schemeID="0007">2120002395</cbc:EndpointID>');
      }
    }
  });

  it("approval can make a flagged existing organisation the member", async () => {
    const existing = await buildOrganisation(database.db, {
      name: "Comune di Faenza",
      officialCode: "039010",
      status: "applicant",
    });
    const created = await readyApplication({ name: "Comune di Faenza", officialCode: "039010" });
    const decided = await recordDecision(
      database.db,
      secretariat,
      created.id,
      { decision: "approve", decidedOn: "2031-02-20", organisationId: existing.id },
      { baseUrl: BASE },
    );
    expect(decided.organisationId).toBe(existing.id);
    expect((await getOrganisation(database.db, system("test"), existing.id)).status).toBe("member");
  });
});
