import type { ReactNode } from "react";
import { Form, Link, useNavigation } from "react-router";
import { languages as languageCodes } from "~/i18n/i18n";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import type { OrganisationFormField, OrganisationFormValues } from "./form-values";

type Option = { code: string; name: string };

export type OrganisationFormOptions = {
  countries: (Option & { memberCountry: boolean })[];
  types: Option[];
  areas: (Option & { priorities: Option[] })[];
  statuses: readonly string[];
};

export type OrganisationFormProblem = { message: string; fields: Record<string, string>; stale: boolean };

type Props = {
  values: OrganisationFormValues;
  problem: OrganisationFormProblem | null;
  /** The fields this user may change (a member contact sees fewer). */
  fields: readonly OrganisationFormField[];
  options: OrganisationFormOptions;
  version?: number;
  submitLabel: string;
  cancelHref: string;
  /** Where "reload" goes after a version conflict. */
  reloadHref?: string;
};

const groups: { legend: string; fields: OrganisationFormField[] }[] = [
  { legend: "identity", fields: ["name", "country", "type", "publicAuthority", "officialCode", "nuts3"] },
  { legend: "size", fields: ["inhabitants", "employees"] },
  { legend: "contact", fields: ["website", "street", "postalCode", "city"] },
  { legend: "interests", fields: ["workingLanguages", "priorities"] },
  { legend: "membership", fields: ["status", "memberSince"] },
  {
    legend: "invoicing",
    fields: [
      "invoiceEmail",
      "invoiceLanguage",
      "taxCode",
      "vatNumber",
      "ipaCode",
      "orgNumber",
      "peppolId",
      "annualBudget",
    ],
  },
];

export const ORGANISATION_FORM_ID = "organisation-form";

/** The organisation form for creating and editing: field-level errors, kept values, optimistic version. */
export function OrganisationForm({
  values,
  problem,
  fields,
  options,
  version,
  submitLabel,
  cancelHref,
  reloadHref,
}: Props) {
  const { t } = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors = problem?.fields ?? {};
  const shown = new Set<OrganisationFormField>(fields);
  const label = (field: string) => t(`organisations:fields.${field}`, { defaultValue: field });
  const summary = Object.fromEntries(
    Object.entries(errors).map(([name, message]) => [name, name === "_" ? message : `${label(name)}: ${message}`]),
  );

  const input = (
    field: Exclude<
      OrganisationFormField,
      "priorities" | "country" | "type" | "status" | "publicAuthority" | "invoiceLanguage"
    >,
    extra: {
      type?: string;
      inputMode?: "numeric" | "decimal" | "url" | "email";
      autoComplete?: string;
      hint?: boolean;
    } = {},
  ) => (
    <Field
      key={field}
      name={field}
      label={label(field)}
      error={errors[field]}
      {...(extra.hint ? { hint: t(`organisations:hints.${field}`) } : {})}
    >
      {(props) => (
        <input
          {...props}
          name={field}
          type={extra.type ?? "text"}
          defaultValue={values[field]}
          {...(extra.inputMode ? { inputMode: extra.inputMode } : {})}
          autoComplete={extra.autoComplete ?? "off"}
        />
      )}
    </Field>
  );

  const select = (
    field: "country" | "type" | "status" | "publicAuthority" | "invoiceLanguage",
    children: ReactNode,
    hint?: string,
  ) => (
    <Field key={field} name={field} label={label(field)} error={errors[field]} {...(hint ? { hint } : {})}>
      {(props) => (
        <select {...props} name={field} defaultValue={values[field]}>
          {children}
        </select>
      )}
    </Field>
  );

  const render = (field: OrganisationFormField): ReactNode => {
    switch (field) {
      case "name":
        return input("name", { autoComplete: "organization" });
      case "country": {
        const member = options.countries.filter((c) => c.memberCountry);
        const other = options.countries.filter((c) => !c.memberCountry);
        return select(
          "country",
          <>
            <option value="">{t("organisations:choose")}</option>
            <optgroup label={t("organisations:form.memberCountries")}>
              {member.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </optgroup>
            <optgroup label={t("organisations:form.otherCountries")}>
              {other.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </optgroup>
          </>,
        );
      }
      case "type":
        return select(
          "type",
          <>
            <option value="">{t("organisations:choose")}</option>
            {options.types.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </>,
        );
      case "publicAuthority":
        return select(
          "publicAuthority",
          <>
            <option value="">{t("organisations:publicAuthorityOptions.derived")}</option>
            <option value="true">{t("organisations:publicAuthorityOptions.yes")}</option>
            <option value="false">{t("organisations:publicAuthorityOptions.no")}</option>
          </>,
          t("organisations:hints.publicAuthority"),
        );
      case "status":
        return select(
          "status",
          options.statuses.map((s) => (
            <option key={s} value={s}>
              {t(`organisations:statuses.${s}`)}
            </option>
          )),
        );
      case "officialCode":
      case "nuts3":
      case "workingLanguages":
        return input(field, { hint: true });
      case "website":
        return input("website", { type: "url", inputMode: "url", autoComplete: "url", hint: true });
      case "inhabitants":
      case "employees":
        return input(field, { inputMode: "numeric" });
      case "memberSince":
        return input("memberSince", { type: "date" });
      case "street":
        return input("street", { autoComplete: "street-address" });
      case "postalCode":
        return input("postalCode", { autoComplete: "postal-code" });
      case "city":
        return input("city", { autoComplete: "address-level2" });
      case "invoiceEmail":
        return input("invoiceEmail", { type: "email", inputMode: "email", autoComplete: "email", hint: true });
      case "invoiceLanguage":
        return select(
          "invoiceLanguage",
          <>
            <option value="">{t("organisations:invoiceLanguageDefault")}</option>
            {languageCodes.map((code) => (
              <option key={code} value={code}>
                {t(`languages.${code}`)}
              </option>
            ))}
          </>,
          t("organisations:hints.invoiceLanguage"),
        );
      case "taxCode":
      case "vatNumber":
      case "ipaCode":
      case "orgNumber":
      case "peppolId":
        return input(field, { hint: true });
      case "annualBudget":
        return input("annualBudget", { inputMode: "decimal", hint: true });
      case "priorities":
        return (
          <Priorities key="priorities" areas={options.areas} chosen={values.priorities} error={errors.priorities} />
        );
    }
  };

  return (
    <Form method="post" id={ORGANISATION_FORM_ID} className="stacked wide" noValidate>
      {problem ? (
        problem.stale ? (
          <div className="error-summary" role="alert">
            <p>{problem.message}</p>
            {reloadHref ? (
              <p>
                <a href={reloadHref}>{t("organisations:form.reload")}</a>
              </p>
            ) : null}
          </div>
        ) : (
          <ErrorSummary message={problem.message} fields={summary} />
        )
      ) : null}
      <CsrfField />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <input type="hidden" name="_fields" value={fields.join(",")} />
      {groups
        .filter((g) => g.fields.some((f) => shown.has(f)))
        .map((g) => (
          <fieldset key={g.legend} className="group">
            <legend>{t(`organisations:form.${g.legend}`)}</legend>
            {g.fields.filter((f) => shown.has(f)).map(render)}
          </fieldset>
        ))}
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        <Link to={cancelHref}>{t("organisations:form.cancel")}</Link>
      </div>
    </Form>
  );
}

/** Priorities as checkboxes, grouped by thematic area. */
function Priorities({
  areas,
  chosen,
  error,
}: {
  areas: OrganisationFormOptions["areas"];
  chosen: string[];
  error: string | undefined;
}) {
  const { t } = useT();
  const hintId = "field-priorities-hint";
  const errorId = "field-priorities-error";
  return (
    <fieldset
      id="field-priorities"
      className={error ? "checkbox-group field-error" : "checkbox-group"}
      aria-describedby={error ? `${hintId} ${errorId}` : hintId}
    >
      <legend>{t("organisations:fields.priorities")}</legend>
      <p className="hint" id={hintId}>
        {t("organisations:hints.priorities")}
      </p>
      {error ? (
        <p className="error" id={errorId}>
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
