import { data, Form, Link, redirect } from "react-router";
import { requirePageAccess } from "~/auth/page";
import { reassignAgenda } from "~/domains/membership/service";
import { isAppError } from "~/errors/app-error";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { addMeeting, canManageMeetings, changeMeeting, leadDays, listMeetings } from "../meetings";
import type { Route } from "./+types/meetings";

function yearOf(request: Request): number {
  const raw = Number(new URL(request.url).searchParams.get("year"));
  return Number.isInteger(raw) && raw >= 2000 && raw <= 2100 ? raw : new Date().getUTCFullYear();
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, actor } = context;
  requirePageAccess(context, request, canManageMeetings(actor));
  const year = yearOf(request);
  return {
    year,
    meetings: await listMeetings(database.db, actor, year),
    leadDays: await leadDays(database.db),
    saved: new URL(request.url).searchParams.has("saved"),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  const form = await request.formData();
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const intent = text("intent");
  try {
    if (intent === "add") await addMeeting(database.db, actor, { date: text("date") });
    else if (intent === "move" || intent === "cancel") {
      await changeMeeting(
        database.db,
        actor,
        text("id"),
        intent === "move" ? { date: text("date") } : { status: "cancelled" },
      );
      // Its applications go to the meeting that now fits (membership's rule).
      await reassignAgenda(database.db, actor, text("id"));
    } else if (intent === "restore") await changeMeeting(database.db, actor, text("id"), { status: "planned" });
    else throw data(null, { status: 400 });
  } catch (e) {
    if (!isAppError(e) || !["validation", "conflict", "not_found"].includes(e.code)) throw e;
    const fields: Record<string, string> = {};
    for (const [k, p] of Object.entries(e.fields)) fields[k] = t(p.key, p.values ?? {});
    return data({ id: text("id"), message: t(e.messageKey, e.values), fields }, { status: 422 });
  }
  return redirect(`/governance/meetings?year=${yearOf(request)}&saved`);
}

/** The Board's meetings of a year: move, cancel, plan again, add. */
export default function Meetings({ loaderData, actionData }: Route.ComponentProps) {
  const { t, d } = useT();
  const { year, meetings, saved } = loaderData;
  return (
    <>
      <title>{`${t("membership:meetings.title")} · ${t("appName")}`}</title>
      <h1>
        {t("membership:meetings.title")} {year}
      </h1>
      <p>{t("membership:meetings.intro", { year, days: loaderData.leadDays })}</p>
      <p>
        <Link to={`?year=${year - 1}`}>{t("membership:meetings.previousYear")}</Link>
        {" · "}
        <Link to={`?year=${year + 1}`}>{t("membership:meetings.nextYear")}</Link>
      </p>
      {saved ? (
        <div className="notice" role="status">
          <p>{t("membership:meetings.saved")}</p>
        </div>
      ) : null}
      {actionData ? <ErrorSummary message={actionData.message} fields={actionData.fields} /> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("membership:meetings.date")}</th>
              <th scope="col">{t("membership:meetings.status")}</th>
              <th scope="col">{t("membership:meetings.move")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("membership:meetings.cancel")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {meetings.map((m) => (
              <tr key={m.id}>
                <td>{d(m.date)}</td>
                <td>{t(`membership:meetings.statuses.${m.status}`)}</td>
                <td>
                  <Form method="post" className="inline">
                    <CsrfField />
                    <input type="hidden" name="id" value={m.id} />
                    <input type="hidden" name="intent" value="move" />
                    <label htmlFor={`date-${m.id}`} className="visually-hidden">
                      {t("membership:meetings.newDate")} ({d(m.date)})
                    </label>
                    <input id={`date-${m.id}`} type="date" name="date" defaultValue={m.date} />{" "}
                    <button type="submit">{t("membership:meetings.move")}</button>
                  </Form>
                </td>
                <td>
                  <Form method="post" className="inline">
                    <CsrfField />
                    <input type="hidden" name="id" value={m.id} />
                    <button type="submit" name="intent" value={m.status === "cancelled" ? "restore" : "cancel"}>
                      {t(m.status === "cancelled" ? "membership:meetings.restore" : "membership:meetings.cancel")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("membership:meetings.add")}</h2>
      <Form method="post" className="stacked">
        <CsrfField />
        <input type="hidden" name="intent" value="add" />
        <Field
          name="date"
          label={t("membership:meetings.date")}
          error={actionData && !actionData.id ? actionData.fields.date : undefined}
        >
          {(props) => <input {...props} type="date" name="date" />}
        </Field>
        <button type="submit">{t("membership:meetings.add")}</button>
      </Form>
    </>
  );
}
