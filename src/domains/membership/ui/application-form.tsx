import type { ReactNode } from "react";
import { Form, useNavigation } from "react-router";
import { identifierFields } from "~/domains/organisations/identifiers";
import { ORGANISATION_FORM_ID } from "~/domains/organisations/ui/organisation-form";
import { languages } from "~/i18n/i18n";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";

type Option = { code: string; name: string };

export type ApplicationFormOptions = {
  countries: (Option & { memberCountry: boolean })[];
  types: Option[];
  areas: (Option & { priorities: Option[] })[];
};

export type ApplicationFormProblem = { message: string; fields: Record<string, string> };

type Props = {
  mode: "apply" | "complete";
  values: Record<string, string>;
  problem: ApplicationFormProblem | null;
  options: ApplicationFormOptions;
  statuteVersion: string;
  privacyVersion: string;
  submitLabel: string;
};

/**
 * The application form (multipart, works without JavaScript): the organisation, its people, its
 * priorities, the presentation letter, the signed form and, when applying, the acceptances. Its
 * id lets the reference-place picker fill in the organisation's fields.
 */
export function ApplicationForm({
  mode,
  values,
  problem,
  options,
  statuteVersion,
  privacyVersion,
  submitLabel,
}: Props) {
  const { t, language } = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors = problem?.fields ?? {};
  const label = (field: string) => t(`membership:fields.${field}`);
  const summary = Object.fromEntries(
    Object.entries(errors).map(([name, message]) => [name, name === "_" ? message : `${label(name)}: ${message}`]),
  );
  const required = mode === "apply";

  const input = (
    field: string,
    extra: {
      type?: string;
      inputMode?: "numeric" | "decimal" | "url" | "email" | "tel";
      autoComplete?: string;
      required?: boolean;
      hint?: string;
    } = {},
  ) => (
    <Field
      key={field}
      name={field}
      label={label(field)}
      error={errors[field]}
      {...(extra.hint ? { hint: extra.hint } : {})}
    >
      {(props) => (
        <input
          {...props}
          name={field}
          type={extra.type ?? "text"}
          defaultValue={values[field] ?? ""}
          {...(extra.inputMode ? { inputMode: extra.inputMode } : {})}
          {...(extra.required && required ? { "aria-required": true } : {})}
          autoComplete={extra.autoComplete ?? "off"}
        />
      )}
    </Field>
  );

  const select = (field: string, children: ReactNode, hint?: string) => (
    <Field key={field} name={field} label={label(field)} error={errors[field]} {...(hint ? { hint } : {})}>
      {(props) => (
        <select {...props} name={field} defaultValue={values[field] ?? ""} aria-required={required || undefined}>
          {children}
        </select>
      )}
    </Field>
  );

  const file = (field: "letterFile" | "signedForm", hint: string) => (
    <Field key={field} name={field} label={label(field)} error={errors[field]} hint={hint}>
      {(props) => <input {...props} name={field} type="file" accept="application/pdf,.pdf" />}
    </Field>
  );

  const chosen = (values.priorities ?? "").split(",").filter(Boolean);
  const memberCountries = options.countries.filter((c) => c.memberCountry);
  const otherCountries = options.countries.filter((c) => !c.memberCountry);

  return (
    <Form method="post" encType="multipart/form-data" id={ORGANISATION_FORM_ID} className="stacked wide" noValidate>
      {problem ? <ErrorSummary message={problem.message} fields={summary} /> : null}
      <CsrfField />
      {mode === "apply" ? <input type="hidden" name="language" value={values.language || language} /> : null}

      <fieldset className="group">
        <legend>{t("membership:apply.organisationHeading")}</legend>
        {input("name", { autoComplete: "organization", required: true })}
        {select(
          "country",
          <>
            <option value="">{t("membership:apply.choose")}</option>
            <optgroup label={t("organisations:form.memberCountries")}>
              {memberCountries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </optgroup>
            <optgroup label={t("organisations:form.otherCountries")}>
              {otherCountries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </optgroup>
          </>,
        )}
        {select(
          "type",
          <>
            <option value="">{t("membership:apply.choose")}</option>
            {options.types.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </>,
        )}
        {input("officialCode")}
        {input("nuts3")}
        {input("inhabitants", { inputMode: "numeric" })}
        {input("employees", { inputMode: "numeric" })}
        {input("annualBudget", { inputMode: "decimal" })}
        {input("website", { type: "url", inputMode: "url", autoComplete: "url" })}
        {input("street", { autoComplete: "street-address" })}
        {input("postalCode", { autoComplete: "postal-code" })}
        {input("city", { autoComplete: "address-level2" })}
      </fieldset>

      <fieldset className="group">
        <legend>{t("membership:apply.identifiersHeading")}</legend>
        <p className="hint">{t("membership:apply.identifiersHint")}</p>
        {identifierFields.map((field) => input(field, { hint: t(`organisations:hints.${field}`) }))}
      </fieldset>

      <fieldset
        id="field-priorities"
        className={errors.priorities ? "checkbox-group field-error" : "checkbox-group"}
        aria-describedby="field-priorities-hint"
      >
        <legend>{t("membership:apply.prioritiesHeading")}</legend>
        <p className="hint" id="field-priorities-hint">
          {t("membership:apply.prioritiesHint")}
        </p>
        {errors.priorities ? <p className="error">{errors.priorities}</p> : null}
        <div className="areas">
          {options.areas.map((area) => (
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

      <fieldset className="group">
        <legend>{t("membership:apply.legalHeading")}</legend>
        <p className="hint">{t("membership:apply.legalHint")}</p>
        {input("legalName", { autoComplete: "off", required: true })}
        {input("legalJobTitle")}
        {input("legalEmail", { type: "email", inputMode: "email", required: true })}
        {input("legalPhone", { type: "tel", inputMode: "tel" })}
      </fieldset>

      <fieldset className="group">
        <legend>{t("membership:apply.contactHeading")}</legend>
        <p className="hint">{t("membership:apply.contactHint")}</p>
        {input("contactName", { autoComplete: "name", required: true })}
        {input("contactJobTitle", { autoComplete: "organization-title" })}
        {input("contactEmail", { type: "email", inputMode: "email", autoComplete: "email", required: true })}
        {input("contactPhone", { type: "tel", inputMode: "tel", autoComplete: "tel" })}
        {select(
          "contactLanguage",
          languages.map((code) => (
            <option key={code} value={code}>
              {t(`languages.${code}`)}
            </option>
          )),
          t("membership:apply.languageHint"),
        )}
      </fieldset>

      <fieldset className="group">
        <legend>{t("membership:apply.letterHeading")}</legend>
        <p className="hint">{t("membership:apply.letterHint")}</p>
        <Field name="letterText" label={label("letterText")} error={errors.letterText}>
          {(props) => <textarea {...props} name="letterText" rows={8} defaultValue={values.letterText ?? ""} />}
        </Field>
        {file("letterFile", t("membership:apply.pdfOnly"))}
      </fieldset>

      <fieldset className="group">
        <legend>{t("membership:apply.documentsHeading")}</legend>
        {file("signedForm", `${t("membership:apply.documentsHint")} ${t("membership:apply.pdfOnly")}`)}
      </fieldset>

      {mode === "complete" ? (
        <Field name="note" label={label("note")} error={errors.note}>
          {(props) => <textarea {...props} name="note" rows={4} defaultValue={values.note ?? ""} />}
        </Field>
      ) : (
        <fieldset className="group">
          <legend>{t("membership:apply.acceptHeading")}</legend>
          {(["acceptStatute", "acceptPrivacy"] as const).map((field) => (
            <div key={field} className={errors[field] ? "checkbox field-error" : "checkbox"} id={`field-${field}`}>
              <input
                type="checkbox"
                id={`accept-${field}`}
                name={field}
                defaultChecked={values[field] === "on"}
                aria-invalid={errors[field] ? true : undefined}
                aria-describedby={errors[field] ? `accept-${field}-error` : undefined}
              />
              <label htmlFor={`accept-${field}`}>
                {t(`membership:apply.${field}`, {
                  version: field === "acceptStatute" ? statuteVersion : privacyVersion,
                })}
              </label>
              {errors[field] ? (
                <p className="error" id={`accept-${field}-error`}>
                  {errors[field]}
                </p>
              ) : null}
            </div>
          ))}
        </fieldset>
      )}

      <div className="form-buttons">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
