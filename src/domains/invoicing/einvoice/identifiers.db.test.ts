/**
 * From the directory to the e-invoice: identifiers entered on an organisation are normalised and
 * checked per country, the right people see and change them, the buyer snapshot carries them, and
 * the network's seller details are a setting.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisations } from "~/domains/organisations/schema";
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from "~/domains/organisations/service";
import { testActors } from "~/domains/organisations/testing";
import { AppError } from "~/errors/app-error";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { partyOf } from "../party";
import { defaultSeller, getSeller, setSeller } from "../seller";
import { formatFor } from "./document";
import { toFatturaPA } from "./fatturapa";
import { toPeppolUbl } from "./ubl";

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

async function rowOf(id: string) {
  const [row] = await database.db.select().from(organisations).where(eq(organisations.id, id));
  if (!row) throw new Error("no row");
  return row;
}

describe("organisation identifiers", () => {
  it("a Swedish municipality's identifiers are normalised and make a Peppol invoice", async () => {
    const org = await createOrganisation(database.db, secretariat, {
      name: "Malmö stad",
      country: "SE",
      type: "municipality",
      status: "member",
      street: "August Palms plats 1",
      postalCode: "205 80",
      city: "Malmö",
      orgNumber: "2120001124",
      vatNumber: "212000-1124",
      peppolId: "0007:212000-1124",
      invoiceEmail: "fakturor@malmo.se",
      invoiceLanguage: "sv",
      annualBudget: 1_250_000.5,
    });
    expect(org).toMatchObject({
      orgNumber: "212000-1124",
      vatNumber: "SE212000112401",
      peppolId: "0007:2120001124",
      invoiceEmail: "fakturor@malmo.se",
      invoiceLanguage: "sv",
      annualBudget: 1_250_000.5,
    });
    const row = await rowOf(org.id);
    expect(row.annualBudgetCents).toBe(125_000_050);
    const buyer = partyOf(row);
    expect(formatFor(buyer)).toBe("peppol");
    const xml = toPeppolUbl({
      kind: "invoice",
      number: "2027-0001",
      issueDate: "2027-01-15",
      dueDate: "2027-02-14",
      currency: "EUR",
      amountCents: 120_000,
      description: "Membership fee 2027",
      feeYear: 2027,
      seller: await getSeller(database.db),
      buyer,
    });
    expect(xml).toContain('<cbc:EndpointID schemeID="0007">2120001124</cbc:EndpointID>');
  });

  it("names each identifier that is wrong or belongs to another country", async () => {
    const e = await failure(
      createOrganisation(database.db, secretariat, {
        name: "Comune di Prova",
        country: "IT",
        type: "municipality",
        taxCode: "00162210349",
        ipaCode: "UF",
        orgNumber: "212000-1124",
        peppolId: "7:123",
      }),
    );
    expect(e.code).toBe("validation");
    expect(Object.keys(e.fields).sort()).toEqual(["ipaCode", "orgNumber", "peppolId", "taxCode"]);
    expect(e.fields.orgNumber).toEqual({ key: "errors:field.onlyForSweden" });
  });

  it("an Italian comune with an IPA code gets an FPA12; a member contact may change the invoice e-mail only", async () => {
    const org = await createOrganisation(database.db, secretariat, {
      name: "Comune di Parma",
      country: "IT",
      type: "municipality",
      status: "member",
      street: "Strada della Repubblica 1",
      postalCode: "43121",
      city: "Parma",
      taxCode: "00162210348",
      vatNumber: "00162210348",
      ipaCode: "ufxq2l",
    });
    expect(org).toMatchObject({ vatNumber: "IT00162210348", ipaCode: "UFXQ2L" });
    const contact = testActors.memberContact(org.id);
    const updated = await updateOrganisation(
      database.db,
      contact,
      org.id,
      { invoiceEmail: "ragioneria@comune.parma.it" },
      undefined,
    );
    expect(updated.invoiceEmail).toBe("ragioneria@comune.parma.it");
    const refused = await failure(updateOrganisation(database.db, contact, org.id, { ipaCode: "AAAAAA" }, undefined));
    expect(refused.code).toBe("forbidden");
    expect(Object.keys(refused.fields)).toEqual(["ipaCode"]);

    const buyer = partyOf(await rowOf(org.id));
    expect(formatFor(buyer)).toBe("fatturapa-fpa12");
    const xml = toFatturaPA({
      kind: "invoice",
      number: "2027-0002",
      issueDate: "2027-01-15",
      dueDate: "2027-02-14",
      currency: "EUR",
      amountCents: 80_000,
      description: "Quota associativa 2027",
      feeYear: 2027,
      seller: await getSeller(database.db),
      buyer,
    });
    expect(xml).toContain("<CodiceDestinatario>UFXQ2L</CodiceDestinatario>");
  });

  it("an edit that changes the country checks the identifiers again", async () => {
    const org = await createOrganisation(database.db, secretariat, {
      name: "Region X",
      country: "SE",
      type: "region",
      orgNumber: "212000-0142",
    });
    const e = await failure(updateOrganisation(database.db, secretariat, org.id, { country: "IT" }, undefined));
    expect(e.fields.orgNumber).toEqual({ key: "errors:field.onlyForSweden" });
  });

  it("visitors see the identifiers but not the invoice e-mail or budget", async () => {
    const org = await createOrganisation(database.db, secretariat, {
      name: "Göteborgs Stad",
      country: "SE",
      type: "municipality",
      status: "member",
      orgNumber: "212000-1355",
      invoiceEmail: "faktura@goteborg.se",
      annualBudget: 1000,
    });
    const seen = await getOrganisation(database.db, testActors.anonymous, org.id);
    expect(seen).toMatchObject({ orgNumber: "212000-1355", invoiceEmail: null, annualBudget: null });
    const listed = await listOrganisations(database.db, testActors.anonymous, { q: "Göteborgs" });
    expect(listed.items.find((o) => o.id === org.id)?.invoiceEmail).toBeNull();
    const staff = await getOrganisation(database.db, secretariat, org.id);
    expect(staff).toMatchObject({ invoiceEmail: "faktura@goteborg.se", annualBudget: 1000 });
  });
});

describe("the seller setting", () => {
  it("defaults to SERN with placeholders, and the secretariat replaces them", async () => {
    expect(await getSeller(database.db)).toMatchObject({ city: "Parma", placeholder: true });
    await setSeller(database.db, secretariat, {
      ...defaultSeller,
      vatNumber: "01232710374",
      taxCode: "92012345671",
      placeholder: false,
    });
    expect(await getSeller(database.db)).toMatchObject({
      vatNumber: "IT01232710374",
      taxCode: "92012345671",
      placeholder: false,
    });
    const refused = await failure(setSeller(database.db, testActors.board(), defaultSeller));
    expect(refused.code).toBe("forbidden");
    const invalid = await failure(setSeller(database.db, secretariat, { ...defaultSeller, taxCode: "123" }));
    expect(invalid.fields.taxCode).toMatchObject({ key: "errors:field.invalidTaxCode" });
  });
});
