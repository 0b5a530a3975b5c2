/**
 * A new vote for a meeting (/governance/meetings/:id/votes/new), for the secretariat: a motion
 * (yes / no / abstain) or an election among candidates (one per line), named or secret, with
 * equal or weighted votes and the majority it needs, optionally tied to an agenda item. The form
 * posts without JavaScript; the vote is created as a draft and opened from its own page.
 */
import { eq } from "drizzle-orm";
import { data, Form, Link, redirect } from "react-router";
import { requirePageAccess } from "~/auth/page";
import { isAppError } from "~/errors/app-error";
import { CsrfField } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { canManageGovernance } from "../policy";
import { meetings } from "../schema";
import { createVote } from "../votes";
import type { Route } from "./+types/vote-new";
import { emptyVoteValues, VoteErrorSummary, VoteFields } from "./vote-fields";
import { agendaChoices, readVoteValues, voteInputOf } from "./vote-fields.server";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { database, actor } = context;
  requirePageAccess(context, request, canManageGovernance(actor));
  const [meeting] = await database.db.select().from(meetings).where(eq(meetings.id, params.id)).limit(1);
  if (!meeting) throw data(null, { status: 404 });
  const agendaItemId = new URL(request.url).searchParams.get("item") ?? "";
  return {
    meeting: { id: meeting.id, bodyCode: meeting.bodyCode, date: meeting.date, title: meeting.title },
    items: await agendaChoices(database.db, meeting.id),
    values: { ...emptyVoteValues, agendaItemId },
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { database, actor, t } = context;
  requirePageAccess(context, request, canManageGovernance(actor));
  // A choice not shown (weighting outside the Assembly) or not made keeps its default.
  const values = readVoteValues(await request.formData(), emptyVoteValues);
  try {
    const vote = await createVote(database.db, actor, params.id, voteInputOf(values));
    return redirect(`/governance/votes/${vote.id}`);
  } catch (e) {
    if (!isAppError(e) || (e.code !== "validation" && e.code !== "conflict")) throw e;
    const fields: Record<string, string> = {};
    for (const [path, problem] of Object.entries(e.fields))
      fields[path.split(".")[0] || path] ??= t(problem.key, problem.values ?? {});
    return data({ values, problem: { message: t(e.messageKey, e.values), fields } }, { status: 422 });
  }
}

export default function NewVote({ loaderData, actionData }: Route.ComponentProps) {
  const { t, d } = useT();
  const { meeting, items } = loaderData;
  const values = actionData?.values ?? loaderData.values;
  const errors = actionData?.problem.fields ?? {};
  const title = t("votes:new.title");
  return (
    <>
      <title>{`${title} · ${t("appName")}`}</title>
      <p className="breadcrumb">
        <Link to={`/governance/meetings/${meeting.id}`}>{t("votes:page.back")}</Link>
      </p>
      <h1>{title}</h1>
      <p>
        {t(`votes:new.meeting`, { date: d(meeting.date) })}
        {meeting.title ? ` · ${meeting.title}` : ""}
      </p>
      <Form method="post" className="stacked wide" noValidate>
        {actionData ? <VoteErrorSummary message={actionData.problem.message} errors={errors} /> : null}
        <CsrfField />
        <VoteFields values={values} errors={errors} items={items} weighted={meeting.bodyCode === "general_assembly"} />
        <div className="form-buttons">
          <button type="submit" className="primary">
            {t("votes:new.submit")}
          </button>
        </div>
      </Form>
    </>
  );
}
