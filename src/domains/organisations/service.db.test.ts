import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "~/audit/schema";
import { AppError } from "~/errors/app-error";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import {
  archiveOrganisation,
  createContact,
  createOrganisation,
  deleteContact,
  getOrganisation,
  listContacts,
  listOrganisations,
  memberStats,
  updateContact,
  updateOrganisation,
} from "./service";
import { buildContact, buildOrganisation, organisationInput, testActors } from "./testing";

let database: TestDatabase;
const secretariat = testActors.secretariat();

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
});
afterAll(async () => {
  await database?.close();
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected the call to fail");
}

describe("creating an organisation", () => {
  it("derives NUTS 2, region, public authority and member-since, and records history and audit", async () => {
    const org = await createOrganisation(database.db, secretariat, {
      name: "Comune di Forlì",
      country: "it",
      type: "municipality",
      officialCode: "040012",
      nuts3: "ith58",
      inhabitants: 117_000,
      status: "member",
      priorities: ["climate_action", "digital_skills"],
    });
    expect(org).toMatchObject({
      country: "IT",
      nuts3: "ITH58",
      nuts2: "ITH5",
      region: "Emilia-Romagna, Forlì-Cesena",
      publicAuthority: true,
      publicAuthorityOverridden: false,
      status: "member",
      version: 1,
    });
    expect(org.memberSince).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(org).not.toHaveProperty("searchText");

    const detail = await getOrganisation(database.db, secretariat, org.id);
    expect(detail.statusHistory).toEqual([expect.objectContaining({ fromStatus: null, toStatus: "member" })]);
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, org.id));
    expect(audit.map((a) => a.action)).toEqual(["organisation.create"]);
    expect(audit[0]?.after).toMatchObject({ name: "Comune di Forlì", nuts2: "ITH5" });
  });

  it("lets the secretariat override the public-authority flag of the type", async () => {
    const org = await buildOrganisation(database.db, { type: "civil_society", publicAuthority: true });
    expect(org).toMatchObject({ publicAuthority: true, publicAuthorityOverridden: true });
    const plain = await buildOrganisation(database.db, { type: "civil_society" });
    expect(plain).toMatchObject({ publicAuthority: false, publicAuthorityOverridden: false });
  });

  it("names every field that breaks a rule", async () => {
    const error = await failure(
      createOrganisation(
        database.db,
        secretariat,
        organisationInput({ country: "DE", status: "member", priorities: ["climate_action", "space_travel"] }),
      ),
    );
    expect(error.code).toBe("validation");
    expect(error.fields).toEqual({
      status: { key: "errors:field.memberCountryOnly" },
      priorities: { key: "errors:field.unknownPriority", values: { value: "space_travel" } },
    });
  });

  it("checks the country and that NUTS 3 exists and belongs to the country", async () => {
    expect((await failure(buildOrganisation(database.db, { country: "XX" }))).fields).toHaveProperty("country");
    expect((await failure(buildOrganisation(database.db, { nuts3: "SE224" }))).fields.nuts3?.key).toBe(
      "errors:field.nutsCountryMismatch",
    );
    expect((await failure(buildOrganisation(database.db, { nuts3: "ITZ99" }))).fields.nuts3?.key).toBe(
      "errors:field.unknownNuts",
    );
    // For countries without loaded NUTS regions only the country prefix is checked.
    const de = await buildOrganisation(database.db, { country: "DE", status: "partner", nuts3: "DE212" });
    expect(de).toMatchObject({ nuts2: "DE21", region: null });
  });

  it("refuses a second organisation with the same official code in a country", async () => {
    await buildOrganisation(database.db, { officialCode: "037006" });
    const error = await failure(buildOrganisation(database.db, { officialCode: "037006" }));
    expect(error.code).toBe("conflict");
    expect(error.fields.officialCode?.key).toBe("errors:field.duplicateOfficialCode");
    // The same code in another country is someone else.
    await expect(buildOrganisation(database.db, { country: "SE", officialCode: "037006" })).resolves.toBeTruthy();
  });

  it("is for the secretariat only", async () => {
    expect((await failure(buildOrganisation(database.db, {}, testActors.board()))).code).toBe("forbidden");
    expect((await failure(buildOrganisation(database.db, {}, testActors.anonymous))).code).toBe("unauthenticated");
  });
});

describe("updating an organisation", () => {
  it("increments the version, records status changes and audits before/after", async () => {
    const org = await buildOrganisation(database.db, { status: "applicant" });
    const updated = await updateOrganisation(
      database.db,
      secretariat,
      org.id,
      { status: "member", inhabitants: 5000 },
      1,
    );
    expect(updated).toMatchObject({ version: 2, status: "member", inhabitants: 5000 });
    expect(updated.memberSince).not.toBeNull();
    const detail = await getOrganisation(database.db, secretariat, org.id);
    expect(detail.statusHistory.map((s) => [s.fromStatus, s.toStatus])).toEqual([
      ["applicant", "member"],
      [null, "applicant"],
    ]);
    const [audit] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "organisation.update"))
      .orderBy(auditEvents.at);
    expect(audit?.before).toMatchObject({ status: "applicant", inhabitants: null, version: 1 });
    expect(audit?.after).toMatchObject({ status: "member", inhabitants: 5000, version: 2 });
  });

  it("answers precondition_failed when the version is stale, and changes nothing", async () => {
    const org = await buildOrganisation(database.db);
    await updateOrganisation(database.db, secretariat, org.id, { inhabitants: 1 }, 1);
    const error = await failure(updateOrganisation(database.db, secretariat, org.id, { inhabitants: 2 }, 1));
    expect(error.code).toBe("precondition_failed");
    expect((await getOrganisation(database.db, secretariat, org.id)).inhabitants).toBe(1);
  });

  it("does not bump the version when nothing changes", async () => {
    const org = await buildOrganisation(database.db, { inhabitants: 10 });
    const same = await updateOrganisation(database.db, secretariat, org.id, { inhabitants: 10, name: org.name }, 1);
    expect(same.version).toBe(1);
  });

  it("lets a member contact edit their own organisation's profile, but not its status or another organisation", async () => {
    const own = await buildOrganisation(database.db);
    const other = await buildOrganisation(database.db);
    const contact = testActors.memberContact(own.id);
    const updated = await updateOrganisation(
      database.db,
      contact,
      own.id,
      { website: "https://example.org", priorities: ["climate_action"] },
      undefined,
    );
    expect(updated.website).toBe("https://example.org");

    const statusError = await failure(
      updateOrganisation(database.db, contact, own.id, { status: "former", name: "X" }, undefined),
    );
    expect(statusError.code).toBe("forbidden");
    expect(Object.keys(statusError.fields)).toEqual(["status"]);
    // Sending a field unchanged (a whole form) is fine.
    await expect(
      updateOrganisation(database.db, contact, own.id, { status: "member", city: "Forlì" }, undefined),
    ).resolves.toMatchObject({ city: "Forlì" });

    expect((await failure(updateOrganisation(database.db, contact, other.id, { name: "Mine" }, undefined))).code).toBe(
      "forbidden",
    );
  });
});

describe("archiving", () => {
  it("sets status former, keeps the record and its history, and hides it from the public", async () => {
    const org = await buildOrganisation(database.db, { name: "Archived municipality" });
    const archived = await archiveOrganisation(database.db, secretariat, org.id, 1);
    expect(archived).toMatchObject({ status: "former", version: 2 });
    const detail = await getOrganisation(database.db, testActors.board(), org.id);
    expect(detail.statusHistory.map((s) => s.toStatus)).toEqual(["former", "member"]);
    expect((await failure(getOrganisation(database.db, testActors.anonymous, org.id))).code).toBe("not_found");
    const publicList = await listOrganisations(database.db, testActors.anonymous, { q: "archived municipality" });
    expect(publicList.total).toBe(0);
    const staffList = await listOrganisations(database.db, secretariat, { q: "archived municipality" });
    expect(staffList.items.map((o) => o.id)).toEqual([org.id]);
  });
});

describe("visibility", () => {
  it("shows applicants only to the secretariat and the Board", async () => {
    const applicant = await buildOrganisation(database.db, { status: "applicant", name: "Hopeful applicant" });
    for (const actor of [testActors.anonymous, testActors.partner(), testActors.expert()]) {
      expect((await failure(getOrganisation(database.db, actor, applicant.id))).code).toBe("not_found");
      expect((await listOrganisations(database.db, actor, { q: "hopeful" })).total).toBe(0);
    }
    expect((await getOrganisation(database.db, testActors.board(), applicant.id)).id).toBe(applicant.id);
    // The applicant's own contact follows the application.
    expect((await getOrganisation(database.db, testActors.memberContact(applicant.id), applicant.id)).id).toBe(
      applicant.id,
    );
  });

  it("shows contacts to the network's people but not to partners or visitors", async () => {
    const org = await buildOrganisation(database.db);
    await buildContact(database.db, org.id, { name: "Anna Bianchi" });
    const anon = await getOrganisation(database.db, testActors.anonymous, org.id);
    expect(anon).toMatchObject({ contacts: [], contactsVisible: false });
    expect((await getOrganisation(database.db, testActors.partner(), org.id)).contacts).toEqual([]);
    expect((await getOrganisation(database.db, testActors.expert(), org.id)).contacts.map((c) => c.name)).toEqual([
      "Anna Bianchi",
    ]);
    expect((await failure(listContacts(database.db, testActors.partner(), org.id))).code).toBe("forbidden");
    expect((await failure(listContacts(database.db, testActors.anonymous, org.id))).code).toBe("unauthenticated");
  });
});

describe("contacts", () => {
  it("are created, edited and deleted by the secretariat or the organisation's own contact", async () => {
    const org = await buildOrganisation(database.db, { country: "SE", nuts3: "SE224" });
    const own = testActors.memberContact(org.id);
    const first = await createContact(database.db, own, org.id, { name: "Sven Svensson", primaryContact: true });
    expect(first).toMatchObject({ preferredLanguage: "sv", primaryContact: true, hasAccount: false });
    const second = await createContact(database.db, secretariat, org.id, { name: "Eva Ek", primaryContact: true });
    const list = await listContacts(database.db, own, org.id);
    expect(list.map((c) => [c.name, c.primaryContact])).toEqual([
      ["Eva Ek", true],
      ["Sven Svensson", false],
    ]);
    const edited = await updateContact(database.db, own, first.id, { jobTitle: "Kommunchef" });
    expect(edited).toMatchObject({ name: "Sven Svensson", jobTitle: "Kommunchef" });

    const stranger = testActors.memberContact((await buildOrganisation(database.db)).id);
    expect((await failure(updateContact(database.db, stranger, first.id, { name: "Hacked" }))).code).toBe("forbidden");
    expect((await failure(createContact(database.db, stranger, org.id, { name: "Intruder" }))).code).toBe("forbidden");

    await deleteContact(database.db, own, second.id);
    expect((await listContacts(database.db, secretariat, org.id)).map((c) => c.name)).toEqual(["Sven Svensson"]);
  });

  it("validates e-mail addresses", async () => {
    const org = await buildOrganisation(database.db);
    const error = await failure(createContact(database.db, secretariat, org.id, { name: "X", email: "not-an-email" }));
    expect(error.fields.email?.key).toBe("errors:field.invalidEmail");
  });
});

describe("member figures", () => {
  it("count organisations with status member, by country and type, public and non-public", async () => {
    const before = await memberStats(database.db);
    await buildOrganisation(database.db, { country: "SE", type: "region" });
    await buildOrganisation(database.db, { country: "IT", type: "education" });
    await buildOrganisation(database.db, { country: "IT", type: "education", status: "applicant" });
    await buildOrganisation(database.db, { country: "FR", type: "education", status: "partner" });
    const after = await memberStats(database.db);
    expect(after.total - before.total).toBe(2);
    expect((after.byCountry.SE ?? 0) - (before.byCountry.SE ?? 0)).toBe(1);
    expect((after.byType.education ?? 0) - (before.byType.education ?? 0)).toBe(1);
    expect(after.publicAuthorities - before.publicAuthorities).toBe(1);
    expect(after.nonPublic - before.nonPublic).toBe(1);
    expect(after.total).toBe(after.publicAuthorities + after.nonPublic);
    expect(after.byCountry).not.toHaveProperty("FR");
  });
});

describe("contacts with accounts", () => {
  it("show which contacts have an account, and an account binds only to its organisation's contact", async () => {
    const { createUser } = await import("~/domains/accounts/service");
    const org = await buildOrganisation(database.db, { country: "IT", nuts3: "ITH52" });
    const other = await buildOrganisation(database.db, { country: "IT", nuts3: "ITH52" });
    const contact = await createContact(database.db, secretariat, org.id, {
      name: "Giulia Neri",
      email: "giulia@example.org",
    });
    const wrong = await createUser(database.db, secretariat, {
      email: "giulia.wrong@example.org",
      name: "Giulia Neri",
      role: "member_contact",
      organisationId: other.id,
      contactId: contact.id,
    }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(AppError);
    expect((wrong as AppError).fields.contactId?.key).toBe("errors:not_found");
    await createUser(database.db, secretariat, {
      email: "giulia@example.org",
      name: "Giulia Neri",
      role: "member_contact",
      organisationId: org.id,
      contactId: contact.id,
    });
    const contacts = await listContacts(database.db, secretariat, org.id);
    expect(contacts.map((c) => [c.name, c.hasAccount])).toEqual([["Giulia Neri", true]]);
  });
});
