import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie } from "hono/cookie";
import type { AppLoadContext } from "react-router";
import { type Actor, anonymous } from "~/auth/actor";
import { randomToken, safeEqual } from "~/auth/secrets";
import { SESSION_COOKIE, userForApiToken, userForSession } from "~/auth/session";
import { config } from "~/config/env";
import type { Database } from "~/db/client";
import { AppError } from "~/errors/app-error";
import { defaultLanguage, isLanguage, languageFromAcceptLanguage, translator } from "~/i18n/i18n";
import { createApi } from "./api";
import { apiDocs } from "./api-docs";
import type { AppEnv, RequestContext } from "./context";
import { CSRF_COOKIE, cookie, expiredCookie, LANGUAGE_COOKIE } from "./cookies";
import { errorResponse } from "./errors";

export type PageHandler = (request: Request, context: AppLoadContext) => Promise<Response>;

export type AppOptions = {
  database: Database;
  /** The React Router request handler (absent in API-only tests). */
  pages?: PageHandler;
  /** Folder of built client assets, served in production. */
  staticRoot?: string;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const MB = 1024 * 1024;
/** Request bodies are limited: 1 MB in general, 50 MB where a CSV file is imported. */
const LARGE_BODY_PATHS = [
  /^\/api\/v1\/organisations\/import$/,
  /^\/organisations\/import$/,
  // Membership applications carry PDFs of up to 10 MB each (checked per file by the service).
  /^\/api\/v1\/membership-applications$/,
  /^\/join\/apply$/,
  /^\/join\/applications\/[^/]+$/,
];

function limitBodies(): MiddlewareHandler<AppEnv> {
  const small = bodyLimit({
    maxSize: MB,
    onError: () => {
      throw new AppError("payload_too_large", "errors:payload_too_large", {}, { limit: "1 MB" });
    },
  });
  const large = bodyLimit({
    maxSize: 50 * MB,
    onError: () => {
      throw new AppError("payload_too_large", "errors:payload_too_large", {}, { limit: "50 MB" });
    },
  });
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const path = new URL(c.req.url).pathname;
    return LARGE_BODY_PATHS.some((p) => p.test(path)) ? large(c, next) : small(c, next);
  };
}

function isSecure(c: Context): boolean {
  const cfg = config();
  if (cfg.publicUrl?.startsWith("https:")) return true;
  if (cfg.trustProxy && c.req.header("x-forwarded-proto") === "https") return true;
  return new URL(c.req.url).protocol === "https:";
}

function clientAddress(c: Context): string {
  if (config().trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** Resolves who is calling, their language and their CSRF token. */
function requestContext(database: Database): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const secure = isSecure(c);
    let actor: Actor = anonymous;
    const authorization = c.req.header("authorization");
    let clearSession = false;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const user = match?.[1] ? await userForApiToken(database.db, match[1]) : undefined;
      if (!user) {
        c.set("ctx", baseContext(database, anonymous, c, secure, ""));
        throw new AppError("unauthenticated");
      }
      actor = { kind: "user", user, via: "token" };
    } else {
      const sessionToken = getCookie(c, SESSION_COOKIE);
      if (sessionToken) {
        const user = await userForSession(database.db, sessionToken);
        if (user) actor = { kind: "user", user, via: "session" };
        else clearSession = true;
      }
    }
    const byToken = actor.kind === "user" && actor.via === "token";
    let csrfToken = getCookie(c, CSRF_COOKIE) ?? "";
    // Calls with a bearer token carry no cookies and need no CSRF token.
    const newCsrf = !csrfToken && !byToken;
    if (newCsrf) csrfToken = randomToken(24);
    c.set("ctx", baseContext(database, actor, c, secure, csrfToken));
    await next();
    if (newCsrf) c.res.headers.append("Set-Cookie", cookie(CSRF_COOKIE, csrfToken, { secure }));
    if (clearSession) c.res.headers.append("Set-Cookie", expiredCookie(SESSION_COOKIE, secure));
  };
}

function baseContext(database: Database, actor: Actor, c: Context, secure: boolean, csrfToken: string): RequestContext {
  const fromUser = actor.kind === "user" ? actor.user.language : null;
  const fromCookie = getCookie(c, LANGUAGE_COOKIE);
  const language =
    fromUser ??
    (isLanguage(fromCookie) ? fromCookie : undefined) ??
    languageFromAcceptLanguage(c.req.header("accept-language")) ??
    defaultLanguage;
  let address: string | undefined;
  return {
    database,
    actor,
    language,
    t: translator(language),
    csrfToken,
    secure,
    // Read when needed (sign-in throttling): most requests never ask.
    get clientAddress() {
      address ??= clientAddress(c);
      return address;
    },
  };
}

/**
 * Every state-changing request made with cookies must carry the CSRF token, as the form field
 * `_csrf` or the `X-CSRF-Token` header. Bearer-token calls carry no cookies and are exempt.
 */
const csrfProtection: MiddlewareHandler<AppEnv> = async (c, next) => {
  const ctx = c.get("ctx");
  if (SAFE_METHODS.has(c.req.method) || (ctx.actor.kind === "user" && ctx.actor.via === "token")) return next();
  let submitted = c.req.header("x-csrf-token");
  if (!submitted) {
    const type = c.req.header("content-type") ?? "";
    if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
      try {
        const form = await c.req.raw.clone().formData();
        const value = form.get("_csrf");
        submitted = typeof value === "string" ? value : undefined;
      } catch {
        submitted = undefined;
      }
    }
  }
  const expected = getCookie(c, CSRF_COOKIE);
  if (!submitted || !expected || !safeEqual(submitted, expected)) {
    throw new AppError("forbidden", "errors:csrf");
  }
  return next();
};

export function createApp(options: AppOptions): OpenAPIHono<AppEnv> {
  const { database } = options;
  const app = new OpenAPIHono<AppEnv>();

  if (options.staticRoot) {
    const root = options.staticRoot;
    app.use(
      "/assets/*",
      serveStatic({
        root,
        onFound: (_path, c) => {
          c.header("Cache-Control", "public, max-age=31536000, immutable");
        },
      }),
    );
    app.use("/favicon.svg", serveStatic({ root }));
  }

  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    try {
      await database.query("select 1");
      return c.json({ status: "ready", database: database.kind });
    } catch {
      return c.json({ status: "unavailable", database: database.kind }, 503);
    }
  });

  app.route("/api/docs", apiDocs());

  app.use("*", async (c, next) => {
    await next();
    c.res.headers.set("X-Content-Type-Options", "nosniff");
    c.res.headers.set("Referrer-Policy", "same-origin");
    if (!c.res.headers.has("X-Frame-Options")) c.res.headers.set("X-Frame-Options", "DENY");
  });
  app.use("*", requestContext(database));
  app.use("*", limitBodies());
  app.use("*", csrfProtection);

  app.route("/api/v1", createApi());
  app.all("/api/*", () => {
    throw new AppError("not_found");
  });

  app.onError((err, c) => {
    if (new URL(c.req.url).pathname.startsWith("/api/") || !options.pages) return errorResponse(c, err);
    return pageErrorResponse(c, err);
  });

  if (options.pages) {
    const pages = options.pages;
    app.all("*", (c) => pages(c.req.raw, c.get("ctx")));
  }
  return app;
}

/** Errors that happen before a page is rendered (CSRF, bad token) as a small HTML page. */
function pageErrorResponse(c: Context<AppEnv>, err: unknown): Response {
  const response = errorResponse(c, err);
  const ctx = c.get("ctx") as RequestContext | undefined;
  const t = ctx?.t ?? translator("en");
  const status = response.status;
  const message = err instanceof AppError ? t(err.messageKey, err.values) : t("common:error.body");
  const lang = ctx?.language ?? "en";
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t("common:error.title"))}</title></head><body><main><h1>${escapeHtml(t("common:error.title"))}</h1><p>${escapeHtml(message)}</p><p><a href="/">${escapeHtml(t("common:nav.home"))}</a></p></main></body></html>`;
  return c.html(html, status as 400);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
