import { redirect } from "react-router";
import { endedSessionCookie, sessionTokenOf } from "~/auth/page";
import { signOut } from "../service";
import type { Route } from "./+types/logout";

/** POST only (the app checks the CSRF token): ends the session, expires the cookie, goes home. */
export async function action({ request, context }: Route.ActionArgs) {
  await signOut(context.database.db, sessionTokenOf(request));
  const headers = new Headers();
  headers.append("Set-Cookie", endedSessionCookie(context.secure));
  return redirect("/", { headers });
}

/** Signing out is never a GET (a link or an image must not sign anyone out). */
export function loader() {
  return redirect("/");
}
