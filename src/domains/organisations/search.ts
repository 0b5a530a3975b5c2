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
 *    `parallel_workers = 0` (migration 0001): a search touches at most a few thousand rows, where
 *    starting parallel workers costs more than it saves.
 * 6. Statements are built once per shape (number of words, which filters, which sort) with
 *    placeholders, and reused with each request's values (`reuse`, src/db/reuse.ts): building a
 *    statement of this size through the query builder costs more than half a millisecond per
 *    request, more than many searches take in the database.
 */
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { DbOrTx } from "~/db/client";
import { type Reusable, reuse } from "~/db/reuse";
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
  const values: Record<string, unknown> = {};
  candidates.forEach((t, i) => {
    values[`w${i}`] = t;
    values[`p${i}`] = `${t}%`;
  });
  const statement = reuse(db, `alternatives:${candidates.length}`, () => {
    const w = organisationSearchWords.word;
    const columns = candidates.map((_, i) => {
      const word = sql`${sql.placeholder(`w${i}`)}::text`;
      return sql<unknown>`case when exists (select 1 from ${organisationSearchWords}
          where ${w} like ${sql.placeholder(`p${i}`)}::text) then null
        else array(select ${w} from ${organisationSearchWords} where ${w} % ${word}
          order by similarity(${w}, ${word}) desc, ${w} limit ${MAX_ALTERNATIVES}) end`.as(`t${i}`);
    });
    return db.select(Object.fromEntries(columns.map((c, i) => [`t${i}`, c]))).from(sql`(select 1) as one`);
  });
  const [row] = (await statement.execute(values)) as Record<string, unknown>[];
  candidates.forEach((t, i) => {
    const value = row?.[`t${i}`];
    const words = Array.isArray(value) ? value : typeof value === "string" ? parsePgArray(value) : [];
    if (words.length > 0) out.set(t, words);
  });
  return out;
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
const matches = sql`to_tsvector('simple', ${o.searchText}) @@ to_tsquery('simple', ${sql.placeholder("tsquery")}::text)`;

/**
 * A directory query's filters (without the text search): the values of its placeholders, and a
 * key naming which filters there are (part of a statement's shape).
 */
type Filters = { key: string; values: Record<string, unknown> };

export function filterValues(query: OrganisationQuery, statuses: readonly OrganisationStatus[]): Filters {
  const values: Record<string, unknown> = {};
  const wanted = query.status?.length ? statuses.filter((s) => query.status?.includes(s)) : [...statuses];
  // Every status wanted (the secretariat's unfiltered list): no condition, so a count can be
  // answered from the index alone.
  if (wanted.length < organisationStatuses.length) values.statuses = wanted;
  if (query.country?.length) values.countries = query.country.map((c) => c.toUpperCase());
  if (query.type?.length) values.types = [...query.type];
  if (query.priority?.length) values.priorities = [...query.priority];
  if (query.nuts) values.nuts = `${query.nuts.toUpperCase()}%`;
  return { key: Object.keys(values).join(","), values };
}

/** The WHERE conditions for the filters present (placeholders filled from filterValues). */
function filterConditions(filters: Filters): SQL[] {
  const has = (name: string) => name in filters.values;
  const conditions: SQL[] = [];
  if (has("statuses")) conditions.push(sql`${o.status} = any(${sql.placeholder("statuses")}::text[])`);
  if (has("countries")) conditions.push(sql`${o.country} = any(${sql.placeholder("countries")}::text[])`);
  if (has("types")) conditions.push(sql`${o.type} = any(${sql.placeholder("types")}::text[])`);
  if (has("priorities")) conditions.push(sql`${o.priorities} && ${sql.placeholder("priorities")}::text[]`);
  if (has("nuts")) conditions.push(sql`${o.nuts3} like ${sql.placeholder("nuts")}::text`);
  return conditions;
}

/** The placeholder values of a search plan, for `relevance` and `matches`. */
function planValues(plan: SearchPlan): Record<string, unknown> {
  const values: Record<string, unknown> = {
    tsquery: plan.tsquery,
    text: plan.text,
    raw: plan.raw,
    textWords: `% ${plan.text} %`,
    textPrefix: `${plan.text}%`,
  };
  plan.tokens.forEach((t, i) => {
    values[`word${i}`] = `% ${t} %`;
    values[`wordPrefix${i}`] = `% ${t}%`;
  });
  return values;
}

/** Relevance of a matched row (placeholders from planValues): see the module comment. Higher is better. */
function relevance(words: number): SQL {
  const name = o.normalizedName;
  const p = (key: string) => sql`${sql.placeholder(key)}::text`;
  const indexes = Array.from({ length: words }, (_, i) => i);
  const wordPrefix = (i: number) => sql`(' ' || ${name}) like ${p(`wordPrefix${i}`)}`;
  const perWord = indexes.map(
    (i) => sql`case when (' ' || ${name} || ' ') like ${p(`word${i}`)} then 4 when ${wordPrefix(i)} then 2 else 0 end`,
  );
  return sql`(case when ${name} = ${p("text")} then 100 else 0 end
    + case when ${o.officialCode} = ${p("raw")} then 100 else 0 end
    + case when (' ' || ${name} || ' ') like ${p("textWords")} then 30 else 0 end
    + case when ${name} like ${p("textPrefix")} then 15 else 0 end
    + case when ${and(...indexes.map(wordPrefix))} then 10 else 0 end
    + ${sql.join(perWord, sql` + `)})`;
}

type Sort = NonNullable<OrganisationQuery["sort"]>;

function orderBy(sort: Sort, plan: SearchPlan | undefined): SQL[] {
  const byName = [asc(o.normalizedName), asc(o.id)];
  switch (sort) {
    case "relevance":
      return plan
        ? [
            desc(relevance(plan.tokens.length)),
            sql`length(${o.normalizedName})`,
            sql`${o.normalizedName} collate "C"`,
            asc(o.id),
          ]
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

type Counted = { org: OrganisationRow; total: number };

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
  const filters = filterValues(query, statuses);
  const page = { limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
  const limit = sql.placeholder("limit");
  const offset = sql.placeholder("offset");
  if (plan) {
    const sort: Sort = query.sort ?? "relevance";
    const values = { ...planValues(plan), ...filters.values, ...page };
    const where = () => and(matches, ...filterConditions(filters));
    const shape = `${sort}:${plan.tokens.length}:${filters.key}`;
    let statement: Reusable;
    if (sort !== "relevance") {
      statement = reuse(db, `search:${shape}`, () =>
        db
          .select({ org: organisations, total: sql<number>`count(*) over ()`.mapWith(Number) })
          .from(organisations)
          .where(where())
          .orderBy(...orderBy(sort, plan))
          .limit(limit)
          .offset(offset),
      );
    } else {
      // Rank on a narrow projection (id and the ranking keys), then fetch the page's rows: the
      // sort and the window count then carry a few bytes per match instead of whole rows.
      statement = reuse(db, `search:${shape}`, () => {
        const hits = db.$with("hits").as(
          db
            .select({
              id: o.id,
              score: sql<number>`${relevance(plan.tokens.length)}`.as("score"),
              len: sql<number>`length(${o.normalizedName})`.as("len"),
              sortName: sql<string>`${o.normalizedName} collate "C"`.as("sort_name"),
              total: sql<number>`count(*) over ()`.as("total"),
            })
            .from(organisations)
            .where(where())
            .orderBy(desc(sql`score`), asc(sql`len`), asc(sql`sort_name`), asc(o.id))
            .limit(limit)
            .offset(offset),
        );
        return db
          .with(hits)
          .select({ org: organisations, total: sql<number>`${hits.total}`.mapWith(Number) })
          .from(hits)
          .innerJoin(organisations, eq(organisations.id, hits.id))
          .orderBy(desc(hits.score), asc(hits.len), asc(hits.sortName), asc(hits.id));
      });
    }
    const rows = (await statement.execute(values)) as Counted[];
    const total =
      rows[0]?.total ?? (page.offset > 0 ? await countWhere(db, `search:${filters.key}`, values, where) : 0);
    return { rows: rows.map((r) => r.org), total };
  }
  const sort: Sort = query.sort ?? "name";
  const where = () => and(...filterConditions(filters));
  const values = { ...filters.values, ...page };
  const pageStatement = reuse(db, `page:${sort}:${filters.key}`, () =>
    db
      .select()
      .from(organisations)
      .where(where())
      .orderBy(...orderBy(sort, undefined))
      .limit(limit)
      .offset(offset),
  );
  const pageRows = async () => (await pageStatement.execute(values)) as OrganisationRow[];
  const total = () => countWhere(db, `list:${filters.key}`, values, where);
  // On a pool both run at once; a transaction's single connection takes one query at a time.
  if (db instanceof PgTransaction) {
    const rows = await pageRows();
    return { rows, total: await total() };
  }
  const [rows, n] = await Promise.all([pageRows(), total()]);
  return { rows, total: n };
}

async function countWhere(
  db: DbOrTx,
  shape: string,
  values: Record<string, unknown>,
  where: () => SQL | undefined,
): Promise<number> {
  const statement = reuse(db, `count:${shape}`, () =>
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(organisations)
      .where(where()),
  );
  const [row] = (await statement.execute(values)) as { n: number }[];
  return row?.n ?? 0;
}

/** Every organisation matching the filters (no paging), in the query's order, for exports. */
export async function searchAll(
  db: DbOrTx,
  query: OrganisationQuery,
  statuses: readonly OrganisationStatus[],
): Promise<OrganisationRow[]> {
  const plan = query.q ? await planSearch(db, query.q) : undefined;
  const filters = filterValues(query, statuses);
  const conditions = filterConditions(filters);
  const sort: Sort = query.sort ?? (plan ? "relevance" : "name");
  const where = plan ? and(matches, ...conditions) : and(...conditions);
  const values = plan ? { ...planValues(plan), ...filters.values } : filters.values;
  // An export runs rarely: its statement is built for the occasion.
  return (await db
    .select()
    .from(organisations)
    .where(where)
    .orderBy(...orderBy(sort, plan))
    .prepare("")
    .execute(values)) as OrganisationRow[];
}
