/**
 * The projects (/projects): a board with a section per PCM phase in their order, each a list of
 * cards, or (?view=table) one table with pages. Filters by phase, programme, priority, member
 * organisation, year and text are a GET form: the URL holds them, so they work without JavaScript
 * and can be shared. A deadline within the next 30 days is marked in words, not only by colour.
 * Who sees which projects is the service's policy (the secretariat and the Board all of them,
 * member contacts their organisation's and those not internal).
 */
import { Form, Link, redirect } from "react-router";
import type { Actor } from "~/auth/actor";
import type { DbOrTx } from "~/db/client";
import { today } from "~/domains/organisations/rules";
import { isAppError } from "~/errors/app-error";
import type { Language } from "~/i18n/i18n";
import { localized } from "~/i18n/localized";
import { useT } from "~/ui/i18n";
import { hrefForPage, Pagination } from "~/ui/pagination";
import type { Project } from "../contract";
import { type Phase, phases } from "../pipeline";
import { canCreateProject } from "../policy";
import { listProjects } from "../service";
import type { Route } from "./+types/board";
import { approachingDeadline } from "./deadline";
import { areaOptions, nameMap, organisationOptions, pageError, programmeOptions } from "./page.server";

/** The filters the page understands, as the URL names them. */
const filterKeys = ["q", "phase", "programme", "priority", "member", "year", "sort"] as const;
type FilterKey = (typeof filterKeys)[number];

/** Cards shown per phase on the board; the rest are in the table view. */
export const BOARD_CARDS = 50;
const TABLE_PAGE = 25;

/** A project as a card or a row shows it. */
export type ProjectCard = {
  id: string;
  acronym: string;
  title: string;
  phase: Phase;
  fundingStatus: string | null;
  programme: string | null;
  action: string | null;
  deadline: string | null;
  daysLeft: number | null;
  lead: string | null;
  internal: boolean;
  submissionNumber: number;
};

function cardOf(
  p: Project,
  language: Language,
  names: { programmes: Record<string, string>; actions: Record<string, string>; network: string },
  day: string,
): ProjectCard {
  return {
    id: p.id,
    acronym: p.acronym,
    title: localized(p.title, language),
    phase: p.phase,
    fundingStatus: p.fundingStatus,
    programme: p.programmeCode ? (names.programmes[p.programmeCode] ?? p.programmeCode) : null,
    action: p.actionCode ? (names.actions[p.actionCode] ?? p.actionCode) : null,
    deadline: p.deadline,
    daysLeft: approachingDeadline(p.deadline, p.phase, day),
    lead: p.lead ? (p.lead.kind === "network" ? (p.lead.name ?? names.network) : p.lead.name) : null,
    internal: p.internal,
    submissionNumber: p.submissionNumber,
  };
}

/**
 * Lists with the query; a value the service refuses (a hand-made URL) is dropped and named, and
 * the rest of the query still answers.
 */
async function listLenient(db: DbOrTx, actor: Actor, query: Record<string, string | number>, ignored: Set<string>) {
  try {
    return await listProjects(db, actor, query);
  } catch (e) {
    if (!isAppError(e) || e.code !== "validation") throw e;
    const bad = Object.keys(e.fields).map((k) => k.split(".")[0] || k);
    for (const k of bad) ignored.add(k);
    const rest = Object.fromEntries(Object.entries(query).filter(([k]) => !bad.includes(k)));
    return listProjects(db, actor, rest);
  }
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, actor, language, t } = context;
  const db = database.db;
  const url = new URL(request.url);
  const view: "board" | "table" = url.searchParams.get("view") === "table" ? "table" : "board";
  const filters = Object.fromEntries(filterKeys.map((k) => [k, (url.searchParams.get(k) ?? "").trim()])) as Record<
    FilterKey,
    string
  >;
  const query: Record<string, string> = {};
  for (const k of filterKeys) if (filters[k]) query[k] = filters[k];
  const ignored = new Set<string>();
  const day = today();

  const [programmes, areas, members] = await Promise.all([
    programmeOptions(db, language),
    areaOptions(db, language),
    organisationOptions(db, actor).catch((e) => pageError(e, request, actor)),
  ]);
  const names = {
    programmes: nameMap(programmes),
    actions: nameMap(programmes.flatMap((p) => p.actions)),
    network: t("projects:theNetwork"),
  };

  let board: { phase: Phase; total: number; cards: ProjectCard[] }[] | null = null;
  let table: { rows: ProjectCard[]; total: number; page: number; pageSize: number } | null = null;
  try {
    if (view === "board") {
      const shown =
        filters.phase && (phases as readonly string[]).includes(filters.phase) ? [filters.phase as Phase] : phases;
      if (filters.phase && shown.length === phases.length) ignored.add("phase");
      board = [];
      for (const phase of shown) {
        const result = await listLenient(
          db,
          actor,
          { ...query, sort: query.sort ?? "deadline", phase, pageSize: BOARD_CARDS },
          ignored,
        );
        board.push({ phase, total: result.total, cards: result.items.map((p) => cardOf(p, language, names, day)) });
      }
    } else {
      const page = url.searchParams.get("page") ?? "1";
      const result = await listLenient(db, actor, { ...query, page, pageSize: TABLE_PAGE }, ignored);
      const lastPage = Math.max(1, Math.ceil(result.total / result.pageSize));
      if (result.page > lastPage) throw redirect(hrefForPage(url.pathname, url.search, lastPage));
      table = {
        rows: result.items.map((p) => cardOf(p, language, names, day)),
        total: result.total,
        page: result.page,
        pageSize: result.pageSize,
      };
    }
  } catch (e) {
    if (e instanceof Response) throw e;
    pageError(e, request, actor);
  }
  for (const k of ignored) filters[k as FilterKey] = "";
  const thisYear = Number(day.slice(0, 4));
  return {
    view,
    filters,
    ignored: [...ignored],
    board,
    table,
    canCreate: canCreateProject(actor),
    options: {
      programmes: programmes.map(({ code, name, active }) => ({ code, name, active })),
      areas,
      members: members.filter((m) => m.member).map(({ code, name }) => ({ code, name })),
      years: Array.from({ length: thisYear + 3 - 2003 }, (_, i) => thisYear + 2 - i),
    },
  };
}

export default function ProjectsBoard({ loaderData }: Route.ComponentProps) {
  const { t } = useT();
  const { view, filters, ignored, board, table, canCreate, options } = loaderData;
  const params = new URLSearchParams();
  for (const k of filterKeys) if (filters[k]) params.set(k, filters[k]);
  const withView = (v: "board" | "table") => {
    const p = new URLSearchParams(params);
    if (v === "table") p.set("view", "table");
    const s = p.toString();
    return s ? `/projects?${s}` : "/projects";
  };
  const filtered = filterKeys.some((k) => k !== "sort" && filters[k] !== "");
  const heading = t("projects:ui.board.title");
  return (
    <>
      <title>{`${heading} · ${t("appName")}`}</title>
      <h1>{heading}</h1>
      {canCreate ? (
        <p className="actions">
          <Link className="button" to="/projects/new">
            {t("projects:ui.board.new")}
          </Link>
        </p>
      ) : null}

      <Form method="get" action="/projects" className="directory-search" key={params.toString()}>
        {view === "table" ? <input type="hidden" name="view" value="table" /> : null}
        <div className="field search-field">
          <label htmlFor="projects-q">{t("projects:ui.board.search")}</label>
          <p className="hint" id="projects-q-hint">
            {t("projects:ui.board.searchHint")}
          </p>
          <div className="search-row">
            <input
              id="projects-q"
              type="search"
              name="q"
              defaultValue={filters.q}
              aria-describedby="projects-q-hint"
              autoComplete="off"
            />
            <button type="submit" className="primary">
              {t("projects:ui.board.searchButton")}
            </button>
          </div>
        </div>
        <fieldset className="filters">
          <legend>{t("projects:ui.board.filters")}</legend>
          <div className="field">
            <label htmlFor="filter-phase">{t("projects:fields.phase")}</label>
            <select id="filter-phase" name="phase" defaultValue={filters.phase}>
              <option value="">{t("projects:ui.board.anyPhase")}</option>
              {phases.map((p) => (
                <option key={p} value={p}>
                  {t(`projects:phases.${p}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-programme">{t("projects:fields.programmeCode")}</label>
            <select id="filter-programme" name="programme" defaultValue={filters.programme}>
              <option value="">{t("projects:ui.board.anyProgramme")}</option>
              {options.programmes.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-priority">{t("projects:ui.board.priority")}</label>
            <select id="filter-priority" name="priority" defaultValue={filters.priority}>
              <option value="">{t("projects:ui.board.anyPriority")}</option>
              {options.areas.map((area) => (
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
          <div className="field field-wide">
            <label htmlFor="filter-member">{t("projects:ui.board.member")}</label>
            <select id="filter-member" name="member" defaultValue={filters.member}>
              <option value="">{t("projects:ui.board.anyMember")}</option>
              {options.members.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-year">{t("projects:ui.board.year")}</label>
            <select id="filter-year" name="year" defaultValue={filters.year} aria-describedby="filter-year-hint">
              <option value="">{t("projects:ui.board.anyYear")}</option>
              {options.years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
            <p className="hint" id="filter-year-hint">
              {t("projects:ui.board.yearHint")}
            </p>
          </div>
          {view === "table" ? (
            <div className="field">
              <label htmlFor="filter-sort">{t("projects:ui.board.sort")}</label>
              <select id="filter-sort" name="sort" defaultValue={filters.sort}>
                {(["-created", "acronym", "deadline", "-deadline"] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`projects:ui.board.sorts.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="filter-buttons">
            <button type="submit">{t("projects:ui.board.apply")}</button>
            {filtered ? (
              <Link to={view === "table" ? "/projects?view=table" : "/projects"}>{t("projects:ui.board.clear")}</Link>
            ) : null}
          </div>
        </fieldset>
      </Form>

      {ignored.length > 0 ? (
        <p className="warning">{t("projects:ui.board.ignored", { names: ignored.join(", ") })}</p>
      ) : null}

      <nav aria-label={t("projects:ui.board.views")}>
        <ul className="actions">
          <li>
            {view === "board" ? (
              <strong aria-current="page">{t("projects:ui.board.boardView")}</strong>
            ) : (
              <Link to={withView("board")}>{t("projects:ui.board.boardView")}</Link>
            )}
          </li>
          <li>
            {view === "table" ? (
              <strong aria-current="page">{t("projects:ui.board.tableView")}</strong>
            ) : (
              <Link to={withView("table")}>{t("projects:ui.board.tableView")}</Link>
            )}
          </li>
        </ul>
      </nav>

      {board ? <Board board={board} tableHref={withView("table")} /> : null}
      {table ? <Table table={table} /> : null}
    </>
  );
}

function Deadline({ card }: { card: ProjectCard }) {
  const { t, d } = useT();
  if (!card.deadline) return <>{t("projects:ui.notSet")}</>;
  if (card.daysLeft === null) return <>{d(card.deadline)}</>;
  return (
    <strong className="deadline-soon">
      {d(card.deadline)} —{" "}
      {card.daysLeft === 0 ? t("projects:ui.dueToday") : t("projects:ui.daysLeft", { count: card.daysLeft })}
    </strong>
  );
}

function Board({
  board,
  tableHref,
}: {
  board: { phase: Phase; total: number; cards: ProjectCard[] }[];
  tableHref: string;
}) {
  const { t, n } = useT();
  return (
    <div className="project-board">
      {board.map(({ phase, total, cards }) => (
        <section key={phase} aria-labelledby={`phase-${phase}`} className="project-phase">
          <h2 id={`phase-${phase}`}>
            {t(`projects:phases.${phase}`)}{" "}
            <span className="result-count">({t("projects:ui.board.count", { formatted: n(total) })})</span>
          </h2>
          <p className="hint">{t(`projects:phaseHints.${phase}`)}</p>
          {cards.length === 0 ? (
            <p>{t("projects:ui.board.noneInPhase")}</p>
          ) : (
            <ul className="plain project-cards">
              {cards.map((c) => (
                <li key={c.id} className={c.daysLeft !== null ? "project-card deadline-near" : "project-card"}>
                  <h3>
                    <Link to={`/projects/${c.id}`}>{c.acronym}</Link>
                  </h3>
                  {c.title ? <p>{c.title}</p> : null}
                  <dl className="details">
                    <dt>{t("projects:fields.programmeCode")}</dt>
                    <dd>
                      {c.programme ? `${c.programme}${c.action ? ` · ${c.action}` : ""}` : t("projects:ui.notSet")}
                    </dd>
                    <dt>{t("projects:fields.deadline")}</dt>
                    <dd>
                      <Deadline card={c} />
                    </dd>
                    <dt>{t("projects:fields.lead")}</dt>
                    <dd>{c.lead ?? t("projects:ui.notSet")}</dd>
                    <dt>{t("projects:fields.fundingStatus")}</dt>
                    <dd>{t(`projects:fundingStatuses.${c.fundingStatus ?? "none"}`)}</dd>
                  </dl>
                  {c.internal ? <p className="hint">{t("projects:ui.internal")}</p> : null}
                </li>
              ))}
            </ul>
          )}
          {total > cards.length ? (
            <p>
              <Link to={`${tableHref}${tableHref.includes("?") ? "&" : "?"}phase=${phase}`}>
                {t("projects:ui.board.more", { formatted: n(total - cards.length) })}
              </Link>
            </p>
          ) : null}
        </section>
      ))}
    </div>
  );
}

function Table({ table }: { table: { rows: ProjectCard[]; total: number; page: number; pageSize: number } }) {
  const { t, n } = useT();
  return (
    <>
      <p className="result-count" role="status">
        {t("projects:ui.board.found", { formatted: n(table.total) })}
      </p>
      {table.rows.length === 0 ? (
        <p>{t("projects:ui.board.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("projects:ui.board.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("projects:fields.acronym")}</th>
                <th scope="col">{t("projects:fields.title")}</th>
                <th scope="col">{t("projects:fields.phase")}</th>
                <th scope="col">{t("projects:fields.fundingStatus")}</th>
                <th scope="col">{t("projects:fields.programmeCode")}</th>
                <th scope="col">{t("projects:fields.deadline")}</th>
                <th scope="col">{t("projects:fields.lead")}</th>
              </tr>
            </thead>
            <tbody>
              {table.rows.map((c) => (
                <tr key={c.id} className={c.daysLeft !== null ? "deadline-near" : undefined}>
                  <th scope="row">
                    <Link to={`/projects/${c.id}`}>{c.acronym}</Link>
                  </th>
                  <td>{c.title}</td>
                  <td>{t(`projects:phases.${c.phase}`)}</td>
                  <td>{t(`projects:fundingStatuses.${c.fundingStatus ?? "none"}`)}</td>
                  <td>{c.programme ?? ""}</td>
                  <td>
                    <Deadline card={c} />
                  </td>
                  <td>{c.lead ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={table.page} pageSize={table.pageSize} total={table.total} />
    </>
  );
}
