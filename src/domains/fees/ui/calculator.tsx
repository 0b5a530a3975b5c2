import { Form, useNavigation } from "react-router";
import { listCountries, listOrganisationTypes } from "~/domains/reference/service";
import { isAppError } from "~/errors/app-error";
import { ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { formatFigure } from "../rules";
import { quoteFor, scheduleYears } from "../service";
import type { Route } from "./+types/calculator";
import { translateProblems } from "./page.server";

const keys = ["country", "type", "inhabitants", "employees", "budget", "year"] as const;
type Key = (typeof keys)[number];

/**
 * The public fee calculator: a GET form, so it works without JavaScript and a result can be
 * linked. The answer names the rule and band that produced the fee.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, language, t } = context;
  const url = new URL(request.url);
  const values = Object.fromEntries(keys.map((k) => [k, url.searchParams.get(k)?.trim() ?? ""])) as Record<Key, string>;
  const [countries, types, years] = [
    await listCountries(database.db),
    await listOrganisationTypes(database.db),
    await scheduleYears(database.db),
  ];
  const options = {
    countries: countries
      .filter((c) => c.euMember)
      .map((c) => ({ code: c.code, name: c.names[language], member: c.memberCountry }))
      .sort((a, b) => Number(b.member) - Number(a.member) || a.name.localeCompare(b.name, language)),
    types: types.map((x) => ({ code: x.code, name: x.names[language] })),
    years,
  };
  const asked = values.country !== "" || values.type !== "";
  if (!asked) return { values, options, result: null, problem: null };
  const query = Object.fromEntries(keys.filter((k) => values[k] !== "").map((k) => [k, values[k]]));
  try {
    const answer = await quoteFor(database.db, query);
    const { label, details, basis } = answer.rule;
    return {
      values,
      options,
      problem: null,
      result: {
        amount: formatFigure(language, "budget", answer.amountCents),
        year: answer.year,
        example: answer.example,
        label: label[language],
        detail: details[language],
        basis,
      },
    };
  } catch (e) {
    if (!isAppError(e) || (e.code !== "validation" && e.code !== "not_found")) throw e;
    const fields = translateProblems(t, e.fields);
    return { values, options, result: null, problem: { message: t(e.messageKey, e.values), fields } };
  }
}

export default function FeeCalculator({ loaderData }: Route.ComponentProps) {
  const { t } = useT();
  const navigation = useNavigation();
  const { values, options, result, problem } = loaderData;
  const errors = problem?.fields ?? {};
  const label = (k: Key) => t(`fees:calculator.${k}`);
  const number = (k: "inhabitants" | "employees" | "budget") => (
    <Field name={k} label={label(k)} error={errors[k]}>
      {(props) => (
        <input
          {...props}
          name={k}
          inputMode={k === "budget" ? "decimal" : "numeric"}
          defaultValue={values[k]}
          autoComplete="off"
        />
      )}
    </Field>
  );
  return (
    <>
      <title>{`${t("fees:calculator.title")} · ${t("appName")}`}</title>
      <h1>{t("fees:calculator.title")}</h1>
      <p>{t("fees:calculator.intro")}</p>
      <ErrorSummary
        message={problem?.message}
        fields={Object.fromEntries(Object.entries(errors).map(([k, m]) => [k, `${label(k as Key)}: ${m}`]))}
      />
      {result ? (
        <section className="notice" role="status" aria-labelledby="fee-result">
          <h2 id="fee-result">{t("fees:calculator.resultTitle", { year: result.year })}</h2>
          <p className="fee-amount">
            <strong>{result.amount}</strong>
          </p>
          <p>{t("fees:calculator.rule", { label: result.label })}</p>
          <p>{t("fees:calculator.why", { detail: result.detail })}</p>
          {result.example ? <p className="warning">{t("fees:example")}</p> : null}
        </section>
      ) : null}
      <Form method="get" noValidate>
        <Field name="country" label={label("country")} error={errors.country}>
          {(props) => (
            <select {...props} name="country" defaultValue={values.country}>
              <option value="">{t("fees:calculator.choose")}</option>
              {options.countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="type" label={label("type")} error={errors.type}>
          {(props) => (
            <select {...props} name="type" defaultValue={values.type}>
              <option value="">{t("fees:calculator.choose")}</option>
              {options.types.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p className="hint">{t("fees:calculator.hintSize")}</p>
        {number("inhabitants")}
        {number("employees")}
        {number("budget")}
        {options.years.length > 1 ? (
          <Field name="year" label={label("year")} error={errors.year}>
            {(props) => (
              <select {...props} name="year" defaultValue={values.year}>
                <option value="">{t("fees:calculator.choose")}</option>
                {options.years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <div className="form-buttons">
          <button type="submit" disabled={navigation.state === "loading"}>
            {t("fees:calculator.submit")}
          </button>
        </div>
      </Form>
    </>
  );
}
