import { data, Form, Link, redirect } from "react-router";
import type { Actor } from "~/auth/actor";
import { requestOrigin } from "~/auth/page";
import type { DbOrTx } from "~/db/client";
import { linkBase } from "~/domains/accounts/service";
import { leadDays } from "~/domains/governance/meetings";
import { getInvoice } from "~/domains/invoicing/service";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { canReviewApplications } from "../policy";
import {
  closeApplication,
  getApplication,
  markReady,
  mayRecordDecision,
  recordDecision,
  requestCompletion,
} from "../service";
import { canMove } from "../status";
import type { Route } from "./+types/review-detail";
import { ApplicationView } from "./application-view";
import { applicationNames, noticeFrom, pageError, pageProblem } from "./page.server";

const notices = ["incomplete", "ready", "rejected", "withdrawn", "approved"] as const;

/** The first invoice the approval issued (named in the redirect), if the reader may see it. */
async function createdInvoice(db: DbOrTx, actor: Actor, id: string | null) {
  if (!id) return null;
  const invoice = await getInvoice(db, actor, id).catch(() => null);
  return invoice ? { id: invoice.id, number: invoice.number ?? "" } : null;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { database, actor, language } = context;
  const app = await getApplication(database.db, actor, params.id).catch((e) => pageError(e, request, actor));
  const url = new URL(request.url);
  return {
    app,
    names: await applicationNames(database.db, language, app),
    review: canReviewApplications(actor),
    decide: app.status === "ready_for_board" && (await mayRecordDecision(database.db, actor)),
    leadDays: await leadDays(database.db),
    notice: noticeFrom(request, notices),
    invoice: await createdInvoice(database.db, actor, url.searchParams.get("invoice")),
    today: new Date().toISOString().slice(0, 10),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const here = `/membership/applications/${params.id}`;
  const baseUrl = linkBase(requestOrigin(request, context));
  try {
    switch (intent) {
      case "requestCompletion":
        await requestCompletion(database.db, actor, params.id, { message: text("message") }, { baseUrl });
        return redirect(`${here}?notice=incomplete`);
      case "markReady":
        await markReady(database.db, actor, params.id);
        return redirect(`${here}?notice=ready`);
      case "reject":
      case "withdraw":
        await closeApplication(database.db, actor, params.id, intent === "reject" ? "rejected" : "withdrawn", {
          reason: text("reason"),
        });
        return redirect(`${here}?notice=${intent === "reject" ? "rejected" : "withdrawn"}`);
      case "decide": {
        const organisationId = text("organisationId");
        const result = await recordDecision(
          database.db,
          actor,
          params.id,
          {
            decision: text("decision"),
            reason: text("reason"),
            decidedOn: text("decidedOn"),
            ...(organisationId ? { organisationId } : {}),
          },
          { baseUrl },
        );
        const invoice = result.invoice ? `&invoice=${encodeURIComponent(result.invoice.id)}` : "";
        return redirect(`${here}?notice=${result.status === "approved" ? "approved" : "rejected"}${invoice}`);
      }
      default:
        throw data(null, { status: 400 });
    }
  } catch (e) {
    if (e instanceof Response) throw e;
    return data({ intent, problem: pageProblem(e, t, request, actor) }, { status: 422 });
  }
}

export default function ReviewDetail({ loaderData, actionData }: Route.ComponentProps) {
  const { t, d } = useT();
  const { app, names, review, decide, notice, invoice, today } = loaderData;
  const problemFor = (intent: string) => (actionData?.intent === intent ? actionData.problem : null);
  const closable = canMove(app.status, "rejected");
  return (
    <>
      <title>{`${app.reference} · ${app.name} · ${t("appName")}`}</title>
      <p className="breadcrumb">
        <Link to="/membership/applications">{t("membership:review.title")}</Link>
      </p>
      <h1>
        {app.name} <span className="reference">({app.reference})</span>
      </h1>
      {notice ? (
        <div className="notice" role="status">
          <p>{t(`membership:detail.notices.${notice}`, { date: app.meeting ? d(app.meeting.date) : "" })}</p>
          {invoice ? (
            <p>
              <Link to={`/invoices/${invoice.id}`}>
                {t("membership:detail.invoiceCreated", { number: invoice.number })}
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      <p>
        <strong>{t(`membership:statuses.${app.status}`)}</strong>
        {app.meeting ? (
          <>
            {" · "}
            <Link to={`/governance/meetings/${app.meeting.id}`}>
              {t("membership:board.meetingOf", { date: d(app.meeting.date) })}
            </Link>
          </>
        ) : null}
        {app.organisationId ? (
          <>
            {" · "}
            <Link to={`/organisations/${app.organisationId}`}>{t("membership:detail.organisationLink")}</Link>
          </>
        ) : null}
      </p>
      {app.completionRequest && app.status === "incomplete" ? (
        <blockquote className="request">{app.completionRequest}</blockquote>
      ) : null}
      {app.decisionReason ? (
        <p>
          {t("membership:fields.reason")}: {app.decisionReason}
        </p>
      ) : null}

      <ApplicationView app={app} names={names} />

      {decide ? (
        <section aria-labelledby="decision-heading" className="confirm-panel">
          <h2 id="decision-heading">{t("membership:detail.decisionHeading")}</h2>
          <Form method="post" className="stacked" noValidate>
            {problemFor("decide") ? (
              <ErrorSummary message={problemFor("decide")?.message} fields={problemFor("decide")?.fields ?? {}} />
            ) : null}
            <CsrfField />
            <input type="hidden" name="intent" value="decide" />
            <fieldset id="field-decision">
              <legend>{t("membership:fields.decision")}</legend>
              <div className="checkbox">
                <input type="radio" id="decision-approve" name="decision" value="approve" defaultChecked />
                <label htmlFor="decision-approve">{t("membership:detail.approve")}</label>
              </div>
              <div className="checkbox">
                <input type="radio" id="decision-reject" name="decision" value="reject" />
                <label htmlFor="decision-reject">{t("membership:detail.rejectDecision")}</label>
              </div>
            </fieldset>
            {app.possibleDuplicates.length > 0 ? (
              <Field
                name="organisationId"
                label={t("membership:fields.organisationId")}
                error={problemFor("decide")?.fields.organisationId}
              >
                {(props) => (
                  <select {...props} name="organisationId" defaultValue="">
                    <option value="">{t("membership:detail.newOrganisation")}</option>
                    {app.possibleDuplicates.map((o) => (
                      <option key={o.id} value={o.id}>
                        {t("membership:detail.existingOrganisation", { name: o.name })}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : null}
            <Field
              name="decidedOn"
              label={t("membership:fields.decidedOn")}
              error={problemFor("decide")?.fields.decidedOn}
            >
              {(props) => <input {...props} type="date" name="decidedOn" defaultValue={app.meeting?.date ?? today} />}
            </Field>
            <Field name="reason" label={t("membership:fields.reason")} error={problemFor("decide")?.fields.reason}>
              {(props) => <textarea {...props} name="reason" rows={3} />}
            </Field>
            <div className="form-buttons">
              <button type="submit" className="primary">
                {t("membership:detail.record")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {review && closable ? (
        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t("membership:detail.actionsHeading")}</h2>
          {canMove(app.status, "ready_for_board") ? (
            <Form method="post" className="stacked">
              {problemFor("markReady") ? (
                <ErrorSummary
                  message={problemFor("markReady")?.message}
                  fields={problemFor("markReady")?.fields ?? {}}
                />
              ) : null}
              <CsrfField />
              <input type="hidden" name="intent" value="markReady" />
              <p className="hint">{t("membership:detail.markReadyExplain", { days: loaderData.leadDays })}</p>
              <button type="submit" className="primary">
                {t("membership:detail.markReady")}
              </button>
            </Form>
          ) : null}
          <Form method="post" className="stacked" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="requestCompletion" />
            <Field
              name="message"
              label={t("membership:fields.message")}
              error={problemFor("requestCompletion")?.fields.message}
            >
              {(props) => <textarea {...props} name="message" rows={4} />}
            </Field>
            <button type="submit">{t("membership:detail.requestCompletion")}</button>
          </Form>
          <Form method="post" className="stacked" noValidate>
            <CsrfField />
            <Field name="closeReason" label={t("membership:fields.reason")}>
              {(props) => <textarea {...props} name="reason" rows={2} />}
            </Field>
            <div className="form-buttons">
              <button type="submit" name="intent" value="reject" className="danger">
                {t("membership:detail.reject")}
              </button>
              <button type="submit" name="intent" value="withdraw">
                {t("membership:detail.withdraw")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("membership:detail.historyHeading")}</h2>
        <ol>
          {app.history.map((h) => (
            <li key={`${h.at}-${h.toStatus}`}>
              {d(h.at)}: {t(`membership:statuses.${h.toStatus}`)}
              {h.note ? ` — ${h.note}` : ""}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
