import { and, eq, sql } from 'drizzle-orm';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { checkVersion } from '../../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import { notify } from '../../../kernel/notify/notify.ts';
import { type VersionStep, versionStepFrom } from '../lifecycle.ts';
import { articleApprovers, mayApproveVersion } from '../policy.ts';
import { type ArticleRecord, articleFor, versionsOf } from '../queries/articles.ts';
import { articles, articleVersions } from '../schema.ts';
import type { TransitionInput } from '../shapes.ts';

import { mayReview, mayWrite } from './guards.ts';

/** An article's versions through review to publication, and retiring an article (docs/knowledge.md). */
const link = (a: { number: string }) => `/knowledge/${a.number}`;

/**
 * Moves a version by a step of its lifecycle: submit (its writer, to the approvers), approve (a knowledge
 * manager or process owner who did not write it: publishes it, supersedes the version before, and copies
 * its text to the article for readers and search), return (back to its author, with a note).
 */
export async function transitionVersion(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  number: number,
  input: TransitionInput,
  expected?: number,
) {
  const a = await articleFor(ctx.tx, who, ref, true);
  // the decision is on the text the decider read: a version returned, edited and submitted again since
  // moved the article's version on, so a stale approve is a 412 and never publishes text nobody reviewed
  if (expected !== undefined) checkVersion(expected, a.version);
  const [v] = (await versionsOf(ctx.tx, a.id)).filter((x) => x.number === number);
  if (!v) throw problems.notFound(`Version ${number} of ${a.number}`);
  const step: VersionStep = input.action;
  if (step === 'submit') mayWrite(who);
  else mayReview(who);
  const to = versionStepFrom(v.state, step);
  if (!to)
    throw problems.conflict(
      `${a.number} version ${number} is ${v.state}; it cannot be ${step === 'return' ? 'returned' : `${step}d`}.`,
    );
  if (step === 'approve' && !mayApproveVersion(who, v))
    throw problems.forbidden(
      'Nobody who wrote a version (its author or anyone who changed its text) approves it.',
    );
  const note = input.note?.trim() ?? '';
  if (step === 'return' && !note)
    throw problems.validation([{ field: 'note', message: 'say what the author should change' }]);
  if (step === 'submit') {
    const errors: FieldError[] = [];
    if (!v.title.trim()) errors.push({ field: 'title', message: 'is required' });
    if (!v.body.trim()) errors.push({ field: 'body', message: 'an article without text cannot be reviewed' });
    if (errors.length) throw problems.validation(errors);
  }
  const now = new Date();
  const where = and(eq(articleVersions.articleId, a.id), eq(articleVersions.number, number));
  const changes =
    step === 'submit'
      ? { state: to, submittedAt: now, updatedAt: now }
      : step === 'approve'
        ? {
            state: to,
            reviewedBy: who.userId,
            reviewedAt: now,
            reviewNote: note,
            publishedAt: now,
            updatedAt: now,
          }
        : { state: to, reviewedBy: who.userId, reviewedAt: now, reviewNote: note, updatedAt: now };
  const [after] = await ctx.tx.update(articleVersions).set(changes).where(where).returning();
  let article: Partial<ArticleRecord> | null = null;
  if (step === 'approve') {
    await ctx.tx
      .update(articleVersions)
      .set({ state: 'superseded', updatedAt: now })
      .where(
        and(
          eq(articleVersions.articleId, a.id),
          eq(articleVersions.state, 'published'),
          sql`${articleVersions.number} <> ${number}`,
        ),
      );
    const [p] = await ctx.tx
      .update(articles)
      .set({
        state: 'published',
        publishedVersion: number,
        title: v.title,
        summary: v.summary,
        body: v.body,
        publishedAt: now,
        updatedAt: now,
        version: a.version + 1,
      })
      .where(eq(articles.id, a.id))
      .returning();
    article = {
      state: p!.state,
      publishedVersion: p!.publishedVersion,
      title: p!.title,
      publishedAt: p!.publishedAt,
    };
  } else {
    await ctx.tx
      .update(articles)
      .set({ updatedAt: now, version: a.version + 1 })
      .where(eq(articles.id, a.id));
  }
  await ctx.audit({
    action: `article.version_${step === 'approve' ? 'approved' : step === 'submit' ? 'submitted' : 'returned'}`,
    recordType: 'article',
    recordId: `${a.number} v${number}`,
    before: { state: v.state },
    after: { ...after!, ...(article ? { article } : {}) },
  });
  const params = { number: a.number, title: v.title, version: String(number), note };
  if (step === 'submit')
    await notify(ctx.tx, { roles: articleApprovers }, 'knowledge.review_needed', params, link(a));
  else
    await notify(
      ctx.tx,
      { userIds: [v.authorId].filter((x) => x !== who.userId) },
      step === 'approve' ? 'knowledge.approved' : 'knowledge.returned',
      params,
      link(a),
    );
  return after!;
}

/** Withdraws a published article from its readers; approving a new version publishes it again. */
export async function retireArticle(ctx: CommandContext, who: Principal, ref: string, reason?: string) {
  mayReview(who);
  const a = await articleFor(ctx.tx, who, ref, true);
  if (a.state !== 'published')
    throw problems.conflict(`${a.number} is ${a.state}; only a published article is retired.`);
  await ctx.tx
    .update(articles)
    .set({ state: 'retired', updatedAt: new Date(), version: a.version + 1 })
    .where(eq(articles.id, a.id));
  await ctx.audit({
    action: 'article.retired',
    recordType: 'article',
    recordId: a.number,
    before: { state: a.state },
    after: { state: 'retired', reason: reason ?? '' },
  });
}

/**
 * "Was this helpful?": one answer per person and article, changed by answering again; the article's counts
 * are recounted from the answers, so they stay right however often someone changes their mind.
 */
