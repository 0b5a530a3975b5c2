import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { system } from "~/auth/actor";
import { demoFeeRules } from "~/domains/fees/demo";
import { putSchedule } from "~/domains/fees/service";
import { buildOrganisation } from "~/domains/organisations/testing";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";

let database: TestDatabase;
let api: ReturnType<typeof createTestApp>;
const YEAR = 2036;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  api = createTestApp(database);
  await putSchedule(database.db, system("test"), YEAR, { example: true, rules: demoFeeRules() });
});
afterAll(async () => {
  await database?.close();
});

describe("the invoicing API", () => {
  it("runs the year, lists, serves JSON, PDF and the e-invoice, registers payments and cancels", async () => {
    const it1 = await buildOrganisation(database.db, { country: "IT", type: "municipality", inhabitants: 8_000 });
    await database.query(
      "update organisations set tax_code = '00162210348', vat_number = 'IT00162210348', ipa_code = 'UFABCD', street = 'Via Roma 1', postal_code = '43121', city = 'Parma' where id = $1",
      [it1.id],
    );
    const secretariat = await api.actAs("secretariat");
    const other = await buildOrganisation(database.db, { country: "SE", type: "municipality", inhabitants: 1_000 });
    const member = await api.actAs("member_contact", { organisationId: other.id });
    const json = { ...secretariat.headers, "content-type": "application/json" };

    expect(
      (
        await api.request("/api/v1/invoicing-runs", {
          method: "POST",
          headers: { ...member.headers, "content-type": "application/json" },
          body: JSON.stringify({ year: YEAR }),
        })
      ).status,
    ).toBe(403);
    const run = await api.request("/api/v1/invoicing-runs", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ year: YEAR }),
    });
    expect(run.status).toBe(201);
    expect(await run.json()).toMatchObject({ year: YEAR, status: "completed", created: 2 });

    const list = await api.request(`/api/v1/invoices?year=${YEAR}&status=issued`, { headers: secretariat.headers });
    const page = (await list.json()) as { items: { id: string; number: string; organisationId: string }[] };
    const invoice = page.items.find((i) => i.organisationId === it1.id);
    if (!invoice) throw new Error("no invoice");

    const pdf = await api.request(`/api/v1/invoices/${invoice.id}`, {
      headers: { ...secretariat.headers, accept: "application/pdf" },
    });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect((await PDFDocument.load(new Uint8Array(await pdf.arrayBuffer()))).getTitle()).toBe(
      `Fattura ${invoice.number}`,
    );

    const xml = await api.request(`/api/v1/invoices/${invoice.id}?format=fatturapa`, { headers: secretariat.headers });
    if (xml.status !== 200) throw new Error(await xml.text());
    expect(await xml.text()).toContain("FatturaElettronica");
    expect(
      (await api.request(`/api/v1/invoices/${invoice.id}?format=ubl`, { headers: secretariat.headers })).status,
    ).toBe(409);
    expect((await api.request(`/api/v1/invoices/${invoice.id}`, { headers: member.headers })).status).toBe(404);

    const paid = await api.request(`/api/v1/invoices/${invoice.id}/payments`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ amountCents: 10_000, paidOn: "2036-02-01" }),
    });
    expect(paid.status).toBe(201);
    expect(await paid.json()).toMatchObject({ invoice: { status: "partially_paid", paidCents: 10_000 } });
    const cancel = await api.request(`/api/v1/invoices/${invoice.id}/cancel`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ reason: "x" }),
    });
    expect(cancel.status).toBe(409);

    const csv = await api.request(`/api/v1/invoices/export?year=${YEAR}`, { headers: secretariat.headers });
    expect(await csv.text()).toContain(`${invoice.number};invoice;`);
  });
});
