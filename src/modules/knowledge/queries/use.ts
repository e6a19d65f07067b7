import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../kernel/db/database.ts';
import { isoTimestamp } from '../../../kernel/db/timestamps.ts';
import { problems } from '../../../kernel/http/problem.ts';
import type { ArticleLanguage, ArticleState, ArticleType } from '../lifecycle.ts';
import {
  articleFor,
  attachmentReadable,
  attachmentsOf,
  presentAttachment,
  type Reader,
  readableArticleSql,
  requesterFacts,
  sendableArticleSql,
} from './articles.ts';

/** How articles are used: their links to work items, their files, and deflections. */
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
