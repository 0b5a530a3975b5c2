import { and, asc, eq, sql } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { system } from "~/auth/actor";
import { demoFeeRules } from "~/domains/fees/demo";
import { putSchedule } from "~/domains/fees/service";
import { buildContact, buildOrganisation } from "~/domains/organisations/testing";
import { AppError } from "~/errors/app-error";
import { drain, startJobs, stopJobs } from "~/jobs/queue";
import { mailMessages } from "~/mail/schema";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { invoicingJobs } from "./jobs";
import { importBankStatement, registerPayment } from "./payments";
import { ensureInvoicePdf } from "./pdf";
import { followUpOverdue } from "./reminders";
import { runAnnualInvoicing } from "./run";
import { invoiceReminders, invoices } from "./schema";
import { cancelInvoice, createMembershipInvoice, DELIVER_JOB, getInvoice } from "./service";

let database: TestDatabase;
const actor = system("test");
const YEAR = 2031;
const ISSUE = "2031-01-15";

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  await putSchedule(database.db, actor, YEAR, { example: true, rules: demoFeeRules() });
});
afterAll(async () => {
  await stopJobs();
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

/** The numbers of a year's series, in order. */
async function sequences(year: number): Promise<number[]> {
  const rows = await database.db
    .select({ sequence: invoices.sequence })
    .from(invoices)
    .where(eq(invoices.year, year))
    .orderBy(asc(invoices.sequence));
  return rows.map((r) => r.sequence ?? -1);
}

async function invoicesPerMember(feeYear: number): Promise<Map<string, number>> {
  const rows = await database.db
    .select({ org: invoices.organisationId, n: sql<number>`count(*)::int` })
    .from(invoices)
    .where(and(eq(invoices.feeYear, feeYear), eq(invoices.kind, "invoice")))
    .groupBy(invoices.organisationId);
  return new Map(rows.map((r) => [r.org, r.n]));
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("a membership invoice", () => {
  it("is numbered YYYY-NNNN, priced by the schedule with its rule recorded, in the member's language", async () => {
    const org = await buildOrganisation(database.db, { country: "SE", type: "municipality", inhabitants: 30_000 });
    const issued = await createMembershipInvoice(database.db, actor, org.id, {
      feeYear: YEAR,
      issueDate: "2030-11-02",
    });
    expect(issued.number).toBe("2030-0001");
    const detail = await getInvoice(database.db, actor, issued.id);
    expect(detail).toMatchObject({
      status: "issued",
      amountCents: 150_000,
      language: "sv",
      description: "Medlemsavgift 2031",
      dueDate: "2030-12-02",
      buyer: { name: org.name, country: "SE" },
    });
    expect(detail.rule).toMatchObject({ code: "municipality", basis: "inhabitants" });
    // Asking again gives the same invoice (one per organisation and fee year).
    expect(await createMembershipInvoice(database.db, actor, org.id, { feeYear: YEAR })).toEqual(issued);
  });

  it("is pro rata from the decision's month, that month included", async () => {
    const org = await buildOrganisation(database.db, { country: "IT", type: "municipality", inhabitants: 3_000 });
    const issued = await createMembershipInvoice(database.db, actor, org.id, {
      feeYear: YEAR,
      from: "2031-05-20",
      issueDate: "2031-05-20",
    });
    const detail = await getInvoice(database.db, actor, issued.id);
    // 300 € × 8/12 (May to December) = 200 €
    expect(detail.amountCents).toBe(20_000);
    expect(detail.description).toBe("Quota associativa 2031 (pro rata: 8/12 mesi dal 2031-05-20)");
    expect(detail.rule).toMatchObject({ fullAmountCents: 30_000, proRata: { months: 8 } });
  });

  it("is refused to anyone but the secretariat", async () => {
    const org = await buildOrganisation(database.db, { inhabitants: 1_000 });
    const e = await failure(createMembershipInvoice(database.db, { kind: "anonymous" }, org.id, { feeYear: YEAR }));
    expect(e.code).toBe("unauthenticated");
  });
});

describe("the annual run", () => {
  const FEE_YEAR = 2032;
  beforeAll(async () => {
    await putSchedule(database.db, actor, FEE_YEAR, { example: true, rules: demoFeeRules() });
    for (let i = 0; i < 23; i++)
      await buildOrganisation(database.db, {
        country: i % 2 ? "IT" : "SE",
        type: "municipality",
        inhabitants: 1_000 * (i + 1),
      });
  });

  it("stopped half way, then run again: exactly one invoice per member and no gaps", async () => {
    const members = await database.query<{ n: number }>(
      "select count(*)::int as n from organisations where status = 'member' and suspended_since is null",
    );
    const total = members[0]?.n ?? 0;
    const crash = await runAnnualInvoicing(
      database.db,
      actor,
      { year: FEE_YEAR },
      {
        batchSize: 5,
        issueDate: "2032-01-10",
        afterBatch: ({ index }) => {
          if (index === 2) throw new Error("killed");
        },
      },
    ).catch((e: Error) => e.message);
    expect(crash).toBe("killed");
    expect(await sequences(2032)).toEqual(range(10));

    const report = await runAnnualInvoicing(
      database.db,
      actor,
      { year: FEE_YEAR },
      { batchSize: 5, issueDate: "2032-01-10" },
    );
    expect(report.created).toBe(total - 10);
    const per = await invoicesPerMember(FEE_YEAR);
    expect(per.size).toBe(total);
    expect([...per.values()].every((n) => n === 1)).toBe(true);
    expect(await sequences(2032)).toEqual(range(total));

    // Again: nothing new.
    const again = await runAnnualInvoicing(
      database.db,
      actor,
      { year: FEE_YEAR },
      { batchSize: 5, issueDate: "2032-01-10" },
    );
    expect(again.created).toBe(0);
  });

  it("two runs at once leave exactly one invoice per member and numbers 1..n", async () => {
    const FEE = 2033;
    await putSchedule(database.db, actor, FEE, { example: true, rules: demoFeeRules() });
    const [a, b] = await Promise.all([
      runAnnualInvoicing(database.db, actor, { year: FEE }, { batchSize: 4, issueDate: "2033-01-10" }),
      runAnnualInvoicing(database.db, actor, { year: FEE }, { batchSize: 4, issueDate: "2033-01-10" }),
    ]);
    const per = await invoicesPerMember(FEE);
    expect(a.created + b.created).toBe(per.size);
    expect([...per.values()].every((n) => n === 1)).toBe(true);
    expect(await sequences(2033)).toEqual(range(per.size));
  });

  it("skips a member the schedule cannot price and reports it", async () => {
    const FEE = 2034;
    await putSchedule(database.db, actor, FEE, { example: true, rules: demoFeeRules() });
    const noFigures = await buildOrganisation(database.db, { type: "municipality", name: "Comune senza abitanti" });
    const report = await runAnnualInvoicing(database.db, actor, { year: FEE }, { issueDate: "2034-01-10" });
    expect(report.skipped.map((s) => s.organisationId)).toContain(noFigures.id);
  });
});

describe("cancelling, payments and reminders", () => {
  it("cancels with a credit note of the negative amount, numbered in the same series", async () => {
    const org = await buildOrganisation(database.db, { country: "IT", type: "municipality", inhabitants: 10_000 });
    const issued = await createMembershipInvoice(database.db, actor, org.id, {
      feeYear: YEAR,
      issueDate: "2031-02-01",
    });
    const before = await sequences(2031);
    const { invoice, creditNote } = await cancelInvoice(
      database.db,
      actor,
      issued.id,
      { reason: "Wrong type" },
      {
        issueDate: "2031-02-03",
      },
    );
    expect(invoice.status).toBe("cancelled");
    expect(creditNote).toMatchObject({ kind: "credit_note", amountCents: -75_000, creditedInvoiceId: issued.id });
    expect(creditNote.number).toBe(`2031-${String((before.at(-1) ?? 0) + 1).padStart(4, "0")}`);
    expect((await failure(cancelInvoice(database.db, actor, issued.id, { reason: "again" }))).code).toBe("conflict");
    // A new invoice may be issued for the year after the cancellation.
    const again = await createMembershipInvoice(database.db, actor, org.id, { feeYear: YEAR, issueDate: "2031-02-04" });
    expect(again.id).not.toBe(issued.id);
  });

  it("follows the paid amount: partially paid, then paid", async () => {
    const org = await buildOrganisation(database.db, { country: "SE", type: "municipality", inhabitants: 4_000 });
    const issued = await createMembershipInvoice(database.db, actor, org.id, { feeYear: YEAR, issueDate: ISSUE });
    const first = await registerPayment(database.db, actor, issued.id, { amountCents: 10_000, paidOn: "2031-01-20" });
    expect(first.invoice).toMatchObject({ status: "partially_paid", paidCents: 10_000 });
    const second = await registerPayment(database.db, actor, issued.id, { amountCents: 20_000, paidOn: "2031-01-25" });
    expect(second.invoice).toMatchObject({ status: "paid", paidCents: 30_000 });
    expect((await getInvoice(database.db, actor, issued.id)).payments).toHaveLength(2);
  });

  it("imports a bank statement once: importing it again records nothing", async () => {
    const org = await buildOrganisation(database.db, { country: "IT", type: "municipality", inhabitants: 4_000 });
    const issued = await createMembershipInvoice(database.db, actor, org.id, { feeYear: YEAR, issueDate: ISSUE });
    const csv = `date;amount;description\n2031-02-01;300,00;Quota associativa fattura ${issued.number}\n2031-02-02;12,00;Something else\n`;
    const first = await importBankStatement(database.db, actor, csv);
    expect(first).toMatchObject({ rows: 2, recorded: 1, duplicates: 0 });
    expect(first.unmatched).toEqual([{ line: 3, reason: "no_invoice" }]);
    const second = await importBankStatement(database.db, actor, csv);
    expect(second).toMatchObject({ recorded: 0, duplicates: 1 });
    expect((await getInvoice(database.db, actor, issued.id)).status).toBe("paid");
  });

  it("marks unpaid invoices overdue and sends each reminder level once", async () => {
    const org = await buildOrganisation(database.db, { country: "SE", type: "municipality", inhabitants: 4_000 });
    await buildContact(database.db, org.id, {
      email: "someone@kommun.example",
      preferredLanguage: "sv",
      primaryContact: true,
    });
    const billing = await buildContact(database.db, org.id, {
      email: "ekonomi@kommun.example",
      preferredLanguage: "sv",
    });
    await database.db.execute(sql`update contacts set billing_contact = true where id = ${billing.id}`);
    const issued = await createMembershipInvoice(database.db, actor, org.id, {
      feeYear: YEAR,
      issueDate: "2031-03-01",
    });
    // Due 2031-03-31; first reminder 7 days later.
    await followUpOverdue(database, "2031-04-05");
    expect((await getInvoice(database.db, actor, issued.id)).status).toBe("overdue");
    const levels = async () =>
      (
        await database.db
          .select({ level: invoiceReminders.level })
          .from(invoiceReminders)
          .where(and(eq(invoiceReminders.invoiceId, issued.id), sql`${invoiceReminders.level} > 0`))
      ).map((r) => r.level);
    expect(await levels()).toEqual([]);
    await followUpOverdue(database, "2031-04-08");
    await followUpOverdue(database, "2031-04-09");
    expect(await levels()).toEqual([1]);
    await followUpOverdue(database, "2031-05-01");
    expect((await levels()).sort()).toEqual([1, 2]);
    const mails = await database.db
      .select({ subject: mailMessages.subject })
      .from(mailMessages)
      .where(and(eq(mailMessages.toAddress, "ekonomi@kommun.example"), eq(mailMessages.kind, "invoicing.reminder")));
    expect(mails).toHaveLength(2);
    expect(mails[0]?.subject).toBe(`Påminnelse: faktura ${issued.number} har förfallit`);
  });
});

describe("the PDF and the background job", () => {
  it("is a real PDF with the invoice's number", async () => {
    const org = await buildOrganisation(database.db, { country: "IT", type: "municipality", inhabitants: 60_000 });
    const issued = await createMembershipInvoice(database.db, actor, org.id, { feeYear: YEAR, issueDate: ISSUE });
    const [row] = await database.db.select().from(invoices).where(eq(invoices.id, issued.id));
    if (!row) throw new Error("no row");
    const file = await ensureInvoicePdf(database.db, row);
    const pdf = await PDFDocument.load(file.content);
    expect(pdf.getTitle()).toBe(`Fattura ${issued.number}`);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
    // Stored once: asking again returns the same file.
    const [after] = await database.db.select().from(invoices).where(eq(invoices.id, issued.id));
    if (!after) throw new Error("no row");
    expect((await ensureInvoicePdf(database.db, after)).id).toBe(file.id);
  });

  it("renders and mails PDFs in the background after a run", async () => {
    await startJobs(database, { definitions: invoicingJobs, pollingIntervalSeconds: 0.5, schedule: false });
    const FEE = 2035;
    await putSchedule(database.db, actor, FEE, { example: true, rules: demoFeeRules() });
    const org = await buildOrganisation(database.db, { country: "IT", type: "municipality", inhabitants: 2_000 });
    await buildContact(database.db, org.id, {
      email: "ragioneria@comune.example",
      preferredLanguage: "it",
      primaryContact: true,
    });
    await database.db.execute(sql`update organisations set status = 'former' where id <> ${org.id}`);
    const report = await runAnnualInvoicing(database.db, actor, { year: FEE }, { issueDate: "2035-01-10" });
    expect(report.created).toBe(1);
    await drain(database, DELIVER_JOB, 60_000);
    const [row] = await database.db
      .select()
      .from(invoices)
      .where(and(eq(invoices.organisationId, org.id), eq(invoices.feeYear, FEE)));
    expect(row?.pdfFileId).not.toBeNull();
    const mails = await database.db
      .select({ subject: mailMessages.subject })
      .from(mailMessages)
      .where(eq(mailMessages.toAddress, "ragioneria@comune.example"));
    expect(mails.map((m) => m.subject)).toEqual([`Fattura ${row?.number}: quota associativa 2035`]);
    await stopJobs();
  }, 90_000);
});
