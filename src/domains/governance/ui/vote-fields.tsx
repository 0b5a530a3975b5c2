/**
 * The fields of a vote, shared by the form for a new vote (vote-new.tsx) and the form that
 * changes a draft on the vote's page (vote.tsx): question, agenda item, kind, ballot, weighting
 * (where the body weighs votes), majority, and for an election the seats and the candidates (one
 * per line). Values are the strings the form posts; reading them back is in vote-fields.server.ts.
 */
import { ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { ballotKinds, majorities, voteKinds, weightings } from "../votes-contract";

export const voteFieldNames = [
  "question",
  "kind",
  "ballot",
  "weighting",
  "majority",
  "seats",
  "candidates",
  "agendaItemId",
] as const;
export type VoteFieldName = (typeof voteFieldNames)[number];

/** What the form shows and posts, field by field. */
export type VoteValues = Record<VoteFieldName, string>;

/** An agenda item the vote may belong to, labelled with its number on the agenda. */
export type AgendaChoice = { id: string; label: string };

export const emptyVoteValues: VoteValues = {
  question: "",
  kind: "motion",
  ballot: "named",
  weighting: "equal",
  majority: "simple",
  seats: "1",
  candidates: "",
  agendaItemId: "",
};

/** The form's error summary: the message, then each field's problem after the field's label. */
export function VoteErrorSummary({ message, errors }: { message: string; errors: Record<string, string> }) {
  const { t } = useT();
  return (
    <ErrorSummary
      message={message}
      fields={Object.fromEntries(Object.entries(errors).map(([k, m]) => [k, `${t(`votes:new.fields.${k}`)}: ${m}`]))}
    />
  );
}

/** The vote's fields; `weighted` shows the choice of equal or weighted votes (the General Assembly). */
export function VoteFields({
  values,
  errors,
  items,
  weighted,
}: {
  values: VoteValues;
  errors: Record<string, string>;
  items: readonly AgendaChoice[];
  weighted: boolean;
}) {
  const { t } = useT();
  const label = (field: VoteFieldName) => t(`votes:new.fields.${field}`);
  const radios = (field: "kind" | "ballot" | "weighting" | "majority", choices: readonly string[], names: string) => (
    <fieldset
      className="radio-group"
      id={`field-${field}`}
      {...(errors[field] ? { "aria-describedby": `field-${field}-error` } : {})}
    >
      <legend>{label(field)}</legend>
      {errors[field] ? (
        <p className="error" id={`field-${field}-error`}>
          {errors[field]}
        </p>
      ) : null}
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
      {weighted ? radios("weighting", weightings, "votes:weightings") : null}
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
    </>
  );
}
