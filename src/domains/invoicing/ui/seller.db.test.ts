import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorAs } from "~/domains/organisations/testing";
import { translator } from "~/i18n/i18n";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";
import { getRequest, outcome, pageContext, postRequest, routeArgs } from "~/testing/pages";
import { getSeller } from "../seller";
import { action, loader } from "./seller";

/** The secretariat sets the network's own details as the seller of invoices and e-invoices. */
let database: TestDatabase;
const secretariat = actorAs("secretariat");

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
});
afterAll(async () => {
  await database?.close();
});

const show = (actor = secretariat) =>
  outcome<Awaited<ReturnType<typeof loader>>>(() =>
    loader(routeArgs<typeof loader>(getRequest("/invoices/seller"), pageContext(database, actor))),
  );
const save = (fields: Record<string, string>, actor = secretariat, language: "en" | "sv" = "en") =>
  outcome<{ values: Record<string, string>; problem: { fields: Record<string, string> } }>(() =>
    action(routeArgs<typeof action>(postRequest("/invoices/seller", fields), pageContext(database, actor, language))),
  );

const sern = {
  name: "Sweden Emilia-Romagna Network",
  street: "Stradone Martiri della Libertà 15",
  postalCode: "43123",
  city: "Parma",
  country: "it",
  vatNumber: "00162210348",
  taxCode: "",
  peppolId: "",
  email: "secretariat@sern.example",
  iban: "it60 x054 2811 1010 0000 0123 456",
  bic: "",
  bankName: "Banca di Parma",
  regimeFiscale: "RF01",
};

describe("the network's details on invoices", () => {
  it("says the details are examples until the secretariat saves real ones", async () => {
    const page = await show();
    expect(page.data.placeholder).toBe(true);
    expect(page.data.values.vatNumber).toBe("IT12345678903");
  });

  it("names a wrong IBAN or VAT number in the reader's language and keeps what was typed", async () => {
    const refused = await save(
      { ...sern, iban: "IT60X0542811101000000123457", vatNumber: "00162210349" },
      secretariat,
      "sv",
    );
    expect(refused.status).toBe(422);
    const sv = translator("sv");
    expect(refused.data.problem.fields.iban).toBe(sv("errors:field.invalidIban"));
    expect(refused.data.problem.fields.vatNumber).toBeTruthy();
    expect(refused.data.values.name).toBe(sern.name);
    expect((await getSeller(database.db)).vatNumber).toBe("IT12345678903");
  });

  it("saves the details, normalised, and new invoices carry them", async () => {
    expect(await save(sern)).toMatchObject({ status: 302, location: "/invoices/seller?notice=saved" });
    const page = await show();
    expect(page.data.placeholder).toBe(false);
    expect(page.data.values).toMatchObject({
      country: "IT",
      vatNumber: "IT00162210348",
      iban: "IT60X0542811101000000123456",
    });
    expect(await getSeller(database.db)).toMatchObject({ vatNumber: "IT00162210348", placeholder: false });
  });

  it("reads and sets the details through the API, naming a wrong field", async () => {
    const http = createTestApp(database);
    const { headers } = await http.actAs("secretariat", { language: "it" });
    const read = await http.request("/api/v1/invoicing/seller", { headers });
    expect(read.status).toBe(200);
    const put = (body: unknown) =>
      http.request("/api/v1/invoicing/seller", {
        method: "PUT",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const bad = await put({ ...sern, iban: "IT00X0000000000000000000000" });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields.iban).toBe(translator("it")("errors:field.invalidIban"));
    const good = await put({ ...sern, bankName: "Banca Popolare", placeholder: false });
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({
      bankName: "Banca Popolare",
      vatNumber: "IT00162210348",
      placeholder: false,
    });
    const member = await http.actAs("board");
    expect((await http.request("/api/v1/invoicing/seller", { headers: member.headers })).status).toBe(403);
    expect((await http.request("/api/v1/invoicing/seller")).status).toBe(401);
  });

  it("is for the secretariat only", async () => {
    expect((await show(actorAs("board"))).status).toBe(403);
    expect((await save(sern, actorAs("board"))).status).toBe(403);
  });
});
