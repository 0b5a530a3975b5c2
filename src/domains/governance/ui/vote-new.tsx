/**
 * A new vote for a meeting (/governance/meetings/:id/votes/new), for the secretariat: a motion
 * (yes / no / abstain) or an election among candidates (one per line), named or secret, with
 * equal or weighted votes and the majority it needs, optionally tied to an agenda item. The form
 * posts without JavaScript; the vote is created as a draft and opened from its own page.
 */
import { asc, eq } from "drizzle-orm";
import { data, Form, Link, redirect } from "react-router";
import { requirePageAccess } from "~/auth/page";
import { isAppError } from "~/errors/app-error";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { canManageGovernance } from "../policy";
import { agendaItems, meetings } from "../schema";
import { createVote } from "../votes";
import { ballotKinds, majorities, voteKinds, weightings } from "../votes-contract";
import type { Route } from "./+types/vote-new";

type Values = Record<
  "question" | "kind" | "ballot" | "weighting" | "majority" | "seats" | "candidates" | "agendaItemId",
  string
>;

const empty: Values = {
  question: "",
  kind: "motion",
  ballot: "named",
  weighting: "equal",
  majority: "simple",
  seats: "1",
  candidates: "",
  agendaItemId: "",
};

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { database, actor } = context;
  requirePageAccess(context, request, canManageGovernance(actor));
  const [meeting] = await database.db.select().from(meetings).where(eq(meetings.id, params.id)).limit(1);
  if (!meeting) throw data(null, { status: 404 });
  const items = await database.db
    .select({ id: agendaItems.id, title: agendaItems.title, position: agendaItems.position })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meeting.id))
    .orderBy(asc(agendaItems.position));
  const agendaItemId = new URL(request.url).searchParams.get("item") ?? "";
  return {
    meeting: { id: meeting.id, bodyCode: meeting.bodyCode, date: meeting.date, title: meeting.title },
    items: items.map((item, i) => ({ id: item.id, label: `${i + 1}. ${item.title}` })),
    values: { ...empty, agendaItemId },
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  requirePageAccess(context, request, canManageGovernance(actor));
  const form = await request.formData();
  // A choice not shown (weighting outside the Assembly) or not made keeps its default.
  const values = Object.fromEntries(
    (Object.keys(empty) as (keyof Values)[]).map((k) => [k, String(form.get(k) ?? "").trim() || empty[k]]),
  ) as Values;
  const candidates =
    values.kind === "election"
      ? values.candidates
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean)
          .map((label) => ({ label }))
      : [];
  const seats = Number(values.seats);
  try {
    const vote = await createVote(database.db, actor, params.id, {
      question: values.question,
      kind: values.kind as (typeof voteKinds)[number],
      ballot: values.ballot as (typeof ballotKinds)[number],
      weighting: values.weighting as (typeof weightings)[number],
      majority: (values.kind === "election" ? "simple" : values.majority) as (typeof majorities)[number],
      seats: values.kind === "election" && Number.isInteger(seats) ? seats : 1,
      candidates,
      agendaItemId: values.agendaItemId || null,
    });
    return redirect(`/governance/votes/${vote.id}`);
  } catch (e) {
    if (!isAppError(e) || (e.code !== "validation" && e.code !== "conflict")) throw e;
    const fields: Record<string, string> = {};
    for (const [path, problem] of Object.entries(e.fields))
      fields[path.split(".")[0] || path] ??= t(problem.key, problem.values ?? {});
    return data({ values, problem: { message: t(e.messageKey, e.values), fields } }, { status: 422 });
  }
}

export default function NewVote({ loaderData, actionData }: Route.ComponentProps) {
  const { t, d } = useT();
  const { meeting, items } = loaderData;
  const values = actionData?.values ?? loaderData.values;
  const errors = actionData?.problem.fields ?? {};
  const label = (field: string) => t(`votes:new.fields.${field}`);
  const title = t("votes:new.title");
  const radios = (field: "kind" | "ballot" | "weighting" | "majority", choices: readonly string[], names: string) => (
    <fieldset className="radio-group" id={`field-${field}`}>
      <legend>{label(field)}</legend>
      {errors[field] ? <p className="error">{errors[field]}</p> : null}
      {choices.map((c) => (
        <div key={c} className="radio">
          <input type="radio" id={`${field}-${c}`} name={field} value={c} defaultChecked={values[field] === c} />
          <label htmlFor={`${field}-${c}`}>{t(`${names}.${c}`)}</label>
        </div>
      ))}
    </fieldset>
  );
  return (
    <>
      <title>{`${title} · ${t("appName")}`}</title>
      <p className="breadcrumb">
        <Link to={`/governance/meetings/${meeting.id}`}>{t("votes:page.back")}</Link>
      </p>
      <h1>{title}</h1>
      <p>
        {t(`votes:new.meeting`, { date: d(meeting.date) })}
        {meeting.title ? ` · ${meeting.title}` : ""}
      </p>
      <Form method="post" className="stacked wide" noValidate>
        {actionData ? (
          <ErrorSummary
            message={actionData.problem.message}
            fields={Object.fromEntries(Object.entries(errors).map(([k, m]) => [k, `${label(k)}: ${m}`]))}
          />
        ) : null}
        <CsrfField />
        <Field name="question" label={label("question")} error={errors.question}>
          {(props) => <textarea {...props} name="question" rows={3} defaultValue={values.question} aria-required />}
        </Field>
        {items.length > 0 ? (
          <Field name="agendaItemId" label={label("agendaItemId")} error={errors.agendaItemId}>
            {(props) => (
              <select {...props} name="agendaItemId" defaultValue={values.agendaItemId}>
                <option value="">{t("votes:new.noItem")}</option>
                {items.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {radios("kind", voteKinds, "votes:kinds")}
        {radios("ballot", ballotKinds, "votes:ballots")}
        {meeting.bodyCode === "general_assembly" ? radios("weighting", weightings, "votes:weightings") : null}
        {radios("majority", majorities, "votes:majorities")}
        <fieldset className="group">
          <legend>{t("votes:new.electionHeading")}</legend>
          <p className="hint">{t("votes:new.electionHint")}</p>
          <Field name="seats" label={label("seats")} error={errors.seats}>
            {(props) => (
              <input {...props} name="seats" type="number" min={1} inputMode="numeric" defaultValue={values.seats} />
            )}
          </Field>
          <Field
            name="candidates"
            label={label("candidates")}
            error={errors.candidates}
            hint={t("votes:new.candidatesHint")}
          >
            {(props) => <textarea {...props} name="candidates" rows={6} defaultValue={values.candidates} />}
          </Field>
        </fieldset>
        <div className="form-buttons">
          <button type="submit" className="primary">
            {t("votes:new.submit")}
          </button>
        </div>
      </Form>
    </>
  );
}
