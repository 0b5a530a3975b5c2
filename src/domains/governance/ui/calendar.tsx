import { data, Form, useNavigation } from "react-router";
import { requestOrigin, requirePageAccess } from "~/auth/page";
import { linkBase } from "~/domains/accounts/service";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { calendarFeedState, canUseCalendarFeed, feedUrl, resetCalendarFeed } from "../calendar";
import type { Route } from "./+types/calendar";

/**
 * The signed-in person's private calendar feed: create its secret address, or reset it (the old
 * address stops working). Only the token's hash is stored, so the address is shown once, in the
 * answer to the form that created it. Works without JavaScript.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, actor } = context;
  requirePageAccess(context, request, canUseCalendarFeed(actor));
  const base = linkBase(requestOrigin(request, context));
  return {
    feed: await calendarFeedState(database.db, actor),
    publicFeed: `${base}/api/v1/calendar/public.ics`,
  };
}

type ActionResult =
  | { ok: true; address: string; reset: boolean }
  | { ok: false; problem: { message: string; fields: Record<string, string> } };

export async function action({ request, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  requirePageAccess(context, request, canUseCalendarFeed(actor));
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent !== "create" && intent !== "reset") throw data(null, { status: 400 });
  if (intent === "reset" && form.get("confirm") !== "yes") {
    return data<ActionResult>(
      { ok: false, problem: { message: t("errors:validation"), fields: { confirm: t("calendar:confirmRequired") } } },
      { status: 422 },
    );
  }
  const { token, reset } = await resetCalendarFeed(database.db, actor);
  const address = feedUrl(linkBase(requestOrigin(request, context)), token);
  // The address is answered once, never put in a redirect's URL (it would land in logs and history).
  return data<ActionResult>({ ok: true, address, reset }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function CalendarPage({ loaderData, actionData }: Route.ComponentProps) {
  const { feed, publicFeed } = loaderData;
  const { t, d } = useT();
  const busy = useNavigation().state === "submitting";
  const created = actionData?.ok ? actionData : null;
  const problem = actionData && !actionData.ok ? actionData.problem : null;
  const exists = feed.exists || created !== null;

  return (
    <>
      <title>{`${t("calendar:title")} · ${t("appName")}`}</title>
      <h1>{t("calendar:title")}</h1>
      <p>{t("calendar:intro")}</p>
      <p>{t("calendar:secret")}</p>

      {created ? (
        <div className="notice" role="status">
          <p>{t(created.reset ? "calendar:wasReset" : "calendar:created")}</p>
          <Field name="address" label={t("calendar:address")} hint={t("calendar:howTo")}>
            {(props) => <input {...props} type="text" readOnly value={created.address} size={80} />}
          </Field>
        </div>
      ) : null}
      {problem ? <ErrorSummary message={problem.message} fields={problem.fields} /> : null}

      {!created ? (
        <p>
          {feed.exists && feed.createdAt ? t("calendar:hasFeed", { date: d(feed.createdAt) }) : t("calendar:noFeed")}
        </p>
      ) : null}

      {exists ? (
        <Form method="post">
          <CsrfField />
          <input type="hidden" name="intent" value="reset" />
          <h2>{t("calendar:reset")}</h2>
          <p className="hint">{t("calendar:resetHint")}</p>
          <Field name="confirm" label={t("calendar:confirmReset")} error={problem?.fields.confirm}>
            {(props) => <input {...props} type="checkbox" name="confirm" value="yes" />}
          </Field>
          <button type="submit" disabled={busy}>
            {t("calendar:reset")}
          </button>
        </Form>
      ) : (
        <Form method="post">
          <CsrfField />
          <input type="hidden" name="intent" value="create" />
          <button type="submit" disabled={busy}>
            {t("calendar:create")}
          </button>
        </Form>
      )}

      <p>
        {t("calendar:publicFeed")} <a href={publicFeed}>{publicFeed}</a>
      </p>
    </>
  );
}
