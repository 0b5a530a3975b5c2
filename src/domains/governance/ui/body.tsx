import type { ReactNode } from "react";
import { data, Form, Link, redirect } from "react-router";
import { requirePageAccess } from "~/auth/page";
import { formProblem, noticeFrom, pageError } from "~/domains/organisations/ui/page.server";
import { isLanguage } from "~/i18n/i18n";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { getBody, mandateCandidates, staffCandidates, updateBodyRules } from "../bodies";
import type { Mandate } from "../bodies-contract";
import { createMandate, endMandate, governanceToday } from "../mandates";
import { canManageGovernance, canViewGovernance } from "../policy";
import { loadWeighting, parseBandLines, setWeighting, type WeightingRule } from "../weights";
import type { Route } from "./+types/body";

/**
 * One governance body (secretariat, Board): its rules, composition today, vacancies, problems,
 * terms ending soon, mandates not yet begun and history. The secretariat adds a mandate (a contact
 * of a member organisation, or a staff account for the Secretariat), ends one, and edits the rules.
 * Forms post and redirect, without JavaScript.
 */
const notices = ["created", "ended", "rulesSaved", "weightingSaved"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { database, actor } = context;
  requirePageAccess(context, request, canViewGovernance(actor));
  const body = await getBody(database.db, actor, params.code).catch((e) => pageError(e, request, actor));
  const manage = canManageGovernance(actor);
  const addable = manage && body.kind !== "assembly";
  return {
    body,
    manage,
    candidates: addable && body.kind !== "staff" ? await mandateCandidates(database.db, actor) : [],
    staff: addable && body.kind === "staff" ? await staffCandidates(database.db, actor) : [],
    today: governanceToday(),
    notice: noticeFrom(request, notices),
    weighting: manage && body.kind === "assembly" ? await loadWeighting(database.db) : null,
  };
}

/** The bands of a weighting rule as the form shows them, one per line. */
function bandLines(rule: WeightingRule): string {
  if (rule.rule === "equal") return "5000 1\n50000 2\n3";
  return rule.bands.map((b) => (b.upTo === null ? String(b.weight) : `${b.upTo} ${b.weight}`)).join("\n");
}

/** A number field: empty is null (no fixed number), anything else a number (NaN is refused by name). */
const numberOrNull = (v: string) => (v.trim() === "" ? null : Number(v.trim()));

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  const form = await request.formData();
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const intent = text("intent");
  const here = `/governance/bodies/${encodeURIComponent(params.code)}`;
  const submitted = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
  try {
    switch (intent) {
      case "add":
        await createMandate(database.db, actor, params.code, {
          contactId: text("contactId"),
          userId: text("userId"),
          startsOn: text("startsOn"),
          endsOn: text("endsOn"),
          role: text("role"),
          decisionNote: text("decisionNote"),
        });
        return redirect(`${here}?notice=created`);
      case "end":
        await endMandate(database.db, actor, text("mandateId"), { endedOn: text("endedOn"), reason: text("reason") });
        return redirect(`${here}?notice=ended`);
      case "rules": {
        const quorum = text("quorumPercent").trim();
        await updateBodyRules(database.db, actor, params.code, {
          seats: numberOrNull(text("seats")),
          termMonths: numberOrNull(text("termMonths")),
          quorumPercent: quorum === "" ? Number.NaN : Number(quorum),
          balancedCountries: text("balancedCountries")
            .split(/[\s,;]+/)
            .map((c) => c.trim().toUpperCase())
            .filter(Boolean),
          public: form.get("public") === "on",
        });
        return redirect(`${here}?notice=rulesSaved`);
      }
      case "weighting":
        await setWeighting(
          database.db,
          actor,
          text("rule") === "inhabitants"
            ? { rule: "inhabitants", bands: parseBandLines(text("bands")) }
            : { rule: "equal" },
        );
        return redirect(`${here}?notice=weightingSaved`);
      default:
        throw data(null, { status: 400 });
    }
  } catch (e) {
    if (e instanceof Response) throw e;
    const problem = formProblem(
      e,
      t,
      request,
      actor,
      intent === "rules" ? { quorumPercent: submitted.quorumPercent } : {},
    );
    return data({ intent, mandateId: text("mandateId"), problem, submitted }, { status: 422 });
  }
}

function Holders({
  rows,
  showEnded,
  endForm,
}: {
  rows: Mandate[];
  showEnded?: boolean;
  endForm?: (m: Mandate) => ReactNode;
}) {
  const { t, d } = useT();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t("governance:body.name")}</th>
          <th scope="col">{t("governance:body.organisation")}</th>
          <th scope="col">{t("governance:body.role")}</th>
          <th scope="col">{t("governance:body.since")}</th>
          <th scope="col">{t("governance:body.until")}</th>
          <th scope="col">{t("governance:body.decision")}</th>
          {showEnded ? <th scope="col">{t("governance:body.endReason")}</th> : null}
          {endForm ? <td /> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((m) => (
          <tr key={m.id}>
            <th scope="row">{m.name}</th>
            <td>{m.organisationName ?? "—"}</td>
            <td>{t(`governance:roles.${m.role}`)}</td>
            <td>{d(m.startsOn)}</td>
            <td>{m.lastDay ? d(m.lastDay) : t("governance:body.openEnded")}</td>
            <td>{m.decisionNote ?? "—"}</td>
            {showEnded ? <td>{m.endReason ?? "—"}</td> : null}
            {endForm ? <td>{endForm(m)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function BodyPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, d, language } = useT();
  const { body, manage, candidates, staff, today, notice, weighting } = loaderData;
  const name = isLanguage(language) ? body.names[language] : body.names.en;
  const problemFor = (intent: string) => (actionData?.intent === intent ? actionData.problem : null);
  const value = (intent: string, field: string, fallback = "") =>
    actionData?.intent === intent ? String(actionData.submitted[field] ?? fallback) : fallback;
  const add = problemFor("add");
  const rules = problemFor("rules");

  const endForm = (m: Mandate) => {
    const problem = actionData?.intent === "end" && actionData.mandateId === m.id ? actionData.problem : null;
    const id = `end-${m.id}`;
    return (
      <details open={problem !== null}>
        <summary>{t("governance:body.endForm.submit")}</summary>
        <Form method="post" className="stacked" noValidate>
          {problem ? <ErrorSummary message={problem.message} /> : null}
          <CsrfField />
          <input type="hidden" name="intent" value="end" />
          <input type="hidden" name="mandateId" value={m.id} />
          <fieldset>
            <legend>{t("governance:body.endForm.legend", { name: m.name })}</legend>
            <div className={problem?.fields.endedOn ? "field field-error" : "field"}>
              <label htmlFor={`${id}-endedOn`}>{t("governance:body.endForm.endedOn")}</label>
              <p className="hint" id={`${id}-endedOn-hint`}>
                {t("governance:body.endForm.endedOnHint")}
              </p>
              <input
                id={`${id}-endedOn`}
                type="date"
                name="endedOn"
                aria-describedby={`${id}-endedOn-hint${problem?.fields.endedOn ? ` ${id}-endedOn-error` : ""}`}
                {...(problem?.fields.endedOn ? { "aria-invalid": true } : {})}
              />
              {problem?.fields.endedOn ? (
                <p className="error" id={`${id}-endedOn-error`}>
                  {problem.fields.endedOn}
                </p>
              ) : null}
            </div>
            <div className={problem?.fields.reason ? "field field-error" : "field"}>
              <label htmlFor={`${id}-reason`}>{t("governance:body.endForm.reason")}</label>
              <input
                id={`${id}-reason`}
                name="reason"
                required
                {...(problem?.fields.reason ? { "aria-invalid": true, "aria-describedby": `${id}-reason-error` } : {})}
              />
              {problem?.fields.reason ? (
                <p className="error" id={`${id}-reason-error`}>
                  {problem.fields.reason}
                </p>
              ) : null}
            </div>
          </fieldset>
          <button type="submit" className="danger">
            {t("governance:body.endForm.submit")}
          </button>
        </Form>
      </details>
    );
  };

  return (
    <>
      <title>{`${name} · ${t("appName")}`}</title>
      <p className="breadcrumb">
        <Link to="/governance/bodies">{t("governance:body.back")}</Link>
      </p>
      <h1>{name}</h1>
      {notice ? (
        <p className="notice" role="status">
          {t(`governance:body.notices.${notice}`)}
        </p>
      ) : null}

      <section aria-labelledby="rules-heading">
        <h2 id="rules-heading">{t("governance:body.rules")}</h2>
        <dl>
          <dt>{t("governance:bodies.kind")}</dt>
          <dd>{t(`governance:kinds.${body.kind}`)}</dd>
          <dt>{t("governance:body.seats")}</dt>
          <dd>{body.seats ?? t("governance:bodies.noFixedSeats")}</dd>
          <dt>{t("governance:body.termMonths")}</dt>
          <dd>{body.termMonths ?? t("governance:body.openEnded")}</dd>
          <dt>{t("governance:body.quorumPercent")}</dt>
          <dd>{body.quorumPercent}</dd>
          <dt>{t("governance:body.balancedCountries")}</dt>
          <dd>{body.balancedCountries.length > 0 ? body.balancedCountries.join(", ") : "—"}</dd>
          <dt>{t("governance:body.public")}</dt>
          <dd>{body.public ? t("governance:body.yes") : t("governance:body.no")}</dd>
        </dl>
      </section>

      {body.problems.length > 0 ? (
        <section aria-labelledby="problems-heading" className="warning">
          <h2 id="problems-heading">{t("governance:body.problemsTitle")}</h2>
          <ul>
            {body.problems.map((p) => (
              <li key={`${p.kind}-${p.country ?? ""}-${p.name ?? ""}`}>
                {t(`governance:body.problems.${p.kind}`, {
                  count: p.count,
                  max: p.max ?? "",
                  country: p.country ?? "—",
                  name: p.name ?? "",
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {body.endingSoon.length > 0 ? (
        <section aria-labelledby="warnings-heading" className="warning">
          <h2 id="warnings-heading">{t("governance:body.warningsTitle", { days: body.warningDays })}</h2>
          <ul>
            {body.endingSoon.map((m) => (
              <li key={m.id}>{t("governance:body.warning", { name: m.name, date: d(m.endsOn ?? today) })}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="composition-heading">
        <h2 id="composition-heading">{t("governance:body.composition", { date: d(body.at) })}</h2>
        {body.kind === "assembly" ? <p>{t("governance:body.assemblyNote")}</p> : null}
        {body.seats !== null ? (
          <p>{t("governance:body.vacancies", { count: body.vacancies ?? 0, seats: body.seats })}</p>
        ) : body.kind !== "assembly" ? (
          <p>{t("governance:body.noSeats")}</p>
        ) : null}
        {body.holders.length === 0 ? (
          body.kind !== "assembly" ? (
            <p>{t("governance:body.noHolders")}</p>
          ) : null
        ) : (
          <Holders rows={body.holders} {...(manage ? { endForm } : {})} />
        )}
      </section>

      {body.upcoming.length > 0 ? (
        <section aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading">{t("governance:body.upcoming")}</h2>
          <Holders rows={body.upcoming} {...(manage ? { endForm } : {})} />
        </section>
      ) : null}

      {manage && body.kind !== "assembly" ? (
        <section aria-labelledby="add-heading">
          <h2 id="add-heading">{t("governance:body.addForm.title")}</h2>
          <Form method="post" className="stacked" noValidate>
            {add ? <ErrorSummary message={add.message} fields={add.fields} /> : null}
            <CsrfField />
            <input type="hidden" name="intent" value="add" />
            {body.kind === "staff" ? (
              <Field name="userId" label={t("governance:body.addForm.staff")} error={add?.fields.userId}>
                {(props) => (
                  <select {...props} name="userId" defaultValue={value("add", "userId")}>
                    <option value="">{t("governance:body.addForm.choose")}</option>
                    {staff.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : (
              <Field
                name="contactId"
                label={t("governance:body.addForm.person")}
                hint={t("governance:body.addForm.personHint")}
                error={add?.fields.contactId ?? add?.fields.organisationId}
              >
                {(props) => (
                  <select {...props} name="contactId" defaultValue={value("add", "contactId")}>
                    <option value="">{t("governance:body.addForm.choose")}</option>
                    {candidates.map((g) => (
                      <optgroup key={g.organisationId} label={`${g.organisationName} (${g.country})`}>
                        {g.contacts.map((c) => (
                          <option key={c.id} value={c.id}>
                            {c.jobTitle ? `${c.name} — ${c.jobTitle}` : c.name}
                          </option>
                        ))}
                      </optgroup>
                    ))}
                  </select>
                )}
              </Field>
            )}
            <Field name="startsOn" label={t("governance:body.addForm.startsOn")} error={add?.fields.startsOn}>
              {(props) => (
                <input {...props} type="date" name="startsOn" defaultValue={value("add", "startsOn", today)} />
              )}
            </Field>
            <Field
              name="endsOn"
              label={t("governance:body.addForm.endsOn")}
              hint={
                body.termMonths
                  ? t("governance:body.addForm.endsOnHint", { months: body.termMonths })
                  : t("governance:body.addForm.endsOnHintOpen")
              }
              error={add?.fields.endsOn}
            >
              {(props) => <input {...props} type="date" name="endsOn" defaultValue={value("add", "endsOn")} />}
            </Field>
            <Field name="role" label={t("governance:body.addForm.role")} error={add?.fields.role}>
              {(props) => (
                <select {...props} name="role" defaultValue={value("add", "role", "member")}>
                  <option value="member">{t("governance:roles.member")}</option>
                  <option value="substitute">{t("governance:roles.substitute")}</option>
                </select>
              )}
            </Field>
            <Field
              name="decisionNote"
              label={t("governance:body.addForm.decisionNote")}
              hint={t("governance:body.addForm.decisionNoteHint")}
              error={add?.fields.decisionNote ?? add?.fields.decisionId}
            >
              {(props) => <input {...props} name="decisionNote" defaultValue={value("add", "decisionNote")} />}
            </Field>
            <div className="form-buttons">
              <button type="submit" className="primary">
                {t("governance:body.addForm.submit")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("governance:body.history")}</h2>
        {body.history.length === 0 ? (
          <p>{t("governance:body.noHistory")}</p>
        ) : (
          <Holders rows={body.history} showEnded />
        )}
      </section>

      {weighting ? (
        <section aria-labelledby="weighting-heading">
          <h2 id="weighting-heading">{t("votes:weighting.title")}</h2>
          <p className="hint">{t("votes:weighting.hint")}</p>
          {weighting.invalid ? <p className="warning">{t("votes:page.weightingInvalid")}</p> : null}
          <Form method="post" className="stacked" noValidate>
            {problemFor("weighting") ? (
              <ErrorSummary
                message={problemFor("weighting")?.message ?? ""}
                fields={problemFor("weighting")?.fields ?? {}}
              />
            ) : null}
            <CsrfField />
            <input type="hidden" name="intent" value="weighting" />
            <fieldset className="radio-group">
              <legend>{t("votes:weighting.rule")}</legend>
              {(["equal", "inhabitants"] as const).map((rule) => (
                <div key={rule} className="radio">
                  <input
                    type="radio"
                    id={`weighting-${rule}`}
                    name="rule"
                    value={rule}
                    defaultChecked={value("weighting", "rule", weighting.rule.rule) === rule}
                  />
                  <label htmlFor={`weighting-${rule}`}>{t(`votes:weighting.${rule}`)}</label>
                </div>
              ))}
            </fieldset>
            <Field
              name="bands"
              label={t("votes:weighting.bands")}
              hint={t("votes:weighting.bandsHint")}
              error={problemFor("weighting")?.fields.bands}
            >
              {(props) => (
                <textarea
                  {...props}
                  name="bands"
                  rows={5}
                  defaultValue={value("weighting", "bands", bandLines(weighting.rule))}
                />
              )}
            </Field>
            <div className="form-buttons">
              <button type="submit" className="primary">
                {t("votes:weighting.save")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {manage ? (
        <section aria-labelledby="rules-form-heading">
          <h2 id="rules-form-heading">{t("governance:body.rulesForm.title")}</h2>
          <Form method="post" className="stacked" noValidate>
            {rules ? <ErrorSummary message={rules.message} fields={rules.fields} /> : null}
            <CsrfField />
            <input type="hidden" name="intent" value="rules" />
            <Field
              name="seats"
              label={t("governance:body.seats")}
              hint={t("governance:body.rulesForm.seatsHint")}
              error={rules?.fields.seats}
            >
              {(props) => (
                <input
                  {...props}
                  name="seats"
                  inputMode="numeric"
                  defaultValue={value("rules", "seats", body.seats === null ? "" : String(body.seats))}
                />
              )}
            </Field>
            <Field
              name="termMonths"
              label={t("governance:body.termMonths")}
              hint={t("governance:body.rulesForm.termMonthsHint")}
              error={rules?.fields.termMonths}
            >
              {(props) => (
                <input
                  {...props}
                  name="termMonths"
                  inputMode="numeric"
                  defaultValue={value("rules", "termMonths", body.termMonths === null ? "" : String(body.termMonths))}
                />
              )}
            </Field>
            <Field name="quorumPercent" label={t("governance:body.quorumPercent")} error={rules?.fields.quorumPercent}>
              {(props) => (
                <input
                  {...props}
                  name="quorumPercent"
                  inputMode="numeric"
                  defaultValue={value("rules", "quorumPercent", String(body.quorumPercent))}
                />
              )}
            </Field>
            <Field
              name="balancedCountries"
              label={t("governance:body.balancedCountries")}
              hint={t("governance:body.rulesForm.balancedCountriesHint")}
              error={rules?.fields.balancedCountries}
            >
              {(props) => (
                <input
                  {...props}
                  name="balancedCountries"
                  defaultValue={value("rules", "balancedCountries", body.balancedCountries.join(", "))}
                />
              )}
            </Field>
            <div className="checkbox">
              <input type="checkbox" id="field-public" name="public" defaultChecked={body.public} />
              <label htmlFor="field-public">{t("governance:body.public")}</label>
            </div>
            <div className="form-buttons">
              <button type="submit" className="primary">
                {t("governance:body.rulesForm.save")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}
