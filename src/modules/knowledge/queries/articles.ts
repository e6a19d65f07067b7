import { type SQL, sql } from 'drizzle-orm';
import { holdsAny, type Role } from '../../../kernel/access/roles.ts';
import type { Principal } from '../../../kernel/auth/principal.ts';
import { sqlToday } from '../../../kernel/days.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import { isoTimestampOrNull as iso, isoTimestamp } from '../../../kernel/db/timestamps.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { aliasOf } from '../../../kernel/records/visibility.ts';
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
} from '../lifecycle.ts';
import {
  mayApproveVersion,
  mayChangeReaders,
  mayGiveFeedback,
  mayLinkArticles,
  mayRemoveArticleFile,
  mayReviewArticles,
  mayWriteArticles,
  readsAllArticles,
} from '../policy.ts';
import type { ArticleVersion, ArticleView } from '../shapes.ts';

// Reading articles: who may read one, an article with its versions and files, as the API presents them.

/** Whoever reads: the facts of a principal the reading rules look at. */
export type Reader = Pick<Principal, 'userId' | 'roles' | 'customerId' | 'language'>;

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

export const uuidLike = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
export const filePublished = sql`coalesce(f.created_at <= (select p.published_at from articles p where p.id = f.article_id), false)`;

/**
 * Which of an article's files (`f`) a person sees: staff every one; other readers those of the published
 * version (`filePublished`) — a file added while the next version is drafted waits for its approval like the
 * draft's text.
 */
export const attachmentReadable = (who: Reader): SQL => (readsAllArticles(who) ? sql`true` : filePublished);

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

export const attachmentColumns = sql`f.id, f.article_id as "articleId", f.file_name as "fileName",
  f.content_type as "contentType", f.size, f.sha256, f.uploaded_by as "uploadedBy", f.created_at as "createdAt",
  ${filePublished} as published`;

/** A file as its reader gets it: whether it is part of the published version, and whether they may remove it. */
export const presentAttachment = (
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

export const recordColumns = sql`a.id, a.number, a.type, a.audience, a.language, a.translation_of as "translationOf",
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
