import type { TFunction } from "i18next";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import type { Actor } from "~/auth/actor";
import { isAppError } from "~/errors/app-error";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { approveMinutes, editMinutes, generateMinutes, minutesPage } from "../minutes";
import type { Route } from "./+types/minutes";

/**
 * A meeting's minutes: the secretariat generates them, edits the text (a textarea), regenerates a
 * draft (after ticking a confirmation) and records the later meeting that approved them; the
 * Chair approves; everyone who may read them downloads the PDF. Forms post and redirect, so the
 * page works without JavaScript.
 */
const notices = ["generated", "regenerated", "saved", "approved"] as const;
type Notice = (typeof notices)[number];

/** A service refusal as the page answers it: sign in, or the 403/404 page. */
function accessError(e: unknown, request: Request, actor: Actor): never {
  if (isAppError(e)) {
    if (e.code === "unauthenticated" || (e.code === "forbidden" && actor.kind === "anonymous")) {
      const url = new URL(request.url);
      throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
    }
    if (e.code === "forbidden" || e.code === "not_found") throw data(null, { status: e.status });
  }
  throw e;
}

type Problem = { message: string; fields: Record<string, string> };

/** Validation and conflicts become the form's message and field problems; access errors the error pages. */
function problemOf(e: unknown, t: TFunction, request: Request, actor: Actor): Problem {
  if (!isAppError(e)) throw e;
  if (e.code !== "validation" && e.code !== "conflict") accessError(e, request, actor);
  const fields: Record<string, string> = {};
  for (const [path, p] of Object.entries(e.fields)) fields[path.split(".")[0] || path] ??= t(p.key, p.values ?? {});
  return { message: `${t("minutes:ui.failed")} ${t(e.messageKey, e.values)}`, fields };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { database, actor } = context;
  const page = await minutesPage(database.db, actor, params.id).catch((e) => accessError(e, request, actor));
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    ...page,
    pdfHref: `/api/v1/meetings/${page.meeting.id}/minutes?format=pdf`,
    notice: (notices as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null,
  };
}

type ActionResult = { intent: string; problem: Problem; text?: string };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const value = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const here = `/governance/meetings/${params.id}/minutes`;
  const fail = (problem: Problem, extra: Partial<ActionResult> = {}) =>
    data<ActionResult>({ intent, problem, ...extra }, { status: 422 });
  try {
    switch (intent) {
      case "generate":
      case "regenerate": {
        if (intent === "regenerate" && form.get("confirm") !== "yes")
          return fail({
            message: t("minutes:ui.failed"),
            fields: { confirm: t("minutes:ui.regenerateConfirmRequired") },
          });
        const result = await generateMinutes(database.db, actor, params.id);
        return redirect(`${here}?notice=${result.created ? "generated" : "regenerated"}`);
      }
      case "edit":
        await editMinutes(database.db, actor, params.id, {
          text: value("text"),
          version: Number(value("version")),
        });
        return redirect(`${here}?notice=saved`);
      case "approve": {
        const meeting = value("approvedInMeetingId");
        await approveMinutes(database.db, actor, params.id, meeting ? { approvedInMeetingId: meeting } : {});
        return redirect(`${here}?notice=approved`);
      }
      default:
        throw data(null, { status: 400 });
    }
  } catch (e) {
    if (e instanceof Response || (e as { type?: string } | null)?.type === "DataWithResponseInit") throw e;
    return fail(problemOf(e, t, request, actor), intent === "edit" ? { text: value("text") } : {});
  }
}

export default function MinutesPage({ loaderData, actionData }: Route.ComponentProps) {
  const { meeting, minutes, mayManage, mayApproveAsChair, laterMeetings, pdfHref, notice } = loaderData;
  const { t, d } = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const title = t("minutes:ui.pageTitle", { body: meeting.bodyName, date: d(`${meeting.date}T12:00:00Z`) });
  const problem = actionData?.problem;
  const draft = minutes?.status === "draft";

  return (
    <>
      <title>{`${title} · ${t("appName")}`}</title>
      <p className="breadcrumb">
        <Link to={`/governance/meetings/${meeting.id}`}>{t("minutes:ui.back")}</Link>
      </p>
      <h1>{title}</h1>
      {meeting.title ? <p>{meeting.title}</p> : null}
      <p>{t("minutes:ui.language", { language: t(`common:languages.${meeting.language}`) })}</p>

      {notice ? (
        <div className="notice" role="status">
          <p>{t(`minutes:ui.${notice}`)}</p>
        </div>
      ) : null}
      {problem ? <ErrorSummary message={problem.message} fields={problem.fields} /> : null}

      {minutes === null ? (
        <section>
          <p>{t("minutes:ui.none")}</p>
          {mayManage ? (
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="intent" value="generate" />
              <p className="hint">{t("minutes:ui.generateHint")}</p>
              <button type="submit" disabled={busy}>
                {t("minutes:ui.generate")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : (
        <>
          <p>
            {t("minutes:ui.status", {
              status: t(draft ? "minutes:ui.statusDraft" : "minutes:ui.statusApproved"),
            })}
          </p>
          {minutes.status === "approved" && minutes.approvedAt ? (
            <p>
              {minutes.approvedInMeeting
                ? t("minutes:ui.approvedAtMeeting", {
                    date: d(`${minutes.approvedInMeeting.date}T12:00:00Z`),
                    name: minutes.approvedBy?.name ?? "—",
                  })
                : t("minutes:ui.approvedByChair", {
                    date: d(minutes.approvedAt),
                    name: minutes.approvedBy?.name ?? "—",
                  })}
            </p>
          ) : null}
          <p>
            <a href={pdfHref}>{t(draft ? "minutes:ui.downloadDraft" : "minutes:ui.downloadPdf")}</a>
          </p>

          {draft && mayManage ? (
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="intent" value="edit" />
              <input type="hidden" name="version" value={minutes.version} />
              <Field
                name="text"
                label={t("minutes:ui.textLabel")}
                hint={t("minutes:ui.textHint")}
                error={actionData?.intent === "edit" ? (problem?.fields.text ?? problem?.fields.version) : undefined}
              >
                {(props) => (
                  <textarea
                    {...props}
                    name="text"
                    rows={30}
                    cols={100}
                    required
                    defaultValue={actionData?.intent === "edit" && actionData.text ? actionData.text : minutes.text}
                  />
                )}
              </Field>
              <button type="submit" disabled={busy}>
                {t("minutes:ui.save")}
              </button>
            </Form>
          ) : (
            <section aria-label={t("minutes:ui.textLabel")}>
              <pre className="minutes-text" style={{ whiteSpace: "pre-wrap" }}>
                {minutes.text}
              </pre>
            </section>
          )}

          {draft && mayManage ? (
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="intent" value="regenerate" />
              <h2>{t("minutes:ui.regenerate")}</h2>
              <p className="hint">{t("minutes:ui.regenerateHint")}</p>
              <Field name="confirm" label={t("minutes:ui.regenerateConfirm")} error={problem?.fields.confirm}>
                {(props) => <input {...props} type="checkbox" name="confirm" value="yes" />}
              </Field>
              <button type="submit" disabled={busy}>
                {t("minutes:ui.regenerate")}
              </button>
            </Form>
          ) : null}

          {draft && (mayApproveAsChair || mayManage) ? (
            <section>
              <h2>{t("minutes:ui.approve")}</h2>
              <p className="hint">{t("minutes:ui.approveHint")}</p>
              {mayApproveAsChair ? (
                <Form method="post">
                  <CsrfField />
                  <input type="hidden" name="intent" value="approve" />
                  <button type="submit" disabled={busy}>
                    {t("minutes:ui.approveAsChair")}
                  </button>
                </Form>
              ) : null}
              {mayManage ? (
                laterMeetings.length > 0 ? (
                  <Form method="post">
                    <CsrfField />
                    <input type="hidden" name="intent" value="approve" />
                    <Field
                      name="approvedInMeetingId"
                      label={t("minutes:ui.approvedInMeeting")}
                      error={problem?.fields.approvedInMeetingId}
                    >
                      {(props) => (
                        <select {...props} name="approvedInMeetingId" required defaultValue="">
                          <option value="" disabled>
                            {t("minutes:ui.chooseMeeting")}
                          </option>
                          {laterMeetings.map((m) => (
                            <option key={m.id} value={m.id}>
                              {d(`${m.date}T12:00:00Z`)}
                              {m.title ? ` — ${m.title}` : ""}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                    <button type="submit" disabled={busy}>
                      {t("minutes:ui.recordApproval")}
                    </button>
                  </Form>
                ) : (
                  <p>{t("minutes:ui.noLaterMeeting")}</p>
                )
              ) : null}
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
