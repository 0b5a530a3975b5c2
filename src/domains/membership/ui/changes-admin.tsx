import { data, Form, Link } from "react-router";
import { pageError } from "~/domains/organisations/ui/page.server";
import { AppError } from "~/errors/app-error";
import { CsrfField } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { applyDueMembershipChanges, listPendingResignations, suspendAfterDays } from "../changes";
import { canManageMembership } from "../changes-policy";
import type { Route } from "./+types/changes-admin";

/** The secretariat's page: pending resignations, the suspension setting, "apply due changes". */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, actor } = context;
  if (!canManageMembership(actor))
    pageError(new AppError(actor.kind === "anonymous" ? "unauthenticated" : "forbidden"), request, actor);
  const pending = await listPendingResignations(database.db, actor);
  return { pending, suspendAfterDays: await suspendAfterDays(database.db) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { database, actor } = context;
  try {
    const report = await applyDueMembershipChanges(database.db, undefined, actor);
    return data({ resigned: report.resigned.length, suspended: report.suspended.length });
  } catch (e) {
    return pageError(e, request, actor);
  }
}

export default function MembershipChangesAdmin({ loaderData, actionData }: Route.ComponentProps) {
  const { t, d, n } = useT();
  const title = t("membershipChanges:admin.title");
  return (
    <>
      <title>{`${title} · ${t("appName")}`}</title>
      <h1>{title}</h1>
      <p>{t("membershipChanges:admin.intro")}</p>
      <p>
        {t("membershipChanges:admin.suspendAfterDays")}:{" "}
        <strong>
          {loaderData.suspendAfterDays === null
            ? t("membershipChanges:admin.suspendAfterDaysNever")
            : n(loaderData.suspendAfterDays)}
        </strong>
      </p>
      {actionData ? (
        <p className="notice" role="status">
          {t("membershipChanges:admin.applied", { resigned: actionData.resigned, suspended: actionData.suspended })}
        </p>
      ) : null}
      <Form method="post">
        <CsrfField />
        <button type="submit" className="primary">
          {t("membershipChanges:admin.apply")}
        </button>
      </Form>
      <h2>{t("membershipChanges:admin.pending")}</h2>
      {loaderData.pending.length === 0 ? (
        <p>{t("membershipChanges:admin.noPending")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("membershipChanges:admin.organisation")}</th>
              <th scope="col">{t("membershipChanges:page.effectiveOn")}</th>
              <th scope="col">{t("membershipChanges:page.reason")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.pending.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/organisations/${c.organisationId}/membership`}>{c.organisationName}</Link>
                </td>
                <td>{d(c.effectiveOn)}</td>
                <td>{c.reason ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
