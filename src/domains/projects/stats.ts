/**
 * The network's figures, computed from the projects by SQL aggregation, never typed in
 * (decision 020). Public aggregates: anyone may read them, signed in or not.
 *
 * What counts (a row of `projects` is one submission of an idea, decision 019):
 * - **submitted**: submissions that reached financing, i.e. have a funding status (`submitted`,
 *   `approved`, `rejected` or `reserve`). A resubmitted idea counts once per submission. A
 *   submission withdrawn back before financing loses its funding status and no longer counts.
 * - **approved** / **rejected**: by funding status. The reserve list and `submitted` are not decided.
 * - **grantRate**: approved / (approved + rejected), rounded to 4 decimals; null when nothing is
 *   decided. (The brochure's 130 / 178 = 73 % reads every submission as decided.)
 * - **participants**: of the approved submissions, the actual participants, else the planned
 *   number where the actual one is not known yet (0 when neither is).
 * - **euGrantAwardedCents**: the awarded grants of the approved submissions whose programme is an
 *   EU-level one (`funding_programmes.level = 'eu'`) and whose currency is EUR, in cents.
 * - **Internal projects count**: they are real submissions, and the figures reveal only sums.
 *   (A narrow slice — one member, one year, one programme — can still show a single internal
 *   project's decision and grant; that is accepted, as the decision is public at the funder.)
 *
 * Groups (`groupBy`):
 * - `year`: the year of the call's deadline, else of `submitted_on` (as `projectYear` in rules.ts and the projects list's year filter); null when neither is known.
 * - `programme`: the programme's code; null when none is set. In the configured programme order.
 * - `priority`: each thematic priority of the submission (a submission counts under each of its
 *   priorities, so the groups add up to more than the whole); null for one without a priority.
 * - `country`: the lead applicant's country — the directory organisation's country, an outside
 *   organisation's given country, `network` when the network itself leads; null without a lead.
 * - `member`: every current member organisation (status `member`) taking part as lead applicant
 *   or partner (associated partners and initiators not leading are left out), keyed by its id.
 *   Former members and partner organisations still count in the other figures, but get no group
 *   of their own (the public may not see former members in the directory either).
 *
 * Filters: `year` and `programme`, as the groups define them.
 */
import { stringify } from "csv-stringify/sync";
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "~/db/client";
import { listCountries, listPriorities } from "~/domains/reference/service";
import { readSetting } from "~/domains/reference/settings";
import type { Language } from "~/i18n/i18n";
import { localized } from "~/i18n/localized";
import { listFundingProgrammes } from "./programmes";
import type {
  FigureDimension,
  ProjectFigureGroup,
  ProjectFigureGroups,
  ProjectFigures,
  ProjectFiguresQuery,
} from "./stats-contract";

/** The key of the network's group when grouping by the lead applicant's country. */
export const NETWORK_KEY = "network";

/** approved / (approved + rejected), rounded to 4 decimals; null when nothing is decided. */
export function grantRate(approved: number, rejected: number): number | null {
  const decided = approved + rejected;
  if (decided === 0) return null;
  return Math.round((approved / decided) * 10_000) / 10_000;
}

/**
 * One aggregated row as the database returns it: the submissions of one group with one funding
 * status, their number and sums (bigint sums may come as strings).
 */
export type FigureRow = {
  key?: unknown;
  label?: unknown;
  status: unknown;
  n: unknown;
  participants: unknown;
  eu_grant: unknown;
};

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/**
 * The figures of a group's rows (one per funding status): every row counts as submitted, the
 * approved row brings the participants and the EU grants.
 */
export function toFigures(rows: readonly FigureRow[]): ProjectFigures {
  let submitted = 0;
  let approved = 0;
  let rejected = 0;
  let participants = 0;
  let euGrantAwardedCents = 0;
  for (const row of rows) {
    const n = num(row.n);
    submitted += n;
    if (row.status === "rejected") rejected += n;
    if (row.status === "approved") {
      approved += n;
      participants += num(row.participants);
      euGrantAwardedCents += num(row.eu_grant);
    }
  }
  return { submitted, approved, rejected, grantRate: grantRate(approved, rejected), participants, euGrantAwardedCents };
}

/** The rows gathered by group key (null: the group without one), in the order the keys first appear. */
export function byKey(rows: readonly FigureRow[]): { key: string | null; label: string | null; rows: FigureRow[] }[] {
  const groups = new Map<string | null, { key: string | null; label: string | null; rows: FigureRow[] }>();
  for (const row of rows) {
    const key = row.key === null || row.key === undefined ? null : String(row.key);
    let group = groups.get(key);
    if (!group) {
      group = { key, label: typeof row.label === "string" ? row.label : null, rows: [] };
      groups.set(key, group);
    }
    group.rows.push(row);
  }
  return [...groups.values()];
}

/**
 * Groups in their order: years ascending; programmes and priorities in the configured order (a
 * code no longer configured after them, by code); countries and members by name in the reader's
 * language. The group without a key comes last.
 */
export function sortGroups(
  groups: readonly ProjectFigureGroup[],
  dimension: FigureDimension,
  language: Language,
  configuredOrder: readonly string[] = [],
): ProjectFigureGroup[] {
  const collator = new Intl.Collator(language, { sensitivity: "base", numeric: true });
  const rank = new Map(configuredOrder.map((code, i) => [code, i]));
  const compare = (a: ProjectFigureGroup, b: ProjectFigureGroup): number => {
    if (a.key === null || b.key === null) return a.key === b.key ? 0 : a.key === null ? 1 : -1;
    if (dimension === "year") return Number(a.key) - Number(b.key);
    if (dimension === "programme" || dimension === "priority") {
      const ra = rank.get(a.key) ?? Number.MAX_SAFE_INTEGER;
      const rb = rank.get(b.key) ?? Number.MAX_SAFE_INTEGER;
      return ra !== rb ? ra - rb : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    }
    return collator.compare(a.label ?? a.key, b.label ?? b.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  };
  return [...groups].sort(compare);
}

/** The CSV columns, in order; their header texts come from the `projects:stats.columns` catalog. */
export const figureColumns = [
  "key",
  "label",
  "submitted",
  "approved",
  "rejected",
  "grantRate",
  "participants",
  "euGrantAwardedCents",
] as const;
export type FigureColumn = (typeof figureColumns)[number];

/**
 * The groups as CSV, as the directory's export writes it: `,`-separated, CRLF, UTF-8 with a BOM
 * (so spreadsheet programs detect the encoding), one header row in the reader's language. Values
 * are the JSON's: an empty cell for a null key, label or grant rate; the grant rate with a point.
 */
export function figuresCsv(groups: readonly ProjectFigureGroup[], headers: Record<FigureColumn, string>): string {
  const cell = (value: string | number | null) => (value === null ? "" : value);
  const rows = groups.map((g) => figureColumns.map((column) => cell(g[column])));
  return `\uFEFF${stringify([figureColumns.map((c) => headers[c]), ...rows], { record_delimiter: "\r\n" })}`;
}

// ---------------------------------------------------------------------------------------------
// SQL

/**
 * The submissions counted (those with a funding status, matching the filters), aggregated per
 * group key (`keys`, over `from`) and funding status: their number, the participants (actual,
 * else planned) and the awarded EU grants of the approved ones. Grouping by the status rather
 * than counting with FILTER clauses, and summing for every status (the caller keeps the approved
 * row's sums), leaves less work per row: the whole table is read on every call.
 */
function aggregate(
  query: Pick<ProjectFiguresQuery, "year" | "programme">,
  keys: readonly SQL[],
  from: SQL = sql`projects p`,
): SQL {
  const filters: SQL[] = [sql`p.funding_status is not null`];
  if (query.year !== undefined) {
    const start = `${String(query.year).padStart(4, "0")}-01-01`;
    const end = `${String(query.year + 1).padStart(4, "0")}-01-01`;
    filters.push(
      sql`coalesce(p.deadline, p.submitted_on) >= ${start}::date and coalesce(p.deadline, p.submitted_on) < ${end}::date`,
    );
  }
  if (query.programme !== undefined) filters.push(sql`p.programme_code = ${query.programme}`);
  // Grouped by position: the keys (with their aliases), then the status.
  const positions = sql.raw(Array.from({ length: keys.length + 1 }, (_, i) => i + 1).join(", "));
  return sql`select ${sql.join([...keys, sql`p.funding_status as status`], sql`, `)}, count(*)::int as n,
      sum(coalesce(p.participants_actual, p.participants_planned))::bigint as participants,
      sum(case when p.funding_status = 'approved' and p.currency = 'EUR'
        and p.programme_code in (select fp.code from funding_programmes fp where fp.level = 'eu')
        then p.grant_awarded_cents end)::bigint as eu_grant
    from ${from}
    where ${sql.join(filters, sql` and `)}
    group by ${positions}`;
}

/** The statement of the figures, overall or per group (the benchmark explains it). */
export function figuresStatement(
  dimension: FigureDimension | undefined,
  query: Pick<ProjectFiguresQuery, "year" | "programme"> = {},
): SQL {
  switch (dimension) {
    case undefined:
      return aggregate(query, []);
    case "year":
      // date_part (double precision) rather than extract (numeric): the same year, less work per row.
      return aggregate(query, [sql`date_part('year', coalesce(p.deadline, p.submitted_on))::int::text as key`]);
    case "programme":
      return aggregate(query, [sql`p.programme_code as key`]);
    case "priority":
      // Each distinct priority of a submission once; a submission without any in the null group.
      return aggregate(
        query,
        [sql`pr.key`],
        sql`projects p cross join lateral (
          select distinct x as key from unnest(case when cardinality(p.priorities) = 0 then array[null]::text[] else p.priorities end) as x
        ) as pr`,
      );
    case "country":
      return aggregate(
        query,
        [
          sql`case lp.kind when 'network' then ${NETWORK_KEY}::text when 'organisation' then o.country else lp.country end as key`,
        ],
        sql`projects p
          left join project_partners lp on lp.project_id = p.id and lp.role = 'lead'
          left join organisations o on o.id = lp.organisation_id`,
      );
    case "member":
      return aggregate(
        query,
        [sql`o.id::text as key`, sql`o.name as label`],
        sql`projects p
          join project_partners pp on pp.project_id = p.id and pp.kind = 'organisation' and pp.role in ('lead', 'partner')
          join organisations o on o.id = pp.organisation_id and o.status = 'member'`,
      );
  }
}

function rowsOf(result: unknown): FigureRow[] {
  if (result && typeof result === "object" && "rows" in result && Array.isArray(result.rows)) {
    return result.rows as FigureRow[];
  }
  return [];
}

/** The figures of every counted submission (matching the filters). Public: no actor needed. */
export async function projectFigures(
  db: DbOrTx,
  query: Pick<ProjectFiguresQuery, "year" | "programme"> = {},
): Promise<ProjectFigures> {
  return toFigures(rowsOf(await db.execute(figuresStatement(undefined, query))));
}

/** The figures per group of the dimension, labelled in the reader's language, in the group order. */
export async function projectFigureGroups(
  db: DbOrTx,
  dimension: FigureDimension,
  query: Pick<ProjectFiguresQuery, "year" | "programme"> = {},
  language: Language = "en",
): Promise<ProjectFigureGroups> {
  const rows = rowsOf(await db.execute(figuresStatement(dimension, query)));
  const groups: ProjectFigureGroup[] = byKey(rows).map((group) => ({
    key: group.key,
    label: group.label,
    ...toFigures(group.rows),
  }));
  const { labels, order } = await labelsFor(db, dimension, groups, language);
  for (const group of groups) {
    if (group.key !== null && group.label === null) group.label = labels.get(group.key) ?? group.key;
  }
  return { groups: sortGroups(groups, dimension, language, order) };
}

/** The names of the groups' keys (programmes, priorities, countries, the network) and their configured order. */
async function labelsFor(
  db: DbOrTx,
  dimension: FigureDimension,
  groups: readonly ProjectFigureGroup[],
  language: Language,
): Promise<{ labels: Map<string, string>; order: string[] }> {
  if (dimension === "programme") {
    const programmes = await listFundingProgrammes(db);
    return {
      labels: new Map(programmes.map((p) => [p.code, localized(p.names, language)])),
      order: programmes.map((p) => p.code),
    };
  }
  if (dimension === "priority") {
    const priorities = await listPriorities(db);
    return {
      labels: new Map(priorities.map((p) => [p.code, localized(p.names, language)])),
      order: priorities.map((p) => p.code),
    };
  }
  if (dimension === "country") {
    const labels = new Map((await listCountries(db)).map((c) => [c.code, localized(c.names, language)]));
    if (groups.some((g) => g.key === NETWORK_KEY)) {
      const name = (await readSetting(db, "network.shortName")) ?? (await readSetting(db, "network.name"));
      if (typeof name === "string") labels.set(NETWORK_KEY, name);
    }
    return { labels, order: [] };
  }
  return { labels: new Map(), order: [] };
}
