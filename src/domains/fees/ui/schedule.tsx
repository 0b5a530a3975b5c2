import { data, Form, Link, redirect, useNavigation } from "react-router";
import { listOrganisationTypes } from "~/domains/reference/service";
import { isAppError } from "~/errors/app-error";
import { CsrfField, ErrorSummary } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { feeBases } from "../contract";
import { canEditFeeSchedules } from "../policy";
import { describeBand, formatFigure, scheduleProblems } from "../rules";
import { getSchedule, putSchedule } from "../service";
import type { Route } from "./+types/schedule";
import { noticeFrom, pageError, translateProblems } from "./page.server";
import {
  type BandValues,
  formFieldFor,
  type RuleValues,
  type ScheduleValues,
  scheduleInputFromValues,
  scheduleValues,
  scheduleValuesFromForm,
} from "./schedule-form";

const notices = ["saved", "created"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { database, actor, language } = context;
  if (!/^\d{4}$/.test(params.year)) throw data(null, { status: 404 });
  const schedule = await getSchedule(database.db, Number(params.year)).catch((e) => pageError(e, request, actor));
  const types = (await listOrganisationTypes(database.db)).map((t) => ({ code: t.code, name: t.names[language] }));
  return {
    schedule,
    values: scheduleValues(schedule),
    types,
    canEdit: canEditFeeSchedules(actor),
    notice: noticeFrom(request, notices),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  const form = await request.formData();
  const values = scheduleValuesFromForm(form);
  const version = Number(form.get("version"));
  const { input, map, problems } = scheduleInputFromValues(values);
  const name = (path: string) => formFieldFor(path, map);
  const answer = (fields: Record<string, string>, message: string, stale = false) =>
    data({ values, problem: { message, fields, stale } }, { status: stale ? 412 : 422 });
  if (Object.keys(problems).length > 0) {
    // Unreadable numbers: show them with every other problem of the schedule, and save nothing.
    const others = translateProblems(t, scheduleProblems(input), name);
    return answer({ ...others, ...translateProblems(t, problems) }, t("errors:validation"));
  }
  try {
    await putSchedule(database.db, actor, Number(params.year), input, Number.isInteger(version) ? version : undefined);
  } catch (e) {
    if (!isAppError(e)) throw e;
    if (e.code === "precondition_failed" || e.code === "precondition_required")
      return answer({}, t("fees:edit.conflict"), true);
    if (e.code !== "validation") pageError(e, request, actor);
    return answer(translateProblems(t, e.fields, name), t(e.messageKey, e.values));
  }
  return redirect(`/fees/${params.year}?notice=saved`);
}

export default function SchedulePage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT();
  const { schedule, types, canEdit, notice } = loaderData;
  const title = t("fees:edit.title", { year: schedule.year });
  return (
    <>
      <title>{`${title} · ${t("appName")}`}</title>
      <p className="breadcrumb">
        <Link to="/fees">{t("fees:edit.back")}</Link>
      </p>
      <h1>{title}</h1>
      {notice ? (
        <div className="notice" role="status">
          <p>{t(`fees:edit.${notice}`)}</p>
        </div>
      ) : null}
      {schedule.example ? <p className="warning">{t("fees:example")}</p> : null}
      {canEdit ? (
        <ScheduleEditor
          values={actionData?.values ?? loaderData.values}
          problem={actionData?.problem ?? null}
          version={schedule.version}
          types={types}
          year={schedule.year}
        />
      ) : (
        <ScheduleView schedule={schedule} types={types} />
      )}
    </>
  );
}

type TypeOption = { code: string; name: string };

/** The schedule as a visitor or the Board reads it. */
function ScheduleView({
  schedule,
  types,
}: {
  schedule: Route.ComponentProps["loaderData"]["schedule"];
  types: TypeOption[];
}) {
  const { t, language } = useT();
  const typeName = (code: string) => types.find((x) => x.code === code)?.name ?? code;
  const money = (cents: number) => formatFigure(language, "budget", cents);
  const bandRows = (bands: { upTo: number | null; amountCents: number }[], basis: string) =>
    bands.map((b, i) => {
      const from = i === 0 ? 0 : (bands[i - 1]?.upTo ?? 0) + 1;
      return (
        <li key={`${basis}-${b.upTo ?? "open"}`}>
          {describeBand(language, basis, from, b.upTo)}: {money(b.amountCents)}
        </li>
      );
    });
  return (
    <>
      <p className="hint">{t("fees:edit.readOnly")}</p>
      {schedule.rules.length === 0 ? <p>{t("fees:edit.noRules")}</p> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("fees:edit.code")}</th>
              <th scope="col">{t("fees:edit.types")}</th>
              <th scope="col">{t("fees:edit.countries")}</th>
              <th scope="col">{t("fees:edit.bands")}</th>
              <th scope="col">{t("fees:edit.min")}</th>
              <th scope="col">{t("fees:edit.max")}</th>
            </tr>
          </thead>
          <tbody>
            {schedule.rules.map((r) => (
              <tr key={r.code}>
                <th scope="row">
                  {r.label[language]} <span className="hint">({r.code})</span>
                </th>
                <td>{r.types.map(typeName).join(", ")}</td>
                <td>{r.countries.length > 0 ? r.countries.join(", ") : t("fees:edit.allCountries")}</td>
                <td>
                  <p>{t(`fees:basis.${r.basis}`)}</p>
                  <ul>{bandRows(r.bands, r.basis)}</ul>
                  {r.budgetBands ? (
                    <>
                      <p>{t("fees:basis.budget")}</p>
                      <ul>{bandRows(r.budgetBands, "budget")}</ul>
                    </>
                  ) : null}
                </td>
                <td>{r.minCents != null ? money(r.minCents) : t("fees:edit.noLimit")}</td>
                <td>{r.maxCents != null ? money(r.maxCents) : t("fees:edit.noLimit")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

type Problem = { message: string; fields: Record<string, string>; stale: boolean };

/** One input in the editor's table: labelled for assistive technology, its problem beside it. */
function Cell({
  name,
  label,
  value,
  error,
  inputMode,
}: {
  name: string;
  label: string;
  value: string;
  error: string | undefined;
  inputMode?: "numeric" | "decimal";
}) {
  const id = `field-${name}`;
  return (
    <div className={error ? "field field-error" : "field"}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        defaultValue={value}
        autoComplete="off"
        {...(inputMode ? { inputMode } : {})}
        {...(error ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {})}
      />
      {error ? (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function BandsTable({
  prefix,
  bands,
  budget,
  errors,
  legend,
}: {
  prefix: string;
  bands: BandValues[];
  budget: boolean;
  errors: Record<string, string>;
  legend: string;
}) {
  const { t } = useT();
  const listError = errors[prefix];
  return (
    <fieldset id={`field-${prefix}`}>
      <legend>{legend}</legend>
      <p className="hint">{t("fees:edit.upToHint")}</p>
      {listError ? <p className="error">{listError}</p> : null}
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{budget ? t("fees:edit.upToBudget") : t("fees:edit.upTo")}</th>
            <th scope="col">{t("fees:edit.amount")}</th>
          </tr>
        </thead>
        <tbody>
          {bands.map((b, i) => {
            const p = `${prefix}.${i}`;
            const n = t("fees:edit.band", { n: i + 1 });
            return (
              <tr key={i}>
                <td>{i + 1}</td>
                <td>
                  <Cell
                    name={`${p}.upTo`}
                    label={`${n}: ${budget ? t("fees:edit.upToBudget") : t("fees:edit.upTo")}`}
                    value={b.upTo}
                    error={errors[`${p}.upTo`]}
                    inputMode={budget ? "decimal" : "numeric"}
                  />
                </td>
                <td>
                  <Cell
                    name={`${p}.amount`}
                    label={`${n}: ${t("fees:edit.amount")}`}
                    value={b.amount}
                    error={errors[`${p}.amount`]}
                    inputMode="decimal"
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}

function RuleFieldset({
  index,
  rule,
  isNew,
  types,
  errors,
}: {
  index: number;
  rule: RuleValues;
  isNew: boolean;
  types: TypeOption[];
  errors: Record<string, string>;
}) {
  const { t } = useT();
  const p = `rules.${index}`;
  const basisId = `field-${p}.basis`;
  return (
    <fieldset className="fee-rule">
      <legend>{isNew ? t("fees:edit.newRule") : t("fees:edit.rule", { n: index + 1 })}</legend>
      <Cell name={`${p}.code`} label={t("fees:edit.code")} value={rule.code} error={errors[`${p}.code`]} />
      <Cell
        name={`${p}.label.en`}
        label={t("fees:edit.labelEn")}
        value={rule.label.en}
        error={errors[`${p}.label.en`]}
      />
      <Cell
        name={`${p}.label.sv`}
        label={t("fees:edit.labelSv")}
        value={rule.label.sv}
        error={errors[`${p}.label.sv`]}
      />
      <Cell
        name={`${p}.label.it`}
        label={t("fees:edit.labelIt")}
        value={rule.label.it}
        error={errors[`${p}.label.it`]}
      />
      <fieldset id={`field-${p}.types`} className={errors[`${p}.types`] ? "field field-error" : "field"}>
        <legend>{t("fees:edit.types")}</legend>
        {errors[`${p}.types`] ? <p className="error">{errors[`${p}.types`]}</p> : null}
        {types.map((type) => (
          <label key={type.code} className="checkbox">
            <input
              type="checkbox"
              name={`${p}.types`}
              value={type.code}
              defaultChecked={rule.types.includes(type.code)}
            />{" "}
            {type.name}
          </label>
        ))}
      </fieldset>
      <div className={errors[`${p}.countries`] ? "field field-error" : "field"}>
        <label htmlFor={`field-${p}.countries`}>{t("fees:edit.countries")}</label>
        <p className="hint" id={`field-${p}.countries-hint`}>
          {t("fees:edit.countriesHint")}
        </p>
        <input
          id={`field-${p}.countries`}
          name={`${p}.countries`}
          defaultValue={rule.countries}
          aria-describedby={`field-${p}.countries-hint`}
          {...(errors[`${p}.countries`] ? { "aria-invalid": true } : {})}
        />
        {errors[`${p}.countries`] ? <p className="error">{errors[`${p}.countries`]}</p> : null}
      </div>
      <div className={errors[`${p}.basis`] ? "field field-error" : "field"}>
        <label htmlFor={basisId}>{t("fees:edit.basis")}</label>
        <select id={basisId} name={`${p}.basis`} defaultValue={rule.basis}>
          {feeBases.map((b) => (
            <option key={b} value={b}>
              {t(`fees:basis.${b}`)}
            </option>
          ))}
        </select>
        {errors[`${p}.basis`] ? <p className="error">{errors[`${p}.basis`]}</p> : null}
      </div>
      <Cell
        name={`${p}.min`}
        label={t("fees:edit.min")}
        value={rule.min}
        error={errors[`${p}.min`]}
        inputMode="decimal"
      />
      <Cell
        name={`${p}.max`}
        label={t("fees:edit.max")}
        value={rule.max}
        error={errors[`${p}.max`]}
        inputMode="decimal"
      />
      <BandsTable
        prefix={`${p}.bands`}
        bands={rule.bands}
        budget={rule.basis === "budget"}
        errors={errors}
        legend={t("fees:edit.bands")}
      />
      <BandsTable
        prefix={`${p}.budgetBands`}
        bands={rule.budgetBands}
        budget
        errors={errors}
        legend={t("fees:edit.budgetBands")}
      />
      {isNew ? null : (
        <label className="checkbox">
          <input type="checkbox" name={`${p}.remove`} defaultChecked={rule.remove} /> {t("fees:edit.remove")}
        </label>
      )}
    </fieldset>
  );
}

function ScheduleEditor({
  values,
  problem,
  version,
  types,
  year,
}: {
  values: ScheduleValues;
  problem: Problem | null;
  version: number;
  types: TypeOption[];
  year: number;
}) {
  const { t } = useT();
  const navigation = useNavigation();
  const errors = problem?.fields ?? {};
  const lastIndex = values.rules.length - 1;
  return (
    <>
      {problem?.stale ? (
        <div className="error-summary" role="alert">
          <p>{problem.message}</p>
          <p>
            <Link to={`/fees/${year}`} reloadDocument>
              {t("fees:edit.reload")}
            </Link>
          </p>
        </div>
      ) : (
        <ErrorSummary message={problem?.message} fields={errors} />
      )}
      <Form method="post" noValidate>
        <CsrfField />
        <input type="hidden" name="version" value={version} />
        <p className="hint">{t("fees:edit.emptyRowsHint")}</p>
        <label className="checkbox">
          <input type="checkbox" name="example" defaultChecked={values.example} /> {t("fees:edit.exampleFlag")}
        </label>
        {values.rules.map((rule, i) => (
          <RuleFieldset
            key={i}
            index={i}
            rule={rule}
            isNew={i === lastIndex && rule.code === ""}
            types={types}
            errors={errors}
          />
        ))}
        <div className="form-buttons">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("fees:edit.save")}
          </button>
        </div>
      </Form>
    </>
  );
}
