import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { system } from "~/auth/actor";
import { verifyPassword } from "~/auth/secrets";
import { parseConfig } from "~/config/env";
import { users } from "~/domains/accounts/schema";
import { createUser } from "~/domains/accounts/service";
import { type EInvoiceDocument, formatFor } from "~/domains/invoicing/einvoice/document";
import { toFatturaPA } from "~/domains/invoicing/einvoice/fatturapa";
import { toPeppolUbl } from "~/domains/invoicing/einvoice/ubl";
import { partyOf } from "~/domains/invoicing/party";
import { defaultSeller, sellerParty } from "~/domains/invoicing/seller";
import { organisations } from "~/domains/organisations/schema";
import { getOrganisation, listOrganisations, memberStats } from "~/domains/organisations/service";
import { CSRF_COOKIE } from "~/http/cookies";
import { shouldLoadDemo } from "~/server/prepare";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";
import { DEMO_PASSWORD, type DemoLogin, loadDemo } from "./demo";

const embedded = parseConfig({});
const server = parseConfig({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/ponte" });
const withDemo = (cfg: typeof embedded, demo: "true" | "false") => ({ ...cfg, demo: demo === "true" });

describe("the demo data set", () => {
  let database: TestDatabase;
  let logins: DemoLogin[];

  beforeAll(async () => {
    database = await createTestDatabase();
    logins = await loadDemo(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("reproduces the network's published composition", async () => {
    const stats = await memberStats(database.db);
    expect(stats.total).toBe(59);
    expect(stats.byCountry).toMatchObject({ IT: 37, SE: 22 });
    expect(stats.publicAuthorities).toBe(45);
    expect(stats.nonPublic).toBe(14);
    expect(stats.byType.municipality).toBe(30);
    expect(stats.byType.municipal_association).toBe(6);
  });

  it("gives every member the identifiers its e-invoice needs", async () => {
    const members = await database.db.select().from(organisations).where(eq(organisations.status, "member"));
    const formats = new Map<string, number>();
    for (const member of members) {
      const buyer = partyOf(member);
      const format = formatFor(buyer);
      formats.set(format, (formats.get(format) ?? 0) + 1);
      const doc: EInvoiceDocument = {
        kind: "invoice",
        number: "2027-0001",
        issueDate: "2027-01-15",
        dueDate: "2027-02-14",
        currency: "EUR",
        amountCents: 100_000,
        description: "Membership fee 2027",
        feeYear: 2027,
        seller: sellerParty(defaultSeller),
        buyer,
      };
      // Throws, naming the missing identifier, if the member could not be invoiced electronically.
      expect(format === "peppol" ? toPeppolUbl(doc) : toFatturaPA(doc), member.name).toContain("2027-0001");
    }
    // Italian members receive FatturaPA (public administrations FPA12), Swedish public bodies Peppol.
    expect(Object.fromEntries(formats)).toEqual({
      "fatturapa-fpa12": 27,
      "fatturapa-fpr12": 10,
      peppol: 18,
      "pdf-only": 4,
    });
  });

  it("adds partners from other EU countries and applicants", async () => {
    const partners = await listOrganisations(database.db, system("test"), { status: "partner", pageSize: 50 });
    expect(partners.total).toBeGreaterThanOrEqual(3);
    expect(partners.items.every((o) => o.country !== "IT" && o.country !== "SE")).toBe(true);
    const applicants = await listOrganisations(database.db, system("test"), { status: "applicant" });
    expect(applicants.total).toBeGreaterThanOrEqual(1);
  });

  it("fills in real places: official code, NUTS and inhabitants of Forlì", async () => {
    const found = await listOrganisations(database.db, system("test"), {
      q: "forli",
      country: "IT",
      type: "municipality",
    });
    const forli = found.items[0];
    expect(forli?.name).toBe("Comune di Forlì");
    expect(forli).toMatchObject({ officialCode: "040012", nuts3: "ITH58", nuts2: "ITH5", status: "member" });
    expect(forli?.inhabitants).toBeGreaterThan(100_000);
    const malmo = await listOrganisations(database.db, system("test"), { q: "malmo", type: "municipality" });
    expect(malmo.items[0]).toMatchObject({ name: "Malmö stad", officialCode: "1280", country: "SE" });
  });

  it("gives every member contact people: one legal representative and one primary contact", async () => {
    const members = await listOrganisations(database.db, system("test"), { status: "member", pageSize: 100 });
    expect(members.items).toHaveLength(59);
    for (const org of members.items) {
      expect(org.priorities.length, org.name).toBeGreaterThan(0);
      expect(org.workingLanguages.length, org.name).toBeGreaterThan(0);
      expect(org.memberSince, org.name).toMatch(/^\d{4}-(02|05|11)-\d{2}$/);
      const detail = await getOrganisation(database.db, system("test"), org.id);
      expect(detail.contacts.length, org.name).toBeGreaterThanOrEqual(1);
      expect(detail.contacts.length, org.name).toBeLessThanOrEqual(3);
      expect(
        detail.contacts.filter((c) => c.legalRepresentative),
        org.name,
      ).toHaveLength(1);
      expect(
        detail.contacts.filter((c) => c.primaryContact),
        org.name,
      ).toHaveLength(1);
      for (const c of detail.contacts) {
        expect(c.email, org.name).toMatch(/\.example$/);
        expect(c.preferredLanguage, org.name).toBe(org.country === "IT" ? "it" : "sv");
      }
    }
  });

  it("returns one login per role, and each password signs in", async () => {
    expect(logins.map((l) => l.role).sort()).toEqual(["board", "expert", "member_contact", "partner", "secretariat"]);
    const { request } = createTestApp(database);
    for (const login of logins) {
      expect(login.password).toBe(DEMO_PASSWORD);
      expect(login.password.length).toBeGreaterThanOrEqual(10);
      const [row] = await database.db.select().from(users).where(eq(users.email, login.email));
      expect(row?.role).toBe(login.role);
      expect(await verifyPassword(row?.passwordHash ?? null, login.password)).toBe(true);
      const res = await request("/api/v1/auth/login", {
        method: "POST",
        // A browser-less client: the CSRF cookie and header carry the same value (double submit).
        headers: {
          "content-type": "application/json",
          cookie: `${CSRF_COOKIE}=demo-test`,
          "x-csrf-token": "demo-test",
        },
        body: JSON.stringify({ email: login.email, password: login.password }),
      });
      expect(res.status, login.role).toBe(200);
    }
  });

  it("binds the member contact to Comune di Parma, where they are the primary contact", async () => {
    const [row] = await database.db.select().from(users).where(eq(users.role, "member_contact"));
    expect(row?.organisationId).toBeTruthy();
    const parma = await getOrganisation(database.db, system("test"), row?.organisationId ?? "");
    expect(parma.name).toBe("Comune di Parma");
    const primary = parma.contacts.find((c) => c.primaryContact);
    expect(primary?.email).toBe(row?.email);
    expect(primary?.hasAccount).toBe(true);
    expect(row?.contactId).toBe(primary?.id);
  });

  it("includes an example fee schedule for this year and the next", async () => {
    const rows = await database.query<{ year: number; example: boolean }>(
      "select year, example from fee_schedules order by year",
    );
    const year = new Date().getFullYear();
    expect(rows).toEqual([
      { year, example: true },
      { year: year + 1, example: true },
    ]);
  });

  it("includes membership applications in several states", async () => {
    const rows = await database.query<{ status: string }>("select status from membership_applications order by status");
    expect(rows.map((r) => r.status)).toEqual(["incomplete", "ready_for_board", "submitted", "withdrawn"]);
  });

  it("is not loaded again once loaded, even with PONTE_DEMO=true", async () => {
    for (const kind of ["pglite", "postgres"] as const) {
      expect(await shouldLoadDemo(withDemo(embedded, "true"), { ...database, kind })).toBe(false);
      expect(await shouldLoadDemo(embedded, { ...database, kind })).toBe(false);
    }
  });
});

describe("whether the demo data set loads at start", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it("loads on a new embedded database, on a PostgreSQL server only with PONTE_DEMO=true, never with PONTE_DEMO=false", async () => {
    // The decision depends on the kind of database and what it holds; both kinds are checked here.
    const pglite = { ...database, kind: "pglite" as const };
    const postgres = { ...database, kind: "postgres" as const };
    expect(await shouldLoadDemo(embedded, pglite)).toBe(true);
    expect(await shouldLoadDemo(withDemo(embedded, "false"), pglite)).toBe(false);
    expect(await shouldLoadDemo(server, postgres)).toBe(false);
    expect(await shouldLoadDemo(withDemo(server, "true"), postgres)).toBe(true);
    expect(await shouldLoadDemo(withDemo(server, "false"), postgres)).toBe(false);
  });

  it("does not load on an embedded database that already has accounts", async () => {
    const user = await createUser(database.db, system("test"), {
      email: "someone@sern.example",
      name: "Someone",
      role: "secretariat",
      password: "a-long-password",
    });
    expect(await shouldLoadDemo(embedded, { ...database, kind: "pglite" })).toBe(false);
    await database.db.delete(users).where(eq(users.id, user.id));
  });

  it("leaves no half demo when loading fails, and never loads twice", async () => {
    // A demo account's e-mail is already taken: loading fails, and nothing of the demo remains.
    const taken = await createUser(database.db, system("test"), {
      email: "partner@demo.ponte.example",
      name: "Taken",
      role: "partner",
    });
    await expect(loadDemo(database)).rejects.toThrow();
    const count = async () =>
      (await database.query<{ n: number }>("select count(*)::int as n from organisations"))[0]?.n ?? -1;
    expect(await count()).toBe(0);
    expect(await shouldLoadDemo(withDemo(embedded, "true"), { ...database, kind: "pglite" })).toBe(true);

    await database.db.delete(users).where(eq(users.id, taken.id));
    await loadDemo(database);
    expect(await count()).toBeGreaterThan(59);
    expect(await shouldLoadDemo(withDemo(embedded, "true"), { ...database, kind: "pglite" })).toBe(false);
    const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(users);
    expect(row?.n).toBe(5);
  });
});
