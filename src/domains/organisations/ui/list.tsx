import { type FormEvent, useEffect, useRef } from "react";
import { Form, Link, redirect, useNavigation, useNavigationType, useSubmit } from "react-router";
import { isAppError } from "~/errors/app-error";
import { useT } from "~/ui/i18n";
import { hrefForPage, Pagination } from "~/ui/pagination";
import { visibleStatuses } from "../policy";
import { listOrganisations } from "../service";
import type { Route } from "./+types/list";
import { directoryActions, formFieldOf } from "./page.server";
import { namesOf, referenceOptions } from "./reference.server";

/** The query parameters the directory understands (the same as the API's). */
const filterKeys = ["q", "country", "type", "status", "priority", "nuts", "sort"] as const;
type FilterKey = (typeof filterKeys)[number];
const queryKeys: readonly string[] = [...filterKeys, "page", "pageSize"];

/** The sort choices, with their catalog labels; "" is the default (best match, else name). */
const sortChoices = [
  ["", "default"],
  ["name", "name"],
  ["-name", "nameDesc"],
  ["country", "country"],
  ["-inhabitants", "inhabitantsDesc"],
  ["inhabitants", "inhabitants"],
  ["-memberSince", "memberSinceDesc"],
  ["memberSince", "memberSince"],
] as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, actor, language, t } = context;
  const url = new URL(request.url);
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (queryKeys.includes(key) && value.trim() !== "") raw[key] = value;
  }

  // A hand-made URL with parameters the directory does not understand: they are ignored (and
  // named), and the rest of the query still answers.
  let ignored: string[] = [];
  let result: Awaited<ReturnType<typeof listOrganisations>>;
  try {
    result = await listOrganisations(database.db, actor, raw);
  } catch (e) {
    if (!isAppError(e) || e.code !== "validation") throw e;
    ignored = [...new Set(Object.keys(e.fields).map(formFieldOf))];
    for (const key of ignored) delete raw[key];
    result = await listOrganisations(database.db, actor, raw);
  }
  const lastPage = Math.max(1, Math.ceil(result.total / result.pageSize));
  if (result.page > lastPage) throw redirect(hrefForPage(url.pathname, url.search, lastPage));
  const filters = Object.fromEntries(filterKeys.map((k) => [k, raw[k] ?? ""])) as Record<FilterKey, string>;
  const problem = ignored.length > 0 ? t("organisations:list.ignored", { names: ignored.join(", ") }) : null;

  const options = await referenceOptions(database.db, language);
  const names = namesOf(options);
  const actions = directoryActions(actor);

  return {
    rows: result.items.map((o) => ({
      id: o.id,
      name: o.name,
      country: names.country.get(o.country) ?? o.country,
      type: names.type.get(o.type) ?? o.type,
      region: o.region,
      inhabitants: o.inhabitants,
      status: o.status,
    })),
    total: result.total,
    page: result.page,
    pageSize: result.pageSize,
    filters,
    problem,
    options: {
      countries: options.countries,
      types: options.types.map(({ code, name }) => ({ code, name })),
      priorities: options.areas,
      nuts2: options.nuts2,
      statuses: (["member", "partner", "applicant", "former"] as const).filter((s) =>
        visibleStatuses(actor).includes(s),
      ),
    },
    actions,
  };
}

/** Submits the search form without its empty fields, so the URL stays short and shareable. */
function useDirectorySearch() {
  const submit = useSubmit();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (form: HTMLFormElement, { delay, replace }: { delay: number; replace: boolean }) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const data = new FormData(form);
      const params = new URLSearchParams();
      for (const [key, value] of data) if (typeof value === "string" && value.trim() !== "") params.append(key, value);
      submit(params, { method: "get", action: "/organisations", replace, preventScrollReset: true });
    }, delay);
  };
}

export default function DirectoryList({ loaderData }: Route.ComponentProps) {
  const { rows, total, page, pageSize, filters, problem, options, actions } = loaderData;
  const { t, n } = useT();
  const navigation = useNavigation();
  const navigationType = useNavigationType();
  const search = useDirectorySearch();
  const formRef = useRef<HTMLFormElement>(null);
  const updating = navigation.state === "loading" && navigation.location.pathname === "/organisations";
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const filtered = filterKeys.some((k) => k !== "sort" && filters[k] !== "");
  /** The export of the current filtered list (all pages), in the same columns as the import. */
  const exportQuery = (format: "csv" | "xlsx") => {
    const params = new URLSearchParams({ format });
    for (const key of filterKeys) if (filters[key]) params.set(key, filters[key]);
    return params.toString();
  };

  // Back/forward and pagination change the query: show it in the form.
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    for (const key of filterKeys) {
      const element = form.elements.namedItem(key);
      if (
        (element instanceof HTMLInputElement || element instanceof HTMLSelectElement) &&
        // After Back/Forward every field shows the URL; otherwise never overwrite what is being typed.
        (navigationType === "POP" || !(element instanceof HTMLInputElement && element === document.activeElement)) &&
        element.value !== filters[key]
      ) {
        element.value = filters[key];
      }
    }
  }, [filters, navigationType]);

  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const typing = event.target instanceof HTMLInputElement && event.target.name === "q";
    // Typing replaces the history entry (no entry per keystroke); a changed filter is a step Back can undo.
    search(event.currentTarget, { delay: typing ? 300 : 0, replace: typing });
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    search(event.currentTarget, { delay: 0, replace: false });
  };

  return (
    <>
      <title>{`${t("organisations:list.title")} · ${t("appName")}`}</title>
      <h1>{t("organisations:list.title")}</h1>
      <p>{t("organisations:list.intro")}</p>

      {actions.create || actions.import || actions.export ? (
        <ul className="actions" aria-label={t("organisations:list.actions")}>
          {actions.create ? (
            <li>
              <Link className="button" to="/organisations/new">
                {t("organisations:list.create")}
              </Link>
            </li>
          ) : null}
          {actions.import ? (
            <li>
              <Link className="button secondary" to="/organisations/import">
                {t("organisations:list.import")}
              </Link>
            </li>
          ) : null}
          {actions.export ? (
            <>
              <li>
                <a className="button secondary" href={`/api/v1/organisations/export?${exportQuery("csv")}`} download>
                  {t("organisations:list.exportCsv")}
                </a>
              </li>
              <li>
                <a className="button secondary" href={`/api/v1/organisations/export?${exportQuery("xlsx")}`} download>
                  {t("organisations:list.exportXlsx")}
                </a>
              </li>
            </>
          ) : null}
        </ul>
      ) : null}

      <Form
        ref={formRef}
        method="get"
        action="/organisations"
        role="search"
        className="directory-search"
        onChange={onChange}
        onSubmit={onSubmit}
      >
        <div className="field search-field">
          <label htmlFor="directory-q">{t("organisations:list.searchLabel")}</label>
          <p className="hint" id="directory-q-hint">
            {t("organisations:list.searchHint")}
          </p>
          <div className="search-row">
            <input
              id="directory-q"
              type="search"
              name="q"
              defaultValue={filters.q}
              aria-describedby="directory-q-hint"
              autoComplete="off"
              spellCheck={false}
            />
            <button type="submit" className="primary">
              {t("organisations:list.searchButton")}
            </button>
          </div>
        </div>
        <fieldset className="filters">
          <legend>{t("organisations:list.filtersHeading")}</legend>
          <div className="field">
            <label htmlFor="filter-country">{t("organisations:list.country")}</label>
            <select id="filter-country" name="country" defaultValue={filters.country}>
              <option value="">{t("organisations:list.anyCountry")}</option>
              {options.countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-type">{t("organisations:list.type")}</label>
            <select id="filter-type" name="type" defaultValue={filters.type}>
              <option value="">{t("organisations:list.anyType")}</option>
              {options.types.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-status">{t("organisations:list.status")}</label>
            <select id="filter-status" name="status" defaultValue={filters.status}>
              <option value="">{t("organisations:list.anyStatus")}</option>
              {options.statuses.map((s) => (
                <option key={s} value={s}>
                  {t(`organisations:statuses.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-priority">{t("organisations:list.priority")}</label>
            <select id="filter-priority" name="priority" defaultValue={filters.priority}>
              <option value="">{t("organisations:list.anyPriority")}</option>
              {options.priorities.map((area) => (
                <optgroup key={area.code} label={area.name}>
                  {area.priorities.map((p) => (
                    <option key={p.code} value={p.code}>
                      {p.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-nuts">{t("organisations:list.region")}</label>
            <select id="filter-nuts" name="nuts" defaultValue={filters.nuts}>
              <option value="">{t("organisations:list.anyRegion")}</option>
              {options.nuts2.map((r) => (
                <option key={r.code} value={r.code}>
                  {`${r.name} (${r.code})`}
                </option>
              ))}
            </select>
          </div>
          <div className="field field-wide">
            <label htmlFor="filter-sort">{t("organisations:list.sort")}</label>
            <select id="filter-sort" name="sort" defaultValue={filters.sort}>
              {sortChoices.map(([value, label]) => (
                <option key={value} value={value}>
                  {t(`organisations:list.sortOptions.${label}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="filter-buttons">
            <button type="submit">{t("organisations:list.apply")}</button>
            {filtered ? <Link to="/organisations">{t("organisations:list.clear")}</Link> : null}
          </div>
        </fieldset>
      </Form>

      {problem ? <p className="warning">{problem}</p> : null}

      <div className="result-bar">
        <p className="result-count" role="status" aria-live="polite">
          {t("organisations:list.total", { count: total, formatted: n(total) })}
        </p>
        {updating ? (
          <p className="updating" aria-hidden="true">
            {t("organisations:list.updating")}
          </p>
        ) : null}
      </div>

      {rows.length === 0 ? (
        <p>{t("organisations:list.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="directory" aria-busy={updating}>
            <caption>
              {pages > 1
                ? t("organisations:list.captionPage", { page: n(page), pages: n(pages) })
                : t("organisations:list.caption")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("organisations:fields.name")}</th>
                <th scope="col">{t("organisations:fields.country")}</th>
                <th scope="col">{t("organisations:fields.type")}</th>
                <th scope="col">{t("organisations:fields.region")}</th>
                <th scope="col" className="number">
                  {t("organisations:fields.inhabitants")}
                </th>
                <th scope="col">{t("organisations:fields.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link to={`/organisations/${row.id}`}>{row.name}</Link>
                  </th>
                  <td>{row.country}</td>
                  <td>{row.type}</td>
                  <td>{row.region ?? ""}</td>
                  <td className="number">{row.inhabitants === null ? "" : n(row.inhabitants)}</td>
                  <td>{t(`organisations:statuses.${row.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  );
}
