import { Link } from "react-router";
import { requirePageAccess } from "~/auth/page";
import { isLanguage } from "~/i18n/i18n";
import { useT } from "~/ui/i18n";
import { listBodies } from "../bodies";
import { canViewGovernance } from "../policy";
import type { Route } from "./+types/bodies";

/** Every governance body with its seats, holders, vacancies, problems and terms ending soon (secretariat, Board). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, actor } = context;
  requirePageAccess(context, request, canViewGovernance(actor));
  return { bodies: await listBodies(database.db, actor) };
}

export default function BodiesPage({ loaderData }: Route.ComponentProps) {
  const { t, n, language } = useT();
  const title = t("governance:bodies.title");
  return (
    <>
      <title>{`${title} · ${t("appName")}`}</title>
      <h1>{title}</h1>
      <p>{t("governance:bodies.intro")}</p>
      <p>
        <Link to="/about/governance">{t("governance:bodies.publicPage")}</Link>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("governance:bodies.body")}</th>
            <th scope="col">{t("governance:bodies.kind")}</th>
            <th scope="col">{t("governance:bodies.seats")}</th>
            <th scope="col">{t("governance:bodies.holders")}</th>
            <th scope="col">{t("governance:bodies.vacancies")}</th>
            <th scope="col">{t("governance:bodies.warnings")}</th>
            <th scope="col">{t("governance:bodies.problems")}</th>
          </tr>
        </thead>
        <tbody>
          {loaderData.bodies.map((b) => (
            <tr key={b.code}>
              <th scope="row">
                <Link to={`/governance/bodies/${b.code}`}>{isLanguage(language) ? b.names[language] : b.names.en}</Link>
              </th>
              <td>{t(`governance:kinds.${b.kind}`)}</td>
              <td>{b.seats === null ? t("governance:bodies.noFixedSeats") : n(b.seats)}</td>
              <td>{b.kind === "assembly" ? "—" : n(b.holders.length)}</td>
              <td>{b.vacancies === null ? "—" : n(b.vacancies)}</td>
              <td>{b.endingSoon.length === 0 ? t("governance:bodies.none") : n(b.endingSoon.length)}</td>
              <td>{b.problems.length === 0 ? t("governance:bodies.none") : n(b.problems.length)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
