import { Form, Link } from "react-router";
import { requirePageAccess } from "~/auth/page";
import { canManageMeetings } from "~/domains/governance/meetings";
import { namesOf, referenceOptions } from "~/domains/organisations/ui/reference.server";
import { useT } from "~/ui/i18n";
import { applicationStatuses } from "../contract";
import { canReadApplications } from "../policy";
import { listApplications } from "../service";
import type { Route } from "./+types/review-list";

export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, actor, language } = context;
  requirePageAccess(context, request, canReadApplications(actor));
  const raw = new URL(request.url).searchParams.get("status") ?? "";
  const status = (applicationStatuses as readonly string[]).includes(raw) ? raw : "";
  const list = await listApplications(database.db, actor, status ? { status } : {});
  const names = namesOf(await referenceOptions(database.db, language));
  return {
    status,
    items: list.items.map((i) => ({ ...i, countryName: names.country.get(i.country) ?? i.country })),
    manageMeetings: canManageMeetings(actor),
  };
}

export default function ReviewList({ loaderData }: Route.ComponentProps) {
  const { t, d } = useT();
  const { items, status, manageMeetings } = loaderData;
  return (
    <>
      <title>{`${t("membership:review.title")} · ${t("appName")}`}</title>
      <h1>{t("membership:review.title")}</h1>
      <p>
        <Link to="/membership/board">{t("membership:review.boardLink")}</Link>
        {manageMeetings ? (
          <>
            {" · "}
            <Link to="/governance/meetings">{t("membership:review.meetingsLink")}</Link>
          </>
        ) : null}
      </p>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="status-filter">{t("membership:review.filter")}</label>
          <select id="status-filter" name="status" defaultValue={status}>
            <option value="">{t("membership:review.all")}</option>
            {applicationStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`membership:statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("membership:review.show")}</button>
      </Form>
      {items.length === 0 ? (
        <p>{t("membership:review.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="applications">
            <thead>
              <tr>
                <th scope="col">{t("membership:review.reference")}</th>
                <th scope="col">{t("membership:review.organisation")}</th>
                <th scope="col">{t("membership:review.country")}</th>
                <th scope="col">{t("membership:review.status")}</th>
                <th scope="col">{t("membership:review.outcome")}</th>
                <th scope="col">{t("membership:review.submittedOn")}</th>
                <th scope="col">{t("membership:review.meeting")}</th>
                <th scope="col">{t("membership:review.duplicates")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id}>
                  <td>
                    <Link to={`/membership/applications/${i.id}`}>{i.reference}</Link>
                  </td>
                  <td>{i.name}</td>
                  <td>{i.countryName}</td>
                  <td>{t(`membership:statuses.${i.status}`)}</td>
                  <td>{t(`membership:outcomes.${i.outcome}`)}</td>
                  <td>{d(i.createdAt)}</td>
                  <td>{i.meeting ? d(i.meeting.date) : ""}</td>
                  <td>{i.duplicates > 0 ? i.duplicates : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
