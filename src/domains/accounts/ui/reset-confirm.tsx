import { data, Form, redirect, useActionData, useLoaderData } from "react-router";
import { AppError } from "~/errors/app-error";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { PASSWORD_MIN } from "../contract";
import { checkPasswordResetLink, completePasswordReset, type ResetLinkState } from "../service";
import type { Route } from "./+types/reset-confirm";
import { formProblems } from "./form-problems";

type LinkProblem = Exclude<ResetLinkState["state"], "valid">;

const problemMessage: Record<LinkProblem, string> = {
  invalid: "accounts:reset.invalidLink",
  used: "accounts:reset.usedLink",
  expired: "accounts:reset.expiredLink",
};
const problemStatus: Record<LinkProblem, number> = { invalid: 404, used: 410, expired: 410 };

/** A set-password link: a new password after a reset, or the first one of an invited account. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const link = await checkPasswordResetLink(context.database.db, params.token);
  if (link.state !== "valid") {
    return data({ problem: link.state, firstPassword: false }, { status: problemStatus[link.state] });
  }
  return { problem: null, firstPassword: link.firstPassword };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const form = await request.formData();
  try {
    await completePasswordReset(context.database.db, {
      token: params.token,
      password: String(form.get("password") ?? ""),
      passwordConfirm: String(form.get("passwordConfirm") ?? ""),
    });
    return redirect("/login?notice=password-saved");
  } catch (e) {
    const problem =
      e instanceof AppError
        ? (Object.keys(problemMessage) as LinkProblem[]).find((p) => problemMessage[p] === e.messageKey)
        : undefined;
    if (problem) {
      const fields: Record<string, string> = {};
      return data({ problem, message: undefined, fields }, { status: problemStatus[problem] });
    }
    const problems = formProblems(e, context.t);
    return data({ problem: null, ...problems }, { status: problems.status });
  }
}

export default function ResetConfirm() {
  const { t } = useT();
  const link = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const problem = result?.problem ?? link.problem;
  if (problem) {
    return (
      <>
        <title>{`${t("accounts:reset.linkProblemTitle")} · ${t("appName")}`}</title>
        <h1>{t("accounts:reset.linkProblemTitle")}</h1>
        <p className="error-summary" role="alert">
          {t(problemMessage[problem])}
        </p>
        <p>
          <a className="button" href="/password-reset">
            {t("accounts:reset.requestNew")}
          </a>
        </p>
      </>
    );
  }
  const title = link.firstPassword ? t("accounts:reset.firstTitle") : t("accounts:reset.confirmTitle");
  return (
    <>
      <title>{`${title} · ${t("appName")}`}</title>
      <h1>{title}</h1>
      <p>{link.firstPassword ? t("accounts:reset.firstIntro") : t("accounts:reset.confirmIntro")}</p>
      <ErrorSummary message={result?.message} fields={result?.fields} />
      <Form method="post" className="stacked">
        <CsrfField />
        <Field
          name="password"
          label={t("accounts:reset.password")}
          hint={t("accounts:reset.passwordHint", { min: PASSWORD_MIN })}
          error={result?.fields?.password}
        >
          {(props) => (
            <input
              {...props}
              name="password"
              type="password"
              autoComplete="new-password"
              minLength={PASSWORD_MIN}
              required
            />
          )}
        </Field>
        <Field
          name="passwordConfirm"
          label={t("accounts:reset.passwordConfirm")}
          error={result?.fields?.passwordConfirm}
        >
          {(props) => <input {...props} name="passwordConfirm" type="password" autoComplete="new-password" required />}
        </Field>
        <div>
          <button type="submit" className="primary">
            {t("accounts:reset.submit")}
          </button>
        </div>
      </Form>
    </>
  );
}
