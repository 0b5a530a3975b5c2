import { Link } from "react-router";
import { identifierFields } from "~/domains/organisations/identifiers";
import { useT } from "~/ui/i18n";
import type { Application } from "../contract";

type Names = { country: string; type: string; priorities: string[] };

/** Everything an application says, with links to its documents (for the secretariat and the Board). */
export function ApplicationView({
  app,
  names,
  headingLevel = 2,
}: {
  app: Application;
  names: Names;
  headingLevel?: 2 | 3;
}) {
  const { t, n, d } = useT();
  const H = headingLevel === 2 ? "h2" : "h3";
  const f = (key: string) => t(`membership:fields.${key}`);
  const files = `/membership/applications/${app.id}/files`;
  const address = [app.street, [app.postalCode, app.city].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  const rows: [string, string][] = [
    [f("country"), names.country],
    [f("type"), names.type],
    [t("membership:review.outcome"), t(`membership:outcomes.${app.outcome}`)],
    [f("officialCode"), app.officialCode ?? ""],
    [f("nuts3"), app.nuts3 ?? ""],
    [f("inhabitants"), app.inhabitants === null ? "" : n(app.inhabitants)],
    [f("employees"), app.employees === null ? "" : n(app.employees)],
    [f("annualBudget"), app.annualBudget === null ? "" : `€ ${n(app.annualBudget)}`],
    [f("website"), app.website ?? ""],
    [f("address"), address],
    [f("priorities"), names.priorities.join(", ")],
    ...identifierFields.map((field): [string, string] => [f(field), app.identifiers[field] ?? ""]),
  ];
  const person = (p: Application["legalRepresentative"]) =>
    [p.name, p.jobTitle, p.email, p.phone].filter(Boolean).join(" · ");
  return (
    <>
      <section aria-labelledby={`org-${app.id}`}>
        <H id={`org-${app.id}`}>{t("membership:detail.organisationHeading")}</H>
        <dl className="facts">
          {rows
            .filter(([, v]) => v !== "")
            .map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
        </dl>
      </section>
      <section aria-labelledby={`people-${app.id}`}>
        <H id={`people-${app.id}`}>{t("membership:detail.peopleHeading")}</H>
        <dl className="facts">
          <dt>{t("membership:apply.legalHeading")}</dt>
          <dd>{person(app.legalRepresentative)}</dd>
          <dt>{t("membership:apply.contactHeading")}</dt>
          <dd>
            {person(app.contact)} · {t(`languages.${app.contact.language}`)}
          </dd>
        </dl>
      </section>
      <section aria-labelledby={`docs-${app.id}`}>
        <H id={`docs-${app.id}`}>{t("membership:detail.lettersHeading")}</H>
        {app.letterText ? <blockquote className="letter">{app.letterText}</blockquote> : null}
        <ul>
          <li>
            <a href={`${files}/form.pdf`}>{t("membership:applicant.downloadForm")}</a>
          </li>
          {app.documents.map((doc) => (
            <li key={doc.fileId}>
              {f(doc.kind === "letter" ? "letterFile" : "signedForm")}:{" "}
              <a href={`${files}/${doc.fileId}`}>{doc.filename}</a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby={`acc-${app.id}`}>
        <H id={`acc-${app.id}`}>{t("membership:detail.acceptancesHeading")}</H>
        <ul>
          <li>
            {f("acceptStatute")}:{" "}
            {t("membership:detail.accepted", { version: app.statute.version, date: d(app.statute.acceptedAt) })}
          </li>
          <li>
            {f("acceptPrivacy")}:{" "}
            {t("membership:detail.accepted", { version: app.privacy.version, date: d(app.privacy.acceptedAt) })}
          </li>
        </ul>
      </section>
      <section aria-labelledby={`dup-${app.id}`}>
        <H id={`dup-${app.id}`}>{t("membership:detail.duplicatesHeading")}</H>
        {app.possibleDuplicates.length === 0 ? (
          <p>{t("membership:detail.noDuplicates")}</p>
        ) : (
          <>
            <p className="warning">{t("membership:detail.duplicatesExplain")}</p>
            <ul>
              {app.possibleDuplicates.map((o) => (
                <li key={o.id}>
                  <Link to={`/organisations/${o.id}`}>{o.name}</Link> ({t(`organisations:statuses.${o.status}`)})
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
