import { and, eq, sql } from 'drizzle-orm';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import { loadItem } from '../../../kernel/records/commands.ts';
import { sanitiseRichText, textToHtml } from '../../../kernel/records/html.ts';
import { mayCountView, mayGiveFeedback, mayLinkArticles, mayRecordDeflection } from '../policy.ts';
import { articleFor, requesterFacts, sendableArticleSql } from '../queries/articles.ts';
import { articleFeedback, articleLinks, knowledgeDeflections } from '../schema.ts';
import type { DeflectionInput, FeedbackInput, LinkInput } from '../shapes.ts';
import { createArticle } from './articles.ts';
import { mayWrite } from './guards.ts';
import { transitionVersion } from './versions.ts';

/** Using knowledge: feedback, views, deflections, links to work items and drafts from resolutions (docs/knowledge.md). */
export async function giveFeedback(ctx: CommandContext, who: Principal, ref: string, input: FeedbackInput) {
  if (!mayGiveFeedback(who)) throw problems.forbidden('Your roles allow reading only.');
  const a = await articleFor(ctx.tx, who, ref, true);
  if (a.state !== 'published') throw problems.conflict(`${a.number} is not published.`);
  const before = await ctx.tx
    .select()
    .from(articleFeedback)
    .where(and(eq(articleFeedback.articleId, a.id), eq(articleFeedback.userId, who.userId)));
  const [mine] = await ctx.tx
    .insert(articleFeedback)
    .values({ articleId: a.id, userId: who.userId, helpful: input.helpful, comment: input.comment ?? '' })
    .onConflictDoUpdate({
      target: [articleFeedback.articleId, articleFeedback.userId],
      set: { helpful: input.helpful, comment: input.comment ?? '', at: new Date() },
    })
    .returning();
  const counts = await ctx.tx.execute<{ helpful: number; not_helpful: number }>(sql`
    update articles set
      helpful = (select count(*) from article_feedback f where f.article_id = ${a.id} and f.helpful),
      not_helpful = (select count(*) from article_feedback f where f.article_id = ${a.id} and not f.helpful)
     where id = ${a.id} returning helpful, not_helpful`);
  await ctx.audit({
    action: 'article.feedback',
    recordType: 'article',
    recordId: a.number,
    before: before[0] ?? null,
    after: mine,
  });
  return {
    helpful: counts.rows[0]!.helpful,
    notHelpful: counts.rows[0]!.not_helpful,
    mine: { helpful: mine!.helpful, comment: mine!.comment },
  };
}

/**
 * Counts a reading of a published article by someone who may read it (a read-only role's reading is not
 * counted). A view is a counter, not a change to the article: it writes no audit entry.
 */
export async function countView(ctx: CommandContext, who: Principal, ref: string) {
  const a = await articleFor(ctx.tx, who, ref);
  if (a.state !== 'published' || !mayCountView(who)) return { views: a.views };
  const r = await ctx.tx.execute<{ views: number }>(
    sql`update articles set views = views + 1 where id = ${a.id} returning views`,
  );
  return { views: r.rows[0]!.views };
}

/**
 * What someone did after articles were suggested while they typed an incident's title: gave up reporting
 * (deflected, with the article that answered) or reported anyway (with the item, if they name it).
 */
export async function recordDeflection(ctx: CommandContext, who: Principal, input: DeflectionInput) {
  if (!mayRecordDeflection(who))
    throw problems.forbidden("Suggestion sessions are recorded for customers' portal reports only.");
  const errors: FieldError[] = [];
  let articleId: string | null = null;
  let workItemId: string | null = null;
  if (input.articleId) {
    const a = await articleFor(ctx.tx, who, input.articleId).catch(() => null);
    if (!a) errors.push({ field: 'articleId', message: 'no such article' });
    articleId = a?.id ?? null;
  }
  if (input.workItem) {
    const w = await loadItem(ctx.tx, input.workItem, who).catch(() => null);
    if (!w) errors.push({ field: 'workItem', message: `work item ${input.workItem} does not exist` });
    workItemId = w?.item.id ?? null;
  }
  if (input.outcome === 'deflected' && input.workItem)
    errors.push({ field: 'workItem', message: 'a deflected session reported nothing' });
  if (errors.length) throw problems.validation(errors);
  const [d] = await ctx.tx
    .insert(knowledgeDeflections)
    .values({
      userId: who.userId,
      customerId: who.customerId,
      articleId,
      query: input.query,
      outcome: input.outcome,
      workItemId,
    })
    .returning();
  await ctx.audit({ action: 'knowledge.deflection', recordType: 'article', recordId: d!.id, after: d });
  return d!;
}

/** Links an article to a work item the actor may read (`sent`: inserted into a reply); linking again may mark it sent. */
export async function linkArticle(ctx: CommandContext, who: Principal, itemRef: string, input: LinkInput) {
  if (!mayLinkArticles(who)) throw problems.forbidden('Articles are linked to work items by staff.');
  const { item } = await loadItem(ctx.tx, itemRef, who);
  const a = await articleFor(ctx.tx, who, input.article).catch(() => {
    throw problems.validation([{ field: 'article', message: `no article ${input.article}` }]);
  });
  if (input.sent && a.state !== 'published')
    throw problems.validation([
      { field: 'sent', message: 'only a published article is sent to a requester' },
    ]);
  if (input.sent && item.requesterId) {
    // sent means the requester is given it: it must be an article they may read, by the rule the web asks
    // before offering it (requesterMayRead, suggestions forItem)
    const requester = await requesterFacts(ctx.tx, item.requesterId);
    const r = await ctx.tx.execute<{ readable: boolean }>(sql`
      select exists (select 1 from articles a
                      where a.id = ${a.id} and ${sendableArticleSql(requester)}) as readable`);
    if (!r.rows[0]!.readable)
      throw problems.validation([
        { field: 'article', message: `the requester of ${item.number} may not read ${a.number}` },
      ]);
  }
  const [l] = await ctx.tx
    .insert(articleLinks)
    .values({ articleId: a.id, workItemId: item.id, sent: input.sent, linkedBy: who.userId })
    .onConflictDoUpdate({
      target: [articleLinks.articleId, articleLinks.workItemId],
      set: { sent: sql`${articleLinks.sent} or excluded.sent` },
    })
    .returning();
  await ctx.audit({
    action: 'article.linked',
    recordType: 'work-item',
    recordId: item.number,
    after: { ...l!, article: a.number },
  });
  return { link: l!, article: a, item };
}

export async function unlinkArticle(
  ctx: CommandContext,
  who: Principal,
  itemRef: string,
  articleRef: string,
) {
  if (!mayLinkArticles(who)) throw problems.forbidden('Articles are linked to work items by staff.');
  const { item } = await loadItem(ctx.tx, itemRef, who);
  const a = await articleFor(ctx.tx, who, articleRef);
  const gone = await ctx.tx
    .delete(articleLinks)
    .where(and(eq(articleLinks.articleId, a.id), eq(articleLinks.workItemId, item.id)))
    .returning();
  if (!gone.length) throw problems.notFound(`A link from ${item.number} to ${a.number}`);
  await ctx.audit({
    action: 'article.unlinked',
    recordType: 'work-item',
    recordId: item.number,
    before: { ...gone[0], article: a.number },
  });
}

/**
 * Proposes an article from an incident's resolution: a troubleshooting article for agents, in the incident's
 * language, titled as the incident, its text the resolution and the public notes; linked to the incident and
 * (unless asked not to) sent for review at once.
 */
export async function draftFromIncident(
  ctx: CommandContext,
  who: Principal,
  number: string,
  submit: boolean,
) {
  mayWrite(who);
  const { item } = await loadItem(ctx.tx, number, who);
  if (item.type !== 'incident') throw problems.notFound(`Incident ${number}`);
  const r = await ctx.tx.execute<{ resolution_text: string | null; resolution_code: string | null }>(
    sql`select resolution_text, resolution_code from incidents where work_item_id = ${item.id}`,
  );
  const resolution = r.rows[0]?.resolution_text?.trim() ?? '';
  if (!resolution)
    throw problems.conflict(
      `${item.number} has no resolution yet; resolve it first, then propose an article.`,
    );
  const notes = await ctx.tx.execute<{ body: string }>(sql`
    select body from work_item_comments where work_item_id = ${item.id} and not internal order by created_at`);
  const language = (['en', 'nl', 'da'] as const).find((l) => l === item.language) ?? 'en';
  const heading = { en: ['Resolution', 'Notes'], nl: ['Oplossing', 'Notities'], da: ['Løsning', 'Noter'] }[
    language
  ];
  const body = [
    `<h2>${heading[0]}</h2>`,
    textToHtml(resolution),
    ...(notes.rows.length
      ? [`<h2>${heading[1]}</h2>`, ...notes.rows.map((n) => sanitiseRichText(n.body))]
      : []),
  ].join('\n');
  const a = await createArticle(ctx, who, {
    type: 'troubleshooting',
    audience: 'agents',
    language,
    title: item.title,
    summary: '',
    body,
    changeNote: `Proposed from the resolution of ${item.number}`,
    serviceIds: item.serviceId ? [item.serviceId] : [],
  });
  await ctx.tx.insert(articleLinks).values({ articleId: a.id, workItemId: item.id, linkedBy: who.userId });
  await ctx.audit({
    action: 'article.linked',
    recordType: 'work-item',
    recordId: item.number,
    after: { article: a.number },
  });
  if (submit) await transitionVersion(ctx, who, a.id, 1, { action: 'submit' });
  return a;
}

/** Attaches a file to an article (the same checks and content-addressed store as work-item attachments). */
