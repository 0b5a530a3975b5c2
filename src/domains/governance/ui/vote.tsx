/**
 * A vote's page (/governance/votes/:id): the question, its options and status; for a voter one
 * ballot form per ballot they may cast (their own, and those whose proxy they hold); for the
 * secretariat the buttons to open and close, a form to enter ballots cast in the room, the count
 * of ballots and, once closed, the result; while the vote is a draft, the form that changes it
 * (the fields of a new vote) and the button that deletes it. Plain forms that post and redirect:
 * no JavaScript needed.
 */

import { asc } from "drizzle-orm";
import type { TFunction } from "i18next";
import { data, Form, Link, redirect } from "react-router";
import type { Actor } from "~/auth/actor";
import { governanceBodies } from "~/domains/reference/schema";
import { isAppError } from "~/errors/app-error";
import { localized } from "~/i18n/localized";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { mandateCandidates } from "../bodies";
import { holderField, seatElected } from "../election-seats";
import type { VoteResult } from "../vote-result";
import { castBallot, changeVote, closeVote, deleteVote, getVote, openVote, optionLabel, votePage } from "../votes";
import type { Vote } from "../votes-contract";
import type { Route } from "./+types/vote";
import { VoteErrorSummary, VoteFields, type VoteValues } from "./vote-fields";
import { agendaChoices, readVoteValues, voteInputOf, voteValuesOf } from "./vote-fields.server";

const notices = ["cast", "castSecret", "entered", "opened", "closed", "seated", "changed"] as const;
type Notice = (typeof notices)[number];

function noticeOf(request: Request): Notice | null {
  const notice = new URL(request.url).searchParams.get("notice");
  return notice && (notices as readonly string[]).includes(notice) ? (notice as Notice) : null;
}

function signIn(request: Request): never {
  const url = new URL(request.url);
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** Loader errors: sign in, or the 403/404 page. */
function pageError(e: unknown, request: Request, actor: Actor): never {
  if (isAppError(e)) {
    if (e.code === "unauthenticated" || (e.code === "forbidden" && actor.kind === "anonymous")) signIn(request);
    if (e.code === "forbidden" || e.code === "not_found") throw data(null, { status: e.status });
  }
  throw e;
}

type Problem = { message: string; fields: Record<string, string> };

/**
 * A refusal as the form shows it: validation, conflicts and the votes' own refusals (not present,
 * not your ballot) in words; other access errors become the sign-in, 403 or 404 page.
 */
function formProblem(e: unknown, t: TFunction, request: Request, actor: Actor): Problem {
  if (!isAppError(e)) throw e;
  const ownRefusal = e.code === "forbidden" && e.messageKey.startsWith("votes:") && actor.kind === "user";
  if (e.code !== "validation" && e.code !== "conflict" && !ownRefusal) pageError(e, request, actor);
  const fields: Record<string, string> = {};
  for (const [path, problem] of Object.entries(e.fields))
    fields[path.split(".")[0] || path] ??= t(problem.key, problem.values ?? {});
  return { message: t(e.messageKey, e.values), fields };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { database, actor, language } = context;
  const page = await votePage(database.db, actor, params.id).catch((e) => pageError(e, request, actor));
  // A closed election: the secretariat gives the elected their seats.
  const elected =
    page.vote.kind === "election" && page.vote.status === "closed" ? (page.vote.result?.elected ?? []) : [];
  const seats =
    page.manage && elected.length > 0
      ? {
          bodies: (await database.db.select().from(governanceBodies).orderBy(asc(governanceBodies.sortOrder)))
            .filter((b) => b.kind !== "assembly")
            .map((b) => ({ code: b.code, name: localized(b.names, language) })),
          people: await mandateCandidates(database.db, actor),
          elected: elected.map((e) => ({
            optionId: e.optionId,
            label: e.label,
            contactId: page.vote.options.find((o) => o.id === e.optionId)?.contactId ?? null,
          })),
        }
      : null;
  // A draft: the secretariat may still change it, with the fields of a new vote.
  const edit =
    page.manage && page.vote.status === "draft"
      ? {
          values: voteValuesOf(page.vote),
          items: await agendaChoices(database.db, page.meeting.id),
          weighted: page.meeting.bodyCode === "general_assembly" || page.vote.weighting === "weighted",
        }
      : null;
  return { ...page, seats, edit, notice: noticeOf(request) };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const voterKey = typeof form.get("voterKey") === "string" ? String(form.get("voterKey")) : "";
  const here = `/governance/votes/${params.id}`;
  // What the change form posted, shown again when it is refused.
  let values: VoteValues | null = null;
  try {
    switch (intent) {
      case "cast":
      case "enter": {
        const choices = form.getAll("choice").filter((v): v is string => typeof v === "string" && v !== "");
        await castBallot(database.db, actor, params.id, { ...(voterKey ? { voterKey } : {}), choices });
        if (intent === "enter") return redirect(`${here}?notice=entered`);
        const vote = await getVote(database.db, actor, params.id);
        return redirect(`${here}?notice=${vote.ballot === "secret" ? "castSecret" : "cast"}`);
      }
      case "open":
        await openVote(database.db, actor, params.id);
        return redirect(`${here}?notice=opened`);
      case "close":
        await closeVote(database.db, actor, params.id);
        return redirect(`${here}?notice=closed`);
      case "seats": {
        const holders: Record<string, string> = {};
        for (const [key, value] of form.entries())
          if (key.startsWith("holder-") && typeof value === "string" && value) holders[key.slice(7)] = value;
        await seatElected(database.db, actor, params.id, {
          bodyCode: String(form.get("bodyCode") ?? ""),
          startsOn: String(form.get("startsOn") ?? ""),
          holders,
        });
        return redirect(`${here}?notice=seated`);
      }
      case "edit": {
        // Fields not posted keep the draft's values; candidates typed again keep their links to people.
        const current = await getVote(database.db, actor, params.id);
        values = readVoteValues(form, voteValuesOf(current));
        const input = voteInputOf(values, current.options);
        await changeVote(database.db, actor, params.id, {
          ...input,
          // A motion's options stay as they are unless it was an election before.
          candidates: input.kind === "election" ? input.candidates : undefined,
        });
        return redirect(`${here}?notice=changed`);
      }
      case "delete": {
        const { meetingId } = await getVote(database.db, actor, params.id);
        await deleteVote(database.db, actor, params.id);
        return redirect(`/governance/meetings/${meetingId}?notice=voteDeleted`);
      }
      default:
        throw data(null, { status: 400 });
    }
  } catch (e) {
    if (e instanceof Response || (e as { type?: string } | null)?.type === "DataWithResponseInit") throw e;
    return data({ intent, voterKey, values, problem: formProblem(e, t, request, actor) }, { status: 422 });
  }
}

type SeatsData = {
  bodies: { code: string; name: string }[];
  people: Awaited<ReturnType<typeof mandateCandidates>>;
  elected: { optionId: string; label: string; contactId: string | null }[];
};

/** The secretariat gives the elected their seats: the body, the first day, each one's person. */
function Seats({ seats, startsOn, problem }: { seats: SeatsData; startsOn: string; problem: Problem | null }) {
  const { t } = useT();
  const errors = problem?.fields ?? {};
  return (
    <section aria-labelledby="seats-heading">
      <h2 id="seats-heading">{t("votes:seats.heading")}</h2>
      <p className="hint">{t("votes:seats.hint")}</p>
      <Form method="post" className="stacked" noValidate>
        {problem ? <ErrorSummary message={problem.message} fields={errors} /> : null}
        <CsrfField />
        <input type="hidden" name="intent" value="seats" />
        <Field name="bodyCode" label={t("votes:seats.body")} error={errors.bodyCode}>
          {(props) => (
            <select {...props} name="bodyCode" defaultValue="board">
              {seats.bodies.map((b) => (
                <option key={b.code} value={b.code}>
                  {b.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="startsOn" label={t("votes:seats.startsOn")} error={errors.startsOn}>
          {(props) => <input {...props} type="date" name="startsOn" defaultValue={startsOn} />}
        </Field>
        {seats.elected.map((e) => (
          <Field
            key={e.optionId}
            name={holderField(e.optionId)}
            label={t("votes:seats.person", { name: e.label })}
            error={errors[holderField(e.optionId)]}
          >
            {(props) => (
              <select {...props} name={holderField(e.optionId)} defaultValue={e.contactId ?? ""}>
                <option value="">{t("votes:seats.choose")}</option>
                {seats.people.map((g) => (
                  <optgroup key={g.organisationId} label={g.organisationName}>
                    {g.contacts.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>
        ))}
        <div className="form-buttons">
          <button type="submit" className="primary">
            {t("votes:seats.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

/** The options as radio buttons (a motion) or checkboxes with "choose up to N" (an election). */
function Choices({ vote, id, error }: { vote: Vote; id: string; error?: string | undefined }) {
  const { t } = useT();
  const election = vote.kind === "election";
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <fieldset id={id} aria-describedby={[hintId, error ? errorId : ""].filter(Boolean).join(" ")}>
      <legend>{vote.question}</legend>
      <p className="hint" id={hintId}>
        {election ? t("votes:page.chooseUpTo", { count: vote.seats }) : t("votes:page.chooseOne")}
      </p>
      {error ? (
        <p className="error" id={errorId}>
          {error}
        </p>
      ) : null}
      {vote.options.map((o) => (
        <div className="checkbox" key={o.id}>
          <input type={election ? "checkbox" : "radio"} id={`${id}-${o.id}`} name="choice" value={o.id} />
          <label htmlFor={`${id}-${o.id}`}>{optionLabel(t, o)}</label>
        </div>
      ))}
    </fieldset>
  );
}

function Result({ result, seats }: { result: VoteResult; seats: number }) {
  const { t, n } = useT();
  return (
    <section aria-labelledby="result-heading">
      <h2 id="result-heading">{t("votes:page.resultHeading")}</h2>
      <p>
        <strong>{t(`votes:outcomes.${result.outcome}`)}</strong>
      </p>
      <p>
        {result.kind === "motion" ? t(`votes:majorities.${result.majority}`) : t("votes:election", { count: seats })}
      </p>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t("votes:page.resultHeading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("votes:page.option")}</th>
              <th scope="col" className="number">
                {t("votes:page.votesColumn")}
              </th>
              <th scope="col" className="number">
                {t("votes:page.ballotsColumn")}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.options.map((o) => (
              <tr key={o.optionId}>
                <th scope="row">{optionLabel(t, o)}</th>
                <td className="number">{n(o.votes)}</td>
                <td className="number">{n(o.ballots)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        {t("votes:page.castSummary", {
          ballots: n(result.ballots),
          weight: n(result.weightCast),
          entitled: n(result.weightEntitled),
        })}
      </p>
      {result.kind === "election" ? (
        <>
          <h3>{t("votes:page.electedHeading")}</h3>
          {result.elected.length > 0 ? (
            <ol>
              {result.elected.map((c) => (
                <li key={c.optionId}>{`${c.label} (${n(c.votes)})`}</li>
              ))}
            </ol>
          ) : (
            <p>{t("votes:page.noneElected")}</p>
          )}
        </>
      ) : null}
    </section>
  );
}

export default function VotePage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, d, n } = useT();
  const { vote, manage, meeting, room, quorum, weightingInvalid, notice } = loaderData;
  const failed = (intent: string, key = "") =>
    actionData && actionData.intent === intent && actionData.voterKey === key ? actionData.problem : null;
  const rule =
    vote.kind === "motion" ? t(`votes:majorities.${vote.majority}`) : t("votes:election", { count: vote.seats });
  const enterable = room.filter((r) => r.canVote && !r.cast);
  const enterProblem = actionData?.intent === "enter" ? actionData.problem : null;
  const { edit } = loaderData;
  const editProblem = failed("edit");
  // A change or deletion refused because the vote is no longer a draft: its form is gone, so say it here.
  const draftProblem = !edit && (failed("edit") ?? failed("delete"));
  return (
    <>
      <title>{`${vote.question} · ${t("votes:title")} · ${t("appName")}`}</title>
      <p className="breadcrumb">
        <Link to={`/governance/meetings/${meeting.id}`}>{t("votes:page.back")}</Link>
      </p>
      <h1>{vote.question}</h1>
      {notice ? (
        <div className="notice" role="status">
          <p>{t(`votes:page.notices.${notice}`)}</p>
        </div>
      ) : null}
      {draftProblem ? <ErrorSummary message={draftProblem.message} /> : null}
      <p>
        <strong>{t(`votes:statuses.${vote.status}`)}</strong>
        {` · ${t(`votes:kinds.${vote.kind}`)} · ${t(`votes:ballots.${vote.ballot}`)} · ${t(`votes:weightings.${vote.weighting}`)}`}
        {` · ${t("votes:page.meetingOf", { date: d(meeting.date) })}`}
      </p>
      <p>{rule}</p>
      {manage && weightingInvalid ? (
        <div className="warning" role="status">
          <p>{t("votes:page.weightingInvalid")}</p>
        </div>
      ) : null}

      <h2>{vote.kind === "motion" ? t("votes:page.optionsHeading") : t("votes:page.candidatesHeading")}</h2>
      <ul>
        {vote.options.map((o) => (
          <li key={o.id}>{optionLabel(t, o)}</li>
        ))}
      </ul>

      {vote.status === "draft" ? <p>{t("votes:page.notOpen")}</p> : null}

      {vote.status === "open" && vote.voters.length > 0 ? (
        <section aria-labelledby="ballot-heading">
          <h2 id="ballot-heading">{t("votes:page.yourBallot")}</h2>
          {vote.ballot === "secret" ? <p className="hint">{t("votes:page.secretHint")}</p> : null}
          {vote.voters.map((slot, i) => {
            const problem = failed("cast", slot.voterKey);
            const fieldsetId = problem ? "field-choices" : `choices-${i}`;
            return (
              <div key={slot.voterKey} className="ballot">
                <h3>
                  {slot.proxyHolderKey
                    ? t("votes:page.ballotByProxy", { name: slot.name })
                    : t("votes:page.ballotOf", { name: slot.name })}
                </h3>
                {slot.cast ? (
                  <p>{t("votes:page.alreadyCast")}</p>
                ) : (
                  <Form method="post" className="stacked" noValidate>
                    {problem ? <ErrorSummary message={problem.message} fields={problem.fields} /> : null}
                    <CsrfField />
                    <input type="hidden" name="intent" value="cast" />
                    <input type="hidden" name="voterKey" value={slot.voterKey} />
                    <Choices vote={vote} id={fieldsetId} error={problem?.fields.choices} />
                    <div className="form-buttons">
                      <button type="submit" className="primary">
                        {t("votes:page.cast")}
                      </button>
                    </div>
                  </Form>
                )}
              </div>
            );
          })}
        </section>
      ) : null}

      {vote.status === "closed" && vote.result ? <Result result={vote.result} seats={vote.seats} /> : null}
      {loaderData.seats ? (
        <Seats
          seats={loaderData.seats}
          startsOn={meeting.date}
          problem={actionData?.intent === "seats" ? actionData.problem : null}
        />
      ) : null}

      {manage ? (
        <section aria-labelledby="manage-heading">
          <h2 id="manage-heading">{t("votes:page.manageHeading")}</h2>
          {quorum ? (
            <p>
              {t("votes:page.quorum", {
                taking: n(quorum.present + quorum.byProxy),
                entitled: n(quorum.entitled),
                required: n(quorum.required),
              })}
            </p>
          ) : null}
          {quorum && !quorum.reached && vote.status !== "closed" ? (
            <p className="warning">{t("votes:page.quorumMissing")}</p>
          ) : null}
          <p>{t("votes:page.ballotsCast", { count: vote.ballotsCast })}</p>
          {vote.status === "draft" ? (
            <Form method="post">
              {failed("open") ? <ErrorSummary message={failed("open")?.message} /> : null}
              <CsrfField />
              <input type="hidden" name="intent" value="open" />
              <button type="submit" className="primary">
                {t("votes:page.open")}
              </button>
            </Form>
          ) : null}
          {edit ? (
            <>
              <h3 id="edit-heading">{t("votes:page.editHeading")}</h3>
              <p className="hint">{t("votes:page.editHint")}</p>
              <Form method="post" className="stacked wide" noValidate aria-labelledby="edit-heading">
                {editProblem ? <VoteErrorSummary message={editProblem.message} errors={editProblem.fields} /> : null}
                <CsrfField />
                <input type="hidden" name="intent" value="edit" />
                <VoteFields
                  values={(editProblem ? actionData?.values : null) ?? edit.values}
                  errors={editProblem?.fields ?? {}}
                  items={edit.items}
                  weighted={edit.weighted}
                />
                <div className="form-buttons">
                  <button type="submit">{t("votes:page.editSubmit")}</button>
                </div>
              </Form>
              <details className="confirm" open={Boolean(failed("delete"))}>
                <summary>{t("votes:page.deleteHeading")}</summary>
                <Form method="post" className="confirm-panel">
                  {failed("delete") ? <ErrorSummary message={failed("delete")?.message} /> : null}
                  <p>{t("votes:page.deleteExplain")}</p>
                  <CsrfField />
                  <input type="hidden" name="intent" value="delete" />
                  <button type="submit" className="danger">
                    {t("votes:page.deleteConfirm")}
                  </button>
                </Form>
              </details>
            </>
          ) : null}
          {vote.status === "open" ? (
            <>
              <h3>{t("votes:page.enterHeading")}</h3>
              {enterable.length === 0 ? (
                <p>{t("votes:page.nobodyLeft")}</p>
              ) : (
                <Form method="post" className="stacked" noValidate>
                  {enterProblem ? <ErrorSummary message={enterProblem.message} fields={enterProblem.fields} /> : null}
                  <CsrfField />
                  <input type="hidden" name="intent" value="enter" />
                  <div className={enterProblem?.fields.voterKey ? "field field-error" : "field"}>
                    <label htmlFor="field-voterKey">{t("votes:page.voter")}</label>
                    <select id="field-voterKey" name="voterKey" defaultValue="">
                      <option value="">{t("votes:page.chooseVoter")}</option>
                      {enterable.map((r) => (
                        <option key={r.key} value={r.key}>
                          {r.holderName ? t("votes:page.byProxyOf", { name: r.name, holder: r.holderName }) : r.name}
                        </option>
                      ))}
                    </select>
                    {enterProblem?.fields.voterKey ? <p className="error">{enterProblem.fields.voterKey}</p> : null}
                  </div>
                  <Choices
                    vote={vote}
                    id={enterProblem ? "field-choices" : "enter-choices"}
                    error={enterProblem?.fields.choices}
                  />
                  <div className="form-buttons">
                    <button type="submit">{t("votes:page.enter")}</button>
                  </div>
                </Form>
              )}
              <Form method="post">
                {failed("close") ? <ErrorSummary message={failed("close")?.message} /> : null}
                <CsrfField />
                <input type="hidden" name="intent" value="close" />
                <p className="hint">{t("votes:page.closeHint")}</p>
                <button type="submit" className="primary">
                  {t("votes:page.close")}
                </button>
              </Form>
            </>
          ) : null}
          {room.length > 0 ? (
            <>
              <h3 id="room-heading">{t("votes:page.roomHeading")}</h3>
              <div className="table-wrap">
                <table aria-labelledby="room-heading">
                  <thead>
                    <tr>
                      <th scope="col">{t("votes:page.name")}</th>
                      <th scope="col">{t("votes:page.attendance")}</th>
                      <th scope="col">{t("votes:page.voted")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {room.map((r) => (
                      <tr key={r.key}>
                        <th scope="row">{r.name}</th>
                        <td>
                          {r.holderName
                            ? t("votes:page.proxyHeldBy", { holder: r.holderName })
                            : t(`votes:page.attendances.${r.attendance ?? "none"}`)}
                        </td>
                        <td>{r.cast ? t("votes:page.yes") : t("votes:page.no")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
