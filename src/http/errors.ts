import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, type FieldProblem } from "~/errors/app-error";
import { translator } from "~/i18n/i18n";
import { logger } from "~/logging/logger";
import type { AppEnv } from "./context";

export type ErrorBody = { error: { code: string; message: string; fields: Record<string, string> } };

/** Translates field problems into the reader's language. */
export function translateFields(
  t: (key: string, values?: Record<string, unknown>) => string,
  fields: Record<string, FieldProblem>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, problem] of Object.entries(fields)) out[name] = t(problem.key, problem.values ?? {});
  return out;
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 413) return new AppError("payload_too_large", "errors:payload_too_large", {}, { limit: "?" });
    if (err.status === 415) return new AppError("unsupported_media_type");
    if (err.status === 401) return new AppError("unauthenticated");
    if (err.status === 403) return new AppError("forbidden");
    if (err.status === 404) return new AppError("not_found");
    if (err.status < 500) return new AppError("bad_request");
  }
  if (err instanceof SyntaxError) return new AppError("bad_request");
  return new AppError("internal");
}

/**
 * A request path as it may be logged: paths whose last part is a secret (a private calendar feed,
 * an applicant's private link, a password-reset link) keep their shape, not the secret.
 */
export function loggablePath(path: string): string {
  return path.replace(
    /^(\/api\/v1\/calendar\/|\/join\/applications\/|\/password-reset\/)(?!public\.ics$)[^/]+/,
    "$1[secret]",
  );
}

/** The one mapping from errors to the API's JSON error shape and status. */
export function errorResponse(c: Context<AppEnv>, err: unknown): Response {
  const appError = toAppError(err);
  if (appError.code === "internal") {
    logger.error("request failed", {
      method: c.req.method,
      path: loggablePath(new URL(c.req.url).pathname),
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      stack: err instanceof Error ? err.stack : undefined,
    });
  }
  const ctx = c.get("ctx") as AppEnv["Variables"]["ctx"] | undefined;
  const t = ctx?.t ?? translator("en");
  const body: ErrorBody = {
    error: {
      code: appError.code,
      message: t(appError.messageKey, appError.values),
      fields: translateFields(t, appError.fields),
    },
  };
  if (appError.code === "too_many_requests") {
    c.header("Retry-After", String((Number(appError.values.minutes) || 15) * 60));
  }
  return c.json(body, appError.status as 400);
}
