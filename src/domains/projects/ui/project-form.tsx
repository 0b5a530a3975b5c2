/**
 * The project form, shared by the new and edit pages: plain fields grouped in fieldsets, each
 * problem next to its field and in the summary on top. Works without JavaScript: the action list
 * shows every programme's actions grouped by programme, and the lead applicant's kind is a radio
 * group whose fields are all shown.
 */
import type { ReactNode } from "react";
import { Form } from "react-router";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { fundingStatuses, phases } from "../pipeline";
import { type LeadKind, leadKinds, type ProjectFormField, type ProjectFormValues, textLanguages } from "./form-values";
import type { AreaOption, ProjectFormOptions } from "./page.server";

type Props = {
  values: ProjectFormValues;
  errors: Record<string, string>;
  message?: string | undefined;
  options: ProjectFormOptions;
  fields: readonly ProjectFormField[];
  submitLabel: string;
  /** The project's version, on an existing project (a change made meanwhile is refused). */
  version?: number;
  /** Whether the lead applicant is set here (the secretariat); else it is explained. */
  leadNote?: string | undefined;
  cancelHref: string;
};

export function ProjectForm({
  values,
  errors,
  message,
  options,
  fields,
  submitLabel,
  version,
  leadNote,
  cancelHref,
}: Props) {
  const { t } = useT();
  const has = (f: ProjectFormField) => fields.includes(f);
  const text = (name: keyof ProjectFormValues, type: "text" | "date" | "url" = "text", hint?: string) => (
    <Field name={name} label={t(`projects:fields.${name}`)} error={errors[name]} {...(hint ? { hint } : {})}>
      {(props) => (
        <input
          {...props}
          type={type}
          name={name}
          defaultValue={values[name] as string}
          {...(type === "url" ? { inputMode: "url" as const, placeholder: "https://" } : {})}
        />
      )}
    </Field>
  );
  const money = (name: keyof ProjectFormValues) => (
    <Field
      name={name}
      label={t("projects:ui.form.inEuro", { label: t(`projects:fields.${name}`) })}
      error={errors[name]}
    >
      {(props) => (
        <input {...props} type="text" inputMode="decimal" name={name} defaultValue={values[name] as string} />
      )}
    </Field>
  );
  const count = (name: keyof ProjectFormValues) => (
    <Field name={name} label={t(`projects:fields.${name}`)} error={errors[name]}>
      {(props) => (
        <input {...props} type="text" inputMode="numeric" name={name} defaultValue={values[name] as string} />
      )}
    </Field>
  );
  const members = options.organisations.filter((o) => o.member);
  const others = options.organisations.filter((o) => !o.member);
  const organisationChoices = (
    <>
      <optgroup label={t("projects:ui.form.memberOrganisations")}>
        {members.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </optgroup>
      {others.length > 0 ? (
        <optgroup label={t("projects:ui.form.partnerOrganisations")}>
          {others.map((o) => (
            <option key={o.code} value={o.code}>
              {o.name}
            </option>
          ))}
        </optgroup>
      ) : null}
    </>
  );

  return (
    <Form method="post" className="stacked wide" noValidate>
      <CsrfField />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <ErrorSummary message={message} fields={errors} />

      <fieldset className="group">
        <legend>{t("projects:ui.form.aboutGroup")}</legend>
        {has("acronym") ? (
          <Field name="acronym" label={t("projects:fields.acronym")} error={errors.acronym}>
            {(props) => (
              <input {...props} type="text" name="acronym" defaultValue={values.acronym} maxLength={40} required />
            )}
          </Field>
        ) : null}
        {has("title") ? (
          <Texts name="title" values={values.title} errors={errors} hint={t("projects:ui.form.titleHint")} />
        ) : null}
        {has("summary") ? (
          <Texts name="summary" values={values.summary} errors={errors} hint={t("projects:ui.form.summaryHint")} />
        ) : null}
        {has("priorities") ? (
          <Priorities areas={options.areas} chosen={values.priorities} error={errors.priorities} />
        ) : null}
      </fieldset>

      <fieldset className="group">
        <legend>{t("projects:ui.form.fundingGroup")}</legend>
        {has("programmeCode") ? (
          <Field name="programmeCode" label={t("projects:fields.programmeCode")} error={errors.programmeCode}>
            {(props) => (
              <select {...props} name="programmeCode" defaultValue={values.programmeCode}>
                <option value="">{t("projects:ui.form.noProgramme")}</option>
                {options.programmes.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.active ? p.name : t("projects:ui.form.endedProgramme", { name: p.name })}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {has("actionCode") ? (
          <Field
            name="actionCode"
            label={t("projects:fields.actionCode")}
            error={errors.actionCode}
            hint={t("projects:ui.form.actionHint")}
          >
            {(props) => (
              <select {...props} name="actionCode" defaultValue={values.actionCode}>
                <option value="">{t("projects:ui.form.noAction")}</option>
                {options.programmes
                  .filter((p) => p.actions.length > 0)
                  .map((p) => (
                    <optgroup key={p.code} label={p.name}>
                      {p.actions.map((a) => (
                        <option key={a.code} value={a.code}>
                          {a.name}
                        </option>
                      ))}
                    </optgroup>
                  ))}
              </select>
            )}
          </Field>
        ) : null}
        {has("callIdentifier") ? text("callIdentifier", "text", t("projects:ui.form.callHint")) : null}
        {has("deadline") ? text("deadline", "date") : null}
        {has("submittedOn") ? text("submittedOn", "date", t("projects:ui.form.submittedOnHint")) : null}
      </fieldset>

      {has("initiatorOrganisationId") || has("lead") || leadNote ? (
        <fieldset className="group">
          <legend>{t("projects:ui.form.peopleGroup")}</legend>
          {has("initiatorOrganisationId") ? (
            <Field
              name="initiatorOrganisationId"
              label={t("projects:fields.initiatorOrganisationId")}
              error={errors.initiatorOrganisationId}
            >
              {(props) => (
                <select {...props} name="initiatorOrganisationId" defaultValue={values.initiatorOrganisationId}>
                  <option value="">{t("projects:theNetwork")}</option>
                  {organisationChoices}
                </select>
              )}
            </Field>
          ) : null}
          {has("lead") ? (
            <Lead values={values} errors={errors} options={options} organisationChoices={organisationChoices} />
          ) : leadNote ? (
            <p>{leadNote}</p>
          ) : null}
        </fieldset>
      ) : null}

      {has("phase") ? (
        <fieldset className="group">
          <legend>{t("projects:ui.form.phaseGroup")}</legend>
          <p className="hint">{t("projects:ui.form.phaseHint")}</p>
          <Field name="phase" label={t("projects:fields.phase")} error={errors.phase}>
            {(props) => (
              <select {...props} name="phase" defaultValue={values.phase}>
                {phases.map((p) => (
                  <option key={p} value={p}>
                    {t(`projects:phases.${p}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="fundingStatus" label={t("projects:fields.fundingStatus")} error={errors.fundingStatus}>
            {(props) => (
              <select {...props} name="fundingStatus" defaultValue={values.fundingStatus}>
                <option value="">{t("projects:fundingStatuses.none")}</option>
                {fundingStatuses.map((s) => (
                  <option key={s} value={s}>
                    {t(`projects:fundingStatuses.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
      ) : null}

      <fieldset className="group">
        <legend>{t("projects:ui.form.moneyGroup")}</legend>
        <p className="hint">{t("projects:ui.form.moneyHint")}</p>
        {has("totalBudgetCents") ? money("totalBudgetCents") : null}
        {has("grantRequestedCents") ? money("grantRequestedCents") : null}
        {has("grantAwardedCents") ? money("grantAwardedCents") : null}
        {has("grantPaidCents") ? money("grantPaidCents") : null}
      </fieldset>

      <fieldset className="group">
        <legend>{t("projects:ui.form.datesGroup")}</legend>
        {has("participantsPlanned") ? count("participantsPlanned") : null}
        {has("participantsActual") ? count("participantsActual") : null}
        {has("startDate") ? text("startDate", "date") : null}
        {has("endDate") ? text("endDate", "date") : null}
      </fieldset>

      <fieldset className="group">
        <legend>{t("projects:ui.form.linksGroup")}</legend>
        {has("cordisUrl") ? text("cordisUrl", "url") : null}
        {has("erasmusPlusUrl") ? text("erasmusPlusUrl", "url") : null}
        {has("keepEuUrl") ? text("keepEuUrl", "url") : null}
        {has("websiteUrl") ? text("websiteUrl", "url") : null}
      </fieldset>

      {has("internal") ? (
        <div className={errors.internal ? "checkbox field-error" : "checkbox"}>
          <input type="hidden" name="internal-shown" value="1" />
          <input type="checkbox" id="field-internal" name="internal" defaultChecked={values.internal} />
          <label htmlFor="field-internal">{t("projects:fields.internal")}</label>
          {errors.internal ? <p className="error">{errors.internal}</p> : null}
        </div>
      ) : null}

      <div className="form-buttons">
        <button type="submit" className="primary">
          {submitLabel}
        </button>
        <a href={cancelHref}>{t("projects:ui.form.cancel")}</a>
      </div>
    </Form>
  );
}

/** A language as the reader calls it: "it" → "Italian" / "italienska" / "italiano". */
function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A text in each of the network's languages: one input (or text area) per language in a fieldset. */
function Texts({
  name,
  values,
  errors,
  hint,
}: {
  name: "title" | "summary";
  values: Record<(typeof textLanguages)[number], string>;
  errors: Record<string, string>;
  hint: string;
}) {
  const { t, language } = useT();
  const error = errors[name];
  const hintId = `field-${name}-hint`;
  return (
    <fieldset
      id={`field-${name}`}
      className={error ? "group field-error" : "group"}
      aria-describedby={error ? `${hintId} field-${name}-error` : hintId}
    >
      <legend>{t(`projects:fields.${name}`)}</legend>
      <p className="hint" id={hintId}>
        {hint}
      </p>
      {error ? (
        <p className="error" id={`field-${name}-error`}>
          {error}
        </p>
      ) : null}
      {textLanguages.map((l) => (
        <Field
          key={l}
          name={`${name}.${l}`}
          label={t("projects:ui.form.inLanguage", { language: languageName(l, language) })}
          error={errors[`${name}.${l}`]}
        >
          {(props) =>
            name === "summary" ? (
              <textarea {...props} name={`${name}.${l}`} lang={l} rows={4} defaultValue={values[l]} />
            ) : (
              <input {...props} type="text" name={`${name}.${l}`} lang={l} defaultValue={values[l]} />
            )
          }
        </Field>
      ))}
    </fieldset>
  );
}

/** Priorities as checkboxes, grouped by thematic area. */
function Priorities({ areas, chosen, error }: { areas: AreaOption[]; chosen: string[]; error: string | undefined }) {
  const { t } = useT();
  return (
    <fieldset
      id="field-priorities"
      className={error ? "checkbox-group field-error" : "checkbox-group"}
      {...(error ? { "aria-describedby": "field-priorities-error" } : {})}
    >
      <legend>{t("projects:fields.priorities")}</legend>
      <input type="hidden" name="priorities-shown" value="1" />
      {error ? (
        <p className="error" id="field-priorities-error">
          {error}
        </p>
      ) : null}
      <div className="areas">
        {areas.map((area) => (
          <fieldset key={area.code} className="area">
            <legend>{area.name}</legend>
            {area.priorities.map((p) => (
              <div key={p.code} className="checkbox">
                <input
                  type="checkbox"
                  id={`priority-${p.code}`}
                  name="priorities"
                  value={p.code}
                  defaultChecked={chosen.includes(p.code)}
                />
                <label htmlFor={`priority-${p.code}`}>{p.name}</label>
              </div>
            ))}
          </fieldset>
        ))}
      </div>
    </fieldset>
  );
}

/** The lead applicant: none yet, a member organisation, the network itself, or an outside organisation. */
function Lead({
  values,
  errors,
  options,
  organisationChoices,
}: {
  values: ProjectFormValues;
  errors: Record<string, string>;
  options: ProjectFormOptions;
  organisationChoices: ReactNode;
}) {
  const { t } = useT();
  const error = errors.leadKind;
  return (
    <fieldset
      id="field-leadKind"
      className={error ? "group field-error" : "group"}
      aria-describedby={error ? "field-leadKind-hint field-leadKind-error" : "field-leadKind-hint"}
    >
      <legend>{t("projects:fields.lead")}</legend>
      <p className="hint" id="field-leadKind-hint">
        {t("projects:ui.form.leadHint")}
      </p>
      {error ? (
        <p className="error" id="field-leadKind-error">
          {error}
        </p>
      ) : null}
      {leadKinds.map((kind: LeadKind) => (
        <div key={kind} className="checkbox">
          <input
            type="radio"
            id={`lead-kind-${kind}`}
            name="leadKind"
            value={kind}
            defaultChecked={values.leadKind === kind}
          />
          <label htmlFor={`lead-kind-${kind}`}>{t(`projects:ui.form.leadKinds.${kind}`)}</label>
        </div>
      ))}
      <Field name="leadOrganisationId" label={t("projects:ui.form.leadOrganisation")} error={errors.leadOrganisationId}>
        {(props) => (
          <select {...props} name="leadOrganisationId" defaultValue={values.leadOrganisationId}>
            <option value="">{t("projects:ui.form.choose")}</option>
            {organisationChoices}
          </select>
        )}
      </Field>
      <fieldset className="group">
        <legend>{t("projects:ui.form.leadOutside")}</legend>
        <Field name="leadName" label={t("projects:fields.name")} error={errors.leadName}>
          {(props) => <input {...props} type="text" name="leadName" defaultValue={values.leadName} />}
        </Field>
        <Field name="leadCountry" label={t("projects:fields.country")} error={errors.leadCountry}>
          {(props) => (
            <select {...props} name="leadCountry" defaultValue={values.leadCountry}>
              <option value="">{t("projects:ui.form.choose")}</option>
              {options.countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="leadType" label={t("projects:fields.organisationType")} error={errors.leadType}>
          {(props) => (
            <select {...props} name="leadType" defaultValue={values.leadType}>
              <option value="">{t("projects:ui.form.choose")}</option>
              {options.types.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
    </fieldset>
  );
}
