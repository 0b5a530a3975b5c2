/**
 * The server's side shared by the projects' pages: how a service's refusal becomes the page's
 * answer, and the reference data the forms and lists show in the reader's language (programmes
 * with their actions, priorities by area, organisations, countries, types of organisation).
 */
import type { TFunction } from "i18next";
import { data, redirect } from "react-router";
import type { Actor } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import { listOrganisations } from "~/domains/organisations/service";
import { listCountries, listOrganisationTypes, listPriorities, listThematicAreas } from "~/domains/reference/service";
import { isAppError } from "~/errors/app-error";
import type { Language } from "~/i18n/i18n";
import { localized } from "~/i18n/localized";
import { listFundingProgrammes } from "../programmes";

/** A refusal as a page answers it: sign in first, or the 403/404 page; anything else propagates. */
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

/** What a refused form shows: a message, each field's problem, whether the project changed meanwhile. */
export type FormProblem = { message: string; fields: Record<string, string>; stale: boolean };

/**
 * A service's refusal as the form shows it, in the reader's language. `name` maps the service's
 * field path to the form's field (the id its error summary links to); `override` replaces the
 * service's words for a field (an amount the form could not read is "not a number" to the service).
 * A field refused as not editable (403 naming fields) is shown on the form; other access errors
 * become the sign-in, 403 or 404 page.
 */
export function formProblem(
  e: unknown,
  t: TFunction,
  request: Request,
  actor: Actor,
  name: (path: string) => string = (p) => p.split(".")[0] || p,
  override: Record<string, string> = {},
): FormProblem {
  if (!isAppError(e)) throw e;
  if (e.code === "precondition_failed" || e.code === "precondition_required") {
    return { message: t("projects:ui.form.stale"), fields: {}, stale: true };
  }
  const namesFields = e.code === "forbidden" && Object.keys(e.fields).length > 0 && actor.kind === "user";
  if (!namesFields && e.code !== "validation" && e.code !== "conflict") pageError(e, request, actor);
  const fields: Record<string, string> = {};
  for (const [path, problem] of Object.entries(e.fields)) {
    const field = name(path);
    fields[field] ??= override[field] ?? t(problem.key, problem.values ?? {});
  }
  return { message: t(e.messageKey, e.values), fields, stale: false };
}

/** A notice shown after a redirect (`?notice=saved`), if it is one the page knows. */
export function noticeFrom<T extends string>(request: Request, known: readonly T[]): T | null {
  const notice = new URL(request.url).searchParams.get("notice");
  return (known as readonly string[]).includes(notice ?? "") ? (notice as T) : null;
}

export type Option = { code: string; name: string };
export type ProgrammeOption = Option & { active: boolean; actions: Option[] };
export type AreaOption = Option & { priorities: Option[] };

/** The funding programmes with their actions, in the configured order. */
export async function programmeOptions(db: DbOrTx, language: Language): Promise<ProgrammeOption[]> {
  return (await listFundingProgrammes(db)).map((p) => ({
    code: p.code,
    name: localized(p.names, language),
    active: p.active,
    actions: p.actions.map((a) => ({ code: a.code, name: localized(a.names, language) })),
  }));
}

/** The thematic areas with their priorities. */
export async function areaOptions(db: DbOrTx, language: Language): Promise<AreaOption[]> {
  const [areas, priorities] = await Promise.all([listThematicAreas(db), listPriorities(db)]);
  return areas.map((a) => ({
    code: a.code,
    name: localized(a.names, language),
    priorities: priorities
      .filter((p) => p.areaCode === a.code)
      .map((p) => ({ code: p.code, name: localized(p.names, language) })),
  }));
}

/**
 * The organisations of the directory a project can name (initiator, lead, partner, member filter):
 * members first, then partner organisations, each by name, as far as the actor may see them.
 */
export async function organisationOptions(db: DbOrTx, actor: Actor): Promise<(Option & { member: boolean })[]> {
  const out: (Option & { member: boolean })[] = [];
  for (const status of ["member", "partner"] as const) {
    for (let page = 1; page <= 50; page++) {
      const result = await listOrganisations(db, actor, { status, sort: "name", page, pageSize: 200 });
      out.push(...result.items.map((o) => ({ code: o.id, name: o.name, member: status === "member" })));
      if (page * result.pageSize >= result.total) break;
    }
  }
  return out;
}

/** Countries by name in the reader's language, the network's member countries first. */
export async function countryOptions(db: DbOrTx, language: Language): Promise<Option[]> {
  const collator = new Intl.Collator(language);
  return (await listCountries(db))
    .map((c) => ({ code: c.code, name: localized(c.names, language), first: c.memberCountry }))
    .sort((a, b) => Number(b.first) - Number(a.first) || collator.compare(a.name, b.name))
    .map(({ code, name }) => ({ code, name }));
}

/** The types of organisation, in the configured order. */
export async function typeOptions(db: DbOrTx, language: Language): Promise<Option[]> {
  return (await listOrganisationTypes(db)).map((t) => ({ code: t.code, name: localized(t.names, language) }));
}

/** Code → name. */
export function nameMap(options: readonly Option[]): Record<string, string> {
  return Object.fromEntries(options.map((o) => [o.code, o.name]));
}

/** What the project form offers to choose from. */
export type ProjectFormOptions = {
  programmes: ProgrammeOption[];
  areas: AreaOption[];
  organisations: (Option & { member: boolean })[];
  countries: Option[];
  types: Option[];
};

export async function projectFormOptions(db: DbOrTx, actor: Actor, language: Language): Promise<ProjectFormOptions> {
  const [programmes, areas, organisations, countries, types] = await Promise.all([
    programmeOptions(db, language),
    areaOptions(db, language),
    organisationOptions(db, actor),
    countryOptions(db, language),
    typeOptions(db, language),
  ]);
  return { programmes, areas, organisations, countries, types };
}
