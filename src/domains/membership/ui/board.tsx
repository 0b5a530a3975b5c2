import { Link } from "react-router";
import { requirePageAccess } from "~/auth/page";
import { useT } from "~/ui/i18n";
import { canReadApplications } from "../policy";
import { boardAgenda } from "../service";
import type { Route } from "./+types/board";
import { ApplicationView } from "./application-view";
import { applicationNames } from "./page.server";

export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, actor, language } = context;
  requirePageAccess(context, request, canReadApplications(actor));
  const meetingId = new URL(request.url).searchParams.get("meeting") ?? undefined;
  const agenda = await boardAgenda(database.db, actor, meetingId ? { meetingId } : {});
  const items = [];
  for (const app of agenda.applications) items.push({ app, names: await applicationNames(database.db, language, app) });
  return { meeting: agenda.meeting, items };
}

/** The Board's next meeting with the applications on its agenda and every document. */
export default function Board({ loaderData }: Route.ComponentProps) {
  const { t, d } = useT();
  const { meeting, items } = loaderData;
  return (
    <>
      <title>{`${t("membership:board.title")} · ${t("appName")}`}</title>
      <h1>{t("membership:board.title")}</h1>
      {!meeting ? (
        <p>{t("membership:board.noMeeting")}</p>
      ) : (
        <>
          <p className="lead">{t("membership:board.meetingOf", { date: d(meeting.date) })}</p>
          {items.length === 0 ? <p>{t("membership:board.none")}</p> : null}
          {items.map(({ app, names }) => (
            <article key={app.id} className="agenda-item" aria-labelledby={`app-${app.id}`}>
              <h2 id={`app-${app.id}`}>
                {app.name} <span className="reference">({app.reference})</span>
              </h2>
              <p>
                <strong>{t(`membership:statuses.${app.status}`)}</strong> ·{" "}
                <Link
                  to={`/membership/applications/${app.id}`}
                  aria-label={`${t("membership:board.open")}: ${app.name}`}
                >
                  {t("membership:board.open")}
                </Link>
              </p>
              <ApplicationView app={app} names={names} headingLevel={3} />
            </article>
          ))}
        </>
      )}
    </>
  );
}
