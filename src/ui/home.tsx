import { memberStats } from "~/domains/organisations/service";
import { namesOf, referenceOptions } from "~/domains/organisations/ui/reference.server";
import { projectFigures } from "~/domains/projects/stats";
import { formatMoney } from "~/i18n/i18n";
import type { Route } from "./+types/home";
import { useT } from "./i18n";

export async function loader({ context }: Route.LoaderArgs) {
  const { database, language } = context;
  const [stats, options, projects] = await Promise.all([
    memberStats(database.db),
    referenceOptions(database.db, language),
    projectFigures(database.db),
  ]);
  const names = namesOf(options);
  const byCount = (a: { count: number; name: string }, b: { count: number; name: string }) =>
    b.count - a.count || a.name.localeCompare(b.name, language);
  return {
    projects,
    total: stats.total,
    publicAuthorities: stats.publicAuthorities,
    nonPublic: stats.nonPublic,
    byCountry: Object.entries(stats.byCountry)
      .filter(([, count]) => count > 0)
      .map(([code, count]) => ({ code, name: names.country.get(code) ?? code, count }))
      .sort(byCount),
    byType: Object.entries(stats.byType)
      .filter(([, count]) => count > 0)
      .map(([code, count]) => ({ code, name: names.type.get(code) ?? code, count }))
      .sort(byCount),
  };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { t, n, language } = useT();
  const { projects, total, publicAuthorities, nonPublic, byCountry, byType } = loaderData;
  return (
    <>
      <title>{`${t("appName")} · ${t("networkName")}`}</title>
      <h1>{t("home.title")}</h1>
      <p>{t("home.intro")}</p>
      <p>
        <a className="button" href="/organisations">
          {t("home.browseDirectory")}
        </a>
      </p>

      {projects.submitted > 0 ? (
        <section aria-labelledby="projects-figures-heading">
          <h2 id="projects-figures-heading">{t("home.projectsHeading")}</h2>
          <p>{t("home.projectsIntro")}</p>
          <ul className="figures">
            <li>
              <span className="value">{n(projects.submitted)}</span> {t("home.projectsSubmitted")}
            </li>
            <li>
              <span className="value">{n(projects.approved)}</span> {t("home.projectsApproved")}
            </li>
            {projects.grantRate !== null ? (
              <li>
                <span className="value">{`${n(Math.round(projects.grantRate * 100))} %`}</span> {t("home.grantRate")}
              </li>
            ) : null}
            <li>
              <span className="value">{n(projects.participants)}</span> {t("home.participants")}
            </li>
            <li>
              <span className="value">{formatMoney(language, projects.euGrantAwardedCents)}</span> {t("home.euGrants")}
            </li>
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading">{t("home.membersHeading")}</h2>
        <ul className="figures">
          <li>
            <span className="value">{n(total)}</span> {t("home.members")}
          </li>
          <li>
            <span className="value">{n(publicAuthorities)}</span> {t("home.publicAuthorities")}
          </li>
          <li>
            <span className="value">{n(nonPublic)}</span> {t("home.nonPublic")}
          </li>
        </ul>
        <div className="figure-tables">
          <FigureTable caption={t("home.byCountry")} label={t("organisations:fields.country")} rows={byCountry} />
          <FigureTable caption={t("home.byType")} label={t("organisations:fields.type")} rows={byType} />
        </div>
      </section>
    </>
  );
}

function FigureTable({
  caption,
  label,
  rows,
}: {
  caption: string;
  label: string;
  rows: { code: string; name: string; count: number }[];
}) {
  const { t, n } = useT();
  if (rows.length === 0) return null;
  return (
    <table className="figure-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{label}</th>
          <th scope="col" className="number">
            {t("home.members")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.code}>
            <th scope="row">{r.name}</th>
            <td className="number">{n(r.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
