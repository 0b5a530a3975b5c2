import { data, Form, Link, redirect, useNavigation } from "react-router";
import { requirePageAccess } from "~/auth/page";
import { isAppError } from "~/errors/app-error";
import { formatMoney } from "~/i18n/i18n";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { hrefForPage, Pagination } from "~/ui/pagination";
import type { BankImportReport, RunReport } from "../contract";
import { importBankStatement } from "../payments";
import { canListInvoices, canManageInvoices } from "../policy";
import { invoiceStatuses, today } from "../rules";
import { listRuns, runAnnualInvoicing } from "../run";
import { invoiceTotals, listInvoices } from "../service";
import type { Route } from "./+types/list";
import { type FormProblem, formProblem } from "./page.server";

/** The list's filters (the API's query parameters), and the page. */
const filterKeys = ["year", "status", "kind", "q"] as const;
type FilterKey = (typeof filterKeys)[number];
const queryKeys: readonly string[] = [...filterKeys, "page", "pageSize"];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, actor, t } = context;
  requirePageAccess(context, request, canListInvoices(actor));
  const url = new URL(request.url);
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (queryKeys.includes(key) && value.trim() !== "") raw[key] = value.trim();
  }
  // A hand-made URL with a value the list does not understand: that filter is ignored, and named.
  let ignored: string[] = [];
  let result: Awaited<ReturnType<typeof listInvoices>>;
  try {
    result = await listInvoices(database.db, actor, raw);
  } catch (e) {
    if (!isAppError(e) || e.code !== "validation") throw e;
    ignored = [...new Set(Object.keys(e.fields).map((p) => p.split(".")[0] || p))];
    for (const key of ignored) delete raw[key];
    result = await listInvoices(database.db, actor, raw);
  }
  const lastPage = Math.max(1, Math.ceil(result.total / result.pageSize));
  if (result.page > lastPage) throw redirect(hrefForPage(url.pathname, url.search, lastPage));
  const { page: _page, pageSize: _pageSize, ...filtersOnly } = raw;
  const [totals, runs] = await Promise.all([
    invoiceTotals(database.db, actor, filtersOnly),
    canManageInvoices(actor) ? listRuns(database.db, actor) : Promise.resolve([]),
  ]);
  const filters = Object.fromEntries(filterKeys.map((k) => [k, raw[k] ?? ""])) as Record<FilterKey, string>;
  return {
    rows: result.items.map((i) => ({
      id: i.id,
      number: i.number,
      kind: i.kind,
      organisationId: i.organisationId,
      organisation: i.buyer.name,
      feeYear: i.feeYear,
      status: i.status,
      issueDate: i.issueDate,
      dueDate: i.dueDate,
      currency: i.currency,
      amountCents: i.amountCents,
      paidCents: i.paidCents,
    })),
    total: result.total,
    page: result.page,
    pageSize: result.pageSize,
    filters,
    totals,
    runs,
    problem: ignored.length > 0 ? t("invoicing:ui.ignored", { names: ignored.join(", ") }) : null,
    canManage: canManageInvoices(actor),
    runYear: today().slice(0, 4),
    exportHref: `/api/v1/invoices/export${raw.year ? `?year=${encodeURIComponent(raw.year)}` : ""}`,
  };
}

type RunResult = { intent: "run"; values: { year: string }; problem: FormProblem | null; report: RunReport | null };
type ImportResult = {
  intent: "import";
  values: { csv: string };
  problem: FormProblem | null;
  report: BankImportReport | null;
};

/** Starts the annual run (`intent=run`) or imports a bank statement (`intent=import`); the report is the answer. */
export async function action({ request, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  requirePageAccess(context, request, canManageInvoices(actor));
  const form = await request.formData();
  const intent = form.get("intent");

  if (intent === "run") {
    const values = { year: String(form.get("year") ?? "").trim() };
    if (values.year === "") {
      const fields = { year: t("errors:field.required") };
      return data<RunResult>(
        { intent, values, problem: { message: t("errors:validation"), fields }, report: null },
        { status: 422 },
      );
    }
    try {
      const report = await runAnnualInvoicing(database.db, actor, { year: values.year });
      const skipped = report.skipped.map((s) => ({ ...s, reason: t(s.reason) }));
      return data<RunResult>({ intent, values, problem: null, report: { ...report, skipped } });
    } catch (e) {
      // No fee schedule for the year: the year is what to change.
      if (isAppError(e) && e.code === "not_found") {
        const fields = { year: t(e.messageKey, e.values) };
        return data<RunResult>(
          { intent, values, problem: { message: t("invoicing:ui.runFailed"), fields }, report: null },
          { status: 422 },
        );
      }
      const problem = formProblem(e, t, request, actor, () => "year");
      return data<RunResult>({ intent, values, problem, report: null }, { status: 422 });
    }
  }

  if (intent === "import") {
    const file = form.get("file");
    const pasted = String(form.get("csv") ?? "");
    const csv = file instanceof File && file.size > 0 ? await file.text() : pasted;
    const values = { csv: pasted };
    if (csv.trim() === "") {
      const fields = { file: t("invoicing:ui.importNone") };
      return data<ImportResult>(
        { intent, values, problem: { message: t("errors:validation"), fields }, report: null },
        { status: 422 },
      );
    }
    try {
      const report = await importBankStatement(database.db, actor, csv);
      return data<ImportResult>({ intent, values: { csv: "" }, problem: null, report });
    } catch (e) {
      const problem = formProblem(e, t, request, actor);
      const fields = Object.keys(problem.fields).length > 0 ? problem.fields : { file: problem.message };
      return data<ImportResult>(
        { intent, values, problem: { message: t("invoicing:ui.importFailed"), fields }, report: null },
        { status: 422 },
      );
    }
  }
  throw data(null, { status: 400 });
}

export default function InvoiceList({ loaderData, actionData }: Route.ComponentProps) {
  const { rows, total, page, pageSize, filters, totals, runs, problem, canManage, runYear, exportHref } = loaderData;
  const { t, n, d, language } = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const filtered = filterKeys.some((k) => filters[k] !== "");
  const run = actionData?.intent === "run" ? actionData : null;
  const bank = actionData?.intent === "import" ? actionData : null;

  return (
    <>
      <title>{`${t("invoicing:ui.title")} · ${t("appName")}`}</title>
      <h1>{t("invoicing:ui.title")}</h1>

      <ul className="actions" aria-label={t("invoicing:ui.actions")}>
        <li>
          <a className="button secondary" href={exportHref} download>
            {t("invoicing:ui.exportCsv")}
          </a>
        </li>
        <li>
          <a className="button secondary" href="/invoices/seller">
            {t("invoicing:seller.link")}
          </a>
        </li>
      </ul>
      <p className="hint">{t("invoicing:ui.exportHint")}</p>

      <Form method="get" action="/invoices" role="search" className="directory-search">
        <fieldset className="filters">
          <legend>{t("invoicing:ui.filters")}</legend>
          <div className="field">
            <label htmlFor="filter-year">{t("invoicing:ui.year")}</label>
            <p className="hint" id="filter-year-hint">
              {t("invoicing:ui.yearHint")}
            </p>
            <input
              id="filter-year"
              name="year"
              inputMode="numeric"
              defaultValue={filters.year}
              aria-describedby="filter-year-hint"
              size={6}
            />
          </div>
          <div className="field">
            <label htmlFor="filter-status">{t("invoicing:ui.status")}</label>
            <select id="filter-status" name="status" defaultValue={filters.status}>
              <option value="">{t("invoicing:ui.anyStatus")}</option>
              {invoiceStatuses.map((s) => (
                <option key={s} value={s}>
                  {t(`invoicing:status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-kind">{t("invoicing:ui.kind")}</label>
            <select id="filter-kind" name="kind" defaultValue={filters.kind}>
              <option value="">{t("invoicing:ui.anyKind")}</option>
              <option value="invoice">{t("invoicing:kind.invoice")}</option>
              <option value="credit_note">{t("invoicing:kind.credit_note")}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-q">{t("invoicing:ui.search")}</label>
            <input id="filter-q" type="search" name="q" defaultValue={filters.q} autoComplete="off" />
          </div>
          <div className="filter-buttons">
            <button type="submit">{t("invoicing:ui.apply")}</button>
            {filtered ? <Link to="/invoices">{t("invoicing:ui.clear")}</Link> : null}
          </div>
        </fieldset>
      </Form>

      {problem ? <p className="warning">{problem}</p> : null}

      <p className="result-count" role="status">
        {t("invoicing:ui.total", { count: total, formatted: n(total) })}
      </p>

      {totals.length > 0 ? (
        <dl className="details" aria-label={t("invoicing:ui.totals")}>
          {totals.map((sum) => (
            <div key={sum.currency}>
              <dt>{t("invoicing:ui.totalAmount")}</dt>
              <dd>{formatMoney(language, sum.amountCents, sum.currency)}</dd>
              <dt>{t("invoicing:ui.totalPaid")}</dt>
              <dd>{formatMoney(language, sum.paidCents, sum.currency)}</dd>
              <dt>{t("invoicing:ui.totalOutstanding")}</dt>
              <dd>{formatMoney(language, sum.outstandingCents, sum.currency)}</dd>
            </div>
          ))}
        </dl>
      ) : null}

      {rows.length === 0 ? (
        <p>{t("invoicing:ui.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>
              {pages > 1
                ? t("invoicing:ui.listCaptionPage", { page: n(page), pages: n(pages) })
                : t("invoicing:ui.listCaption")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("invoicing:ui.number")}</th>
                <th scope="col">{t("invoicing:ui.kind")}</th>
                <th scope="col">{t("invoicing:ui.organisation")}</th>
                <th scope="col" className="number">
                  {t("invoicing:ui.year")}
                </th>
                <th scope="col">{t("invoicing:ui.status")}</th>
                <th scope="col">{t("invoicing:ui.issueDate")}</th>
                <th scope="col">{t("invoicing:ui.dueDate")}</th>
                <th scope="col" className="number">
                  {t("invoicing:ui.amount")}
                </th>
                <th scope="col" className="number">
                  {t("invoicing:ui.paid")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link to={`/invoices/${row.id}`}>{row.number ?? t("invoicing:ui.noNumber")}</Link>
                  </th>
                  <td>{t(`invoicing:kind.${row.kind}`)}</td>
                  <td>
                    <Link to={`/organisations/${row.organisationId}`}>{row.organisation}</Link>
                  </td>
                  <td className="number">{row.feeYear}</td>
                  <td>{t(`invoicing:status.${row.status}`)}</td>
                  <td>{row.issueDate ? d(row.issueDate) : ""}</td>
                  <td>{row.dueDate && row.kind === "invoice" ? d(row.dueDate) : ""}</td>
                  <td className="number">{formatMoney(language, row.amountCents, row.currency)}</td>
                  <td className="number">{formatMoney(language, row.paidCents, row.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Pagination page={page} pageSize={pageSize} total={total} />

      {canManage ? (
        <>
          <section aria-labelledby="run-heading">
            <h2 id="run-heading">{t("invoicing:ui.runTitle")}</h2>
            <p>{t("invoicing:ui.runHint")}</p>
            {run?.report ? <RunOutcome report={run.report} /> : null}
            <ErrorSummary message={run?.problem?.message} fields={run?.problem?.fields ?? {}} />
            <Form method="post" noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="run" />
              <Field name="year" label={t("invoicing:ui.runYear")} error={run?.problem?.fields.year}>
                {(props) => (
                  <input
                    {...props}
                    name="year"
                    inputMode="numeric"
                    size={6}
                    defaultValue={run?.values.year ?? runYear}
                  />
                )}
              </Field>
              <div className="form-buttons">
                <button type="submit" disabled={busy}>
                  {t("invoicing:ui.runStart")}
                </button>
              </div>
            </Form>
            {runs.length > 0 ? (
              <div className="table-wrap">
                <table>
                  <caption>{t("invoicing:ui.runsTitle")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("invoicing:ui.runYear")}</th>
                      <th scope="col">{t("invoicing:ui.runStarted")}</th>
                      <th scope="col">{t("invoicing:ui.status")}</th>
                      <th scope="col" className="number">
                        {t("invoicing:ui.runCreated")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {runs.map((r) => (
                      <tr key={r.id}>
                        <th scope="row">{r.year}</th>
                        <td>{d(r.startedAt)}</td>
                        <td>{t(`invoicing:ui.runStatus.${r.status}`)}</td>
                        <td className="number">{n(r.created)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </section>

          <section aria-labelledby="import-heading">
            <h2 id="import-heading">{t("invoicing:ui.importTitle")}</h2>
            <p>{t("invoicing:ui.importHint")}</p>
            {bank?.report ? <ImportOutcome report={bank.report} /> : null}
            <ErrorSummary message={bank?.problem?.message} fields={bank?.problem?.fields ?? {}} />
            <Form method="post" encType="multipart/form-data" noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="import" />
              <Field name="file" label={t("invoicing:ui.importFile")} error={bank?.problem?.fields.file}>
                {(props) => <input {...props} type="file" name="file" accept=".csv,text/csv,text/plain" />}
              </Field>
              <Field name="csv" label={t("invoicing:ui.importText")}>
                {(props) => (
                  <textarea
                    {...props}
                    name="csv"
                    rows={4}
                    spellCheck={false}
                    className="code"
                    defaultValue={bank?.values.csv ?? ""}
                  />
                )}
              </Field>
              <div className="form-buttons">
                <button type="submit" disabled={busy}>
                  {t("invoicing:ui.importStart")}
                </button>
              </div>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}

function RunOutcome({ report }: { report: RunReport }) {
  const { t, n } = useT();
  return (
    <div className="notice" role="status">
      <h3>{t("invoicing:ui.runReportTitle", { year: report.year })}</h3>
      <p>{t("invoicing:ui.runDone", { created: n(report.created), skipped: n(report.skipped.length) })}</p>
      {report.skipped.length === 0 ? (
        <p>{t("invoicing:ui.noneSkipped")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("invoicing:ui.skippedTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("invoicing:ui.organisation")}</th>
                <th scope="col">{t("invoicing:ui.skippedReason")}</th>
              </tr>
            </thead>
            <tbody>
              {report.skipped.map((s) => (
                <tr key={s.organisationId}>
                  <th scope="row">
                    <Link to={`/organisations/${s.organisationId}`}>{s.name}</Link>
                  </th>
                  <td>{s.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function ImportOutcome({ report }: { report: BankImportReport }) {
  const { t, n } = useT();
  return (
    <div className="notice" role="status">
      <h3>{t("invoicing:ui.importReportTitle", { rows: n(report.rows) })}</h3>
      <ul>
        <li>{t("invoicing:ui.importRecorded", { count: n(report.recorded) })}</li>
        <li>{t("invoicing:ui.importDuplicates", { count: n(report.duplicates) })}</li>
        <li>{t("invoicing:ui.importUnmatched", { count: n(report.unmatched.length) })}</li>
      </ul>
      {report.unmatched.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption>{t("invoicing:ui.unmatchedTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("invoicing:ui.line")}</th>
                <th scope="col">{t("invoicing:ui.skippedReason")}</th>
              </tr>
            </thead>
            <tbody>
              {report.unmatched.map((u) => (
                <tr key={u.line}>
                  <th scope="row">{n(u.line)}</th>
                  <td>{t(`invoicing:ui.unmatched.${u.reason}`, { defaultValue: u.reason })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
