import { data, Form, redirect, useActionData, useLoaderData } from "react-router";
import { sessionCookie, sessionTokenOf } from "~/auth/page";
import { CsrfField, ErrorSummary, Field } from "~/ui/forms";
import { useT } from "~/ui/i18n";
import { safeRedirectPath } from "~/ui/redirect";
import { signIn } from "../service";
import type { Route } from "./+types/login";
import { formProblems } from "./form-problems";

const NOTICES = { "password-saved": "accounts:signIn.passwordChanged" } as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirectPath(url.searchParams.get("redirectTo"));
  if (context.actor.kind === "user") throw redirect(redirectTo);
  const notice = url.searchParams.get("notice");
  return { redirectTo, notice: notice === "password-saved" ? NOTICES[notice] : null };
}

/** Plain form POST: on success a 302 to `redirectTo` (same-site paths only) with the session cookie. */
export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  const redirectTo = safeRedirectPath(form.get("redirectTo"));
  try {
    const signedIn = await signIn(
      context.database.db,
      { email, password },
      { clientAddress: context.clientAddress, previousSessionToken: sessionTokenOf(request) },
    );
    const headers = new Headers();
    headers.append("Set-Cookie", sessionCookie(signedIn.token, signedIn.expiresAt, context.secure));
    return redirect(redirectTo, { headers });
  } catch (e) {
    const problems = formProblems(e, context.t);
    return data({ email, redirectTo, ...problems }, { status: problems.status });
  }
}

export default function Login() {
  const { t } = useT();
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const redirectTo = result?.redirectTo ?? loaded.redirectTo;
  const notice = loaded.notice;
  return (
    <>
      <title>{`${t("accounts:signIn.title")} · ${t("appName")}`}</title>
      <h1>{t("accounts:signIn.title")}</h1>
      {notice && !result ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      <p>{t("accounts:signIn.intro")}</p>
      <ErrorSummary message={result?.message} fields={result?.fields} />
      <Form method="post" className="stacked">
        <CsrfField />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field name="email" label={t("accounts:signIn.email")} error={result?.fields.email}>
          {(props) => (
            <input
              {...props}
              name="email"
              type="email"
              autoComplete="username"
              required
              defaultValue={result?.email ?? ""}
            />
          )}
        </Field>
        <Field name="password" label={t("accounts:signIn.password")} error={result?.fields.password}>
          {(props) => <input {...props} name="password" type="password" autoComplete="current-password" required />}
        </Field>
        <div>
          <button type="submit" className="primary">
            {t("accounts:signIn.submit")}
          </button>
        </div>
      </Form>
      <p>
        <a href="/password-reset">{t("accounts:signIn.forgot")}</a>
      </p>
    </>
  );
}
