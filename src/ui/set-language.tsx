import { redirect } from "react-router";
import { setOwnLanguage } from "~/domains/accounts/service";
import { cookie, LANGUAGE_COOKIE } from "~/http/cookies";
import { isLanguage } from "~/i18n/i18n";
import type { Route } from "./+types/set-language";
import { safeRedirectPath } from "./redirect";

/** The language switcher: remembers the choice in a cookie (and on the account, if signed in). */
export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const language = form.get("language");
  const to = safeRedirectPath(form.get("redirectTo"));
  if (!isLanguage(language)) return redirect(to);
  const headers = new Headers();
  headers.append(
    "Set-Cookie",
    cookie(LANGUAGE_COOKIE, language, { secure: context.secure, maxAgeSeconds: 31_536_000 }),
  );
  if (context.actor.kind === "user") {
    await setOwnLanguage(context.database.db, context.actor, language);
  }
  return redirect(to, { headers });
}

export function loader() {
  return redirect("/");
}
