import type { TFunction } from "i18next";
import { data, redirect } from "react-router";
import type { Actor } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import { namesOf, referenceOptions } from "~/domains/organisations/ui/reference.server";
import { isAppError } from "~/errors/app-error";
import type { Language } from "~/i18n/i18n";
import type { Application } from "../contract";

export type PageProblem = { message: string; fields: Record<string, string> };

/**
 * A service error as a form shows it, in the reader's language: every field's problem. Access
 * errors become the sign-in redirect or the 403/404 page; anything unexpected propagates.
 */
export function pageProblem(e: unknown, t: TFunction, request: Request, actor: Actor): PageProblem {
  if (!isAppError(e) || e.code === "internal") throw e;
  if (e.code === "unauthenticated" || (e.code === "forbidden" && actor.kind === "anonymous")) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (e.code === "forbidden" || e.code === "not_found") throw data(null, { status: e.status });
  const fields: Record<string, string> = {};
  for (const [path, problem] of Object.entries(e.fields)) {
    const name = path.split(".")[0] || path;
    fields[name] ??= t(problem.key, problem.values ?? {});
  }
  return { message: t(e.messageKey, e.values), fields };
}

/** Loader errors: sign in, 403 or 404 page. */
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

/** The options of the application form, in the reader's language. */
export async function formOptions(db: DbOrTx, language: Language) {
  const options = await referenceOptions(db, language);
  return { countries: options.countries, types: options.types, areas: options.areas };
}

/** Code → name lookups for showing an application. */
export async function applicationNames(
  db: DbOrTx,
  language: Language,
  app: Pick<Application, "country" | "type" | "priorities">,
) {
  const names = namesOf(await referenceOptions(db, language));
  return {
    country: names.country.get(app.country) ?? app.country,
    type: names.type.get(app.type) ?? app.type,
    priorities: app.priorities.map((code) => names.priority.get(code) ?? code),
  };
}

/** A notice shown after a redirect (`?notice=…`), if it is one the page knows. */
export function noticeFrom<T extends string>(request: Request, known: readonly T[]): T | null {
  const notice = new URL(request.url).searchParams.get("notice");
  return notice && (known as readonly string[]).includes(notice) ? (notice as T) : null;
}
