import { data, Form, Link, redirect } from "react-router";
import { getOrganisation } from "~/domains/organisations/service";
import { formProblem, noticeFrom, pageError, problemStatus } from "~/domains/organisations/ui/page.server";
import { languages } from "~/i18n/i18n";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { listMembershipChanges, readmitMember, recordResignation, suspendMembership } from "../changes";
import { canGetCertificate, canManageMembership, canResign } from "../changes-policy";
import type { Route } from "./+types/changes-organisation";

const notices = ["resigned", "suspended", "readmitted"] as const;
const intents = ["resign", "suspend", "readmit"] as const;
type Intent = (typeof intents)[number];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { database, actor } = context;
  const organisation = await getOrganisation(database.db, actor, params.id).catch((e) => pageError(e, request, actor));
  const changes = await listMembershipChanges(database.db, actor, organisation.id).catch((e) =>
    pageError(e, request, actor),
  );
  return {
    id: organisation.id,
    name: organisation.name,
    changes,
    notice: noticeFrom(request, notices),
    can: {
      resign: canResign(actor, organisation.id) && changes.status === "member" && changes.pendingResignation === null,
      manage: canManageMembership(actor),
      certificate:
        canGetCertificate(actor, organisation.id) && changes.status === "member" && changes.suspendedSince === null,
    },
  };
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  const form = await request.formData();
  const intent = text(form, "intent") as Intent;
  const values = {
    receivedOn: text(form, "receivedOn"),
    since: text(form, "since"),
    on: text(form, "on"),
    reason: text(form, "reason"),
  };
  try {
    if (intent === "resign") {
      await recordResignation(database.db, actor, params.id, { receivedOn: values.receivedOn, reason: values.reason });
      return redirect(`/organisations/${params.id}/membership?notice=resigned`);
    }
    if (intent === "suspend") {
      await suspendMembership(database.db, actor, params.id, { since: values.since, reason: values.reason });
      return redirect(`/organisations/${params.id}/membership?notice=suspended`);
    }
    await readmitMember(database.db, actor, params.id, { on: values.on, reason: values.reason });
    return redirect(`/organisations/${params.id}/membership?notice=readmitted`);
  } catch (e) {
    const problem = formProblem(e, t, request, actor, values);
    return data({ intent, values, problem }, { status: problemStatus(problem) });
  }
}

type FormProps = {
  intent: Intent;
  title: string;
  hint: string;
  dateField: "receivedOn" | "since" | "on";
  dateHint: string;
  reasonRequired: boolean;
  submit: string;
  failed: Route.ComponentProps["actionData"];
};

function ChangeForm({ intent, title, hint, dateField, dateHint, reasonRequired, submit, failed }: FormProps) {
  const { t } = useT();
  const mine = failed?.intent === intent ? failed : undefined;
  const errors = mine?.problem.fields ?? {};
  const label = (field: string) => t(`membershipChanges:forms.${field}`);
  return (
    <section aria-labelledby={`${intent}-title`}>
      <h2 id={`${intent}-title`}>{title}</h2>
      <p className="hint">{hint}</p>
      <Form method="post" className="stacked" noValidate>
        {mine ? (
          <ErrorSummary
            message={mine.problem.message}
            fields={Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, `${label(k)}: ${v}`]))}
          />
        ) : null}
        <CsrfField />
        <input type="hidden" name="intent" value={intent} />
        <Field name={dateField} label={label(dateField)} hint={dateHint} error={errors[dateField]}>
          {(props) => <input {...props} type="date" name={dateField} defaultValue={mine?.values[dateField] ?? ""} />}
        </Field>
        <Field name="reason" label={label("reason")} error={errors.reason}>
          {(props) => (
            <textarea
              {...props}
              name="reason"
              rows={3}
              required={reasonRequired}
              defaultValue={mine?.values.reason ?? ""}
            />
          )}
        </Field>
        <div className="form-buttons">
          <button type="submit" className="primary">
            {submit}
          </button>
        </div>
      </Form>
    </section>
  );
}

export default function MembershipChangesPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, d } = useT();
  const { changes, can } = loaderData;
  const title = t("membershipChanges:page.title", { name: loaderData.name });
  const suspended = changes.status === "member" && changes.suspendedSince !== null;
  return (
    <>
      <title>{`${title} · ${t("appName")}`}</title>
      <p>
        <Link to={`/organisations/${loaderData.id}`}>{t("membershipChanges:page.back")}</Link>
      </p>
      <h1>{title}</h1>
      {loaderData.notice ? (
        <p className="notice" role="status">
          {t(`membershipChanges:page.notices.${loaderData.notice}`)}
        </p>
      ) : null}
      <dl>
        <dt>{t("membershipChanges:page.status")}</dt>
        <dd>{t(`membershipChanges:page.statuses.${changes.status}`)}</dd>
        {changes.memberSince ? (
          <>
            <dt>{t("membershipChanges:page.memberSince")}</dt>
            <dd>{d(changes.memberSince)}</dd>
          </>
        ) : null}
        {changes.suspendedSince ? (
          <>
            <dt>{t("membershipChanges:page.suspendedSince")}</dt>
            <dd>{d(changes.suspendedSince)}</dd>
          </>
        ) : null}
      </dl>
      {changes.pendingResignation ? (
        <p>{t("membershipChanges:page.pendingResignation", { date: d(changes.pendingResignation.effectiveOn) })}</p>
      ) : null}
      {can.certificate ? (
        <ul>
          {languages.map((lang) => (
            <li key={lang}>
              <a href={`/api/v1/organisations/${loaderData.id}/membership-certificate?lang=${lang}`} hrefLang={lang}>
                {t("membershipChanges:certificate.download")} — {t(`languages.${lang}`)}
              </a>
            </li>
          ))}
        </ul>
      ) : null}

      <h2>{t("membershipChanges:page.history")}</h2>
      {changes.items.length === 0 ? (
        <p>{t("membershipChanges:page.noChanges")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("membershipChanges:page.kind")}</th>
              <th scope="col">{t("membershipChanges:page.effectiveOn")}</th>
              <th scope="col">{t("membershipChanges:page.applied")}</th>
              <th scope="col">{t("membershipChanges:page.reason")}</th>
              <th scope="col">{t("membershipChanges:page.recordedOn")}</th>
            </tr>
          </thead>
          <tbody>
            {changes.items.map((c) => (
              <tr key={c.id}>
                <td>{t(`membershipChanges:page.kinds.${c.kind}`)}</td>
                <td>{d(c.effectiveOn)}</td>
                <td>{c.appliedAt ? d(c.appliedAt) : t("membershipChanges:page.notApplied")}</td>
                <td>{c.reason ?? "—"}</td>
                <td>{d(c.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {can.resign ? (
        <ChangeForm
          intent="resign"
          title={t("membershipChanges:forms.resignTitle")}
          hint={t("membershipChanges:forms.resignHint")}
          dateField="receivedOn"
          dateHint={t("membershipChanges:forms.receivedOnHint")}
          reasonRequired={false}
          submit={t("membershipChanges:forms.resign")}
          failed={actionData}
        />
      ) : null}
      {can.manage && changes.status === "member" && !suspended ? (
        <ChangeForm
          intent="suspend"
          title={t("membershipChanges:forms.suspendTitle")}
          hint={t("membershipChanges:forms.suspendHint")}
          dateField="since"
          dateHint={t("membershipChanges:forms.sinceHint")}
          reasonRequired
          submit={t("membershipChanges:forms.suspend")}
          failed={actionData}
        />
      ) : null}
      {can.manage && (suspended || changes.status === "former") ? (
        <ChangeForm
          intent="readmit"
          title={t("membershipChanges:forms.readmitTitle")}
          hint={t(
            suspended ? "membershipChanges:forms.readmitHintSuspended" : "membershipChanges:forms.readmitHintFormer",
          )}
          dateField="on"
          dateHint={t("membershipChanges:forms.onHint")}
          reasonRequired={false}
          submit={t("membershipChanges:forms.readmit")}
          failed={actionData}
        />
      ) : null}
    </>
  );
}
