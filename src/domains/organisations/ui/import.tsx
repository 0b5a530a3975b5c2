import { data, Form, redirect, useNavigation } from "react-router";
import { requirePageAccess } from "~/auth/page";
import { defaultLanguage, isLanguage, translator } from "~/i18n/i18n";
import { CsrfField } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { csvColumns, type ImportReport } from "../contract";

import { importOrganisations } from "../import";

import { canImportOrganisations } from "../policy";
import type { Route } from "./+types/import";
import { type ActionResult, countsFromUrl, importOutcome, isDryRun, problemText, submittedCsv } from "./import-outcome";
import { importThroughApi, resetImportProgress, useImportProgress } from "./import-progress";
import { formProblem } from "./page.server";

export async function loader({ request, context }: Route.LoaderArgs) {
  const { actor } = context;
  requirePageAccess(context, request, canImportOrganisations(actor));
  // After an import the page is reloaded (Post/Redirect/Get) with the figures in the URL.
  return { done: countsFromUrl(new URL(request.url)), columns: csvColumns };
}

/** Without JavaScript: the import runs here and the page answers when it is done. */
export async function action({ request, context }: Route.ActionArgs) {
  const { database, actor, language, t } = context;
  const form = await request.formData();
  const csv = submittedCsv(form);
  if (csv === null) {
    return data<ActionResult>({ report: null, csv: null, problem: t("organisations:import.noInput") }, { status: 422 });
  }
  const input = typeof csv === "string" ? csv : new Uint8Array(await csv.arrayBuffer());
  let report: ImportReport;
  try {
    report = await importOrganisations(database.db, actor, input, { dryRun: isDryRun(form), language });
  } catch (e) {
    const problem = formProblem(e, t, request, actor);
    return data<ActionResult>(
      { report: null, csv: null, problem: problemText(problem.message, problem.fields) },
      { status: 422 },
    );
  }
  const outcome = await importOutcome(report, () =>
    typeof input === "string" ? input : new TextDecoder().decode(input),
  );
  if ("redirectTo" in outcome) return redirect(outcome.redirectTo);
  return data<ActionResult>(outcome.result, { status: outcome.status });
}

/**
 * With JavaScript: the same import through the API, which streams its progress to the page
 * (./import-progress). The session cookie authenticates the call; the form's CSRF token goes in
 * the `X-CSRF-Token` header. The answer is the server action's: the report, the redirect after an
 * applied import, or the problem in the reader's language.
 */
export async function clientAction({ request, serverAction }: Route.ClientActionArgs) {
  resetImportProgress();
  // A clone: serverAction() sends the original request's form.
  const form = await request.clone().formData();
  const csv = submittedCsv(form);
  // Nothing to import: the server action says so, in the reader's language.
  if (csv === null) return serverAction();
  const csrf = form.get("_csrf");
  const answer = await importThroughApi(csv, {
    dryRun: isDryRun(form),
    csrfToken: typeof csrf === "string" ? csrf : "",
  });
  if (answer.type === "report") {
    const outcome = await importOutcome(answer.report, () => (typeof csv === "string" ? csv : csv.text()));
    return "redirectTo" in outcome ? redirect(outcome.redirectTo) : outcome.result;
  }
  if (answer.type === "error") {
    // As the server action: sign in first; refusals and server faults are the error page.
    if (answer.status === 401) {
      const url = new URL(request.url);
      throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
    }
    if (answer.status === 403 || answer.status === 404 || answer.status >= 500) {
      throw data(null, { status: answer.status });
    }
    return { report: null, csv: null, problem: problemText(answer.error.message, answer.error.fields) };
  }
  const lang = document.documentElement.lang;
  const t = translator(isLanguage(lang) ? lang : defaultLanguage);
  return { report: null, csv: null, problem: t("organisations:import.lost") } satisfies ActionResult;
}

export default function ImportOrganisations({ loaderData, actionData }: Route.ComponentProps) {
  const { t, n } = useT();
  const navigation = useNavigation();
  const working = navigation.state === "submitting" && navigation.formAction === "/organisations/import";
  const progress = useImportProgress();
  const { done, columns } = loaderData;
  const report = actionData?.report ?? null;

  return (
    <>
      <title>{`${t("organisations:import.title")} · ${t("appName")}`}</title>
      <h1>{t("organisations:import.title")}</h1>

      <div aria-live="polite" role="status">
        {working && progress ? (
          <p className="working">
            <progress value={progress.done} max={progress.total} aria-labelledby="import-progress-text" />{" "}
            <span id="import-progress-text">
              {t(`organisations:import.progress.${progress.phase}`, {
                done: n(progress.done),
                total: n(progress.total),
              })}
            </span>
          </p>
        ) : working ? (
          <p className="working">
            <progress aria-label={t("organisations:import.working")} /> {t("organisations:import.working")}
          </p>
        ) : null}
        {done && !actionData ? (
          <div className="notice">
            <h2>{t("organisations:import.resultHeading")}</h2>
            <p>{t("organisations:import.appliedOk")}</p>
            <ul>
              <li>{t("organisations:import.rows", { count: done.rows, formatted: n(done.rows) })}</li>
              <li>{t("organisations:import.appliedCreated", { count: done.created, formatted: n(done.created) })}</li>
              <li>{t("organisations:import.appliedUpdated", { count: done.updated, formatted: n(done.updated) })}</li>
              <li>
                {t("organisations:import.appliedUnchanged", { count: done.unchanged, formatted: n(done.unchanged) })}
              </li>
            </ul>
          </div>
        ) : null}
      </div>

      {actionData?.problem ? (
        <div className="error-summary" role="alert">
          <p>{actionData.problem}</p>
        </div>
      ) : null}

      {report ? <ImportResult report={report} csv={actionData?.csv ?? null} /> : null}

      <p>{t("organisations:import.intro")}</p>
      <Form method="post" encType="multipart/form-data" className="stacked" aria-labelledby="import-form-heading">
        <h2 id="import-form-heading" className="visually-hidden">
          {t("organisations:import.title")}
        </h2>
        <CsrfField />
        <div className="field">
          <label htmlFor="import-file">{t("organisations:import.file")}</label>
          <p className="hint" id="import-file-hint">
            {t("organisations:import.fileHint")}
          </p>
          <input
            id="import-file"
            type="file"
            name="file"
            accept=".csv,text/csv,text/plain"
            aria-describedby="import-file-hint"
          />
        </div>
        <div className="field">
          <label htmlFor="import-csv">{t("organisations:import.text")}</label>
          <textarea id="import-csv" name="csv" rows={6} spellCheck={false} className="code" />
        </div>
        <div className="form-buttons">
          <button type="submit" name="intent" value="check" className="primary" disabled={working}>
            {t("organisations:import.check")}
          </button>
          <button type="submit" name="intent" value="import" disabled={working}>
            {t("organisations:import.apply")}
          </button>
        </div>
      </Form>

      <section aria-labelledby="format-heading">
        <h2 id="format-heading">{t("organisations:import.formatHeading")}</h2>
        <p>{t("organisations:import.format")}</p>
        <p>{t("organisations:import.matching")}</p>
        <div className="table-wrap">
          <table>
            <caption>{t("organisations:import.columnsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("organisations:import.column")}</th>
                <th scope="col">{t("organisations:import.meaning")}</th>
              </tr>
            </thead>
            <tbody>
              {columns.map((c) => (
                <tr key={c}>
                  <th scope="row">
                    <code>{c}</code>
                  </th>
                  <td>{t(`organisations:import.columnHelp.${c}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

function ImportResult({ report, csv }: { report: ImportReport; csv: string | null }) {
  const { t, n } = useT();
  const ok = report.errors.length === 0;
  const preview = report.preview ?? [];
  return (
    <section aria-labelledby="result-heading" className={ok ? "import-result" : "import-result has-errors"}>
      <h2 id="result-heading" tabIndex={-1}>
        {report.dryRun ? t("organisations:import.dryRunHeading") : t("organisations:import.resultHeading")}
      </h2>
      <p className={ok ? "notice" : "error-summary"} role={ok ? "status" : "alert"}>
        {ok
          ? t("organisations:import.dryRunOk")
          : report.dryRun
            ? t("organisations:import.dryRunErrors")
            : t("organisations:import.notApplied")}
      </p>
      <ul>
        <li>{t("organisations:import.rows", { count: report.rows, formatted: n(report.rows) })}</li>
        <li>{t("organisations:import.created", { count: report.created, formatted: n(report.created) })}</li>
        <li>{t("organisations:import.updated", { count: report.updated, formatted: n(report.updated) })}</li>
        <li>{t("organisations:import.unchanged", { count: report.unchanged, formatted: n(report.unchanged) })}</li>
      </ul>

      {ok && report.dryRun ? (
        csv !== null ? (
          <Form method="post" encType="multipart/form-data">
            <CsrfField />
            <textarea name="csv" hidden readOnly value={csv} aria-hidden="true" tabIndex={-1} />
            <button type="submit" name="intent" value="import" className="primary">
              {t("organisations:import.applyChecked")}
            </button>
          </Form>
        ) : (
          <p>{t("organisations:import.reupload")}</p>
        )
      ) : null}

      {!ok ? (
        <div className="table-wrap">
          <table className="import-errors">
            <caption>
              {t("organisations:import.errorsCaption", {
                count: report.errors.length,
                formatted: n(report.errors.length),
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("organisations:import.row")}</th>
                <th scope="col">{t("organisations:import.column")}</th>
                <th scope="col">{t("organisations:import.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e, i) => (
                <tr key={`${e.row}-${e.column ?? ""}-${i}`}>
                  <td>{n(e.row)}</td>
                  <td>{e.column ? <code>{e.column}</code> : t("organisations:import.wholeRow")}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {preview.length > 0 ? (
        <details className="import-preview" open={preview.length <= 50}>
          <summary>{t("organisations:import.previewHeading")}</summary>
          <div className="table-wrap">
            <table>
              <caption>{t("organisations:import.previewCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("organisations:import.row")}</th>
                  <th scope="col">{t("organisations:fields.name")}</th>
                  <th scope="col">{t("organisations:import.action")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.map((p) => (
                  <tr key={p.row}>
                    <td>{n(p.row)}</td>
                    <td>{p.name}</td>
                    <td>{t(`organisations:import.actions.${p.action}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.created + report.updated + report.unchanged > preview.length ? (
            <p>{t("organisations:import.previewMore", { count: preview.length, formatted: n(preview.length) })}</p>
          ) : null}
        </details>
      ) : null}
    </section>
  );
}
