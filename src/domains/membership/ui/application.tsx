import { data, Form, redirect } from "react-router";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { PRIVACY_VERSION, STATUTE_VERSION } from "../contract";
import { readApplicationForm, submittedValues } from "../form-data";
import {
  applicationByToken,
  completeApplication,
  formValuesOf,
  uploadSignedForm,
  withdrawByApplicant,
} from "../service";
import type { Route } from "./+types/application";
import { ApplicationForm } from "./application-form";
import { applicationNames, formOptions, noticeFrom, type PageProblem, pageError, pageProblem } from "./page.server";

const notices = ["submitted", "uploaded", "completed", "withdrawn"] as const;

/** The private link must not leak through the Referer header to other sites. */
export function headers() {
  return { "Referrer-Policy": "no-referrer", "Cache-Control": "private, no-store" };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { database, actor, language } = context;
  const app = await applicationByToken(database.db, params.token).catch((e) => pageError(e, request, actor));
  return {
    app,
    names: await applicationNames(database.db, language, app),
    values: formValuesOf(app),
    options: app.status === "incomplete" ? await formOptions(database.db, language) : null,
    notice: noticeFrom(request, notices),
    token: params.token,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  const form = await request.formData();
  const intent = form.get("intent");
  const here = `/join/applications/${params.token}`;
  const read = await readApplicationForm(form);
  try {
    if (intent === "upload") {
      await uploadSignedForm(database.db, params.token, read.signedForm);
      return redirect(`${here}?notice=uploaded`);
    }
    if (intent === "withdraw") {
      await withdrawByApplicant(database.db, params.token);
      return redirect(`${here}?notice=withdrawn`);
    }
    await completeApplication(database.db, params.token, read);
    return redirect(`${here}?notice=completed`);
  } catch (e) {
    const problem: PageProblem = pageProblem(e, t, request, actor);
    return data(
      { intent: String(intent ?? "complete"), problem, values: submittedValues(read.fields) },
      { status: 422 },
    );
  }
}

export default function ApplicationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, d } = useT();
  const { app, names, options, notice } = loaderData;
  const open = ["submitted", "incomplete", "ready_for_board"].includes(app.status);
  const uploadProblem = actionData?.intent === "upload" ? actionData.problem : null;
  const otherProblem =
    actionData && actionData.intent !== "upload" && actionData.intent !== "complete" ? actionData.problem : null;
  const base = `/join/applications/${loaderData.token}`;
  return (
    <>
      <title>{`${t("membership:applicant.title", { reference: app.reference })} · ${t("appName")}`}</title>
      <h1>{t("membership:applicant.title", { reference: app.reference })}</h1>
      {notice ? (
        <div className="notice" role="status">
          <p>{t(`membership:applicant.notices.${notice}`)}</p>
        </div>
      ) : null}
      {otherProblem ? <ErrorSummary message={otherProblem.message} fields={otherProblem.fields} /> : null}
      <dl className="facts">
        <dt>{t("membership:fields.name")}</dt>
        <dd>{app.name}</dd>
        <dt>{t("membership:fields.country")}</dt>
        <dd>{names.country}</dd>
        <dt>{t("membership:fields.type")}</dt>
        <dd>{names.type}</dd>
        <dt>{t("membership:applicant.status")}</dt>
        <dd>
          <strong>{t(`membership:statuses.${app.status}`)}</strong>
          {" — "}
          {t(`membership:statusExplain.${app.status}`, {
            date:
              app.status === "approved" && app.decidedOn ? d(app.decidedOn) : app.meeting ? d(app.meeting.date) : "",
          })}
        </dd>
        <dt>{t("membership:applicant.outcome")}</dt>
        <dd>
          {t(`membership:outcomes.${app.outcome}`)} — {t(`membership:outcomeExplain.${app.outcome}`)}
        </dd>
      </dl>
      <p className="hint">{t("membership:applicant.keepLink")}</p>

      <section aria-labelledby="form-heading">
        <h2 id="form-heading">{t("membership:applicant.formHeading")}</h2>
        <p>
          <a href={`${base}/files/form.pdf`} download>
            {t("membership:applicant.downloadForm")}
          </a>
        </p>
      </section>

      <section aria-labelledby="documents-heading">
        <h2 id="documents-heading">{t("membership:applicant.documentsHeading")}</h2>
        {app.documents.length === 0 ? (
          <p>{t("membership:applicant.noDocuments")}</p>
        ) : (
          <ul>
            {app.documents.map((doc) => (
              <li key={doc.fileId}>
                {t(`membership:fields.${doc.kind === "letter" ? "letterFile" : "signedForm"}`)}:{" "}
                <a href={`${base}/files/${doc.fileId}`}>{doc.filename}</a>
              </li>
            ))}
          </ul>
        )}
      </section>

      {open ? (
        <section aria-labelledby="upload-heading">
          <h2 id="upload-heading">{t("membership:applicant.uploadHeading")}</h2>
          <Form method="post" encType="multipart/form-data" className="stacked" noValidate>
            {uploadProblem ? <ErrorSummary message={uploadProblem.message} fields={uploadProblem.fields} /> : null}
            <CsrfField />
            <input type="hidden" name="intent" value="upload" />
            <Field
              name="signedForm"
              label={t("membership:fields.signedForm")}
              error={uploadProblem?.fields.signedForm}
              hint={t("membership:apply.pdfOnly")}
            >
              {(props) => <input {...props} type="file" name="signedForm" accept="application/pdf,.pdf" />}
            </Field>
            <div className="form-buttons">
              <button type="submit">{t("membership:applicant.upload")}</button>
            </div>
          </Form>
        </section>
      ) : null}

      {app.status === "incomplete" && options ? (
        <section aria-labelledby="complete-heading">
          <h2 id="complete-heading">{t("membership:applicant.completeHeading")}</h2>
          <p>{t("membership:applicant.secretariatAsks")}</p>
          <blockquote className="request">{app.completionRequest}</blockquote>
          <ApplicationForm
            mode="complete"
            values={actionData?.intent === "complete" ? actionData.values : loaderData.values}
            problem={actionData?.intent === "complete" ? actionData.problem : null}
            options={options}
            statuteVersion={STATUTE_VERSION}
            privacyVersion={PRIVACY_VERSION}
            submitLabel={t("membership:applicant.complete")}
          />
        </section>
      ) : null}

      {open ? (
        <section aria-labelledby="withdraw-heading" className="confirm-panel">
          <h2 id="withdraw-heading">{t("membership:applicant.withdrawHeading")}</h2>
          <p>{t("membership:applicant.withdrawExplain")}</p>
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value="withdraw" />
            <button type="submit" className="danger">
              {t("membership:applicant.withdraw")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
