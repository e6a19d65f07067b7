import { type SQL, sql } from 'drizzle-orm';
import { holdsAny, type Role } from '../../kernel/access/roles.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import { sqlToday } from '../../kernel/days.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { matches, textQuery, tsquery } from '../../kernel/db/text-query.ts';
import { isoTimestampOrNull as iso, isoTimestamp } from '../../kernel/db/timestamps.ts';
import { problems } from '../../kernel/http/problem.ts';
import { aliasOf } from '../../kernel/records/visibility.ts';
import {
  type ArticleAudience,
  type ArticleLanguage,
  type ArticleState,
  type ArticleType,
  openVersionStates,
  type VersionState,
  type VersionStep,
  versionStepFrom,
  versionSteps,
} from './lifecycle.ts';
import {
  mayApproveVersion,
  mayChangeReaders,
  mayGiveFeedback,
  mayLinkArticles,
  mayRemoveArticleFile,
  mayReviewArticles,
  mayWriteArticles,
  readsAllArticles,
} from './policy.ts';
import type { ArticleList, ArticleVersion, ArticleView, ListQuery } from './shapes.ts';

type Reader = Pick<Principal, 'userId' | 'roles' | 'customerId' | 'language'>;

/**
 * Who reads which articles, once for every read path (a list, a search, a count, one article, its versions,
 * its attachments, suggestions, the articles linked to a work item), as a condition on the `articles` row
 * aliased `a`. It is policy.ts's `mayReadArticle` in SQL: everyone inside the provider reads everything;
 * a customer's user reads published, unexpired articles for everyone, or for customers when none are named
 * or theirs is; a supplier's contact published, unexpired articles for everyone; nobody else anything.
 */
export function readableArticleSql(who: Pick<Reader, 'roles' | 'customerId'>, alias = 'a'): SQL {
  if (readsAllArticles(who)) return sql`true`;
  const a = aliasOf(alias);
  const live = sql`${a}.state = 'published' and (${a}.expires_on is null or ${a}.expires_on >= ${sqlToday})`;
  if (holdsAny(who, ['customer'])) {
    const forThem = sql`(not exists (select 1 from article_customers ac where ac.article_id = ${a}.id)
      or exists (select 1 from article_customers ac where ac.article_id = ${a}.id
                  and ac.customer_id = ${who.customerId ?? null}::uuid))`;
    return sql`(${live} and (${a}.audience = 'everyone' or (${a}.audience = 'customers' and ${forThem})))`;
  }
  if (holdsAny(who, ['supplier'])) return sql`(${live} and ${a}.audience = 'everyone')`;
  return sql`false`;
}

/** Whose reading a work item's articles are measured by: its requester's roles and organisation (principal facts). */
export type RequesterFacts = Pick<Reader, 'roles' | 'customerId'>;

/** A person's roles and organisation, to ask the readers' rule on their behalf (null: nobody). */
export async function requesterFacts(db: Queryable, userId: string | null): Promise<RequesterFacts | null> {
  if (!userId) return null;
  const r = await db.execute<{ roles: Role[]; customer_id: string | null }>(sql`
    select array(select role from user_roles where user_id = u.id)::text[] as roles, u.customer_id
      from users u where u.id = ${userId}`);
  return { roles: r.rows[0]?.roles ?? [], customerId: r.rows[0]?.customer_id ?? null };
}

/**
 * Whether an article (`a`) may go to a work item's requester in a reply: its published version, if the
 * requester may read it (`readableArticleSql` on their facts: the one readers' rule); an item without a
 * requester sends any published article to nobody in particular.
 */
export const sendableArticleSql = (requester: RequesterFacts | null, alias = 'a'): SQL =>
  sql`(${aliasOf(alias)}.state = 'published' and ${requester ? readableArticleSql(requester, alias) : sql`true`})`;

const uuidLike = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The article a reference names (its id or KB number), as a condition on `a`. */
export const articleNamed = (ref: string, alias = 'a'): SQL =>
  uuidLike.test(ref)
    ? sql`${aliasOf(alias)}.id = ${ref.toLowerCase()}::uuid`
    : sql`${aliasOf(alias)}.number = ${ref.trim().toUpperCase()}`;

/**
 * Whether an article's file (`f`) is part of its published version: uploaded by the time the version readers
 * read now was published. A file uploaded since waits for the next approval like the draft's text; an
 * article never published has none.
 */
const filePublished = sql`coalesce(f.created_at <= (select p.published_at from articles p where p.id = f.article_id), false)`;

/**
 * Which of an article's files (`f`) a person sees: staff every one; other readers those of the published
 * version (`filePublished`) — a file added while the next version is drafted waits for its approval like the
 * draft's text.
 */
const attachmentReadable = (who: Reader): SQL => (readsAllArticles(who) ? sql`true` : filePublished);

/** An article's file as the queries and commands read it (no bytes). */
export type AttachmentRecord = {
  id: string;
  articleId: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string | null;
  createdAt: Date | string;
  published: boolean;
};

const attachmentColumns = sql`f.id, f.article_id as "articleId", f.file_name as "fileName",
  f.content_type as "contentType", f.size, f.sha256, f.uploaded_by as "uploadedBy", f.created_at as "createdAt",
  ${filePublished} as published`;

/** A file as its reader gets it: whether it is part of the published version, and whether they may remove it. */
const presentAttachment = (
  who: Reader,
  f: Pick<AttachmentRecord, 'id' | 'fileName' | 'contentType' | 'size' | 'createdAt' | 'published'>,
) => ({
  id: f.id,
  fileName: f.fileName,
  contentType: f.contentType,
  size: f.size,
  createdAt: isoTimestamp(f.createdAt),
  published: f.published,
  mayRemove: mayRemoveArticleFile(who, f),
});

/**
 * An article's files this person sees (`only`: that one file), oldest first. The article must be one they
 * may read (the caller found it with `articleFor`).
 */
export async function attachmentsOf(
  db: Queryable,
  who: Reader,
  articleId: string,
  only?: string,
): Promise<AttachmentRecord[]> {
  const res = await db.execute<AttachmentRecord>(sql`
    select ${attachmentColumns} from article_attachments f
     where f.article_id = ${articleId} and ${attachmentReadable(who)}
       ${only ? sql`and f.id = ${only}::uuid` : sql``}
     order by f.created_at, f.id`);
  return res.rows;
}

/** An article's own row, as the commands and the presenter read it. */
export type ArticleRecord = {
  id: string;
  number: string;
  type: ArticleType;
  audience: ArticleAudience;
  language: ArticleLanguage;
  translationOf: string | null;
  state: ArticleState;
  ownerId: string | null;
  tags: string[];
  publishedVersion: number | null;
  title: string;
  summary: string;
  body: string;
  publishedAt: Date | null;
  reviewBy: string | null;
  expiresOn: string | null;
  views: number;
  helpful: number;
  notHelpful: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  stale: boolean;
};

const recordColumns = sql`a.id, a.number, a.type, a.audience, a.language, a.translation_of as "translationOf",
  a.state, a.owner_id as "ownerId", a.tags, a.published_version as "publishedVersion", a.title, a.summary,
  a.body, a.published_at as "publishedAt", a.review_by::text as "reviewBy", a.expires_on::text as "expiresOn",
  a.views, a.helpful, a.not_helpful as "notHelpful", a.created_by as "createdBy", a.created_at as "createdAt",
  a.updated_at as "updatedAt", a.version,
  (a.state = 'published' and a.review_by is not null and a.review_by < ${sqlToday}) as stale`;

/**
 * The article a reference names, if this person may read it (404 otherwise, as for one that does not exist:
 * a customer learns nothing of articles not for them). `forUpdate` locks the row for a command.
 */
export async function articleFor(
  db: Queryable,
  who: Pick<Reader, 'roles' | 'customerId'>,
  ref: string,
  forUpdate = false,
): Promise<ArticleRecord> {
  const res = await db.execute<ArticleRecord>(sql`
    select ${recordColumns} from articles a
     where ${articleNamed(ref)} and ${readableArticleSql(who)} ${forUpdate ? sql`for update of a` : sql``}`);
  const a = res.rows[0];
  if (!a) throw problems.notFound(`Article ${ref}`);
  return a;
}

export type VersionRecord = {
  articleId: string;
  number: number;
  state: VersionState;
  title: string;
  summary: string;
  body: string;
  changeNote: string;
  authorId: string | null;
  authorName: string | null;
  /** Everyone who changed the version's text after its author started it (the article's audit entries). */
  contributorIds: string[];
  submittedAt: Date | null;
  reviewedBy: string | null;
  reviewerName: string | null;
  reviewedAt: Date | null;
  reviewNote: string;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** An article's versions, oldest first (all of them, or only those in `states`). */
export async function versionsOf(
  db: Queryable,
  articleId: string,
  states?: readonly VersionState[],
): Promise<VersionRecord[]> {
  const res = await db.execute<VersionRecord>(sql`
    select v.article_id as "articleId", v.number, v.state, v.title, v.summary, v.body,
           v.change_note as "changeNote", v.author_id as "authorId", au.name as "authorName",
           array(select distinct l.actor_id::text from audit_log l
                  where l.record_type = 'article' and l.record_id = ar.number
                    and l.action = 'article.updated' and l.actor_id is not null
                    and (l.after #>> '{draft,number}')::int = v.number) as "contributorIds",
           v.submitted_at as "submittedAt", v.reviewed_by as "reviewedBy", rv.name as "reviewerName",
           v.reviewed_at as "reviewedAt", v.review_note as "reviewNote", v.published_at as "publishedAt",
           v.created_at as "createdAt", v.updated_at as "updatedAt"
      from article_versions v
      join articles ar on ar.id = v.article_id
      left join users au on au.id = v.author_id
      left join users rv on rv.id = v.reviewed_by
     where v.article_id = ${articleId}
       ${states ? sql`and v.state = any(${sql.param([...states])}::text[])` : sql``}
     order by v.number`);
  return res.rows;
}

/** The steps this person may take on a version now: the lifecycle's, narrowed by policy.ts. */
export function stepsOn(
  who: Reader,
  v: Pick<VersionRecord, 'state' | 'authorId' | 'contributorIds'>,
): VersionStep[] {
  return versionSteps.filter((s) => {
    if (!versionStepFrom(v.state, s)) return false;
    if (s === 'submit') return mayWriteArticles(who);
    if (s === 'approve') return mayApproveVersion(who, v);
    return mayReviewArticles(who);
  });
}

export const presentVersion = (who: Reader, v: VersionRecord): ArticleVersion => ({
  number: v.number,
  state: v.state,
  title: v.title,
  summary: v.summary,
  body: v.body,
  changeNote: v.changeNote,
  author: v.authorId ? { id: v.authorId, name: v.authorName ?? '' } : null,
  submittedAt: iso(v.submittedAt),
  reviewer: v.reviewedBy ? { id: v.reviewedBy, name: v.reviewerName ?? '' } : null,
  reviewedAt: iso(v.reviewedAt),
  reviewNote: v.reviewNote,
  publishedAt: iso(v.publishedAt),
  createdAt: isoTimestamp(v.createdAt),
  updatedAt: isoTimestamp(v.updatedAt),
  steps: stepsOn(who, v),
});

/** One article as this person may see it: the published text, and for staff the draft being worked on. */
export async function presentArticle(db: Queryable, who: Reader, ref: string): Promise<ArticleView> {
  const a = await articleFor(db, who, ref);
  const inside = readsAllArticles(who);
  const [draft] = inside ? await versionsOf(db, a.id, openVersionStates) : [];
  const extra = await db.execute<{
    owner: { id: string; name: string } | null;
    services: Array<{ id: string; name: string }>;
    customers: Array<{ id: string; name: string }>;
    original: { id: string; number: string; language: string; title: string } | null;
    translations: Array<{ id: string; number: string; language: string; title: string }>;
    attachments: Array<
      Pick<AttachmentRecord, 'id' | 'fileName' | 'contentType' | 'size' | 'createdAt' | 'published'>
    >;
    mine: { helpful: boolean; comment: string } | null;
  }>(sql`
    select (select json_build_object('id', u.id, 'name', u.name) from users u
             where u.id = ${a.ownerId}::uuid and ${inside}) as owner,
           coalesce((select json_agg(json_build_object('id', s.id, 'name', c.name) order by c.name)
                       from article_services x join services s on s.id = x.service_id join cis c on c.id = s.ci_id
                      where x.article_id = ${a.id}), '[]') as services,
           coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name) order by c.name)
                       from article_customers x join customers c on c.id = x.customer_id
                      where x.article_id = ${a.id} and ${inside}), '[]') as customers,
           (select json_build_object('id', o.id, 'number', o.number, 'language', o.language, 'title', o.title)
              from articles o where o.id = ${a.translationOf}::uuid and ${readableArticleSql(who, 'o')}) as original,
           coalesce((select json_agg(json_build_object('id', t.id, 'number', t.number, 'language', t.language, 'title', t.title) order by t.language)
                       from articles t
                      where t.id <> ${a.id}
                        and (t.translation_of = coalesce(${a.translationOf}::uuid, ${a.id}::uuid)
                             or t.id = ${a.translationOf}::uuid)
                        and ${readableArticleSql(who, 't')}), '[]') as translations,
           coalesce((select json_agg(json_build_object('id', f.id, 'fileName', f.file_name, 'contentType', f.content_type,
                                                       'size', f.size, 'createdAt', f.created_at,
                                                       'published', ${filePublished}) order by f.created_at, f.id)
                       from article_attachments f
                      where f.article_id = ${a.id} and ${attachmentReadable(who)}), '[]') as attachments,
           (select json_build_object('helpful', fb.helpful, 'comment', fb.comment)
              from article_feedback fb where fb.article_id = ${a.id} and fb.user_id = ${who.userId}::uuid) as mine`);
  const x = extra.rows[0]!;
  const review = draft?.state === 'in_review' ? draft : null;
  return {
    id: a.id,
    number: a.number,
    type: a.type,
    audience: a.audience,
    language: a.language,
    state: a.state,
    title: a.title,
    summary: a.summary,
    body: a.body,
    publishedVersion: a.publishedVersion,
    publishedAt: iso(a.publishedAt),
    translationOf: x.original,
    translations: x.translations,
    owner: x.owner,
    tags: a.tags,
    services: x.services,
    customers: x.customers,
    reviewBy: a.reviewBy,
    expiresOn: a.expiresOn,
    stale: a.stale,
    views: a.views,
    helpful: a.helpful,
    notHelpful: a.notHelpful,
    myFeedback: x.mine,
    draft: draft ? presentVersion(who, draft) : null,
    attachments: x.attachments.map((f) => presentAttachment(who, f)),
    createdAt: isoTimestamp(a.createdAt),
    updatedAt: isoTimestamp(a.updatedAt),
    version: a.version,
    abilities: {
      edit: mayWriteArticles(who),
      changeReaders: mayChangeReaders(who, a),
      approve: !!review && mayApproveVersion(who, review),
      return: !!review && mayReviewArticles(who),
      retire: a.state === 'published' && mayReviewArticles(who),
      link: mayLinkArticles(who) && a.state === 'published',
      feedback: mayGiveFeedback(who) && a.state === 'published',
    },
  };
}

/**
 * What a reader outside the provider learns of the published version: its number, text and publication
 * time — not the notes between writers and reviewers (a change note may name another organisation's
 * incident) nor who wrote and approved it.
 */
const publishedOnly = (v: ArticleVersion): ArticleVersion => ({
  ...v,
  changeNote: '',
  author: null,
  submittedAt: null,
  reviewer: null,
  reviewedAt: null,
  reviewNote: '',
  createdAt: v.publishedAt ?? v.createdAt,
  updatedAt: v.publishedAt ?? v.updatedAt,
  steps: [],
});

/** The versions of an article a person may read: staff every one (with its text, for a diff), others the published one. */
export async function listVersions(db: Queryable, who: Reader, ref: string) {
  const a = await articleFor(db, who, ref);
  const all = await versionsOf(db, a.id);
  if (readsAllArticles(who)) return { items: all.map((v) => presentVersion(who, v)) };
  return {
    items: all.filter((v) => v.state === 'published').map((v) => publishedOnly(presentVersion(who, v))),
  };
}

/** The article's language first for its reader, then how well it matched. */
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
export async function listLinkedArticles(
  db: Queryable,
  who: Reader,
  item: { id: string; requesterId: string | null },
) {
  const requester = await requesterFacts(db, item.requesterId);
  const res = await db.execute<{
    articleId: string;
    number: string;
    title: string;
    type: ArticleType;
    language: ArticleLanguage;
    state: ArticleState;
    sent: boolean;
    requesterMayRead: boolean;
    linkedAt: Date;
    linkedBy: string | null;
  }>(sql`
    select a.id as "articleId", a.number, a.title, a.type, a.language, a.state, l.sent,
           ${sendableArticleSql(requester)} as "requesterMayRead",
           l.linked_at as "linkedAt", u.name as "linkedBy"
      from article_links l join articles a on a.id = l.article_id left join users u on u.id = l.linked_by
     where l.work_item_id = ${item.id} and ${readableArticleSql(who)}
     order by l.linked_at, a.number`);
  return { items: res.rows.map((r) => ({ ...r, linkedAt: isoTimestamp(r.linkedAt) })) };
}

/** An article's attachments (the article must be readable: articleFor checks). */
export async function listArticleAttachments(db: Queryable, who: Reader, ref: string) {
  const a = await articleFor(db, who, ref);
  return { items: (await attachmentsOf(db, who, a.id)).map((f) => presentAttachment(who, f)) };
}

/** One of an article's files as this person sees it (404 when it is not one of that article's they see). */
export async function presentArticleAttachment(
  db: Queryable,
  who: Reader,
  ref: string,
  attachmentId: string,
) {
  const a = await articleFor(db, who, ref);
  const [f] = await attachmentsOf(db, who, a.id, attachmentId);
  if (!f) throw problems.notFound(`Attachment ${attachmentId}`);
  return presentAttachment(who, f);
}

/** One attachment's bytes, if its article is readable by this person. */
export async function articleAttachmentContent(
  db: Queryable,
  who: Reader,
  ref: string,
  attachmentId: string,
) {
  const a = await articleFor(db, who, ref);
  const res = await db.execute<{ file_name: string; content_type: string; content: Buffer }>(sql`
    select f.file_name, f.content_type, b.content
      from article_attachments f join attachment_blobs b on b.sha256 = f.sha256
     where f.id = ${attachmentId} and f.article_id = ${a.id} and ${attachmentReadable(who)}`);
  const f = res.rows[0];
  if (!f) throw problems.notFound(`Attachment ${attachmentId}`);
  return f;
}

/** The portal's suggestion sessions over a period: how many ended without a report, and which articles answered. */
export async function deflectionStats(db: Queryable, from: string, to: string) {
  const res = await db.execute<{ deflected: number; reported: number }>(sql`
    select count(*) filter (where outcome = 'deflected')::int as deflected,
           count(*) filter (where outcome = 'reported')::int as reported
      from knowledge_deflections
     where at >= ${from}::date and at < ${to}::date + 1`);
  const top = await db.execute<{ id: string; number: string; title: string; deflected: number }>(sql`
    select a.id, a.number, a.title, count(*)::int as deflected
      from knowledge_deflections d join articles a on a.id = d.article_id
     where d.outcome = 'deflected' and d.at >= ${from}::date and d.at < ${to}::date + 1
     group by a.id order by deflected desc, a.number limit 10`);
  const { deflected, reported } = res.rows[0]!;
  const sessions = deflected + reported;
  return {
    from,
    to,
    sessions,
    deflected,
    reported,
    rate: sessions ? Math.round((1000 * deflected) / sessions) / 10 : null,
    articles: top.rows,
  };
}
