import { type SQL, sql } from 'drizzle-orm';
import { sqlToday } from '../../../kernel/days.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import { matches, textQuery, tsquery } from '../../../kernel/db/text-query.ts';
import { isoTimestampOrNull as iso, isoTimestamp } from '../../../kernel/db/timestamps.ts';
import type { ArticleAudience, ArticleLanguage, ArticleState, ArticleType } from '../lifecycle.ts';
import { readsAllArticles } from '../policy.ts';
import type { ArticleList, ListQuery } from '../shapes.ts';
import { type Reader, type RequesterFacts, readableArticleSql, sendableArticleSql } from './articles.ts';

/** Finding articles: the list and full-text search, and suggestions for text being typed. */
const languageFirst = (who: Reader) => sql`(a.language = ${who.language}) desc`;

/**
 * The articles a person may read, filtered, newest first — or with `q`, ranked: the reader's language first,
 * then ts_rank over the text index (the work-item search machinery: web search syntax, stemmed in every
 * language Keel stems). `stale` lists published articles past their review date.
 */
export async function listArticles(db: Queryable, who: Reader, f: ListQuery): Promise<ArticleList> {
  const where: SQL[] = [readableArticleSql(who)];
  if (f.type) where.push(sql`a.type = ${f.type}`);
  if (f.audience) where.push(sql`a.audience = ${f.audience}`);
  if (f.state) where.push(sql`a.state = ${f.state}`);
  if (f.language) where.push(sql`a.language = ${f.language}`);
  if (f.tag) where.push(sql`a.tags @> array[${f.tag}]::text[]`);
  if (f.serviceId)
    where.push(
      sql`exists (select 1 from article_services x where x.article_id = a.id and x.service_id = ${f.serviceId})`,
    );
  if (f.stale === true)
    where.push(sql`a.state = 'published' and a.review_by is not null and a.review_by < ${sqlToday}`);
  if (f.stale === false)
    where.push(sql`not (a.state = 'published' and a.review_by is not null and a.review_by < ${sqlToday})`);
  const inside = readsAllArticles(who);
  // the review queue: open versions are staff's, so for anyone else it is empty
  const submitted = sql`(select v.submitted_at from article_versions v
                           where v.article_id = a.id and v.state = 'in_review')`;
  if (f.review === true) where.push(inside ? sql`${submitted} is not null` : sql`false`);
  if (f.review === false && inside) where.push(sql`${submitted} is null`);
  const parsed = f.q ? await textQuery(db, f.q, ['articles']) : null;
  if (f.q && !parsed) return { items: [], total: 0, nextOffset: null };
  if (parsed) where.push(matches('a', parsed, 'articles'));
  const rank = parsed ? sql`ts_rank(a.search, ${tsquery(parsed)})` : sql`null::float8`;
  const order = parsed
    ? sql`${languageFirst(who)}, rank desc, a.updated_at desc, a.id`
    : f.review === true
      ? sql`${submitted} asc, a.id`
      : sql`a.updated_at desc, a.id`;
  const res = await db.execute<{
    id: string;
    number: string;
    type: ArticleType;
    audience: ArticleAudience;
    language: ArticleLanguage;
    state: ArticleState;
    title: string;
    summary: string;
    tags: string[];
    publishedAt: Date | null;
    reviewBy: string | null;
    stale: boolean;
    views: number;
    helpful: number;
    notHelpful: number;
    updatedAt: Date;
    openVersion: 'draft' | 'in_review' | null;
    rank: number | null;
    total: number;
  }>(sql`
    select a.id, a.number, a.type, a.audience, a.language, a.state, a.title, a.summary, a.tags,
           a.published_at as "publishedAt", a.review_by::text as "reviewBy",
           (a.state = 'published' and a.review_by is not null and a.review_by < ${sqlToday}) as stale,
           a.views, a.helpful, a.not_helpful as "notHelpful", a.updated_at as "updatedAt",
           case when ${inside} then (select v.state from article_versions v where v.article_id = a.id
                                       and v.state in ('draft', 'in_review') limit 1) end as "openVersion",
           ${rank} as rank, count(*) over ()::int as total
      from articles a where ${sql.join(where, sql` and `)}
     order by ${order} limit ${f.limit} offset ${f.offset}`);
  const total = res.rows[0]?.total ?? (f.offset ? await countArticles(db, where) : 0);
  return {
    items: res.rows.map(({ total: _t, ...r }) => ({
      ...r,
      publishedAt: iso(r.publishedAt),
      updatedAt: isoTimestamp(r.updatedAt),
      rank: r.rank === null ? null : Number(r.rank),
    })),
    total,
    nextOffset: f.offset + res.rows.length < total ? f.offset + res.rows.length : null,
  };
}

async function countArticles(db: Queryable, where: SQL[]) {
  const r = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from articles a where ${sql.join(where, sql` and `)}`,
  );
  return r.rows[0]!.n;
}

/** How much the service the person reports about adds to an article's score. */
export const SERVICE_BONUS = 0.3;
/** At most this many suggestions. */
export const SUGGESTIONS = 5;

/**
 * Articles that may answer what someone is typing (an incident's title in the portal): published ones they
 * may read that match any of its words (stemmed in every language Keel stems) or, when those are fewer than
 * five, whose title is like it (pg_trgm), scored by ts_rank plus title similarity plus a bonus when the
 * article is about the service named; at most five, best first (the reader's language before others at
 * equal score). `forItem`: only articles that may go to that work item's requester in a reply
 * (`sendableArticleSql`), for staff inserting an article into a reply to them.
 */
export async function suggestArticles(
  db: Queryable,
  who: Reader,
  text: string,
  serviceId?: string,
  forItem?: { requester: RequesterFacts | null },
) {
  const sendable = forItem ? sendableArticleSql(forItem.requester) : sql`true`;
  // any word may match: a title being typed is not a query whose every word must be found
  const words = text
    .replace(/["()!&|:*<>-]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 1)
    .slice(0, 16);
  const parsed = words.length ? await textQuery(db, words.join(' or '), ['articles']) : null;
  const q = parsed ? tsquery(parsed) : sql`''::tsquery`;
  const fromText = parsed ? sql`a.search @@ ${q}` : sql`false`;
  // one answer per article and its translations: the best-scoring ones are found in any language, then
  // each is shown in the reader's language where a readable translation exists (a Dutch reader who types
  // English words gets the Dutch translation of the English article they match)
  const ranked = (candidates: SQL) =>
    db.execute<{
      id: string;
      number: string;
      type: ArticleType;
      language: ArticleLanguage;
      title: string;
      summary: string;
      score: number;
    }>(sql`
      with hits as (
        select a.id, coalesce(a.translation_of, a.id) as original,
               (${parsed ? sql`ts_rank(a.search, ${q})` : sql`0`} + similarity(a.title, ${text})
                 + case when exists (select 1 from article_services x where x.article_id = a.id
                                       and x.service_id = ${serviceId ?? null}::uuid)
                        then ${SERVICE_BONUS}::float8 else 0 end)::float8 as score
          from articles a
         where a.state = 'published' and ${candidates} and ${readableArticleSql(who)} and ${sendable}
         order by score desc, a.number
         limit ${SUGGESTIONS * 4}),
      best as (
        select original, max(score) as score from hits group by original
         order by score desc, original limit ${SUGGESTIONS})
      select c.id, c.number, c.type, c.language, c.title, c.summary, b.score
        from best b
        cross join lateral (
          select a.id, a.number, a.type, a.language, a.title, a.summary
            from articles a
           where (a.id = b.original or a.translation_of = b.original) and a.state = 'published'
             and ${readableArticleSql(who)} and ${sendable}
           order by ${languageFirst(who)}, (a.id in (select id from hits)) desc, a.number
           limit 1) c
       order by b.score desc, c.number`);
  // the words find enough articles most of the time; only then are titles compared trigram by trigram
  // too (a typo, a word not finished yet), as that index reads long lists for the common trigrams
  let res = await ranked(fromText);
  if (res.rows.length < SUGGESTIONS) res = await ranked(sql`(${fromText} or a.title % ${text})`);
  return { items: res.rows.map((r) => ({ ...r, score: Math.round(Number(r.score) * 1000) / 1000 })) };
}

/**
 * The articles linked to a work item that this person may read, each saying whether it may go to the item's
 * requester in a reply (`requesterMayRead`: `sendableArticleSql`, the readers' rule on the requester's facts).
 */
