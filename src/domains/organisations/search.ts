/**
 * Directory search and listing.
 *
 * How a query is answered (fast at 100,000 organisations, see docs/benchmarks.md):
 * 1. The query is normalised exactly like the stored search text (`normalizeText`: lower case,
 *    no accents, no punctuation), so `Forlì`/`forli` and `Malmö`/`malmo` meet.
 * 2. Each word becomes a prefix term of a full-text query on `to_tsvector('simple', search_text)`
 *    (GIN index `organisations_search_fts`): `reggio em` → `reggio:* & em:*`. Search text holds the
 *    name, official code, region (NUTS 2 and 3 labels) and city.
 * 3. Typos: a word (three letters or more) that starts no known word is looked up in the small
 *    lexicon `organisation_search_words` by trigram similarity (GIN index), and the most similar
 *    known words are added as alternatives: `bolgna` → `bolgna:* | bologna | …`. Similarity is
 *    never computed over the organisations table.
 * 4. Ranking uses cheap string comparisons on the matched rows only: exact name or official
 *    code, the query as whole words of the name, the name starting with the query, every word a
 *    word prefix of the name, then each word found in the name (whole word before prefix); rows
 *    matched only through code, region or city come last; then shorter names first. The ranking
 *    runs on a narrow projection (id and ranking keys) with the total from the same scan
 *    (`count(*) over ()`); only the page's 25 rows are then read whole.
 * 5. Words shorter than two letters are ignored, and the organisations table has
 *    `parallel_workers = 0` (migration 0003): a search touches at most a few thousand rows, where
 *    starting parallel workers costs more than it saves.
 */
import { and, arrayOverlaps, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { DbOrTx } from "~/db/client";
import { normalizeText } from "~/text/normalize";
import { type OrganisationQuery, type OrganisationStatus, organisationStatuses } from "./contract";
import type { OrganisationRow } from "./dto";
import { organisationSearchWords, organisations } from "./schema";

/** At most this many query words are used. */
const MAX_TOKENS = 8;
/** Shorter words are ignored: a one-letter prefix matches most of the directory and helps no one. */
const MIN_TOKEN = 2;
/** Known words offered for a word that starts none. */
const MAX_ALTERNATIVES = 3;

export type SearchPlan = {
  /** The normalised query with typo corrections applied (used for ranking). */
  text: string;
  tokens: string[];
  /** The full-text query (`to_tsquery('simple', …)` syntax). */
  tsquery: string;
  /** The query as typed, trimmed (an official code is matched exactly). */
  raw: string;
};

/** Splits a query into normalised words (pure; the lexicon lookup happens in planSearch). */
export function queryTokens(q: string): string[] {
  return normalizeText(q)
    .split(" ")
    .filter((t) => t.length >= MIN_TOKEN)
    .slice(0, MAX_TOKENS);
}

/** Builds the full-text query from the words and the alternatives found for misspelt ones. */
export function buildTsQuery(tokens: readonly string[], alternatives: ReadonlyMap<string, readonly string[]>): string {
  return tokens
    .map((t) => {
      const alts = alternatives.get(t) ?? [];
      return alts.length > 0 ? `(${[`${t}:*`, ...alts].join(" | ")})` : `${t}:*`;
    })
    .join(" & ");
}

/**
 * Looks up, in one statement, whether each word (three letters or more) starts a known word,
 * and for those that do not, the most similar known words. Sub-selects inside CASE run only
 * when needed, so the similarity search runs only for misspelt words.
 */
async function findAlternatives(db: DbOrTx, tokens: readonly string[]): Promise<Map<string, string[]>> {
  const candidates = [...new Set(tokens.filter((t) => t.length >= 3))];
  const out = new Map<string, string[]>();
  if (candidates.length === 0) return out;
  const w = organisationSearchWords.word;
  const columns = candidates.map(
    (t, i) =>
      sql`case when exists (select 1 from ${organisationSearchWords} where ${w} like ${`${t}%`}) then null
        else array(select ${w} from ${organisationSearchWords} where ${w} % ${t}
          order by similarity(${w}, ${t}) desc, ${w} limit ${MAX_ALTERNATIVES}) end as ${sql.identifier(`t${i}`)}`,
  );
  const result = await db.execute(sql`select ${sql.join(columns, sql`, `)}`);
  const row: Record<string, unknown> = rowsOf<Record<string, unknown>>(result)[0] ?? {};
  candidates.forEach((t, i) => {
    const value = row[`t${i}`];
    const words = Array.isArray(value) ? value : typeof value === "string" ? parsePgArray(value) : [];
    if (words.length > 0) out.set(t, words);
  });
  return out;
}

/** node-postgres returns `{ rows }`, PGlite returns `{ rows }` too; keep the access in one place. */
function rowsOf<T>(result: unknown): T[] {
  if (result && typeof result === "object" && "rows" in result && Array.isArray(result.rows)) return result.rows as T[];
  return [];
}

/** A text[] that arrives as its literal (`{a,b}`): words are [a-z0-9] only, never quoted. */
function parsePgArray(value: string): string[] {
  const inner = value.replace(/^\{|\}$/g, "");
  return inner ? inner.split(",").map((s) => s.replace(/^"|"$/g, "")) : [];
}

export async function planSearch(db: DbOrTx, q: string): Promise<SearchPlan | undefined> {
  const tokens = queryTokens(q);
  if (tokens.length === 0) return undefined;
  const alternatives = await findAlternatives(db, tokens);
  const effective = tokens.map((t) => alternatives.get(t)?.[0] ?? t);
  return { text: effective.join(" "), tokens: effective, tsquery: buildTsQuery(tokens, alternatives), raw: q.trim() };
}

/** Words go into the typo lexicon as organisations are written (sorted, to keep lock order stable). */
export async function rememberSearchWords(db: DbOrTx, words: Iterable<string>): Promise<void> {
  const list = [...new Set(words)].sort();
  for (let i = 0; i < list.length; i += 10_000) {
    await db.execute(sql`insert into ${organisationSearchWords} (word)
      select unnest(${sql.param(list.slice(i, i + 10_000))}::text[]) on conflict do nothing`);
  }
}

const o = organisations;

/** The full-text condition (GIN index `organisations_search_fts`). */
function matches(plan: SearchPlan): SQL {
  return sql`to_tsvector('simple', ${o.searchText}) @@ to_tsquery('simple', ${plan.tsquery})`;
}

/** The WHERE conditions of a directory query (without the text search). */
export function filterConditions(query: OrganisationQuery, statuses: readonly OrganisationStatus[]): SQL[] {
  const conditions: SQL[] = [];
  const wanted = query.status?.length ? statuses.filter((s) => query.status?.includes(s)) : [...statuses];
  // Every status wanted (the secretariat's unfiltered list): no condition, so a count can be
  // answered from the index alone.
  if (wanted.length < organisationStatuses.length)
    conditions.push(wanted.length > 0 ? inArray(o.status, wanted) : sql`false`);
  if (query.country?.length)
    conditions.push(
      inArray(
        o.country,
        query.country.map((c) => c.toUpperCase()),
      ),
    );
  if (query.type?.length) conditions.push(inArray(o.type, [...query.type]));
  if (query.priority?.length) conditions.push(arrayOverlaps(o.priorities, [...query.priority]));
  if (query.nuts) conditions.push(sql`${o.nuts3} like ${`${query.nuts.toUpperCase()}%`}`);
  return conditions;
}

/** Relevance of a matched row: see the module comment. Higher is better. */
function relevance(plan: SearchPlan): SQL {
  const name = o.normalizedName;
  const wordPrefix = (t: string) => sql`(' ' || ${name}) like ${`% ${t}%`}`;
  const perWord = plan.tokens.map(
    (t) => sql`case when (' ' || ${name} || ' ') like ${`% ${t} %`} then 4 when ${wordPrefix(t)} then 2 else 0 end`,
  );
  return sql`(case when ${name} = ${plan.text} then 100 else 0 end
    + case when ${o.officialCode} = ${plan.raw} then 100 else 0 end
    + case when (' ' || ${name} || ' ') like ${`% ${plan.text} %`} then 30 else 0 end
    + case when ${name} like ${`${plan.text}%`} then 15 else 0 end
    + case when ${and(...plan.tokens.map(wordPrefix))} then 10 else 0 end
    + ${sql.join(perWord, sql` + `)})`;
}

function orderBy(query: OrganisationQuery, plan: SearchPlan | undefined): SQL[] {
  const sort = query.sort ?? (plan ? "relevance" : "name");
  const byName = [asc(o.normalizedName), asc(o.id)];
  switch (sort) {
    case "relevance":
      return plan
        ? [desc(relevance(plan)), sql`length(${o.normalizedName})`, sql`${o.normalizedName} collate "C"`, asc(o.id)]
        : byName;
    case "name":
      return byName;
    case "-name":
      return [desc(o.normalizedName), desc(o.id)];
    case "country":
      return [asc(o.country), ...byName];
    case "inhabitants":
      return [sql`${o.inhabitants} asc nulls last`, ...byName];
    case "-inhabitants":
      return [sql`${o.inhabitants} desc nulls last`, ...byName];
    case "memberSince":
      return [sql`${o.memberSince} asc nulls last`, ...byName];
    case "-memberSince":
      return [sql`${o.memberSince} desc nulls last`, ...byName];
  }
}

export type SearchResult = { rows: OrganisationRow[]; total: number };

/**
 * One page of the directory for a validated query, limited to the statuses the caller may see.
 * With a search text, rows and total come from one scan of the matches; without, the page
 * follows an index order and the total is counted separately.
 */
export async function searchOrganisations(
  db: DbOrTx,
  query: OrganisationQuery,
  statuses: readonly OrganisationStatus[],
): Promise<SearchResult> {
  const plan = query.q ? await planSearch(db, query.q) : undefined;
  const conditions = filterConditions(query, statuses);
  const offset = (query.page - 1) * query.pageSize;
  if (plan) {
    const where = and(matches(plan), ...conditions);
    if ((query.sort ?? "relevance") !== "relevance") {
      const rows = await db
        .select({ org: organisations, total: sql<number>`count(*) over ()`.mapWith(Number) })
        .from(organisations)
        .where(where)
        .orderBy(...orderBy(query, plan))
        .limit(query.pageSize)
        .offset(offset);
      const total = rows[0]?.total ?? (offset > 0 ? await countWhere(db, where) : 0);
      return { rows: rows.map((r) => r.org), total };
    }
    // Rank on a narrow projection (id and the ranking keys), then fetch the page's rows: the
    // sort and the window count then carry a few bytes per match instead of whole rows.
    const hits = db.$with("hits").as(
      db
        .select({
          id: o.id,
          score: sql<number>`${relevance(plan)}`.as("score"),
          len: sql<number>`length(${o.normalizedName})`.as("len"),
          sortName: sql<string>`${o.normalizedName} collate "C"`.as("sort_name"),
          total: sql<number>`count(*) over ()`.as("total"),
        })
        .from(organisations)
        .where(where)
        .orderBy(desc(sql`score`), asc(sql`len`), asc(sql`sort_name`), asc(o.id))
        .limit(query.pageSize)
        .offset(offset),
    );
    const rows = await db
      .with(hits)
      .select({ org: organisations, total: sql<number>`${hits.total}`.mapWith(Number) })
      .from(hits)
      .innerJoin(organisations, eq(organisations.id, hits.id))
      .orderBy(desc(hits.score), asc(hits.len), asc(hits.sortName), asc(hits.id));
    const total = rows[0]?.total ?? (offset > 0 ? await countWhere(db, where) : 0);
    return { rows: rows.map((r) => r.org), total };
  }
  const where = and(...conditions);
  const page = () =>
    db
      .select()
      .from(organisations)
      .where(where)
      .orderBy(...orderBy(query, undefined))
      .limit(query.pageSize)
      .offset(offset);
  // On a pool both run at once; a transaction's single connection takes one query at a time.
  if (db instanceof PgTransaction) {
    const rows = await page();
    return { rows, total: await countWhere(db, where) };
  }
  const [rows, total] = await Promise.all([page(), countWhere(db, where)]);
  return { rows, total };
}

async function countWhere(db: DbOrTx, where: SQL | undefined): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(organisations)
    .where(where);
  return row?.n ?? 0;
}

/** Every organisation matching the filters (no paging), in the query's order, for exports. */
export async function searchAll(
  db: DbOrTx,
  query: OrganisationQuery,
  statuses: readonly OrganisationStatus[],
): Promise<OrganisationRow[]> {
  const plan = query.q ? await planSearch(db, query.q) : undefined;
  const conditions = filterConditions(query, statuses);
  const where = plan ? and(matches(plan), ...conditions) : and(...conditions);
  return db
    .select()
    .from(organisations)
    .where(where)
    .orderBy(...orderBy(query, plan));
}
