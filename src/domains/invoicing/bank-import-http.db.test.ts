import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { system } from "~/auth/actor";
import { demoFeeRules } from "~/domains/fees/demo";
import { putSchedule } from "~/domains/fees/service";
import { buildOrganisation } from "~/domains/organisations/testing";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";
import { runAnnualInvoicing } from "./run";

let database: TestDatabase;
let api: ReturnType<typeof createTestApp>;
const YEAR = 2038;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  api = createTestApp(database);
  await putSchedule(database.db, system("test"), YEAR, { example: true, rules: demoFeeRules() });
});
afterAll(async () => {
  await database?.close();
});

describe("POST /api/v1/invoices/bank-statement", () => {
  it("records the payments a statement names once; the same statement again records nothing", async () => {
    const member = await buildOrganisation(database.db, { country: "SE", type: "municipality", inhabitants: 1_000 });
    await runAnnualInvoicing(database.db, system("test"), { year: YEAR });
    const secretariat = await api.actAs("secretariat");
    const list = await api.request(`/api/v1/invoices?year=${YEAR}`, { headers: secretariat.headers });
    const { items } = (await list.json()) as { items: { id: string; number: string; amountCents: number }[] };
    const invoice = items[0];
    if (!invoice) throw new Error("no invoice");

    const amount = (invoice.amountCents / 100).toFixed(2).replace(".", ",");
    const csv = [
      "Bokföringsdag;Belopp;Referens;Meddelande;Transaction ID",
      `2038-02-01;${amount};${invoice.number};Medlemsavgift;TX-1`,
      "2038-02-02;250,00;;Okänd inbetalning;TX-2",
      "2038-02-03;-99,00;;Bankavgift;TX-3",
      "",
    ].join("\n");
    const post = (headers: Record<string, string>, body = csv) =>
      api.request("/api/v1/invoices/bank-statement", {
        method: "POST",
        headers: { ...headers, "content-type": "text/csv; charset=utf-8" },
        body,
      });

    const first = await post(secretariat.headers);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({
      rows: 3,
      recorded: 1,
      duplicates: 0,
      unmatched: [
        { line: 3, reason: "no_invoice" },
        { line: 4, reason: "not_incoming" },
      ],
    });
    const paid = await api.request(`/api/v1/invoices/${invoice.id}`, { headers: secretariat.headers });
    expect(await paid.json()).toMatchObject({
      organisationId: member.id,
      status: "paid",
      paidCents: invoice.amountCents,
      payments: [{ amountCents: invoice.amountCents, paidOn: "2038-02-01", source: "bank_import", reference: "TX-1" }],
    });

    const second = await post(secretariat.headers);
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ rows: 3, recorded: 0, duplicates: 1 });
    const after = (await (
      await api.request(`/api/v1/invoices/${invoice.id}`, { headers: secretariat.headers })
    ).json()) as { paidCents: number; payments: unknown[] };
    expect(after.paidCents).toBe(invoice.amountCents);
    expect(after.payments).toHaveLength(1);
  });

  it("refuses other roles, visitors, other media types and a statement without the needed columns", async () => {
    const body = "date;amount;reference\n2038-01-01;1,00;2038-0001\n";
    const csvHeaders = { "content-type": "text/csv" };
    const member = await api.actAs("board");
    const secretariat = await api.actAs("secretariat", { language: "it" });
    const send = (headers: Record<string, string>, text = body) =>
      api.request("/api/v1/invoices/bank-statement", { method: "POST", headers, body: text });

    // A visitor: refused before anything is read (no session, so no CSRF token either).
    const visitor = await send(csvHeaders);
    expect(visitor.status).toBe(403);
    expect(((await visitor.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    expect((await send({ authorization: "Bearer not-a-token", ...csvHeaders })).status).toBe(401);
    expect((await send({ ...member.headers, ...csvHeaders })).status).toBe(403);
    expect((await send({ ...secretariat.headers, "content-type": "application/json" })).status).toBe(415);
    const bad = await send({ ...secretariat.headers, ...csvHeaders }, "when,how much\n1,2\n");
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({
      error: {
        code: "validation",
        message: "L'estratto conto deve avere le colonne date, amount e reference (o description).",
      },
    });
  });
});
