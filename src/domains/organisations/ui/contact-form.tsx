import { Form, Link, useNavigation } from "react-router";
import { languages } from "~/i18n/i18n";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import type { ContactFormValues } from "./form-values";
import type { OrganisationFormProblem } from "./organisation-form";

type Props = {
  values: ContactFormValues;
  problem: OrganisationFormProblem | null;
  submitLabel: string;
  cancelHref: string;
};

const textFields = [
  ["name", "text", "name"],
  ["jobTitle", "text", "organization-title"],
  ["email", "email", "email"],
  ["phone", "tel", "tel"],
] as const;

/** A contact person's form: name, job title, e-mail, phone, preferred language, roles. */
export function ContactForm({ values, problem, submitLabel, cancelHref }: Props) {
  const { t } = useT();
  const busy = useNavigation().state === "submitting";
  const errors = problem?.fields ?? {};
  const label = (field: string) => t(`organisations:contacts.${field}`, { defaultValue: field });
  const summary = Object.fromEntries(
    Object.entries(errors).map(([name, message]) => [name, name === "_" ? message : `${label(name)}: ${message}`]),
  );

  const checkbox = (field: "legalRepresentative" | "primaryContact") => (
    <div className={errors[field] ? "checkbox field-error" : "checkbox"}>
      <input
        type="checkbox"
        id={`field-${field}`}
        name={field}
        defaultChecked={values[field]}
        aria-describedby={`field-${field}-hint${errors[field] ? ` field-${field}-error` : ""}`}
      />
      <label htmlFor={`field-${field}`}>{label(field)}</label>
      <p className="hint" id={`field-${field}-hint`}>
        {t(`organisations:contacts.${field}Hint`)}
      </p>
      {errors[field] ? (
        <p className="error" id={`field-${field}-error`}>
          {errors[field]}
        </p>
      ) : null}
    </div>
  );

  return (
    <Form method="post" className="stacked" noValidate>
      {problem ? <ErrorSummary message={problem.message} fields={summary} /> : null}
      <CsrfField />
      <input type="hidden" name="intent" value="save" />
      {textFields.map(([field, type, autoComplete]) => (
        <Field key={field} name={field} label={label(field)} error={errors[field]}>
          {(props) => (
            <input {...props} name={field} type={type} defaultValue={values[field]} autoComplete={autoComplete} />
          )}
        </Field>
      ))}
      <Field name="preferredLanguage" label={label("preferredLanguage")} error={errors.preferredLanguage}>
        {(props) => (
          <select {...props} name="preferredLanguage" defaultValue={values.preferredLanguage}>
            {languages.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`languages.${l}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {checkbox("legalRepresentative")}
      {checkbox("primaryContact")}
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        <Link to={cancelHref}>{t("organisations:form.cancel")}</Link>
      </div>
    </Form>
  );
}
