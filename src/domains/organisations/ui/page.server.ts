import type { TFunction } from "i18next";
import { data, redirect } from "react-router";
import type { Actor } from "~/auth/actor";
import { isAppError } from "~/errors/app-error";
import {
  canCreateOrganisation,
  canExportOrganisations,
  canImportOrganisations,
  publicStatuses,
  visibleStatuses,
} from "../policy";

/**
 * Turns a service's AppError into the page's answer: an anonymous visitor is sent to sign in,
 * `forbidden` becomes the 403 page, `not_found` the 404 page. Anything else propagates.
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

/** What a failed form submission shows: a message, each field's problem, and whether the record was stale. */
export type FormProblem = {
  message: string;
  fields: Record<string, string>;
  stale: boolean;
};

/** The form field a service's field path belongs to: `workingLanguages.1` → `workingLanguages`. */
export function formFieldOf(path: string): string {
  return path.split(".")[0] || path;
}

/**
 * A service error as the form shows it, in the reader's language. Validation and conflict errors
 * name their fields (a select left at "Choose…" fails as "not one of the options": the user reads
 * "required"); a version mismatch asks to reload. Access errors become the 403/404 page.
 */
export function formProblem(
  e: unknown,
  t: TFunction,
  request: Request,
  actor: Actor,
  /** What the user submitted: a problem with a field left empty is "this field is required". */
  submitted: Record<string, unknown> = {},
): FormProblem {
  if (!isAppError(e)) throw e;
  if (e.code === "precondition_failed" || e.code === "precondition_required") {
    return { message: t("organisations:form.conflict"), fields: {}, stale: true };
  }
  if (e.code === "forbidden" || e.code === "not_found" || e.code === "unauthenticated") pageError(e, request, actor);
  if (e.code === "internal") throw e;
  const fields: Record<string, string> = {};
  for (const [path, problem] of Object.entries(e.fields)) {
    const name = formFieldOf(path);
    const value = submitted[name];
    const empty = typeof value === "string" && value.trim() === "";
    fields[name] ??= empty ? t("errors:field.required") : t(problem.key, problem.values ?? {});
  }
  return { message: t(e.messageKey, e.values), fields, stale: false };
}

/** The status a failed form answers with. */
export function problemStatus(problem: FormProblem): number {
  return problem.stale ? 412 : 422;
}

/** A notice shown after a redirect (`?notice=saved`), if it is one the pages know. */
export function noticeFrom(request: Request, known: readonly string[]): string | null {
  const notice = new URL(request.url).searchParams.get("notice");
  return notice && known.includes(notice) ? notice : null;
}

/** Which directory-wide actions the page offers (the services enforce the same policy). */
export function directoryActions(actor: Actor): { create: boolean; import: boolean; export: boolean; staff: boolean } {
  return {
    create: canCreateOrganisation(actor),
    import: canImportOrganisations(actor),
    export: canExportOrganisations(actor),
    staff: visibleStatuses(actor).length > publicStatuses.length,
  };
}
