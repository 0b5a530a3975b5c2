import type { TFunction } from "i18next";
import { data, redirect } from "react-router";
import type { Actor } from "~/auth/actor";
import { type AppError, isAppError } from "~/errors/app-error";

/**
 * An AppError as an invoice page answers it: a visitor asked to sign in goes to the sign-in page,
 * `forbidden` and `not_found` become the 403 and 404 pages; anything else propagates.
 */
export function pageError(e: unknown, request: Request, actor: Actor): never {
  if (isAppError(e)) {
    if (e.code === "unauthenticated" || (e.code === "forbidden" && actor.kind === "anonymous")) {
      const url = new URL(request.url);
      throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
    }
    if (e.code === "forbidden" || e.code === "not_found") throw data(null, { status: e.status });
  }
  throw e;
}

/** What a failed form shows: a message and each field's problem, in the reader's language. */
export type FormProblem = { message: string; fields: Record<string, string> };

/**
 * A service's refusal as the form shows it: validation and conflict errors become a message and
 * field problems (`name` maps a service path to a form field); access errors become the 403/404
 * page or the sign-in page; anything else propagates.
 */
export function formProblem(
  e: unknown,
  t: TFunction,
  request: Request,
  actor: Actor,
  name: (path: string) => string = (p) => p.split(".")[0] || p,
): FormProblem {
  if (!isAppError(e)) throw e;
  if (e.code === "forbidden" || e.code === "not_found" || e.code === "unauthenticated") pageError(e, request, actor);
  if (e.code !== "validation" && e.code !== "conflict") throw e;
  return { message: t(e.messageKey, e.values), fields: translateFields(t, e, name) };
}

function translateFields(t: TFunction, e: AppError, name: (path: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, problem] of Object.entries(e.fields)) out[name(path)] ??= t(problem.key, problem.values ?? {});
  return out;
}

/** A notice shown after a redirect (`?notice=saved`), if it is one the page knows. */
export function noticeFrom<T extends string>(request: Request, known: readonly T[]): T | null {
  const notice = new URL(request.url).searchParams.get("notice");
  return (known as readonly string[]).includes(notice ?? "") ? (notice as T) : null;
}
