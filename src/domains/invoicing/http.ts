/**
 * The invoicing API: the annual run, invoices (JSON, PDF, e-invoice), payments, cancellation, the
 * bank statement import and the accountant's export. Each handler parses, calls one service
 * function (which authorizes), presents.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "~/errors/app-error";
import type { AppEnv } from "~/http/context";
import { download } from "~/http/download";
import { pickErrors } from "~/http/openapi";
import {
  BankImportReport,
  CancelInput,
  FeeYear,
  Invoice,
  InvoiceDetail,
  InvoiceList,
  InvoiceQuery,
  Payment,
  PaymentInput,
  RunInput,
  RunReport,
} from "./contract";
import { formatFor } from "./einvoice/document";
import { toFatturaPA } from "./einvoice/fatturapa";
import { toPeppolUbl } from "./einvoice/ubl";
import { exportInvoicesCsv } from "./export";
import type { Party } from "./party";
import { importBankStatement, registerPayment } from "./payments";
import { ensureInvoicePdf } from "./pdf";
import { runAnnualInvoicing } from "./run";
import { SellerDetails, SellerSettings, sellerSettingsFor, setSeller } from "./seller";
import { cancelInvoice, eInvoiceDocument, getInvoice, getInvoiceRow, listInvoices } from "./service";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const IdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, format: "uuid" }) });
const jsonLimit = bodyLimit({
  maxSize: 64 * 1024,
  onError: () => {
    throw new AppError("payload_too_large", "errors:payload_too_large", {}, { limit: "64 KB" });
  },
});
const csvLimit = bodyLimit({
  maxSize: 10 * 1024 * 1024,
  onError: () => {
    throw new AppError("payload_too_large", "errors:payload_too_large", {}, { limit: "10 MB" });
  },
});

const sellerGetRoute = createRoute({
  method: "get",
  path: "/invoicing/seller",
  tags: ["invoicing"],
  summary: "The network's own details as the seller of invoices and e-invoices (secretariat)",
  responses: { 200: { description: "The seller details", content: json(SellerDetails) }, ...pickErrors(401, 403) },
});

const sellerPutRoute = createRoute({
  method: "put",
  path: "/invoicing/seller",
  tags: ["invoicing"],
  summary: "Set the network's seller details (secretariat)",
  description:
    "Validated (IBAN check digits, VAT number and codice fiscale for the country, Peppol ID) and normalised; invoices issued from now on carry them, issued ones keep theirs. Set `placeholder` to false (the default when left out is false) once they are the network's real details.",
  middleware: [jsonLimit] as const,
  request: { body: { required: true, content: json(SellerSettings) } },
  responses: {
    200: { description: "The stored seller details", content: json(SellerDetails) },
    ...pickErrors(400, 401, 403, 413, 415, 422),
  },
});

const runRoute = createRoute({
  method: "post",
  path: "/invoicing-runs",
  tags: ["invoicing"],
  summary: "Run the annual invoicing for a fee year (secretariat)",
  description:
    "Issues an invoice to every member (not suspended) that has none for the fee year, in batches; running it again creates only what is missing. Numbers are gapless per issue year. PDFs are rendered and e-mailed in the background. Members the schedule cannot price are listed in `skipped`.",
  middleware: [jsonLimit] as const,
  request: { body: { required: true, content: json(RunInput) } },
  responses: {
    201: { description: "The run's report", content: json(RunReport) },
    ...pickErrors(400, 401, 403, 404, 413, 415, 422),
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/invoices",
  tags: ["invoicing"],
  summary: "Invoices and credit notes (secretariat); `format=csv` is the accountant's export",
  request: { query: InvoiceQuery.extend({ format: z.enum(["json", "csv"]).default("json") }) },
  responses: {
    200: {
      description: "One page of invoices, or every matching one as CSV",
      content: { ...json(InvoiceList), "text/csv": { schema: z.string() } },
    },
    ...pickErrors(401, 403, 422),
  },
});

const exportRoute = createRoute({
  method: "get",
  path: "/invoices/export",
  tags: ["invoicing"],
  summary: "The accountant's CSV of a fee year's invoices and credit notes (secretariat)",
  request: { query: z.object({ year: FeeYear.optional() }) },
  responses: {
    200: { description: "CSV (UTF-8 with BOM, `;`)", content: { "text/csv": { schema: z.string() } } },
    ...pickErrors(401, 403, 422),
  },
});

const formats = ["json", "pdf", "ubl", "fatturapa"] as const;

const getRoute = createRoute({
  method: "get",
  path: "/invoices/{id}",
  tags: ["invoicing"],
  summary: "An invoice or credit note: JSON, PDF (`Accept: application/pdf` or `format=pdf`) or e-invoice",
  description:
    "`format=ubl` gives Peppol BIS Billing 3.0, `format=fatturapa` FatturaPA 1.2 (FPA12 for public administrations, FPR12 otherwise); 409 when the buyer does not receive that format. The secretariat sees every invoice, a member contact their organisation's.",
  request: { params: IdParam, query: z.object({ format: z.enum(formats).optional() }) },
  responses: {
    200: {
      description: "The document",
      content: {
        ...json(InvoiceDetail),
        "application/pdf": { schema: z.string().openapi({ format: "binary" }) },
        "application/xml": { schema: z.string() },
      },
    },
    ...pickErrors(401, 404, 409, 422),
  },
});

const paymentRoute = createRoute({
  method: "post",
  path: "/invoices/{id}/payments",
  tags: ["invoicing"],
  summary: "Register a payment by hand (secretariat); the status follows the paid amount",
  middleware: [jsonLimit] as const,
  request: { params: IdParam, body: { required: true, content: json(PaymentInput) } },
  responses: {
    201: {
      description: "The payment and the invoice after it",
      content: json(z.object({ payment: Payment, invoice: Invoice }).openapi("PaymentResult")),
    },
    ...pickErrors(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

const cancelRoute = createRoute({
  method: "post",
  path: "/invoices/{id}/cancel",
  tags: ["invoicing"],
  summary: "Cancel an invoice by issuing a credit note (secretariat)",
  middleware: [jsonLimit] as const,
  request: { params: IdParam, body: { required: true, content: json(CancelInput) } },
  responses: {
    201: {
      description: "The cancelled invoice and its credit note",
      content: json(z.object({ invoice: Invoice, creditNote: Invoice }).openapi("CancelResult")),
    },
    ...pickErrors(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

const bankImportRoute = createRoute({
  method: "post",
  path: "/invoices/bank-statement",
  tags: ["invoicing"],
  summary: "Import a bank statement CSV: payments matched by invoice number (secretariat)",
  description:
    "Columns `date`, `amount` and `reference` and/or `description` (the text naming the invoice number), optionally a transaction `id`; `,` or `;`. Importing the same statement again records nothing new.",
  middleware: [csvLimit] as const,
  request: { body: { required: true, content: { "text/csv": { schema: z.string() } } } },
  responses: {
    200: { description: "What was recorded", content: json(BankImportReport) },
    ...pickErrors(401, 403, 413, 415, 422),
  },
});

function csvResponse(c: Context<AppEnv>, body: string, filename: string): Response {
  return download(c, { body, contentType: "text/csv; charset=utf-8", filename });
}

export function registerInvoicingApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(runRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const report = await runAnnualInvoicing(database.db, actor, c.req.valid("json"));
    return c.json(report, 201);
  });

  api.openapi(exportRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const { year } = c.req.valid("query");
    return csvResponse(c, await exportInvoicesCsv(database.db, actor, year), `invoices-${year ?? "all"}.csv`);
  });

  api.openapi(bankImportRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "text/csv") throw new AppError("unsupported_media_type");
    return c.json(await importBankStatement(database.db, actor, await c.req.text()), 200);
  });

  api.openapi(listRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const { format, ...query } = c.req.query();
    if (format === "csv") {
      const year = query.year === undefined ? undefined : Number(query.year);
      if (year !== undefined && !Number.isInteger(year)) throw new AppError("validation");
      return csvResponse(c, await exportInvoicesCsv(database.db, actor, year), `invoices-${year ?? "all"}.csv`);
    }
    return c.json(await listInvoices(database.db, actor, query), 200);
  });

  api.openapi(getRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const { id } = c.req.valid("param");
    const asked = c.req.valid("query").format;
    const format = asked ?? ((c.req.header("accept") ?? "").toLowerCase().includes("application/pdf") ? "pdf" : "json");
    c.header("Vary", "Accept");
    if (format === "json") return c.json(await getInvoice(database.db, actor, id), 200);
    const row = await getInvoiceRow(database.db, actor, id);
    if (format === "pdf") {
      const file = await ensureInvoicePdf(database.db, row);
      return c.body(Buffer.from(file.content), 200, {
        "Content-Type": "application/pdf",
        "Content-Disposition": `inline; filename="${file.filename}"`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      });
    }
    const applies = formatFor(row.buyer as Party);
    const wanted = format === "ubl" ? applies === "peppol" : applies.startsWith("fatturapa");
    if (!wanted) throw new AppError("conflict", "invoicing:errors.formatNotApplicable");
    const doc = await eInvoiceDocument(database.db, row);
    const xml = format === "ubl" ? toPeppolUbl(doc) : toFatturaPA(doc);
    const filename =
      format === "ubl"
        ? `${doc.number}.xml`
        : `${(doc.seller.vatNumber ?? "IT").replace(/\s/g, "")}_${doc.number.replace(/\D/g, "").slice(-5)}.xml`;
    return download(c, { body: xml, contentType: "application/xml; charset=utf-8", filename });
  });

  api.openapi(paymentRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const result = await registerPayment(database.db, actor, c.req.valid("param").id, c.req.valid("json"));
    return c.json(result, 201);
  });

  api.openapi(sellerGetRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json(await sellerSettingsFor(database.db, actor), 200);
  });

  api.openapi(sellerPutRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    return c.json(await setSeller(database.db, actor, c.req.valid("json")), 200);
  });

  api.openapi(cancelRoute, async (c) => {
    const { database, actor } = c.get("ctx");
    const result = await cancelInvoice(database.db, actor, c.req.valid("param").id, c.req.valid("json"));
    return c.json(result, 201);
  });
}
