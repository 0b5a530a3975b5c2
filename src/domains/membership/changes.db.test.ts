import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOrganisation } from "~/domains/organisations/service";
import { buildOrganisation, testActors } from "~/domains/organisations/testing";
import { isAppError } from "~/errors/app-error";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { membershipCertificate } from "./certificate";
import {
  applyDueMembershipChanges,
  listMembershipChanges,
  readmitMember,
  recordResignation,
  setSuspendAfterDays,
  suspendAfterDays,
  suspendMembership,
  suspendOverdueMembers,
  todayInNetwork,
} from "./changes";
import { memberCountsByYear } from "./member-counts";

let database: TestDatabase;
const secretariat = testActors.secretariat();
const today = todayInNetwork();
const year = Number(today.slice(0, 4));

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
});
afterAll(async () => {
  await database?.close();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
  return "none";
}

async function statusOf(id: string) {
  return getOrganisation(database.db, testActors.system, id);
}

describe("resignation", () => {
  it("takes effect only after 31 December of the year received, and exactly once", async () => {
    const org = await buildOrganisation(database.db);
    const change = await recordResignation(
      database.db,
      secretariat,
      org.id,
      { receivedOn: `${year}-01-10`, reason: "Budget cuts" },
      today,
    );
    expect(change.effectiveOn).toBe(`${year}-12-31`);
    expect(change.appliedAt).toBeNull();

    // Still a member through 31 December.
    const onNewYearsEve = await applyDueMembershipChanges(database.db, `${year}-12-31`);
    expect(onNewYearsEve.resigned).not.toContain(org.id);
    expect((await statusOf(org.id)).status).toBe("member");

    const [first, second] = await Promise.all([
      applyDueMembershipChanges(database.db, `${year + 1}-01-01`),
      applyDueMembershipChanges(database.db, `${year + 1}-01-01`),
    ]);
    expect([...first.resigned, ...second.resigned].filter((id) => id === org.id)).toHaveLength(1);
    const again = await applyDueMembershipChanges(database.db, `${year + 1}-01-02`);
    expect(again.resigned).not.toContain(org.id);

    const detail = await statusOf(org.id);
    expect(detail.status).toBe("former");
    const toFormer = detail.statusHistory.filter((h) => h.toStatus === "former");
    expect(toFormer).toHaveLength(1);
    expect(toFormer[0]?.note).toContain(`resignation effective ${year}-12-31`);
    expect(toFormer[0]?.note).toContain("Budget cuts");
    // Dated the first day after the year end.
    expect(todayInNetwork(new Date(toFormer[0]?.changedAt ?? ""))).toBe(`${year + 1}-01-01`);

    const changes = await listMembershipChanges(database.db, secretariat, org.id);
    expect(changes.pendingResignation).toBeNull();
    expect(changes.items[0]?.appliedAt).not.toBeNull();
  });

  it("a resignation received on 30 December still ends the membership that year", async () => {
    const org = await buildOrganisation(database.db);
    const change = await recordResignation(
      database.db,
      secretariat,
      org.id,
      { receivedOn: `${year - 1}-12-30` },
      today,
    );
    expect(change.effectiveOn).toBe(`${year - 1}-12-31`);
  });

  it("refuses a second resignation, a non-member and a date in the future", async () => {
    const org = await buildOrganisation(database.db);
    await recordResignation(database.db, secretariat, org.id, {}, today);
    expect(await codeOf(recordResignation(database.db, secretariat, org.id, {}, today))).toBe("conflict");
    const applicant = await buildOrganisation(database.db, { status: "applicant" });
    expect(await codeOf(recordResignation(database.db, secretariat, applicant.id, {}, today))).toBe("conflict");
    const other = await buildOrganisation(database.db);
    expect(
      await codeOf(recordResignation(database.db, secretariat, other.id, { receivedOn: `${year + 1}-01-01` }, today)),
    ).toBe("validation");
  });

  it("a member contact may resign their own organisation, not another one", async () => {
    const own = await buildOrganisation(database.db);
    const other = await buildOrganisation(database.db);
    const contact = testActors.memberContact(own.id);
    expect(await codeOf(recordResignation(database.db, contact, other.id, {}, today))).toBe("forbidden");
    const change = await recordResignation(database.db, contact, own.id, { reason: "Merged" }, today);
    expect(change.kind).toBe("resignation");
    expect(await codeOf(recordResignation(database.db, testActors.anonymous, other.id, {}, today))).toBe(
      "unauthenticated",
    );
  });
});

describe("suspension and re-admission", () => {
  it("suspension and lifting it write the status history; the organisation stays a member", async () => {
    const org = await buildOrganisation(database.db);
    await suspendMembership(database.db, secretariat, org.id, { reason: "Fees 2025 unpaid" }, today);
    let changes = await listMembershipChanges(database.db, secretariat, org.id);
    expect(changes.status).toBe("member");
    expect(changes.suspendedSince).toBe(today);
    expect(await codeOf(suspendMembership(database.db, secretariat, org.id, { reason: "again" }, today))).toBe(
      "conflict",
    );
    expect(await codeOf(membershipCertificate(database.db, secretariat, org.id))).toBe("conflict");

    await readmitMember(database.db, secretariat, org.id, { reason: "Paid" }, today);
    changes = await listMembershipChanges(database.db, secretariat, org.id);
    expect(changes.suspendedSince).toBeNull();
    expect(changes.items.map((c) => c.kind)).toEqual(expect.arrayContaining(["suspension", "readmission"]));

    const notes = (await statusOf(org.id)).statusHistory.map((h) => h.note ?? "");
    expect(notes.some((n) => n.includes("suspended: Fees 2025 unpaid"))).toBe(true);
    expect(notes.some((n) => n.includes("suspension lifted: Paid"))).toBe(true);
  });

  it("re-admits a former member with a new member-since date", async () => {
    const org = await buildOrganisation(database.db, { memberSince: "2019-05-01" });
    await recordResignation(database.db, secretariat, org.id, { receivedOn: `${year - 1}-03-01` }, today);
    await applyDueMembershipChanges(database.db, today);
    expect((await statusOf(org.id)).status).toBe("former");
    await readmitMember(database.db, secretariat, org.id, {}, today);
    const detail = await statusOf(org.id);
    expect(detail.status).toBe("member");
    expect(detail.memberSince).toBe(today);
    expect(detail.statusHistory[0]).toMatchObject({ fromStatus: "former", toStatus: "member" });
    // A member in good standing cannot be re-admitted.
    expect(await codeOf(readmitMember(database.db, secretariat, org.id, {}, today))).toBe("conflict");
  });

  it("only the secretariat suspends and re-admits", async () => {
    const org = await buildOrganisation(database.db);
    for (const actor of [testActors.memberContact(org.id), testActors.board(), testActors.expert()]) {
      expect(await codeOf(suspendMembership(database.db, actor, org.id, { reason: "x" }, today))).toBe("forbidden");
      expect(await codeOf(readmitMember(database.db, actor, org.id, {}, today))).toBe("forbidden");
      expect(await codeOf(applyDueMembershipChanges(database.db, today, actor))).toBe("forbidden");
    }
    expect(await codeOf(suspendMembership(database.db, testActors.anonymous, org.id, { reason: "x" }, today))).toBe(
      "unauthenticated",
    );
    expect(await codeOf(listMembershipChanges(database.db, testActors.partner(), org.id))).toBe("forbidden");
  });

  it("suspends nobody for unpaid fees when the setting is null", async () => {
    expect(await suspendAfterDays(database.db)).toBe(90);
    await setSuspendAfterDays(database.db, secretariat, { days: null });
    expect(await suspendAfterDays(database.db)).toBeNull();
    expect(await suspendOverdueMembers(database.db, secretariat, today)).toEqual([]);
    expect(await codeOf(setSuspendAfterDays(database.db, testActors.board(), { days: 30 }))).toBe("forbidden");
    await setSuspendAfterDays(database.db, secretariat, { days: 30 });
    expect(await suspendAfterDays(database.db)).toBe(30);
    expect(await suspendOverdueMembers(database.db, secretariat, today)).toEqual([]);
  });
});

describe("membership certificate", () => {
  it("is a real PDF naming the member, in the country's language or the one asked for", async () => {
    const org = await buildOrganisation(database.db, { name: "Comune di Forlì", memberSince: "2018-04-12" });
    const certificate = await membershipCertificate(database.db, testActors.memberContact(org.id), org.id);
    expect(certificate.language).toBe("it");
    const pdf = await PDFDocument.load(certificate.bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe("Attestato di adesione — Comune di Forlì");
    expect(pdf.getSubject()).toBe("Attestato di adesione: Comune di Forlì");

    const english = await membershipCertificate(database.db, secretariat, org.id, { language: "en" });
    expect((await PDFDocument.load(english.bytes)).getTitle()).toBe("Membership certificate — Comune di Forlì");

    const swedish = await buildOrganisation(database.db, { name: "Umeå kommun", country: "SE" });
    const sv = await membershipCertificate(database.db, secretariat, swedish.id);
    expect((await PDFDocument.load(sv.bytes)).getTitle()).toBe("Medlemsintyg — Umeå kommun");
  });

  it("is refused for non-members and for other organisations' contacts", async () => {
    const applicant = await buildOrganisation(database.db, { status: "applicant" });
    expect(await codeOf(membershipCertificate(database.db, secretariat, applicant.id))).toBe("conflict");
    const member = await buildOrganisation(database.db);
    const other = await buildOrganisation(database.db);
    expect(await codeOf(membershipCertificate(database.db, testActors.memberContact(other.id), member.id))).toBe(
      "forbidden",
    );
    expect(await codeOf(membershipCertificate(database.db, testActors.anonymous, member.id))).toBe("unauthenticated");
  });
});

describe("member counts per year", () => {
  it("counts members, joined and left from member-since and the status history", async () => {
    const counted = await createTestDatabase({ places: false });
    try {
      const db = counted.db;
      await buildOrganisation(db, { memberSince: `${year - 3}-03-01` });
      const b = await buildOrganisation(db, { memberSince: `${year - 2}-06-01` });
      const c = await buildOrganisation(db, { memberSince: today });
      await buildOrganisation(db, { status: "applicant" });
      await recordResignation(db, secretariat, b.id, {}, today);
      await recordResignation(db, secretariat, c.id, {}, today);
      await applyDueMembershipChanges(db, `${year + 1}-01-02`);
      await readmitMember(db, secretariat, c.id, {}, `${year + 1}-03-01`);

      expect(await memberCountsByYear(db, `${year + 1}-06-30`)).toEqual([
        { year: year - 3, members: 1, joined: 1, left: 0 },
        { year: year - 2, members: 2, joined: 1, left: 0 },
        { year: year - 1, members: 2, joined: 0, left: 0 },
        { year, members: 3, joined: 1, left: 2 },
        { year: year + 1, members: 2, joined: 1, left: 0 },
      ]);
      // The counts stop at the year of `today`.
      expect((await memberCountsByYear(db, today)).at(-1)).toEqual({ year, members: 3, joined: 1, left: 2 });
    } finally {
      await counted.close();
    }
  });
});
