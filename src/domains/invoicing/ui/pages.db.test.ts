import { type ComponentType, createElement } from "react";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, anonymous } from "~/auth/actor";
import { demoFeeRules } from "~/domains/fees/demo";
import { putSchedule } from "~/domains/fees/service";
import type { Organisation } from "~/domains/organisations/contract";
import { updateOrganisation } from "~/domains/organisations/service";
import { actorAs, buildOrganisation, testActors } from "~/domains/organisations/testing";
import { formatMoney, type Language, translator } from "~/i18n/i18n";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { outcome, pageContext, routeArgs } from "~/testing/pages";
import InvoicePage, { action as detailAction, loader as detailLoader } from "./detail";
import InvoiceList, { action as listAction, loader as listLoader } from "./list";

/**
 * The invoice pages' loaders and actions, called as React Router calls them for a form posted
 * without JavaScript (the browser journeys are elsewhere).
 */
let database: TestDatabase;
const YEAR = 2037;
const secretariat = actorAs("secretariat");
let parma: Organisation;
let umea: Organisation;
let noFigures: Organisation;

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  await putSchedule(database.db, testActors.system, YEAR, { example: true, rules: demoFeeRules() });
  parma = await buildOrganisation(database.db, { country: "IT", type: "municipality", inhabitants: 8_000 });
  await database.query(
    "update organisations set tax_code = '00162210348', vat_number = 'IT00162210348', ipa_code = 'UFABCD', public_authority = true where id = $1",
    [parma.id],
  );
  umea = await buildOrganisation(database.db, { country: "SE", type: "municipality", inhabitants: 1_000 });
  noFigures = await buildOrganisation(database.db, { type: "municipality", name: "Comune senza abitanti" });
});
afterAll(async () => {
  await database?.close();
});

const context = (actor: Actor, language: Language = "en") => pageContext(database, actor, language);

const args = routeArgs;

function formOf(entries: Record<string, string | Blob>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(entries)) form.append(k, v);
  return form;
}
const get = (path: string) => new Request(`http://test${path}`);
const postTo = (path: string, form: FormData) => new Request(`http://test${path}`, { method: "POST", body: form });

const list = (path: string, actor: Actor = secretariat, language: Language = "en") =>
  outcome<Awaited<ReturnType<typeof listLoader>>>(() =>
    listLoader(args<typeof listLoader>(get(path), context(actor, language))),
  );
const listPost = (form: Record<string, string | Blob>, actor: Actor = secretariat, language: Language = "en") =>
  outcome<{
    problem: { message: string; fields: Record<string, string> } | null;
    report: Record<string, unknown> | null;
  }>(() => listAction(args<typeof listAction>(postTo("/invoices", formOf(form)), context(actor, language))));
const detail = (id: string, actor: Actor = secretariat, search = "") =>
  outcome<Awaited<ReturnType<typeof detailLoader>>>(() =>
    detailLoader(args<typeof detailLoader>(get(`/invoices/${id}${search}`), context(actor), { id })),
  );
const detailPost = (id: string, form: Record<string, string>, actor: Actor = secretariat, language: Language = "en") =>
  outcome<{ problem: { message: string; fields: Record<string, string> } }>(() =>
    detailAction(args<typeof detailAction>(postTo(`/invoices/${id}`, formOf(form)), context(actor, language), { id })),
  );

/** The page as the server renders it, for a reader of the language, from its loader's data. */
function render(page: ComponentType, path: string, loaderData: unknown, language: Language): string {
  const root = { language, csrfToken: "test", user: null };
  const Stub = createRoutesStub([
    { id: "root", path: "/", loader: () => root, children: [{ id: "page", path: path.slice(1), Component: page }] },
  ]);
  return renderToString(
    createElement(Stub, { initialEntries: [path], hydrationData: { loaderData: { root, page: loaderData } } }),
  );
}

async function invoiceOf(organisationId: string) {
  const page = await list(`/invoices?year=${YEAR}&kind=invoice`);
  const row = page.data.rows.find((r) => r.organisationId === organisationId);
  if (!row) throw new Error("no invoice");
  return row;
}

describe("the annual run from /invoices", () => {
  it("asks for a year that has a fee schedule, in the reader's language", async () => {
    const empty = await listPost({ intent: "run", year: "" }, secretariat, "it");
    expect(empty.status).toBe(422);
    expect(empty.data.problem?.fields).toEqual({ year: "Campo obbligatorio." });

    const noSchedule = await listPost({ intent: "run", year: "2099" }, secretariat, "sv");
    expect(noSchedule.status).toBe(422);
    expect(noSchedule.data.problem?.fields).toEqual({ year: "Det finns inget avgiftsschema för 2099." });
  });

  it("issues the year's invoices and reports who was skipped and why; a second run creates nothing", async () => {
    const first = await listPost({ intent: "run", year: String(YEAR) }, secretariat, "sv");
    expect(first.status).toBe(200);
    expect(first.data.report).toMatchObject({ year: YEAR, status: "completed", created: 2 });
    expect(first.data.report?.skipped).toEqual([
      {
        organisationId: noFigures.id,
        name: "Comune senza abitanti",
        reason: "Avgiften beror på en uppgift som saknas.",
      },
    ]);

    const again = await listPost({ intent: "run", year: String(YEAR) });
    expect(again.data.report).toMatchObject({ created: 0 });

    const page = await list("/invoices");
    expect(page.data.runs.filter((r) => r.year === YEAR)).toHaveLength(2);
  });
});

describe("the list (/invoices)", () => {
  it("filters by year, status and kind, pages, and sums what it lists", async () => {
    const all = await list(`/invoices?year=${YEAR}`);
    expect(all.data.total).toBe(2);
    expect(all.data.rows.map((r) => r.organisation).sort()).toEqual([parma.name, umea.name].sort());
    expect(all.data.rows.every((r) => /^\d{4}-\d{4}$/.test(r.number ?? ""))).toBe(true);
    const sum = all.data.rows.reduce((s, r) => s + r.amountCents, 0);
    expect(all.data.totals).toEqual([{ currency: "EUR", amountCents: sum, paidCents: 0, outstandingCents: sum }]);
    expect(all.data.exportHref).toBe(`/api/v1/invoices/export?year=${YEAR}`);

    expect((await list(`/invoices?year=${YEAR}&status=paid`)).data.total).toBe(0);
    expect((await list(`/invoices?year=${YEAR}&status=issued&kind=invoice`)).data.total).toBe(2);
    expect((await list(`/invoices?year=${YEAR}&kind=credit_note`)).data.rows).toEqual([]);
    expect((await list(`/invoices?year=${YEAR}&q=${encodeURIComponent(umea.name)}`)).data.total).toBe(1);

    const second = await list(`/invoices?year=${YEAR}&pageSize=1&page=2`);
    expect(second.data).toMatchObject({ page: 2, pageSize: 1, total: 2 });
    expect(second.data.rows).toHaveLength(1);
    const beyond = await list(`/invoices?year=${YEAR}&pageSize=1&page=9`);
    expect(beyond).toMatchObject({ status: 302, location: `/invoices?year=${YEAR}&pageSize=1&page=2` });

    // A filter the list does not understand is named and ignored; the rest still answers.
    const odd = await list(`/invoices?year=${YEAR}&status=unpaid`, secretariat, "it");
    expect(odd.data.total).toBe(2);
    expect(odd.data.problem).toBe("Alcuni filtri non sono stati compresi e vengono ignorati: status.");
  });

  it("writes amounts the reader's way", () => {
    expect(formatMoney("it", 123_450)).toBe("1234,50\u00a0€");
    expect(formatMoney("sv", 123_450)).toBe("1\u00a0234,50\u00a0€");
    expect(formatMoney("en", 123_450)).toBe("€1,234.50");
  });
});

describe("an invoice (/invoices/:id)", () => {
  it("shows the invoice with its rule, PDF and the e-invoice its buyer receives", async () => {
    const row = await invoiceOf(parma.id);
    const page = await detail(row.id);
    expect(page.status).toBe(200);
    expect(page.data.invoice).toMatchObject({
      number: row.number,
      organisationId: parma.id,
      feeYear: YEAR,
      status: "issued",
      paidCents: 0,
      outstandingCents: row.amountCents,
    });
    expect(page.data.rule.code).toBeTruthy();
    expect(page.data.rule.scheduleYear).toBe(YEAR);
    expect(page.data.pdfHref).toBe(`/api/v1/invoices/${row.id}?format=pdf`);
    expect(page.data.eInvoice).toEqual({
      format: "fatturapa-fpa12",
      href: `/api/v1/invoices/${row.id}?format=fatturapa`,
      missing: [],
    });
    expect(page.data.canManage).toBe(true);
  });

  it("explains an e-invoice that cannot be produced yet, and takes identifiers added later into the invoice", async () => {
    // Umeå was invoiced before its organisationsnummer was known: no link that would fail, but what is missing.
    const id = (await invoiceOf(umea.id)).id;
    const before = await detail(id);
    expect(before.data.eInvoice).toEqual({
      format: "peppol",
      href: `/api/v1/invoices/${id}?format=ubl`,
      missing: [{ party: "buyer", field: "orgNumber" }],
    });
    const html = render(InvoicePage as ComponentType, `/invoices/${id}`, before.data, "sv");
    expect(html).toContain(translator("sv")("invoicing:ui.eInvoiceMissing", { format: "Peppol BIS Billing 3.0, UBL" }));
    expect(html).toContain(translator("sv")("organisations:fields.orgNumber"));
    expect(html).not.toContain("format=ubl");

    // Nothing to take over yet.
    expect((await detailPost(id, { intent: "completeBuyer" })).location).toBe(`/invoices/${id}?notice=identifiersNone`);
    await updateOrganisation(database.db, secretariat, umea.id, { orgNumber: "212000-2627" }, undefined);
    const taken = await detailPost(id, { intent: "completeBuyer" });
    expect(taken.location).toBe(`/invoices/${id}?notice=identifiersAdded`);
    const after = await detail(id);
    expect(after.data.eInvoice?.missing).toEqual([]);
    expect(render(InvoicePage as ComponentType, `/invoices/${id}`, after.data, "en")).toContain(
      `/api/v1/invoices/${id}?format=ubl`,
    );
    // Only for the secretariat.
    expect((await detailPost(id, { intent: "completeBuyer" }, actorAs("board"))).status).toBe(403);
  });

  it("registers payments typed in euro and the status follows", async () => {
    const row = await invoiceOf(umea.id);
    const bad = await detailPost(
      row.id,
      { intent: "payment", amount: "dieci", paidOn: "2037-13-45" },
      secretariat,
      "it",
    );
    expect(bad.status).toBe(422);
    expect(bad.data.problem.fields).toEqual({
      amount: "Inserire un importo in euro maggiore di zero, ad esempio 120,50.",
      paidOn: "Deve essere una data nel formato AAAA-MM-GG.",
    });

    const part = await detailPost(row.id, {
      intent: "payment",
      amount: "100,50",
      paidOn: "2037-02-01",
      reference: "Bankgiro 123",
    });
    expect(part).toMatchObject({ status: 302, location: `/invoices/${row.id}?notice=paymentSaved` });
    const after = await detail(row.id, secretariat, "?notice=paymentSaved");
    expect(after.data.notice).toBe("paymentSaved");
    expect(after.data.invoice).toMatchObject({ status: "partially_paid", paidCents: 10_050 });
    expect(after.data.invoice.payments).toMatchObject([
      { amountCents: 10_050, paidOn: "2037-02-01", reference: "Bankgiro 123", source: "manual" },
    ]);

    const rest = ((row.amountCents - 10_050) / 100).toFixed(2);
    await detailPost(row.id, { intent: "payment", amount: rest, paidOn: "2037-02-10" });
    expect((await detail(row.id)).data.invoice).toMatchObject({ status: "paid", outstandingCents: 0 });
    expect((await list(`/invoices?year=${YEAR}&status=paid`)).data.total).toBe(1);

    // Paid: it cannot be cancelled, and the page says why.
    const refused = await detailPost(row.id, { intent: "cancel", reason: "Fel", confirm: "yes" });
    expect(refused.status).toBe(422);
    expect(refused.data.problem.message).toContain(
      "An invoice with payments cannot be cancelled; refund the payments first.",
    );
  });

  it("cancels only when confirmed, with a credit note linked both ways", async () => {
    const row = await invoiceOf(parma.id);
    const unconfirmed = await detailPost(row.id, { intent: "cancel", reason: "" }, secretariat, "sv");
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.data.problem.fields).toEqual({
      reason: "Fältet är obligatoriskt.",
      confirm: "Kryssa i rutan för att bekräfta makuleringen.",
    });
    expect((await detail(row.id)).data.invoice.status).toBe("issued");

    const done = await detailPost(row.id, { intent: "cancel", reason: "Wrong inhabitants", confirm: "yes" });
    expect(done).toMatchObject({ status: 302, location: `/invoices/${row.id}?notice=cancelled` });
    const cancelled = await detail(row.id, secretariat, "?notice=cancelled");
    expect(cancelled.data.invoice.status).toBe("cancelled");
    expect(cancelled.data.notice).toBe("cancelled");
    const creditNote = cancelled.data.creditNote;
    if (!creditNote) throw new Error("no credit note");
    expect(creditNote.number).toMatch(/^\d{4}-\d{4}$/);

    const note = await detail(creditNote.id);
    expect(note.data.invoice).toMatchObject({ kind: "credit_note", amountCents: -row.amountCents });
    expect(note.data.credited).toEqual({ id: row.id, number: row.number });
    expect(note.data.rule.cancellationReason).toBe("Wrong inhabitants");
    expect(note.data.eInvoice?.format).toBe("fatturapa-fpa12");

    expect((await list(`/invoices?year=${YEAR}&kind=credit_note`)).data.total).toBe(1);
    const totals = (await list(`/invoices?year=${YEAR}`)).data.totals[0];
    const umeaRow = await invoiceOf(umea.id);
    expect(totals).toMatchObject({ amountCents: umeaRow.amountCents, outstandingCents: 0 });

    // Cancelled: no payment, no second cancellation.
    const pay = await detailPost(row.id, { intent: "payment", amount: "10", paidOn: "2037-03-01" });
    expect(pay.status).toBe(422);
    expect(pay.data.problem.message).toContain("A cancelled invoice or a credit note cannot receive payments.");
  });
});

describe("the bank statement upload on /invoices", () => {
  it("shows what was recorded, what was not matched, and records nothing twice", async () => {
    await buildOrganisation(database.db, { country: "IT", type: "municipality", inhabitants: 3_000 });
    await listPost({ intent: "run", year: String(YEAR) });
    const open = (await list(`/invoices?year=${YEAR}&status=issued`)).data.rows[0];
    if (!open?.number) throw new Error("no open invoice");
    const csv = `date;amount;description\n01/03/2037;50,00;Quota ${open.number}\n02/03/2037;12,00;Something else\n`;
    const file = new File([csv], "statement.csv", { type: "text/csv" });

    const first = await listPost({ intent: "import", file, csv: "" });
    expect(first.status).toBe(200);
    expect(first.data.report).toEqual({
      rows: 2,
      recorded: 1,
      duplicates: 0,
      unmatched: [{ line: 3, reason: "no_invoice" }],
    });
    const second = await listPost({ intent: "import", csv });
    expect(second.data.report).toMatchObject({ recorded: 0, duplicates: 1 });
    expect((await detail(open.id)).data.invoice).toMatchObject({ status: "partially_paid", paidCents: 5_000 });

    const nothing = await listPost({ intent: "import", csv: "  " }, secretariat, "it");
    expect(nothing.status).toBe(422);
    expect(nothing.data.problem?.fields).toEqual({ file: "Scegliere un file o incollare l'estratto conto." });
    const wrong = await listPost({ intent: "import", csv: "when,how much\n1,2\n" });
    expect(wrong.status).toBe(422);
    expect(wrong.data.problem?.fields).toEqual({
      file: "The bank statement needs the columns date, amount and reference (or description).",
    });
  });
});

describe("who may", () => {
  it("sends a visitor to sign in and refuses everyone but the secretariat", async () => {
    const row = await invoiceOf(umea.id);
    expect(await list("/invoices?year=2037", anonymous)).toMatchObject({
      status: 302,
      location: "/login?redirectTo=%2Finvoices%3Fyear%3D2037",
    });
    expect(await listPost({ intent: "run", year: String(YEAR) }, anonymous)).toMatchObject({
      status: 302,
      location: "/login?redirectTo=%2Finvoices",
    });
    expect(await detail(row.id, anonymous)).toMatchObject({ status: 302 });

    for (const actor of [actorAs("board"), actorAs("member_contact", umea.id), actorAs("expert")]) {
      expect((await list("/invoices", actor)).status).toBe(403);
      expect((await listPost({ intent: "run", year: String(YEAR) }, actor)).status).toBe(403);
      expect((await listPost({ intent: "import", csv: "date;amount;reference\n" }, actor)).status).toBe(403);
      expect((await detailPost(row.id, { intent: "payment", amount: "1", paidOn: "2037-01-01" }, actor)).status).toBe(
        403,
      );
      expect((await detailPost(row.id, { intent: "cancel", reason: "x", confirm: "yes" }, actor)).status).toBe(403);
    }

    // A member contact sees their own organisation's invoice, without the secretariat's forms; not another's.
    const own = await detail(row.id, actorAs("member_contact", umea.id));
    expect(own.status).toBe(200);
    expect(own.data.canManage).toBe(false);
    expect((await detail(row.id, actorAs("member_contact", parma.id))).status).toBe(404);
    expect((await detail("not-a-uuid")).status).toBe(404);
  });
});

describe("what the pages show", () => {
  it("writes amounts, dates and statuses in the reader's language", async () => {
    const listed = await list(`/invoices?year=${YEAR}&kind=credit_note`);
    const html = render(InvoiceList as ComponentType, "/invoices", listed.data, "sv");
    const note = listed.data.rows[0];
    if (!note?.number) throw new Error("no credit note");
    expect(html).toContain("<h1>Fakturor</h1>");
    expect(html).toContain(`>${note.number}</a>`);
    expect(html).toContain("Kreditnota");
    expect(html).toContain(formatMoney("sv", note.amountCents));
    expect(html).toContain("Starta faktureringen");
    expect(html).toContain('name="_csrf" value="test"');

    const shown = await detail(note.id);
    const page = render(InvoicePage as ComponentType, `/invoices/${note.id}`, shown.data, "it");
    expect(page).toContain(`Nota di credito ${note.number}`);
    expect(page).toContain("Storna la fattura");
    expect(page).toContain(`href="/api/v1/invoices/${note.id}?format=pdf"`);
    expect(page).toContain(`href="/api/v1/invoices/${note.id}?format=fatturapa"`);
    expect(page).toContain(formatMoney("it", note.amountCents));
    // A credit note takes no payment and cannot be cancelled: neither form is offered.
    expect(page).not.toContain('name="intent" value="payment"');
    expect(page).not.toContain('name="intent" value="cancel"');

    const open = (await list(`/invoices?year=${YEAR}&status=partially_paid`)).data.rows[0];
    if (!open) throw new Error("no open invoice");
    const openPage = render(InvoicePage as ComponentType, `/invoices/${open.id}`, (await detail(open.id)).data, "en");
    expect(openPage).toContain('name="intent" value="payment"');
    expect(openPage).toContain("An invoice with payments cannot be cancelled; refund the payments first.");
    expect(openPage).toContain("1 Mar 2037");
  });
});
