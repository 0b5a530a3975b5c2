import { parse } from "hono/utils/cookie";
import { data, redirect } from "react-router";
import type { RequestContext } from "~/http/context";
import { cookie, expiredCookie } from "~/http/cookies";
import { SESSION_COOKIE } from "./session";

/** The session token a page request carries, if any. */
export function sessionTokenOf(request: Request): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  return parse(header, SESSION_COOKIE)[SESSION_COOKIE] || undefined;
}

/** The `Set-Cookie` value that starts a session in the browser (HttpOnly, SameSite=Lax, Secure behind HTTPS). */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const maxAgeSeconds = Math.max(0, Math.round((expiresAt.getTime() - Date.now()) / 1000));
  return cookie(SESSION_COOKIE, token, { secure, maxAgeSeconds });
}

export function endedSessionCookie(secure: boolean): string {
  return expiredCookie(SESSION_COOKIE, secure);
}

/**
 * Enforces a policy decision in a page loader: an anonymous visitor is sent to sign in (and
 * back here afterwards); a signed-in user who may not see the page gets a 403 page.
 */
export function requirePageAccess(context: RequestContext, request: Request, allowed: boolean): void {
  if (allowed) return;
  if (context.actor.kind === "anonymous") {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  throw data(null, { status: 403 });
}

/** The origin links in mails point to when PUBLIC_URL is not set: the request's, https behind HTTPS. */
export function requestOrigin(request: Request, context: RequestContext): string {
  const url = new URL(request.url);
  if (context.secure) url.protocol = "https:";
  return url.origin;
}
