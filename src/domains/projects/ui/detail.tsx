/**
 * A project's page (/projects/:id): every field, the partners (with forms to add and remove one),
 * the submissions of the same idea, the history of its moves between phases, and for the
 * secretariat the form that moves it (a reason is asked when the move skips or goes back: the
 * service decides and the page shows its answer on the field) and the button that resubmits a
 * rejected submission. Plain forms that post and redirect with a notice: no JavaScript needed.
 */
import { data, Form, Link, redirect } from "react-router";
import { today } from "~/domains/organisations/rules";
import { formatDateTime, formatMoney } from "~/i18n/i18n";
import { localized } from "~/i18n/localized";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { type PartnerInput, partnerRoles } from "../contract";
import { addPartner, removePartner } from "../partners";
import { fundingStatuses, phases } from "../pipeline";
import { getProject } from "../service";
import { listTransitions, moveProject, resubmitProject } from "../transitions";
import type { Route } from "./+types/detail";
import { approachingDeadline } from "./deadline";
import { parseMoneyCents } from "./money";
import {
  areaOptions,
  countryOptions,
  formProblem,
  nameMap,
  noticeFrom,
  organisationOptions,
  pageError,
  programmeOptions,
  typeOptions,
} from "./page.server";

const notices = ["created", "saved", "moved", "resubmitted", "partnerAdded", "partnerRemoved"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { database, actor, language } = context;
  const db = database.db;
  const project = await getProject(db, actor, params.id).catch((e) => pageError(e, request, actor));
  const [transitions, programmes, areas, countries, types] = await Promise.all([
    listTransitions(db, actor, project.id),
    programmeOptions(db, language),
    areaOptions(db, language),
    countryOptions(db, language),
    typeOptions(db, language),
  ]);
  const programme = programmes.find((p) => p.code === project.programmeCode);
  const priorityNames = nameMap(areas.flatMap((a) => a.priorities));
  return {
    project,
    transitions,
    names: {
      programme: programme?.name ?? project.programmeCode,
      action: programme?.actions.find((a) => a.code === project.actionCode)?.name ?? project.actionCode,
      priorities: project.priorities.map((code) => priorityNames[code] ?? code),
      countries: nameMap(countries),
      types: nameMap(types),
    },
    /** For the partner form: the directory's organisations, the countries and types. */
    partnerOptions: project.can.editPartners
      ? { organisations: await organisationOptions(db, actor), countries, types }
      : null,
    daysLeft: approachingDeadline(project.deadline, project.phase, today()),
    notice: noticeFrom(request, notices),
  };
}

/** The form field (its id without `field-`) a service field's problem belongs to, per form. */
function fieldName(intent: string) {
  return (path: string): string => {
    const name = path.split(".")[0] || path;
    if (intent === "move") return name === "programmeCode" ? "phase" : name;
    if (intent === "resubmit") return `resubmit-${name === "fundingStatus" || name === "_" ? "submit" : name}`;
    if (intent === "partner-add") return `partner-${name === "_" ? "kind" : name}`;
    return name;
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, actor, t, language } = context;
  const db = database.db;
  const form = await request.formData();
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v.trim() : "";
  };
  const intent = text("intent");
  const id = params.id;
  const override: Record<string, string> = {};
  try {
    switch (intent) {
      case "move": {
        await moveProject(db, actor, id, {
          ...(text("phase") ? { phase: text("phase") as never } : {}),
          ...(text("fundingStatus") ? { fundingStatus: text("fundingStatus") as never } : {}),
          ...(text("reason") ? { reason: text("reason") } : {}),
        });
        return redirect(`/projects/${id}?notice=moved`);
      }
      case "resubmit": {
        const next = await resubmitProject(db, actor, id, {
          ...(text("callIdentifier") ? { callIdentifier: text("callIdentifier") } : {}),
          ...(text("deadline") ? { deadline: text("deadline") } : {}),
        });
        return redirect(`/projects/${next.id}?notice=resubmitted`);
      }
      case "partner-add": {
        const kind = text("kind");
        const share = parseMoneyCents(text("budgetShareCents"), language);
        if (share === "invalid") override["partner-budgetShareCents"] = t("projects:ui.form.moneyInvalid");
        const input = {
          kind,
          role: text("role") || "partner",
          budgetShareCents: share === "invalid" ? text("budgetShareCents") : share,
          ...(kind === "organisation" ? { organisationId: text("organisationId") || null } : {}),
          ...(kind === "external"
            ? {
                name: text("name"),
                country: text("country") || null,
                organisationType: text("organisationType") || null,
              }
            : {}),
        };
        await addPartner(db, actor, id, input as PartnerInput);
        return redirect(`/projects/${id}?notice=partnerAdded#partners`);
      }
      case "partner-remove":
        await removePartner(db, actor, id, text("partnerId"));
        return redirect(`/projects/${id}?notice=partnerRemoved#partners`);
      default:
        throw data(null, { status: 400 });
    }
  } catch (e) {
    if (e instanceof Response || (e as { type?: string } | null)?.type === "DataWithResponseInit") throw e;
    const problem = formProblem(e, t, request, actor, fieldName(intent), override);
    return data(
      { intent, problem, values: Object.fromEntries([...form.keys()].map((k) => [k, text(k)])) },
      { status: problem.stale ? 412 : 422 },
    );
  }
}

export default function ProjectPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, d, n, language } = useT();
  const { project: p, transitions, names, partnerOptions, daysLeft, notice } = loaderData;
  const money = (cents: number | null) => (cents === null ? t("projects:ui.notSet") : formatMoney(language, cents));
  const notSet = t("projects:ui.notSet");
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.problem.fields : {});
  const typed = (intent: string, name: string) =>
    actionData?.intent === intent ? (actionData.values[name] ?? "") : undefined;
  const title = localized(p.title, language);
  const summary = localized(p.summary, language);
  const link = (url: string | null) =>
    url ? (
      <a href={url} rel="noopener noreferrer">
        {url}
      </a>
    ) : (
      notSet
    );
  const partnerName = (partner: (typeof p.partners)[number]) =>
    partner.kind === "network" ? (partner.name ?? t("projects:theNetwork")) : (partner.name ?? notSet);
  const status = (phase: string | null, fundingStatus: string | null) =>
    phase === null
      ? "—"
      : `${t(`projects:phases.${phase}`)}${fundingStatus ? ` (${t(`projects:fundingStatuses.${fundingStatus}`)})` : ""}`;
  const moveErrors = errorsFor("move");
  const partnerErrors = errorsFor("partner-add");
  const resubmitErrors = errorsFor("resubmit");

  return (
    <>
      <title>{`${p.acronym} · ${t("appName")}`}</title>
      <p className="breadcrumb">
        <Link to="/projects">{t("projects:ui.board.title")}</Link>
      </p>
      <h1>
        {p.acronym}
        {title ? ` — ${title}` : ""}
      </h1>
      {notice ? (
        <div className="notice" role="status">
          <p>{t(`projects:ui.detail.notices.${notice}`)}</p>
        </div>
      ) : null}
      {actionData ? <ErrorSummary message={actionData.problem.message} fields={actionData.problem.fields} /> : null}

      <p>
        <strong>{t("projects:fields.phase")}:</strong> {t(`projects:phases.${p.phase}`)}
        {" · "}
        <strong>{t("projects:fields.fundingStatus")}:</strong>{" "}
        {t(`projects:fundingStatuses.${p.fundingStatus ?? "none"}`)}
        {p.internal ? ` · ${t("projects:ui.internal")}` : ""}
      </p>
      {daysLeft !== null && p.deadline ? (
        <p className="warning">
          {t("projects:ui.deadlineSoon", {
            date: d(p.deadline),
            left: daysLeft === 0 ? t("projects:ui.dueToday") : t("projects:ui.daysLeft", { count: daysLeft }),
          })}
        </p>
      ) : null}

      {p.can.edit ? (
        <div className="actions">
          <Link className="button" to={`/projects/${p.id}/edit`}>
            {t("projects:ui.detail.edit")}
          </Link>
        </div>
      ) : null}

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t("projects:ui.detail.details")}</h2>
        <dl className="details">
          <dt>{t("projects:fields.acronym")}</dt>
          <dd>{p.acronym}</dd>
          <dt>{t("projects:fields.title")}</dt>
          <dd>
            {Object.entries(p.title).length === 0 ? (
              notSet
            ) : (
              <ul className="plain">
                {(["en", "sv", "it"] as const)
                  .filter((l) => p.title[l])
                  .map((l) => (
                    <li key={l} lang={l}>
                      <span className="visually-hidden">{t(`languages.${l}`)}: </span>
                      {p.title[l]}
                    </li>
                  ))}
              </ul>
            )}
          </dd>
          <dt>{t("projects:fields.summary")}</dt>
          <dd>{summary || notSet}</dd>
          <dt>{t("projects:fields.priorities")}</dt>
          <dd>{names.priorities.length > 0 ? names.priorities.join(", ") : notSet}</dd>
          <dt>{t("projects:fields.programmeCode")}</dt>
          <dd>{names.programme ?? notSet}</dd>
          <dt>{t("projects:fields.actionCode")}</dt>
          <dd>{names.action ?? notSet}</dd>
          <dt>{t("projects:fields.callIdentifier")}</dt>
          <dd>{p.callIdentifier ?? notSet}</dd>
          <dt>{t("projects:fields.deadline")}</dt>
          <dd>{p.deadline ? d(p.deadline) : notSet}</dd>
          <dt>{t("projects:fields.submittedOn")}</dt>
          <dd>{p.submittedOn ? d(p.submittedOn) : notSet}</dd>
          <dt>{t("projects:fields.initiatorOrganisationId")}</dt>
          <dd>
            {p.initiatorOrganisationId ? (
              <Link to={`/organisations/${p.initiatorOrganisationId}`}>{p.initiatorName ?? notSet}</Link>
            ) : (
              t("projects:theNetwork")
            )}
          </dd>
          <dt>{t("projects:fields.lead")}</dt>
          <dd>{p.lead ? partnerName(p.lead) : notSet}</dd>
          <dt>{t("projects:fields.totalBudgetCents")}</dt>
          <dd>{money(p.totalBudgetCents)}</dd>
          <dt>{t("projects:fields.grantRequestedCents")}</dt>
          <dd>{money(p.grantRequestedCents)}</dd>
          <dt>{t("projects:fields.grantAwardedCents")}</dt>
          <dd>{money(p.grantAwardedCents)}</dd>
          <dt>{t("projects:fields.grantPaidCents")}</dt>
          <dd>{money(p.grantPaidCents)}</dd>
          <dt>{t("projects:fields.participantsPlanned")}</dt>
          <dd>{p.participantsPlanned === null ? notSet : n(p.participantsPlanned)}</dd>
          <dt>{t("projects:fields.participantsActual")}</dt>
          <dd>{p.participantsActual === null ? notSet : n(p.participantsActual)}</dd>
          <dt>{t("projects:fields.startDate")}</dt>
          <dd>{p.startDate ? d(p.startDate) : notSet}</dd>
          <dt>{t("projects:fields.endDate")}</dt>
          <dd>{p.endDate ? d(p.endDate) : notSet}</dd>
          <dt>{t("projects:fields.cordisUrl")}</dt>
          <dd>{link(p.cordisUrl)}</dd>
          <dt>{t("projects:fields.erasmusPlusUrl")}</dt>
          <dd>{link(p.erasmusPlusUrl)}</dd>
          <dt>{t("projects:fields.keepEuUrl")}</dt>
          <dd>{link(p.keepEuUrl)}</dd>
          <dt>{t("projects:fields.websiteUrl")}</dt>
          <dd>{link(p.websiteUrl)}</dd>
        </dl>
      </section>

      <section aria-labelledby="partners-heading" id="partners">
        <h2 id="partners-heading">{t("projects:fields.partners")}</h2>
        {p.partners.length === 0 ? (
          <p>{t("projects:ui.detail.noPartners")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">
                {t("projects:ui.detail.partnersCaption", { acronym: p.acronym })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("projects:fields.name")}</th>
                  <th scope="col">{t("projects:fields.role")}</th>
                  <th scope="col">{t("projects:fields.country")}</th>
                  <th scope="col">{t("projects:fields.organisationType")}</th>
                  <th scope="col" className="number">
                    {t("projects:fields.budgetShareCents")}
                  </th>
                  {p.can.editPartners ? (
                    <th scope="col">
                      <span className="visually-hidden">{t("projects:ui.detail.remove")}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {p.partners.map((partner) => (
                  <tr key={partner.id}>
                    <th scope="row">
                      {partner.kind === "organisation" && partner.organisationId ? (
                        <Link to={`/organisations/${partner.organisationId}`}>{partnerName(partner)}</Link>
                      ) : (
                        partnerName(partner)
                      )}
                    </th>
                    <td>{t(`projects:partnerRoles.${partner.role}`)}</td>
                    <td>{partner.country ? (names.countries[partner.country] ?? partner.country) : ""}</td>
                    <td>
                      {partner.organisationType
                        ? (names.types[partner.organisationType] ?? partner.organisationType)
                        : ""}
                    </td>
                    <td className="number">
                      {partner.budgetShareCents === null ? "" : formatMoney(language, partner.budgetShareCents)}
                    </td>
                    {p.can.editPartners ? (
                      <td>
                        {partner.role !== "lead" || p.can.move ? (
                          <Form method="post" className="inline">
                            <CsrfField />
                            <input type="hidden" name="partnerId" value={partner.id} />
                            <button type="submit" name="intent" value="partner-remove">
                              {t("projects:ui.detail.removePartner", { name: partnerName(partner) })}
                            </button>
                          </Form>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        {partnerOptions ? (
          <>
            <h3 id="partner-add-heading">{t("projects:ui.detail.addPartner")}</h3>
            <Form method="post" className="stacked" aria-labelledby="partner-add-heading" noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="partner-add" />
              <fieldset
                id="field-partner-kind"
                className={partnerErrors["partner-kind"] ? "group field-error" : "group"}
                {...(partnerErrors["partner-kind"] ? { "aria-describedby": "field-partner-kind-error" } : {})}
              >
                <legend>{t("projects:fields.kind")}</legend>
                {partnerErrors["partner-kind"] ? (
                  <p className="error" id="field-partner-kind-error">
                    {partnerErrors["partner-kind"]}
                  </p>
                ) : null}
                {(["organisation", "external", "network"] as const).map((kind) => (
                  <div key={kind} className="checkbox">
                    <input
                      type="radio"
                      id={`partner-kind-${kind}`}
                      name="kind"
                      value={kind}
                      defaultChecked={(typed("partner-add", "kind") || "organisation") === kind}
                    />
                    <label htmlFor={`partner-kind-${kind}`}>{t(`projects:partnerKinds.${kind}`)}</label>
                  </div>
                ))}
              </fieldset>
              <Field
                name="partner-organisationId"
                label={t("projects:ui.detail.partnerOrganisation")}
                error={partnerErrors["partner-organisationId"]}
              >
                {(props) => (
                  <select {...props} name="organisationId" defaultValue={typed("partner-add", "organisationId") ?? ""}>
                    <option value="">{t("projects:ui.form.choose")}</option>
                    <optgroup label={t("projects:ui.form.memberOrganisations")}>
                      {partnerOptions.organisations
                        .filter((o) => o.member)
                        .map((o) => (
                          <option key={o.code} value={o.code}>
                            {o.name}
                          </option>
                        ))}
                    </optgroup>
                    <optgroup label={t("projects:ui.form.partnerOrganisations")}>
                      {partnerOptions.organisations
                        .filter((o) => !o.member)
                        .map((o) => (
                          <option key={o.code} value={o.code}>
                            {o.name}
                          </option>
                        ))}
                    </optgroup>
                  </select>
                )}
              </Field>
              <fieldset className="group">
                <legend>{t("projects:ui.form.leadOutside")}</legend>
                <Field name="partner-name" label={t("projects:fields.name")} error={partnerErrors["partner-name"]}>
                  {(props) => <input {...props} type="text" name="name" defaultValue={typed("partner-add", "name")} />}
                </Field>
                <Field
                  name="partner-country"
                  label={t("projects:fields.country")}
                  error={partnerErrors["partner-country"]}
                >
                  {(props) => (
                    <select {...props} name="country" defaultValue={typed("partner-add", "country") ?? ""}>
                      <option value="">{t("projects:ui.form.choose")}</option>
                      {partnerOptions.countries.map((c) => (
                        <option key={c.code} value={c.code}>
                          {c.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field
                  name="partner-organisationType"
                  label={t("projects:fields.organisationType")}
                  error={partnerErrors["partner-organisationType"]}
                >
                  {(props) => (
                    <select
                      {...props}
                      name="organisationType"
                      defaultValue={typed("partner-add", "organisationType") ?? ""}
                    >
                      <option value="">{t("projects:ui.form.choose")}</option>
                      {partnerOptions.types.map((c) => (
                        <option key={c.code} value={c.code}>
                          {c.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </fieldset>
              <Field name="partner-role" label={t("projects:fields.role")} error={partnerErrors["partner-role"]}>
                {(props) => (
                  <select {...props} name="role" defaultValue={typed("partner-add", "role") || "partner"}>
                    {partnerRoles
                      .filter((r) => r !== "lead" || p.can.move)
                      .map((r) => (
                        <option key={r} value={r}>
                          {t(`projects:partnerRoles.${r}`)}
                        </option>
                      ))}
                  </select>
                )}
              </Field>
              <Field
                name="partner-budgetShareCents"
                label={t("projects:ui.form.inEuro", { label: t("projects:fields.budgetShareCents") })}
                error={partnerErrors["partner-budgetShareCents"]}
              >
                {(props) => (
                  <input
                    {...props}
                    type="text"
                    inputMode="decimal"
                    name="budgetShareCents"
                    defaultValue={typed("partner-add", "budgetShareCents")}
                  />
                )}
              </Field>
              <button type="submit">{t("projects:ui.detail.addPartner")}</button>
            </Form>
          </>
        ) : null}
      </section>

      {p.submissions.length > 1 ? (
        <section aria-labelledby="submissions-heading">
          <h2 id="submissions-heading">{t("projects:ui.detail.submissions")}</h2>
          <p>{t("projects:ui.detail.submissionsIntro")}</p>
          <ol>
            {p.submissions.map((s) => (
              <li key={s.id}>
                {s.id === p.id ? (
                  <strong aria-current="page">{t("projects:submissionNumber", { number: s.submissionNumber })}</strong>
                ) : (
                  <Link to={`/projects/${s.id}`}>{t("projects:submissionNumber", { number: s.submissionNumber })}</Link>
                )}
                {` — ${status(s.phase, s.fundingStatus)}`}
                {s.callIdentifier ? ` · ${s.callIdentifier}` : ""}
                {s.deadline ? ` · ${d(s.deadline)}` : ""}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {p.can.move ? (
        <section aria-labelledby="move-heading" id="move">
          <h2 id="move-heading">{t("projects:ui.detail.move")}</h2>
          <p>{t("projects:ui.detail.moveIntro")}</p>
          <Form method="post" className="stacked" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="move" />
            <Field name="phase" label={t("projects:ui.detail.targetPhase")} error={moveErrors.phase}>
              {(props) => (
                <select {...props} name="phase" defaultValue={typed("move", "phase") ?? p.phase}>
                  {phases.map((phase) => (
                    <option key={phase} value={phase}>
                      {phase === p.phase
                        ? t("projects:ui.detail.currentPhase", { phase: t(`projects:phases.${phase}`) })
                        : t(`projects:phases.${phase}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              name="fundingStatus"
              label={t("projects:fields.fundingStatus")}
              error={moveErrors.fundingStatus}
              hint={t("projects:ui.detail.fundingHint")}
            >
              {(props) => (
                <select {...props} name="fundingStatus" defaultValue={typed("move", "fundingStatus") ?? ""}>
                  <option value="">{t("projects:ui.detail.noDecision")}</option>
                  {fundingStatuses.map((s) => (
                    <option key={s} value={s}>
                      {t(`projects:fundingStatuses.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              name="reason"
              label={t("projects:fields.reason")}
              error={moveErrors.reason}
              hint={t("projects:ui.detail.reasonHint")}
            >
              {(props) => <textarea {...props} name="reason" rows={3} defaultValue={typed("move", "reason")} />}
            </Field>
            <button type="submit" className="primary">
              {t("projects:ui.detail.moveSubmit")}
            </button>
          </Form>
        </section>
      ) : null}

      {p.can.resubmit ? (
        <section aria-labelledby="resubmit-heading" id="resubmit">
          <h2 id="resubmit-heading">{t("projects:ui.detail.resubmit")}</h2>
          <p>{t("projects:ui.detail.resubmitIntro")}</p>
          <Form method="post" className="stacked" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="resubmit" />
            <Field
              name="resubmit-callIdentifier"
              label={t("projects:ui.detail.newCall")}
              error={resubmitErrors["resubmit-callIdentifier"]}
            >
              {(props) => (
                <input
                  {...props}
                  type="text"
                  name="callIdentifier"
                  defaultValue={typed("resubmit", "callIdentifier")}
                />
              )}
            </Field>
            <Field
              name="resubmit-deadline"
              label={t("projects:ui.detail.newDeadline")}
              error={resubmitErrors["resubmit-deadline"]}
            >
              {(props) => <input {...props} type="date" name="deadline" defaultValue={typed("resubmit", "deadline")} />}
            </Field>
            <button type="submit" className="primary" id="field-resubmit-submit">
              {t("projects:ui.detail.resubmitSubmit")}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="history-heading" id="history">
        <h2 id="history-heading">{t("projects:ui.detail.history")}</h2>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">
              {t("projects:ui.detail.historyCaption", { acronym: p.acronym })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("projects:ui.detail.when")}</th>
                <th scope="col">{t("projects:ui.detail.who")}</th>
                <th scope="col">{t("projects:ui.detail.from")}</th>
                <th scope="col">{t("projects:ui.detail.to")}</th>
                <th scope="col">{t("projects:fields.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {transitions.map((m) => (
                <tr key={m.id}>
                  <td>
                    <time dateTime={m.at}>{formatDateTime(language, m.at)}</time>
                  </td>
                  <td>{m.actorName.startsWith("system:") ? t("projects:ui.detail.system") : m.actorName}</td>
                  <td>
                    {m.fromPhase === null ? t("projects:ui.detail.created") : status(m.fromPhase, m.fromFundingStatus)}
                  </td>
                  <td>{status(m.toPhase, m.toFundingStatus)}</td>
                  <td>{m.reason ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
