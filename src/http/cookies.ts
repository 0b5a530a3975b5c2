import { serialize } from "hono/utils/cookie";

export const LANGUAGE_COOKIE = "ponte_lang";
export const CSRF_COOKIE = "ponte_csrf";

type CookieOptions = { secure: boolean; maxAgeSeconds?: number; httpOnly?: boolean };

/** One place that decides cookie attributes: HttpOnly, SameSite=Lax, Secure behind HTTPS. */
export function cookie(name: string, value: string, opts: CookieOptions): string {
  return serialize(name, value, {
    path: "/",
    httpOnly: opts.httpOnly ?? true,
    sameSite: "Lax",
    secure: opts.secure,
    ...(opts.maxAgeSeconds !== undefined ? { maxAge: opts.maxAgeSeconds } : {}),
  });
}

export function expiredCookie(name: string, secure: boolean): string {
  return cookie(name, "", { secure, maxAgeSeconds: 0 });
}
