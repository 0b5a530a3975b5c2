import { data, Form, useActionData } from "react-router";
import { requestOrigin } from "~/auth/page";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { linkBase, requestPasswordReset } from "../service";
import type { Route } from "./+types/reset-request";
import { formProblems } from "./form-problems";

/**
 * Asks for a link to choose a new password (also how an invited account gets a fresh link).
 * The answer is the same whether the account exists or not.
 */
export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const email = String(form.get("email") ?? "").trim();
  try {
    await requestPasswordReset(
      context.database.db,
      context.actor,
      { email },
      { baseUrl: linkBase(requestOrigin(request, context)), language: context.language },
    );
    return { sent: true as const, email, message: undefined, fields: {} as Record<string, string> };
  } catch (e) {
    const problems = formProblems(e, context.t);
    return data({ sent: false as const, email, ...problems }, { status: problems.status });
  }
}

export default function ResetRequest() {
  const { t } = useT();
  const result = useActionData<typeof action>();
  return (
    <>
      <title>{`${t("accounts:reset.requestTitle")} · ${t("appName")}`}</title>
      <h1>{t("accounts:reset.requestTitle")}</h1>
      {result?.sent ? (
        <>
          <p className="notice" role="status">
            {t("accounts:reset.sent", { email: result.email })}
          </p>
          <p>
            <a href="/login">{t("accounts:reset.backToSignIn")}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t("accounts:reset.requestIntro")}</p>
          <ErrorSummary message={result?.message} fields={result?.fields} />
          <Form method="post" className="stacked">
            <CsrfField />
            <Field name="email" label={t("accounts:reset.email")} error={result?.fields.email}>
              {(props) => (
                <input
                  {...props}
                  name="email"
                  type="email"
                  autoComplete="email"
                  required
                  defaultValue={result?.email ?? ""}
                />
              )}
            </Field>
            <div>
              <button type="submit" className="primary">
                {t("accounts:reset.send")}
              </button>
            </div>
          </Form>
        </>
      )}
    </>
  );
}
