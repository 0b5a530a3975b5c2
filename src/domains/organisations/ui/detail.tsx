import { Fragment } from "react";
import { data, Form, Link, redirect } from "react-router";
import { organisationPortfolio } from "~/domains/projects/portfolio";
import { ProjectPortfolio } from "~/domains/projects/ui/portfolio";
import { CsrfField } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { type IdentifierField, identifierFields } from "../identifiers";
import { archiveOrganisation, getOrganisation } from "../service";
import type { Route } from "./+types/detail";
import { formProblem, noticeFrom, pageError, problemStatus } from "./page.server";
import { namesOf, referenceOptions } from "./reference.server";

const notices = ["created", "saved", "archived", "contactAdded", "contactSaved", "contactDeleted"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { database, actor, language } = context;
  const organisation = await getOrganisation(database.db, actor, params.id).catch((e) => pageError(e, request, actor));
  const names = namesOf(await referenceOptions(database.db, language));
  return {
    organisation,
    countryName: names.country.get(organisation.country) ?? organisation.country,
    typeName: names.type.get(organisation.type) ?? organisation.type,
    priorityNames: organisation.priorities.map((code) => names.priority.get(code) ?? code),
    regionName: organisation.nuts2 ? (names.nuts2.get(organisation.nuts2) ?? null) : null,
    // The projects it leads and joined, as far as the reader may see projects (none for a visitor).
    portfolio: await organisationPortfolio(database.db, actor, organisation.id),
    notice: noticeFrom(request, notices),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  const form = await request.formData();
  if (form.get("intent") !== "archive") throw data(null, { status: 400 });
  const version = Number(form.get("version"));
  try {
    await archiveOrganisation(database.db, actor, params.id, Number.isInteger(version) ? version : undefined);
  } catch (e) {
    const problem = formProblem(e, t, request, actor);
    return data({ problem }, { status: problemStatus(problem) });
  }
  return redirect(`/organisations/${params.id}?notice=archived`);
}

/** A language code as the reader calls it: "it" → "Italian" / "italienska" / "italiano". */
function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export default function OrganisationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { organisation: o, countryName, typeName, priorityNames, regionName, notice, portfolio } = loaderData;
  const { t, n, d, language } = useT();
  const notSet = t("organisations:notSet");
  const address = [o.street, [o.postalCode, o.city].filter(Boolean).join(" ")].filter(Boolean);
  // Each country's identifiers (an Italian body has no organisationsnummer), plus any set elsewhere.
  const countryFields: Record<string, readonly IdentifierField[]> = {
    IT: ["taxCode", "vatNumber", "ipaCode", "peppolId"],
    SE: ["orgNumber", "vatNumber", "peppolId"],
  };
  const identifierRows = identifierFields
    .filter((f) => (countryFields[o.country] ?? ["vatNumber", "peppolId"]).includes(f) || o[f] !== null)
    .map((f) => [f, o[f]] as const);

  return (
    <>
      <title>{`${o.name} · ${t("appName")}`}</title>
      <p className="breadcrumb">
        <Link to="/organisations">{t("organisations:detail.backToList")}</Link>
      </p>
      <h1>{o.name}</h1>

      {notice ? (
        <div className="notice" role="status">
          <p>{t(`organisations:detail.notices.${notice}`)}</p>
        </div>
      ) : null}
      {actionData?.problem ? (
        <div className="error-summary" role="alert">
          <p>{actionData.problem.message}</p>
          {actionData.problem.stale ? (
            <p>
              <a href={`/organisations/${o.id}`}>{t("organisations:form.reload")}</a>
            </p>
          ) : null}
        </div>
      ) : null}
      {o.status === "former" && notice !== "archived" ? (
        <p className="notice">{t("organisations:detail.archived")}</p>
      ) : null}

      {o.can.edit || o.can.archive ? (
        <div className="actions">
          {o.can.edit ? (
            <Link className="button" to={`/organisations/${o.id}/edit`}>
              {t("organisations:detail.edit")}
            </Link>
          ) : null}
          {o.can.archive && o.status !== "former" ? (
            <details className="confirm">
              <summary>{t("organisations:detail.archive")}</summary>
              <Form method="post" className="confirm-panel">
                <h2>{t("organisations:detail.archiveHeading")}</h2>
                <p>{t("organisations:detail.archiveExplain")}</p>
                <CsrfField />
                <input type="hidden" name="intent" value="archive" />
                <input type="hidden" name="version" value={o.version} />
                <button type="submit" className="danger">
                  {t("organisations:detail.archiveConfirm", { name: o.name })}
                </button>
              </Form>
            </details>
          ) : null}
        </div>
      ) : null}

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t("organisations:detail.details")}</h2>
        <dl className="details">
          <dt>{t("organisations:fields.status")}</dt>
          <dd>{t(`organisations:statuses.${o.status}`)}</dd>
          <dt>{t("organisations:fields.memberSince")}</dt>
          <dd>{o.memberSince ? d(o.memberSince) : notSet}</dd>
          <dt>{t("organisations:fields.country")}</dt>
          <dd>{countryName}</dd>
          <dt>{t("organisations:fields.type")}</dt>
          <dd>{typeName}</dd>
          <dt>{t("organisations:fields.publicAuthority")}</dt>
          <dd>{o.publicAuthority ? t("yes") : t("no")}</dd>
          <dt>{t("organisations:fields.officialCode")}</dt>
          <dd>{o.officialCode ?? notSet}</dd>
          <dt>{t("organisations:fields.region")}</dt>
          <dd>{o.region ?? notSet}</dd>
          <dt>{t("organisations:fields.nuts3")}</dt>
          <dd>{o.nuts3 ?? notSet}</dd>
          <dt>{t("organisations:fields.nuts2")}</dt>
          <dd>{o.nuts2 ? (regionName ? `${o.nuts2} · ${regionName}` : o.nuts2) : notSet}</dd>
          <dt>{t("organisations:fields.inhabitants")}</dt>
          <dd>{o.inhabitants === null ? notSet : n(o.inhabitants)}</dd>
          <dt>{t("organisations:fields.employees")}</dt>
          <dd>{o.employees === null ? notSet : n(o.employees)}</dd>
          <dt>{t("organisations:fields.website")}</dt>
          <dd>
            {o.website ? (
              <a href={o.website} rel="noopener noreferrer">
                {o.website}
              </a>
            ) : (
              notSet
            )}
          </dd>
          <dt>{t("organisations:fields.address")}</dt>
          <dd>{address.length > 0 ? address.join(", ") : notSet}</dd>
          <dt>{t("organisations:fields.workingLanguages")}</dt>
          <dd>
            {o.workingLanguages.length > 0
              ? o.workingLanguages.map((code) => languageName(code, language)).join(", ")
              : notSet}
          </dd>
          <dt>{t("organisations:fields.priorities")}</dt>
          <dd>
            {priorityNames.length > 0 ? (
              <ul className="plain">
                {priorityNames.map((name) => (
                  <li key={name}>{name}</li>
                ))}
              </ul>
            ) : (
              notSet
            )}
          </dd>
          <dt>{t("organisations:fields.updatedAt")}</dt>
          <dd>{d(o.updatedAt)}</dd>
        </dl>
      </section>

      <section aria-labelledby="invoicing-heading" id="invoicing">
        <h2 id="invoicing-heading">{t("organisations:detail.invoicing")}</h2>
        <dl className="details">
          {identifierRows.map(([field, value]) => (
            <Fragment key={field}>
              <dt>{t(`organisations:fields.${field}`)}</dt>
              <dd>{value ?? notSet}</dd>
            </Fragment>
          ))}
          {o.contactsVisible ? (
            <>
              <dt>{t("organisations:fields.invoiceEmail")}</dt>
              <dd>{o.invoiceEmail ? <a href={`mailto:${o.invoiceEmail}`}>{o.invoiceEmail}</a> : notSet}</dd>
              <dt>{t("organisations:fields.invoiceLanguage")}</dt>
              <dd>
                {o.invoiceLanguage ? t(`languages.${o.invoiceLanguage}`) : t("organisations:invoiceLanguageDefault")}
              </dd>
              <dt>{t("organisations:fields.annualBudget")}</dt>
              <dd>
                {o.annualBudget === null
                  ? notSet
                  : new Intl.NumberFormat(language, { style: "currency", currency: "EUR" }).format(o.annualBudget)}
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="contacts-heading" id="contacts">
        <h2 id="contacts-heading">{t("organisations:detail.contacts")}</h2>
        {!o.contactsVisible ? (
          <p>{t("organisations:detail.contactsHidden")}</p>
        ) : o.contacts.length === 0 ? (
          <p>{t("organisations:detail.noContacts")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">
                {t("organisations:detail.contactsCaption", { name: o.name })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("organisations:contacts.name")}</th>
                  <th scope="col">{t("organisations:contacts.jobTitle")}</th>
                  <th scope="col">{t("organisations:contacts.email")}</th>
                  <th scope="col">{t("organisations:contacts.phone")}</th>
                  <th scope="col">{t("organisations:contacts.preferredLanguage")}</th>
                  <th scope="col">{t("organisations:detail.roles")}</th>
                  {o.can.editContacts ? (
                    <th scope="col">
                      <span className="visually-hidden">{t("organisations:detail.edit")}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {o.contacts.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.name}</th>
                    <td>{c.jobTitle ?? ""}</td>
                    <td>{c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : ""}</td>
                    <td>{c.phone ? <a href={`tel:${c.phone.replace(/[^\d+]/g, "")}`}>{c.phone}</a> : ""}</td>
                    <td>{t(`languages.${c.preferredLanguage}`)}</td>
                    <td>
                      {[
                        c.legalRepresentative ? t("organisations:contacts.legalRepresentative") : "",
                        c.primaryContact ? t("organisations:contacts.primaryContact") : "",
                        c.hasAccount ? t("organisations:detail.hasAccount") : "",
                      ]
                        .filter(Boolean)
                        .join(", ")}
                    </td>
                    {o.can.editContacts ? (
                      <td>
                        <Link to={`/organisations/${o.id}/contacts/${c.id}/edit`}>
                          {t("organisations:detail.editContact", { name: c.name })}
                        </Link>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {o.can.editContacts ? (
          <p>
            <Link className="button secondary" to={`/organisations/${o.id}/contacts/new`}>
              {t("organisations:detail.addContact")}
            </Link>
          </p>
        ) : null}
      </section>

      {portfolio ? <ProjectPortfolio portfolio={portfolio} name={o.name} /> : null}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("organisations:detail.history")}</h2>
        {o.statusHistory.length === 0 ? (
          <p>{t("organisations:detail.noHistory")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">
                {t("organisations:detail.historyCaption", { name: o.name })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("organisations:detail.historyDate")}</th>
                  <th scope="col">{t("organisations:detail.historyFrom")}</th>
                  <th scope="col">{t("organisations:detail.historyTo")}</th>
                  <th scope="col">{t("organisations:detail.historyNote")}</th>
                </tr>
              </thead>
              <tbody>
                {o.statusHistory.map((h) => (
                  <tr key={`${h.changedAt}-${h.toStatus}`}>
                    <td>{d(h.changedAt)}</td>
                    <td>{h.fromStatus ? t(`organisations:statuses.${h.fromStatus}`) : notSet}</td>
                    <td>{t(`organisations:statuses.${h.toStatus}`)}</td>
                    <td>{h.note ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
