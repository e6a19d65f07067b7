import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from './database.ts';
import { PLAN_EACH_TIME } from './prepared.ts';

/**
 * Free-text queries over any table with a `search` tsvector (work items and their comments, knowledge
 * articles): the web search syntax parsed word by word in every language Keel stems, and the choice of which
 * words each table's text index looks up.
 */
const CONFIGS = ['english', 'dutch', 'danish', 'simple'] as const;

/** A table whose `search` column a query runs against (work_items, work_item_comments, articles, ...). */
export type TextTable = string;

/** The tables a work-item search runs against, when the caller names none. */
const workItemTables: readonly TextTable[] = ['work_items', 'work_item_comments'];

/**
 * A parsed query: `match` is what a row must satisfy; `lookup` per table is the part of it the text index
 * is asked for, leaving out the words in most rows (their index entries list most of the table and narrow
 * nothing), which are checked on the rows the other words found instead.
 */
export type TextQuery = { match: string; lookup: Record<TextTable, string> };

/** A word in more than this share of a table's rows is checked on the rows, not looked up in its index. */
export const COMMON_SHARE = 0.25;

type Term = { text: string; negated: boolean } | 'or';
/** The web search syntax, term by term: words, "quoted phrases", -excluded ones, and "or" between them. */
function terms(q: string): Term[] {
  const out: Term[] = [];
  for (const m of q.matchAll(/(-?)(?:"([^"]*)"?|(\S+))/g)) {
    const [, minus, phrase, word] = m;
    if (word !== undefined && !minus && word.toLowerCase() === 'or') out.push('or');
    else if (phrase !== undefined) out.push({ text: `"${phrase}"`, negated: minus === '-' });
    else if (word) out.push({ text: word, negated: minus === '-' });
  }
  return out.slice(0, 32);
}

type Word = { tsquery: string; stems: string[]; negated: boolean };

/**
 * A free-text query for every language Keel stems, so "printers" finds "printer" in English and Dutch
 * text, as a constant the planner can weigh against the text index's statistics. Each word or quoted phrase
 * is parsed in every language and matches any of its stems ('printer' | 'printers' | 'print'); every
 * word must match, a -word must match in none of its stems, and "or" joins the words beside it. A word that
 * one language drops as a stop word is dropped. Parsing word by word (instead of the whole query once per
 * language, joined with "or") lets the text index look up the rarest word first, checks each stem once
 * per candidate row, and keeps an excluded word excluded in every language. Null when the text holds no
 * word to search for.
 */
export async function textQuery(
  db: Queryable,
  q: string,
  tables: readonly TextTable[] = workItemTables,
): Promise<TextQuery | null> {
  const list = terms(q);
  const words = list.filter((t) => t !== 'or');
  if (!words.length) return null;
  const res = await db.execute<{ parsed: string[] }>(sql`
    select array[${sql.join(
      CONFIGS.map((c) => sql`websearch_to_tsquery(${c}::regconfig, x)::text`),
      sql`, `,
    )}] as parsed from unnest(${sql.param(words.map((w) => w.text))}::text[]) with ordinality as w(x, n) order by n`);
  const groups: Word[][] = [[]];
  let k = 0;
  for (const t of list) {
    if (t === 'or') {
      if (groups.at(-1)!.length) groups.push([]);
      continue;
    }
    const parsed = res.rows[k++]!.parsed;
    if (words.length > 1 && parsed.includes('')) continue; // a stop word in some language
    const stems = [...new Set(parsed.filter((p) => p !== ''))];
    if (!stems.length) continue;
    const any = stems.map((p) => `(${p})`).join(' | ');
    groups.at(-1)!.push({ tsquery: t.negated ? `!(${any})` : `(${any})`, stems, negated: t.negated });
  }
  const alternatives = groups.filter((g) => g.length);
  if (!alternatives.length) return null;
  const text = (gs: Word[][]) => gs.map((g) => `(${g.map((w) => w.tsquery).join(' & ')})`).join(' | ');
  const match = text(alternatives);
  // with "or", every alternative must be looked up: the whole query goes to the index
  if (alternatives.length > 1) return { match, lookup: Object.fromEntries(tables.map((t) => [t, match])) };
  const shares = await commonStems(db);
  const lookup = (table: TextTable) => {
    const share = (w: Word) =>
      w.stems.reduce((sum, stem) => sum + (shares.get(table)?.get(lexemeOf(stem) ?? '') ?? 0), 0);
    const narrowing = alternatives[0]!.filter((w) => !w.negated && share(w) <= COMMON_SHARE);
    return narrowing.length ? text([narrowing]) : match;
  };
  return { match, lookup: Object.fromEntries(tables.map((t) => [t, lookup(t)])) };
}

/** The lexeme of a one-word tsquery ('site' → site); null for a phrase or anything else. */
function lexemeOf(tsquery: string): string | null {
  const m = /^'((?:[^']|'')*)'$/.exec(tsquery);
  return m ? m[1]!.replaceAll("''", "'") : null;
}

/**
 * `alias.search` matching the query: the index looks up the words that narrow the table's rows, and the
 * rows it finds are checked against the whole query (ts_match_vq is the `@@` operator as a function, which
 * the planner does not take to the index).
 */
export function matches(alias: string, q: TextQuery, table: TextTable): SQL {
  const col = sql`${sql.identifier(alias)}.search`;
  const lookup = q.lookup[table] ?? q.match;
  // the plan must see the words: how many rows they find decides between the text index and the others
  const each = sql.raw(PLAN_EACH_TIME);
  return lookup === q.match
    ? sql`${each} ${col} @@ ${tsquery(q)}`
    : sql`${each} ${col} @@ ${lookup}::tsquery and ts_match_vq(${col}, ${tsquery(q)})`;
}

/** The whole query as a tsquery constant, for ranking and highlighting what matched. */
export const tsquery = (q: TextQuery): SQL => sql`${q.match}::tsquery`;

/** How long the share of rows each common stem is in is kept: PostgreSQL learns them anew at ANALYZE. */
const STATS_MS = 10 * 60_000;
const stats = new WeakMap<object, { at: number; shares: Promise<Map<TextTable, Map<string, number>>> }>();

/**
 * The stems in a sizeable share of each table's rows, from what ANALYZE found (the most common elements of
 * every table's `search` column), remembered for a while per database.
 */
function commonStems(db: Queryable): Promise<Map<TextTable, Map<string, number>>> {
  const known = stats.get(db);
  if (known && Date.now() - known.at < STATS_MS) return known.shares;
  const shares = db
    .execute<{ table: TextTable; stem: string; share: number }>(sql`
      select s.tablename as table, z.stem, z.share
        from pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as z(stem, share)
       where s.schemaname = current_schema() and s.attname = 'search'
         and z.stem is not null and z.share > 0.01`)
    .then((res) => {
      const out = new Map<TextTable, Map<string, number>>();
      for (const r of res.rows) {
        if (!out.has(r.table)) out.set(r.table, new Map());
        out.get(r.table)!.set(r.stem, Number(r.share));
      }
      return out;
    })
    .catch(() => {
      // without statistics every word is looked up, as before ANALYZE has run; the next search asks again
      stats.delete(db);
      return new Map<TextTable, Map<string, number>>();
    });
  stats.set(db, { at: Date.now(), shares });
  return shares;
}
