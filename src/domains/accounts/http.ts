import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { getCookie } from "hono/cookie";
import { SESSION_COOKIE } from "~/auth/session";
import type { AppEnv } from "~/http/context";
import { cookie, expiredCookie } from "~/http/cookies";
import { pickErrors } from "~/http/openapi";
import { Account, SignInInput } from "./contract";
import { ownAccount, signIn, signOut } from "./service";

const tags = ["accounts"];

const csrfNote =
  "Browsers and other cookie clients send the `X-CSRF-Token` header with the value of the `ponte_csrf` cookie, which any earlier response sets.";

const loginRoute = createRoute({
  method: "post",
  path: "/auth/login",
  tags,
  summary: "Sign in with e-mail and password",
  description: `Starts a session: the response sets the \`ponte_session\` cookie (HttpOnly, SameSite=Lax). Wrong credentials answer 401 without telling whether the account exists; after 5 failures for one e-mail address or 20 from one client address within 15 minutes, 429. ${csrfNote}`,
  security: [],
  request: { body: { required: true, content: { "application/json": { schema: SignInInput } } } },
  responses: {
    200: {
      description: "Signed in; the session cookie is set",
      content: { "application/json": { schema: z.object({ user: Account }) } },
    },
    ...pickErrors(400, 401, 403, 422, 429),
  },
});

const logoutRoute = createRoute({
  method: "post",
  path: "/auth/logout",
  tags,
  summary: "Sign out",
  description: `Ends the session of the \`ponte_session\` cookie and expires the cookie. ${csrfNote}`,
  responses: { 204: { description: "Signed out" }, ...pickErrors(403) },
});

const meRoute = createRoute({
  method: "get",
  path: "/me",
  tags,
  summary: "The caller's own account",
  responses: {
    200: { description: "The signed-in account", content: { "application/json": { schema: Account } } },
    ...pickErrors(401),
  },
});

export function registerAccountsApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(loginRoute, async (c) => {
    const ctx = c.get("ctx");
    const signedIn = await signIn(ctx.database.db, c.req.valid("json"), {
      clientAddress: ctx.clientAddress,
      previousSessionToken: getCookie(c, SESSION_COOKIE),
    });
    const maxAgeSeconds = Math.max(0, Math.round((signedIn.expiresAt.getTime() - Date.now()) / 1000));
    c.header("Set-Cookie", cookie(SESSION_COOKIE, signedIn.token, { secure: ctx.secure, maxAgeSeconds }), {
      append: true,
    });
    return c.json({ user: ownAccount({ kind: "user", user: signedIn.user, via: "session" }) }, 200);
  });

  api.openapi(logoutRoute, async (c) => {
    const ctx = c.get("ctx");
    await signOut(ctx.database.db, getCookie(c, SESSION_COOKIE));
    c.header("Set-Cookie", expiredCookie(SESSION_COOKIE, ctx.secure), { append: true });
    return c.body(null, 204);
  });

  api.openapi(meRoute, (c) => c.json(ownAccount(c.get("ctx").actor), 200));
}
