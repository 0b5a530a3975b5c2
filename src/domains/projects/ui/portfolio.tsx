/**
 * A member organisation's project portfolio, shown on its page (organisations/ui/detail.tsx): the
 * projects it leads and those it joined, with its role, the phase and the grant, and the totals.
 */
import { Link } from "react-router";
import { formatMoney } from "~/i18n/i18n";
import { localized } from "~/i18n/localized";
import { useT } from "~/ui/i18n";
import type { Portfolio, PortfolioEntry } from "../portfolio";

export function ProjectPortfolio({ portfolio, name }: { portfolio: Portfolio; name: string }) {
  const { t, n, language } = useT();
  const { totals } = portfolio;
  const money = (cents: number) => formatMoney(language, cents);
  return (
    <section aria-labelledby="portfolio-heading" id="projects">
      <h2 id="portfolio-heading">{t("projects:ui.portfolio.title")}</h2>
      {totals.led + totals.joined === 0 ? (
        <p>{t("projects:ui.portfolio.none")}</p>
      ) : (
        <>
          <dl className="details">
            <dt>{t("projects:ui.portfolio.ledCount")}</dt>
            <dd>{n(totals.led)}</dd>
            <dt>{t("projects:ui.portfolio.joinedCount")}</dt>
            <dd>{n(totals.joined)}</dd>
            <dt>{t("projects:ui.portfolio.approvedCount")}</dt>
            <dd>{n(totals.approved)}</dd>
            <dt>{t("projects:ui.portfolio.ledGrant")}</dt>
            <dd>{money(totals.ledGrantAwardedCents)}</dd>
            <dt>{t("projects:ui.portfolio.joinedGrant")}</dt>
            <dd>{money(totals.joinedGrantAwardedCents)}</dd>
            <dt>{t("projects:ui.portfolio.budgetShares")}</dt>
            <dd>{money(totals.budgetShareCents)}</dd>
          </dl>
          <PortfolioTable
            caption={t("projects:ui.portfolio.ledCaption", { name })}
            heading={t("projects:ui.portfolio.led")}
            entries={portfolio.led}
          />
          <PortfolioTable
            caption={t("projects:ui.portfolio.joinedCaption", { name })}
            heading={t("projects:ui.portfolio.joined")}
            entries={portfolio.joined}
          />
        </>
      )}
    </section>
  );
}

function PortfolioTable({
  caption,
  heading,
  entries,
}: {
  caption: string;
  heading: string;
  entries: PortfolioEntry[];
}) {
  const { t, language } = useT();
  return (
    <>
      <h3>{heading}</h3>
      {entries.length === 0 ? (
        <p>{t("projects:ui.portfolio.noneHere")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t("projects:fields.acronym")}</th>
                <th scope="col">{t("projects:fields.title")}</th>
                <th scope="col">{t("projects:fields.role")}</th>
                <th scope="col">{t("projects:fields.phase")}</th>
                <th scope="col">{t("projects:fields.fundingStatus")}</th>
                <th scope="col" className="number">
                  {t("projects:fields.grantAwardedCents")}
                </th>
                <th scope="col" className="number">
                  {t("projects:fields.budgetShareCents")}
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map(({ project: p, role, budgetShareCents }) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/projects/${p.id}`}>{p.acronym}</Link>
                  </th>
                  <td>{localized(p.title, language)}</td>
                  <td>{t(`projects:partnerRoles.${role}`)}</td>
                  <td>{t(`projects:phases.${p.phase}`)}</td>
                  <td>{t(`projects:fundingStatuses.${p.fundingStatus ?? "none"}`)}</td>
                  <td className="number">
                    {p.grantAwardedCents === null ? "" : formatMoney(language, p.grantAwardedCents)}
                  </td>
                  <td className="number">{budgetShareCents === null ? "" : formatMoney(language, budgetShareCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
