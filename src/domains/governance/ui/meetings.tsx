import { data, Form, Link, redirect } from "react-router";
import { requestOrigin } from "~/auth/page";
import { linkBase } from "~/domains/accounts/service";
import { reassignAgenda } from "~/domains/membership/service";
import { isAppError } from "~/errors/app-error";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import {
  addMeeting,
  changeMeeting,
  createMeeting,
  leadDays,
  listBodyMeetings,
  listMeetings,
  meetingBodies,
} from "../meetings";
import { canManageGovernance } from "../policy";
import type { Route } from "./+types/meetings";
import { MeetingFields } from "./meeting-fields";

/**
 * The meetings of a year, all bodies (what the reader may see), with a form to create a meeting
 * of any body and, for the secretariat, the Board's yearly planning (move, cancel, restore, add a
 * date) that membership applications follow.
 */
function yearOf(request: Request): number {
  const raw = Number(new URL(request.url).searchParams.get("year"));
  return Number.isInteger(raw) && raw >= 2000 && raw <= 2100 ? raw : new Date().getUTCFullYear();
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, actor, language } = context;
  const url = new URL(request.url);
  const year = yearOf(request);
  const bodies = await meetingBodies(database.db);
  const bodyParam = url.searchParams.get("body") ?? "";
  const body = bodies.some((b) => b.code === bodyParam) ? bodyParam : "";
  const canManage = canManageGovernance(actor);
  return {
    year,
    body,
    canManage,
    bodies: bodies.map((b) => ({ code: b.code, name: b.names[language] ?? b.names.en ?? b.code })),
    meetings: await listBodyMeetings(database.db, actor, { year, ...(body ? { body } : {}) }),
    boardPlan: canManage ? await listMeetings(database.db, actor, year) : null,
    leadDays: await leadDays(database.db),
    saved: url.searchParams.has("saved"),
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
    if (intent === "create") {
      const created = await createMeeting(database.db, actor, {
        bodyCode: text("bodyCode"),
        date: text("date"),
        title: text("title"),
        startTime: text("startTime"),
        endTime: text("endTime"),
        timeZone: text("timeZone") || "Europe/Rome",
        place: text("place"),
        videoUrl: text("videoUrl"),
        language: text("language") || "en",
        public: form.get("public") === "on",
      });
      return redirect(`/governance/meetings/${created.id}?created`);
    }
    if (intent === "add") await addMeeting(database.db, actor, { date: text("date") });
    else if (intent === "move" || intent === "cancel") {
      await changeMeeting(
        database.db,
        actor,
        text("id"),
        intent === "move" ? { date: text("date") } : { status: "cancelled" },
        { baseUrl: linkBase(requestOrigin(request, context)) },
      );
      // Its applications go to the meeting that now fits (membership's rule).
      await reassignAgenda(database.db, actor, text("id"));
    } else if (intent === "restore") await changeMeeting(database.db, actor, text("id"), { status: "planned" });
    else throw data(null, { status: 400 });
  } catch (e) {
    if (!isAppError(e) || !["validation", "conflict", "not_found"].includes(e.code)) throw e;
    const fields: Record<string, string> = {};
    // The Board's "add a date" field is named boardDate on the page (the create form has its own date).
    for (const [k, p] of Object.entries(e.fields))
      fields[intent === "add" && k === "date" ? "boardDate" : k] = t(p.key, p.values ?? {});
    return data({ intent, id: text("id"), message: t(e.messageKey, e.values), fields }, { status: 422 });
  }
  return redirect(`/governance/meetings?year=${yearOf(request)}&saved`);
}

/** The meetings of a year; the secretariat creates meetings and plans the Board's year. */
export default function Meetings({ loaderData, actionData }: Route.ComponentProps) {
  const { t, d } = useT();
  const { year, meetings, saved, boardPlan, bodies, canManage, body } = loaderData;
  const bodyName = (code: string) => bodies.find((b) => b.code === code)?.name ?? code;
  const createErrors = actionData?.intent === "create" ? actionData.fields : {};
  const yearLink = (y: number) => `?year=${y}${body ? `&body=${body}` : ""}`;
  return (
    <>
      <title>{`${t("meetings:list.title")} · ${t("appName")}`}</title>
      <h1>{t("meetings:list.heading", { year })}</h1>
      <p>
        <Link to={yearLink(year - 1)}>{t("membership:meetings.previousYear")}</Link>
        {" · "}
        <Link to={yearLink(year + 1)}>{t("membership:meetings.nextYear")}</Link>
        {canManage ? (
          <>
            {" · "}
            <Link to="/governance/decisions">{t("meetings:register.title")}</Link>
          </>
        ) : null}
      </p>
      {saved ? (
        <div className="notice" role="status">
          <p>{t("membership:meetings.saved")}</p>
        </div>
      ) : null}
      {actionData ? <ErrorSummary message={actionData.message} fields={actionData.fields} /> : null}

      <Form method="get" className="inline">
        <input type="hidden" name="year" value={year} />
        <label htmlFor="filter-body">{t("meetings:fields.body")}</label>{" "}
        <select id="filter-body" name="body" defaultValue={body}>
          <option value="">{t("meetings:list.allBodies")}</option>
          {bodies.map((b) => (
            <option key={b.code} value={b.code}>
              {b.name}
            </option>
          ))}
        </select>{" "}
        <button type="submit">{t("meetings:list.filter")}</button>
      </Form>

      {meetings.length === 0 ? (
        <p>{t("meetings:list.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("meetings:list.caption", { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("meetings:fields.date")}</th>
                <th scope="col">{t("meetings:fields.body")}</th>
                <th scope="col">{t("meetings:fields.title")}</th>
                <th scope="col">{t("meetings:fields.time")}</th>
                <th scope="col">{t("meetings:fields.status")}</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={`/governance/meetings/${m.id}`}>{d(m.date)}</Link>
                  </td>
                  <td>{bodyName(m.bodyCode)}</td>
                  <td>{m.title ?? ""}</td>
                  <td>{m.startTime ? `${m.startTime}${m.endTime ? `–${m.endTime}` : ""} (${m.timeZone})` : ""}</td>
                  <td>{t(`meetings:statuses.${m.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {canManage ? (
        <>
          <h2>{t("meetings:list.create")}</h2>
          <Form method="post" className="stacked" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="create" />
            <Field name="bodyCode" label={t("meetings:fields.body")} error={createErrors.bodyCode}>
              {(props) => (
                <select {...props} name="bodyCode" defaultValue="board">
                  {bodies.map((b) => (
                    <option key={b.code} value={b.code}>
                      {b.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <MeetingFields errors={createErrors} />
            <button type="submit">{t("meetings:list.create")}</button>
          </Form>
        </>
      ) : null}

      {boardPlan ? (
        <>
          <h2>{t("membership:meetings.title")}</h2>
          <p>{t("membership:meetings.intro", { year, days: loaderData.leadDays })}</p>
          <div className="table-wrap">
            <table>
              <caption>{t("meetings:list.boardCaption", { year })}</caption>
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
                {boardPlan.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link to={`/governance/meetings/${m.id}`}>{d(m.date)}</Link>
                    </td>
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
          <h3>{t("membership:meetings.add")}</h3>
          <Form method="post" className="stacked">
            <CsrfField />
            <input type="hidden" name="intent" value="add" />
            <Field
              name="boardDate"
              label={t("membership:meetings.date")}
              error={actionData?.intent === "add" ? actionData.fields.boardDate : undefined}
            >
              {(props) => <input {...props} type="date" name="date" />}
            </Field>
            <button type="submit">{t("membership:meetings.add")}</button>
          </Form>
        </>
      ) : null}
    </>
  );
}
