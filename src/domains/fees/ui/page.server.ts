import type { TFunction } from "i18next";
import { data, redirect } from "react-router";
import type { Actor } from "~/auth/actor";
import { type FieldProblem, isAppError } from "~/errors/app-error";

/**
 * An AppError as a fees page answers it: a visitor asked to sign in goes to the sign-in page,
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

/** Field problems in the reader's language, keyed by form field (`name` maps a service path to one). */
export function translateProblems(
  t: TFunction,
  fields: Record<string, FieldProblem>,
  name: (path: string) => string = (p) => p,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, problem] of Object.entries(fields)) out[name(path)] ??= t(problem.key, problem.values ?? {});
  return out;
}

/** A notice shown after a redirect (`?notice=saved`), if it is one the page knows. */
export function noticeFrom<T extends string>(request: Request, known: readonly T[]): T | null {
  const notice = new URL(request.url).searchParams.get("notice");
  return (known as readonly string[]).includes(notice ?? "") ? (notice as T) : null;
}
