import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, anonymous, system } from "~/auth/actor";
import { createSession, userForSession } from "~/auth/session";
import { config, setConfig } from "~/config/env";
import { createOrganisation } from "~/domains/organisations/service";
import type { RequestContext } from "~/http/context";
import { type Language, translator } from "~/i18n/i18n";
import { createTestDatabase, type TestDatabase } from "~/testing/database";
import { createTestApp } from "~/testing/http";
import { passwordResets } from "./schema";
import { createUser, listOutbox, revokeApiToken } from "./service";
import * as loginPage from "./ui/login";
import * as logoutPage from "./ui/logout";
import * as outboxPage from "./ui/outbox";
import * as resetConfirmPage from "./ui/reset-confirm";
import * as resetRequestPage from "./ui/reset-request";

let database: TestDatabase;
let http: ReturnType<typeof createTestApp>;
const PASSWORD = "correct horse battery staple";
const baseConfig = config();

beforeAll(async () => {
  database = await createTestDatabase({ places: false });
  http = createTestApp(database);
  // Behind a proxy the client address comes from X-Forwarded-For: each test uses its own.
  setConfig({ ...baseConfig, trustProxy: true, publicUrl: undefined });
});
afterAll(async () => {
  setConfig(baseConfig);
  await database?.close();
});

let counter = 0;
/** A fresh account with a password; `language` null means "no preference". */
async function buildUser(
  options: { role?: "secretariat" | "board" | "expert"; language?: Language | null; password?: string | null } = {},
) {
  counter += 1;
  const email = `person${counter}@sern.example`;
  const user = await createUser(database.db, system("test"), {
    email,
    name: `Person ${counter}`,
    role: options.role ?? "expert",
    language: options.language ?? null,
    password: options.password === undefined ? PASSWORD : options.password,
  });
  return { ...user, email };
}

// ---- the JSON API -------------------------------------------------------------------------

/** Like a browser: a first GET hands out the CSRF cookie, which state-changing calls echo. */
async function csrf(address: string): Promise<{ cookie: string; token: string }> {
  const res = await http.request("/api/v1/me", { headers: { "x-forwarded-for": address } });
  const match = /ponte_csrf=([^;]+)/.exec(res.headers.get("set-cookie") ?? "");
  const token = match?.[1] ?? "";
  return { cookie: `ponte_csrf=${token}`, token };
}

async function apiLogin(email: string, password: string, address: string, origin = "http://localhost") {
  const { cookie, token } = await csrf(address);
  return http.request(`${origin}/api/v1/auth/login`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      cookie,
      "x-csrf-token": token,
      "x-forwarded-for": address,
      "accept-language": "en",
    },
    body: JSON.stringify({ email, password }),
  });
}

function sessionFrom(res: Response): string {
  return /ponte_session=([^;]*)/.exec(res.headers.get("set-cookie") ?? "")?.[1] ?? "";
}

describe("signing in through the API", () => {
  it("starts a session in an HttpOnly, SameSite=Lax cookie and tells who signed in", async () => {
    const user = await buildUser({ role: "board", language: "sv" });
    const res = await apiLogin(user.email.toUpperCase(), PASSWORD, "198.51.100.1");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.user).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
      role: "board",
      organisationId: null,
      language: "sv",
    });
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/ponte_session=[^;]+;.*HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);

    const me = await http.request("/api/v1/me", { headers: { cookie: `ponte_session=${sessionFrom(res)}` } });
    expect(me.status).toBe(200);
    expect((await me.json()).email).toBe(user.email);
  });

  it("marks the session cookie Secure over HTTPS", async () => {
    const user = await buildUser();
    const res = await apiLogin(user.email, PASSWORD, "198.51.100.2", "https://ponte.example");
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/ponte_session=[^;]+;.*Secure/);
  });

  it("answers a wrong password and an unknown e-mail alike, with 401", async () => {
    const user = await buildUser();
    const wrong = await apiLogin(user.email, "not the password", "198.51.100.3");
    const unknown = await apiLogin("nobody@sern.example", PASSWORD, "198.51.100.3");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const body = await wrong.json();
    expect(body).toEqual(await unknown.json());
    expect(body.error.message).toBe("The e-mail address or the password is not correct.");
    expect(wrong.headers.get("set-cookie") ?? "").not.toMatch(/ponte_session=[^;]/);
  });

  it("refuses a sign-in without the CSRF token", async () => {
    const user = await buildUser();
    const res = await http.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: "ponte_csrf=abc" },
      body: JSON.stringify({ email: user.email, password: PASSWORD }),
    });
    expect(res.status).toBe(403);
  });

  it("names missing fields with 422", async () => {
    const { cookie, token } = await csrf("198.51.100.4");
    const res = await http.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "x-csrf-token": token },
      body: JSON.stringify({ email: "" }),
    });
    expect(res.status).toBe(422);
    expect(Object.keys((await res.json()).error.fields).sort()).toEqual(["email", "password"]);
  });

  it("answers 429 after 5 failures for one e-mail, even with the right password", async () => {
    const user = await buildUser();
    for (let i = 0; i < 5; i++) {
      // Different addresses: only the e-mail's counter reaches its limit.
      expect((await apiLogin(user.email, `wrong ${i}`, `198.51.101.${i}`)).status).toBe(401);
    }
    const res = await apiLogin(user.email, PASSWORD, "198.51.101.99");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("900");
    expect((await res.json()).error.message).toMatch(/Too many failed sign-in attempts/);
    // Another account is not affected.
    const other = await buildUser();
    expect((await apiLogin(other.email, PASSWORD, "198.51.101.99")).status).toBe(200);
  });

  it("answers 429 after 20 failures from one client address, whatever the e-mail", async () => {
    const address = "198.51.102.1";
    for (let i = 0; i < 20; i++) {
      expect((await apiLogin(`guess${i}@sern.example`, "guess", address)).status).toBe(401);
    }
    const user = await buildUser();
    expect((await apiLogin(user.email, PASSWORD, address)).status).toBe(429);
    expect((await apiLogin(user.email, PASSWORD, "198.51.102.2")).status).toBe(200);
  });

  it("documents sign-in, sign-out, /me and the audit log in the OpenAPI document", async () => {
    const doc = await (await http.request("/api/v1/openapi.json")).json();
    expect(doc.paths["/auth/login"].post.requestBody.content["application/json"].schema).toBeDefined();
    expect(Object.keys(doc.paths["/auth/login"].post.responses)).toEqual(
      expect.arrayContaining(["200", "401", "422", "429"]),
    );
    expect(doc.paths["/auth/logout"].post).toBeDefined();
    expect(doc.paths["/me"].get.responses["200"]).toBeDefined();
    const auditParameters = doc.paths["/audit"].get.parameters.map((p: { name: string }) => p.name);
    expect(auditParameters).toEqual(
      expect.arrayContaining(["actor", "action", "entityType", "entityId", "from", "to"]),
    );
  });

  it("tells an anonymous caller of /me to sign in (401)", async () => {
    const res = await http.request("/api/v1/me");
    expect(res.status).toBe(401);
  });

  it("signs out: the session ends and the cookie expires", async () => {
    const user = await buildUser();
    const login = await apiLogin(user.email, PASSWORD, "198.51.100.5");
    const session = sessionFrom(login);
    const { token } = await csrf("198.51.100.5");
    const cookie = `ponte_session=${session}; ponte_csrf=${token}`;
    const withoutCsrf = await http.request("/api/v1/auth/logout", { method: "POST", headers: { cookie } });
    expect(withoutCsrf.status).toBe(403);
    const res = await http.request("/api/v1/auth/logout", {
      method: "POST",
      headers: { cookie, "x-csrf-token": token },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toMatch(/ponte_session=;.*Max-Age=0/);
    expect(await userForSession(database.db, session)).toBeUndefined();
    const me = await http.request("/api/v1/me", { headers: { cookie: `ponte_session=${session}` } });
    expect(me.status).toBe(401);
  });
});

describe("accounts and API tokens", () => {
  it("accepts a bearer token and refuses it once revoked", async () => {
    const { headers, user } = await http.actAs("board");
    const me = await http.request("/api/v1/me", { headers });
    expect(me.status).toBe(200);
    expect((await me.json()).id).toBe(user.id);

    const tokens = await database.query<{ id: string }>("select id from api_tokens where user_id = $1", [user.id]);
    await revokeApiToken(database.db, system("test"), { id: tokens[0]?.id });
    const after = await http.request("/api/v1/me", { headers });
    expect(after.status).toBe(401);
  });

  it("binds a member contact to an organisation that exists, and names the field otherwise", async () => {
    const org = await createOrganisation(database.db, system("test"), {
      name: "Comune di Forlì",
      country: "IT",
      type: "municipality",
    });
    const contact = await createUser(database.db, system("test"), {
      email: "contact@forli.example",
      name: "Contact",
      role: "member_contact",
      organisationId: org.id,
    });
    expect(contact.organisationId).toBe(org.id);
    await expect(
      createUser(database.db, system("test"), {
        email: "ghost@sern.example",
        name: "Ghost",
        role: "member_contact",
        organisationId: "00000000-0000-4000-8000-000000000000",
      }),
    ).rejects.toMatchObject({ code: "validation", fields: { organisationId: { key: "errors:not_found" } } });
  });

  it("lets only the secretariat and the system create accounts", async () => {
    const { user } = await http.actAs("board");
    const board: Actor = { kind: "user", user, via: "token" };
    await expect(
      createUser(database.db, board, { email: "new@sern.example", name: "New", role: "expert" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      createUser(database.db, anonymous, { email: "new@sern.example", name: "New", role: "expert" }),
    ).rejects.toMatchObject({ code: "unauthenticated" });
  });
});

// ---- the pages, called as React Router calls them -------------------------------------------

function pageContext(actor: Actor, over: Partial<RequestContext> = {}): RequestContext {
  const language = over.language ?? "en";
  return {
    database,
    actor,
    language,
    t: translator(language),
    csrfToken: "csrf",
    secure: false,
    clientAddress: "192.0.2.1",
    ...over,
  };
}

type Outcome = { status: number; location: string | null; setCookie: string | null; data: unknown };

/** Runs a loader or action and reports what the browser would get: status, redirect, cookie, data. */
async function settle(run: () => unknown): Promise<Outcome> {
  let value: unknown;
  try {
    value = await run();
  } catch (e) {
    value = e;
  }
  if (value instanceof Response) {
    return {
      status: value.status,
      location: value.headers.get("location"),
      setCookie: value.headers.get("set-cookie"),
      data: undefined,
    };
  }
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const { data, init } = value as { data: unknown; init: ResponseInit | null };
    return {
      status: init?.status ?? 200,
      location: null,
      setCookie: new Headers(init?.headers).get("set-cookie"),
      data,
    };
  }
  if (value instanceof Error) throw value;
  return { status: 200, location: null, setCookie: null, data: value };
}

function post(path: string, fields: Record<string, string>, cookie?: string): Request {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams({ _csrf: "csrf", ...fields }),
  });
}

type Args<F> = F extends (args: infer A) => unknown ? A : never;
const args = <F>(_f: F, a: { request: Request; context: RequestContext; params?: Record<string, string> }) =>
  ({ params: {}, ...a }) as unknown as Args<F>;

describe("the sign-in page", () => {
  it("signs in with a plain form POST and redirects (302) to the same-site page asked for", async () => {
    const user = await buildUser();
    const request = post("/login", { email: user.email, password: PASSWORD, redirectTo: "/organisations?q=forli" });
    const out = await settle(() =>
      loginPage.action(args(loginPage.action, { request, context: pageContext(anonymous) })),
    );
    expect(out.status).toBe(302);
    expect(out.location).toBe("/organisations?q=forli");
    expect(out.setCookie).toMatch(/ponte_session=[^;]+;.*HttpOnly.*SameSite=Lax/);
    const token = /ponte_session=([^;]+)/.exec(out.setCookie ?? "")?.[1] ?? "";
    expect((await userForSession(database.db, token))?.id).toBe(user.id);
  });

  it("never redirects to another site after signing in", async () => {
    const user = await buildUser();
    const request = post("/login", { email: user.email, password: PASSWORD, redirectTo: "//evil.example/x" });
    const out = await settle(() =>
      loginPage.action(args(loginPage.action, { request, context: pageContext(anonymous, { secure: true }) })),
    );
    expect(out.location).toBe("/");
    expect(out.setCookie).toMatch(/Secure/);
  });

  it("shows a generic, translated error for wrong credentials and keeps the e-mail", async () => {
    const user = await buildUser();
    const request = post("/login", { email: user.email, password: "wrong password" });
    const out = await settle(() =>
      loginPage.action(args(loginPage.action, { request, context: pageContext(anonymous, { language: "sv" }) })),
    );
    expect(out.status).toBe(401);
    expect(out.data).toMatchObject({ email: user.email, message: "E-postadressen eller lösenordet är inte rätt." });
  });

  it("answers 429 with the translated message when throttled", async () => {
    const user = await buildUser();
    const context = pageContext(anonymous, { language: "it", clientAddress: "192.0.2.77" });
    for (let i = 0; i < 5; i++) {
      const request = post("/login", { email: user.email, password: `wrong ${i}` });
      expect((await settle(() => loginPage.action(args(loginPage.action, { request, context })))).status).toBe(401);
    }
    const request = post("/login", { email: user.email, password: PASSWORD });
    const out = await settle(() => loginPage.action(args(loginPage.action, { request, context })));
    expect(out.status).toBe(429);
    expect((out.data as { message: string }).message).toMatch(/^Troppi tentativi di accesso non riusciti\. Attendi 15/);
  });

  it("sends a signed-in visitor on to where they wanted to go", async () => {
    const user = await buildUser();
    const request = new Request("http://localhost/login?redirectTo=%2Fadmin%2Faudit");
    const out = await settle(() =>
      loginPage.loader(
        args(loginPage.loader, { request, context: pageContext({ kind: "user", user, via: "session" }) }),
      ),
    );
    expect(out.status).toBe(302);
    expect(out.location).toBe("/admin/audit");
  });

  it("signs out with POST /logout: session ended, cookie expired, back home", async () => {
    const user = await buildUser();
    const session = await createSession(database.db, user.id, 1);
    const request = post("/logout", {}, `ponte_session=${session.token}; ponte_csrf=csrf`);
    const out = await settle(() =>
      logoutPage.action(
        args(logoutPage.action, { request, context: pageContext({ kind: "user", user, via: "session" }) }),
      ),
    );
    expect(out.status).toBe(302);
    expect(out.location).toBe("/");
    expect(out.setCookie).toMatch(/ponte_session=;.*Max-Age=0/);
    expect(await userForSession(database.db, session.token)).toBeUndefined();
    // A GET never signs anyone out.
    const get = await settle(() => logoutPage.loader());
    expect(get.location).toBe("/");
  });
});

describe("password reset by e-mailed one-time link", () => {
  async function outboxFor(email: string) {
    const { user: secretariat } = await http.actAs("secretariat");
    const { items } = await listOutbox(
      database.db,
      { kind: "user", user: secretariat, via: "token" },
      { pageSize: 200 },
    );
    return items.filter((m) => m.to === email);
  }

  function linkIn(text: string): { url: string; token: string } {
    const url = /(https?:\/\/\S+\/password-reset\/(\S+))/.exec(text);
    return { url: url?.[1] ?? "", token: url?.[2] ?? "" };
  }

  async function requestReset(email: string, language: Language = "en") {
    const request = post("/password-reset", { email });
    return settle(() =>
      resetRequestPage.action(
        args(resetRequestPage.action, { request, context: pageContext(anonymous, { language }) }),
      ),
    );
  }

  async function setPassword(token: string, password: string, passwordConfirm = password) {
    const request = post(`/password-reset/${token}`, { password, passwordConfirm });
    return settle(() =>
      resetConfirmPage.action(
        args(resetConfirmPage.action, { request, context: pageContext(anonymous), params: { token } }),
      ),
    );
  }

  async function linkState(token: string) {
    const request = new Request(`http://localhost/password-reset/${token}`);
    return settle(() =>
      resetConfirmPage.loader(
        args(resetConfirmPage.loader, { request, context: pageContext(anonymous), params: { token } }),
      ),
    );
  }

  it("mails a link in the account's language, sets the new password once, and ends other sessions", async () => {
    const user = await buildUser({ language: "it" });
    const otherSession = await createSession(database.db, user.id, 1);

    const asked = await requestReset(user.email.toUpperCase(), "sv");
    expect(asked.status).toBe(200);
    expect(asked.data).toMatchObject({ sent: true });

    const mails = await outboxFor(user.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail).toMatchObject({ kind: "password_reset", language: "it", status: "outbox" });
    expect(mail?.subject).toBe("Scegli una nuova password per Ponte");
    const link = linkIn(mail?.text ?? "");
    expect(link.url).toBe(`http://localhost/password-reset/${link.token}`);
    const stored = await database.db.select().from(passwordResets).where(eq(passwordResets.userId, user.id));
    expect(stored[0]?.tokenHash).not.toBe(link.token);
    const validFor = (stored[0]?.expiresAt.getTime() ?? 0) - Date.now();
    expect(validFor).toBeGreaterThan(59 * 60_000);
    expect(validFor).toBeLessThanOrEqual(60 * 60_000);

    expect((await linkState(link.token)).data).toEqual({ problem: null, firstPassword: false });

    const mismatch = await setPassword(link.token, "a brand new password", "another password!");
    expect(mismatch.status).toBe(422);
    expect(mismatch.data).toMatchObject({ fields: { passwordConfirm: "The two passwords are not the same." } });
    const short = await setPassword(link.token, "short");
    expect(short.status).toBe(422);
    expect(short.data).toMatchObject({ fields: { password: "The password must be at least 10 characters." } });

    const done = await setPassword(link.token, "a brand new password");
    expect(done.status).toBe(302);
    expect(done.location).toBe("/login?notice=password-saved");
    expect(await userForSession(database.db, otherSession.token)).toBeUndefined();

    expect((await apiLogin(user.email, PASSWORD, "198.51.103.1")).status).toBe(401);
    expect((await apiLogin(user.email, "a brand new password", "198.51.103.1")).status).toBe(200);

    const again = await setPassword(link.token, "yet another password");
    expect(again.status).toBe(410);
    expect(again.data).toMatchObject({ problem: "used" });
    expect((await linkState(link.token)).status).toBe(410);
    expect((await apiLogin(user.email, "yet another password", "198.51.103.1")).status).toBe(401);

    const login = await settle(() =>
      loginPage.loader(
        args(loginPage.loader, {
          request: new Request("http://localhost/login?notice=password-saved"),
          context: pageContext(anonymous),
        }),
      ),
    );
    expect(login.data).toMatchObject({ notice: "accounts:signIn.passwordChanged" });
  });

  it("answers the same for an unknown e-mail, and mails nothing", async () => {
    const asked = await requestReset("nobody-here@sern.example");
    expect(asked.status).toBe(200);
    expect(asked.data).toMatchObject({ sent: true });
    expect(await outboxFor("nobody-here@sern.example")).toHaveLength(0);
  });

  it("writes in the page's language when the account has none, and links to PUBLIC_URL when set", async () => {
    const user = await buildUser({ language: null });
    setConfig({ ...config(), publicUrl: "https://ponte.sern.example/" });
    try {
      await requestReset(user.email, "sv");
    } finally {
      setConfig({ ...config(), publicUrl: undefined });
    }
    const [mail] = await outboxFor(user.email);
    expect(mail?.subject).toBe("Välj ett nytt lösenord för Ponte");
    expect(linkIn(mail?.text ?? "").url).toMatch(/^https:\/\/ponte\.sern\.example\/password-reset\/[\w-]+$/);
  });

  it("shows clear messages for unknown and expired links", async () => {
    const unknown = await linkState("not-a-real-token");
    expect(unknown.status).toBe(404);
    expect(unknown.data).toMatchObject({ problem: "invalid" });

    const user = await buildUser();
    await requestReset(user.email);
    const [mail] = await outboxFor(user.email);
    const { token } = linkIn(mail?.text ?? "");
    await database.db
      .update(passwordResets)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResets.userId, user.id));
    const expired = await linkState(token);
    expect(expired.status).toBe(410);
    expect(expired.data).toMatchObject({ problem: "expired" });
    expect((await setPassword(token, "a brand new password")).data).toMatchObject({ problem: "expired" });
    expect((await apiLogin(user.email, PASSWORD, "198.51.103.2")).status).toBe(200);
  });

  it("lets an invited account (no password yet) choose its first password through the same page", async () => {
    counter += 1;
    const email = `invited${counter}@sern.example`;
    const invited = await createUser(
      database.db,
      system("test"),
      { email, name: "Invited Person", role: "expert", language: "sv" },
      { inviteBaseUrl: "http://ponte.test" },
    );
    expect(invited.invitation).toBe("outbox");
    const [mail] = await outboxFor(email);
    expect(mail).toMatchObject({ kind: "invite", subject: "Ditt konto i Ponte" });
    const { token, url } = linkIn(mail?.text ?? "");
    expect(url.startsWith("http://ponte.test/password-reset/")).toBe(true);
    expect((await apiLogin(email, "anything at all", "198.51.103.3")).status).toBe(401);
    expect((await linkState(token)).data).toEqual({ problem: null, firstPassword: true });
    expect((await setPassword(token, "my very first password")).status).toBe(302);
    expect((await apiLogin(email, "my very first password", "198.51.103.3")).status).toBe(200);
  });
});

describe("the outbox page", () => {
  it("is for the secretariat: others get 403, anonymous visitors are sent to sign in", async () => {
    const request = new Request("http://localhost/admin/outbox");
    const { user: board } = await http.actAs("board");
    const forbidden = await settle(() =>
      outboxPage.loader(
        args(outboxPage.loader, { request, context: pageContext({ kind: "user", user: board, via: "session" }) }),
      ),
    );
    expect(forbidden.status).toBe(403);
    const anon = await settle(() =>
      outboxPage.loader(args(outboxPage.loader, { request, context: pageContext(anonymous) })),
    );
    expect(anon.status).toBe(302);
    expect(anon.location).toBe("/login?redirectTo=%2Fadmin%2Foutbox");

    const { user: secretariat } = await http.actAs("secretariat");
    const user = await buildUser();
    const asked = post("/password-reset", { email: user.email });
    await resetRequestPage.action(args(resetRequestPage.action, { request: asked, context: pageContext(anonymous) }));
    const ok = await settle(() =>
      outboxPage.loader(
        args(outboxPage.loader, { request, context: pageContext({ kind: "user", user: secretariat, via: "session" }) }),
      ),
    );
    expect(ok.status).toBe(200);
    const page = ok.data as { items: { to: string; text: string }[]; total: number };
    expect(page.items[0]?.to).toBe(user.email);
    expect(page.items[0]?.text).toMatch(/\/password-reset\//);
    expect(page.total).toBeGreaterThanOrEqual(page.items.length);
  });
});
