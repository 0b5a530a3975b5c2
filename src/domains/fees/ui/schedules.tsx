import { data, Form, Link, redirect, useNavigation } from "react-router";
import { requirePageAccess } from "~/auth/page";
import { isAppError } from "~/errors/app-error";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { canEditFeeSchedules, canReadFeeSchedules } from "../policy";
import { getSchedule, listYears, putSchedule } from "../service";
import type { Route } from "./+types/schedules";
import { pageError, translateProblems } from "./page.server";

export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, actor } = context;
  requirePageAccess(context, request, canReadFeeSchedules(actor));
  const years = await listYears(database.db);
  const latest = years[0]?.year;
  return {
    years,
    canEdit: canEditFeeSchedules(actor),
    values: { year: String(latest ? latest + 1 : new Date().getFullYear()), copyFrom: latest ? String(latest) : "" },
  };
}

/** Adds a year's schedule, empty or as a copy of another year's rules (not its example flag). */
export async function action({ request, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  const form = await request.formData();
  const values = { year: String(form.get("year") ?? "").trim(), copyFrom: String(form.get("copyFrom") ?? "") };
  const year = Number(values.year);
  try {
    const rules = values.copyFrom ? (await getSchedule(database.db, Number(values.copyFrom))).rules : [];
    await putSchedule(database.db, actor, values.year === "" ? Number.NaN : year, { rules }, null);
  } catch (e) {
    if (!isAppError(e)) throw e;
    if (e.code === "precondition_required" || e.code === "precondition_failed") {
      const fields: Record<string, string> = { year: t("fees:list.exists", { year }) };
      return data({ values, problem: { message: t("errors:validation"), fields } }, { status: 409 });
    }
    if (e.code !== "validation") pageError(e, request, actor);
    const fields = translateProblems(t, e.fields, (p) => (p === "_" ? "year" : p));
    return data({ values, problem: { message: t(e.messageKey, e.values), fields } }, { status: 422 });
  }
  return redirect(`/fees/${year}?notice=created`);
}

export default function SchedulesPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, d } = useT();
  const navigation = useNavigation();
  const { years, canEdit } = loaderData;
  const values = actionData?.values ?? loaderData.values;
  const errors: Record<string, string> = actionData?.problem.fields ?? {};
  return (
    <>
      <title>{`${t("fees:list.title")} · ${t("appName")}`}</title>
      <h1>{t("fees:list.title")}</h1>
      <p>{t("fees:list.intro")}</p>
      <p>
        <Link to="/join/fees">{t("fees:list.calculator")}</Link>
      </p>
      {years.length === 0 ? (
        <p>{t("fees:list.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("fees:list.year")}</th>
                <th scope="col">{t("fees:list.rules")}</th>
                <th scope="col">{t("fees:list.updated")}</th>
                <th scope="col">{t("fees:list.example")}</th>
              </tr>
            </thead>
            <tbody>
              {years.map((y) => (
                <tr key={y.year}>
                  <th scope="row">
                    <Link to={`/fees/${y.year}`} aria-label={t("fees:list.open", { year: y.year })}>
                      {y.year}
                    </Link>
                  </th>
                  <td>{y.rules}</td>
                  <td>{d(y.updatedAt)}</td>
                  <td>{y.example ? t("fees:list.example") : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit ? (
        <section aria-labelledby="new-schedule">
          <h2 id="new-schedule">{t("fees:list.newTitle")}</h2>
          <ErrorSummary message={actionData?.problem.message} fields={errors} />
          <Form method="post" noValidate>
            <CsrfField />
            <Field name="year" label={t("fees:list.newYear")} error={errors.year}>
              {(props) => <input {...props} name="year" inputMode="numeric" defaultValue={values.year} />}
            </Field>
            <Field name="copyFrom" label={t("fees:list.copyFrom")} error={errors.copyFrom}>
              {(props) => (
                <select {...props} name="copyFrom" defaultValue={values.copyFrom}>
                  <option value="">{t("fees:list.empty")}</option>
                  {years.map((y) => (
                    <option key={y.year} value={y.year}>
                      {y.year}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <div className="form-buttons">
              <button type="submit" disabled={navigation.state === "submitting"}>
                {t("fees:list.create")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}
