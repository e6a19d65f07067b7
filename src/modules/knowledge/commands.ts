import { and, eq, sql } from 'drizzle-orm';
import { isInternal } from '../../kernel/access/roles.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { checkVersion } from '../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../kernel/http/problem.ts';
import type { UploadedFile } from '../../kernel/http/upload.ts';
import { notify } from '../../kernel/notify/notify.ts';
import { loadItem } from '../../kernel/records/commands.ts';
import { checkUpload, storeBlob } from '../../kernel/records/files.ts';
import { sanitiseRichText, textToHtml } from '../../kernel/records/html.ts';
import { type ArticleLanguage, openVersionStates, type VersionStep, versionStepFrom } from './lifecycle.ts';
import {
  articleApprovers,
  articleWriters,
  mayApproveVersion,
  mayChangeReaders,
  mayCountView,
  mayGiveFeedback,
  mayLinkArticles,
  mayRecordDeflection,
  mayRemoveArticleFile,
  mayReviewArticles,
  mayWriteArticles,
} from './policy.ts';
import {
  type ArticleRecord,
  articleFor,
  attachmentsOf,
  requesterFacts,
  sendableArticleSql,
  type VersionRecord,
  versionsOf,
} from './queries.ts';
import {
  articleAttachments,
  articleCustomers,
  articleFeedback,
  articleLinks,
  articleServices,
  articles,
  articleVersions,
  knowledgeDeflections,
} from './schema.ts';
import type {
  ArticleInput,
  ArticlePatch,
  DeflectionInput,
  FeedbackInput,
  LinkInput,
  TransitionInput,
} from './shapes.ts';

const mayWrite = (who: Principal) => {
  if (!mayWriteArticles(who))
    throw problems.forbidden(`Articles are written by: ${articleWriters.join(', ')}.`);
};
const mayReview = (who: Principal) => {
  if (!mayReviewArticles(who))
    throw problems.forbidden(
      `Articles are approved, returned and retired by: ${articleApprovers.join(', ')}.`,
    );
};

type Refs = Pick<
  ArticlePatch,
  'audience' | 'customerIds' | 'translationOf' | 'ownerId' | 'serviceIds' | 'reviewBy' | 'expiresOn'
> & {
  /** The article's language (as it will be), which a translation must not share with its original. */
  language: ArticleLanguage;
  /** Whether the language is being changed (an article that stays a translation is checked again). */
  languageChanged?: boolean;
  /** The original the article translates now, if any. */
  currentOriginal?: string | null;
};

/**
 * The references an article's fields make, checked together so bad input names every wrong field at once:
 * organisations (for audience customers only), services, the original it translates, its owner (someone
 * inside the provider), and an expiry not before the review date.
 */
async function checkRefs(
  tx: Queryable,
  r: Refs,
  self?: string,
): Promise<{ errors: FieldError[]; original: string | null }> {
  const errors: FieldError[] = [];
  const missing = async (table: 'customers' | 'services', ids: readonly string[]) => {
    if (!ids.length) return [];
    const found = await tx.execute<{ id: string }>(
      sql`select id from ${sql.identifier(table)} where id = any(${sql.param([...ids])}::uuid[])`,
    );
    const known = new Set(found.rows.map((x) => x.id));
    return ids.filter((id) => !known.has(id));
  };
  if (r.customerIds?.length && r.audience !== 'customers')
    errors.push({
      field: 'customerIds',
      message: 'only an article for customers is restricted to organisations',
    });
  const noCustomers = await missing('customers', r.customerIds ?? []);
  if (noCustomers.length)
    errors.push({ field: 'customerIds', message: `no organisations ${noCustomers.join(', ')}` });
  const noServices = await missing('services', r.serviceIds ?? []);
  if (noServices.length)
    errors.push({ field: 'serviceIds', message: `no services ${noServices.join(', ')}` });
  let original: string | null = null;
  const target =
    r.translationOf !== undefined ? r.translationOf : r.languageChanged ? r.currentOriginal : null;
  if (target) {
    const o = await tx.execute<{ id: string; translation_of: string | null; language: string }>(sql`
      select o.id, o.translation_of, o.language from articles o
       where o.id = (select coalesce(x.translation_of, x.id) from articles x where x.id = ${target})`);
    // every translation points at the original, so a translation of a translation points at its original
    original = o.rows[0]?.id ?? null;
    if (!o.rows[0]) errors.push({ field: 'translationOf', message: 'no such article' });
    else if (self && original === self)
      errors.push({ field: 'translationOf', message: 'an article does not translate itself' });
    else {
      const [hasOwn, sibling] = await Promise.all([
        self
          ? tx.execute(sql`select 1 from articles where translation_of = ${self} limit 1`)
          : Promise.resolve({ rows: [] }),
        tx.execute<{ number: string }>(sql`
          select number from articles
           where translation_of = ${original} and language = ${r.language}
             and id is distinct from ${self ?? null}::uuid limit 1`),
      ]);
      // translations hang off one original: an original with translations of its own does not become one
      if (r.translationOf && hasOwn.rows.length)
        errors.push({
          field: 'translationOf',
          message: 'this article has translations of its own; link them to the other original instead',
        });
      if (o.rows[0].language === r.language)
        errors.push({
          field: r.translationOf ? 'translationOf' : 'language',
          message: `the original is in ${r.language} too; a translation is in another language`,
        });
      else if (sibling.rows[0])
        errors.push({
          field: r.translationOf ? 'translationOf' : 'language',
          message: `the original is translated into ${r.language} already (${sibling.rows[0].number})`,
        });
    }
  }
  if (r.ownerId) {
    const u = await tx.execute<{ roles: string[] | null }>(sql`
      select array(select role from user_roles where user_id = u.id) as roles from users u
       where u.id = ${r.ownerId} and u.active`);
    if (!u.rows[0]) errors.push({ field: 'ownerId', message: 'must be an active person' });
    else if (!isInternal({ roles: u.rows[0].roles ?? [] }))
      errors.push({ field: 'ownerId', message: 'must work in the service provider' });
  }
  if (r.reviewBy && r.expiresOn && r.expiresOn < r.reviewBy)
    errors.push({ field: 'expiresOn', message: 'must not be before the review date' });
  return { errors, original };
}

async function setServices(ctx: CommandContext, articleId: string, ids: readonly string[]) {
  await ctx.tx.delete(articleServices).where(eq(articleServices.articleId, articleId));
  if (ids.length)
    await ctx.tx
      .insert(articleServices)
      .values([...new Set(ids)].map((serviceId) => ({ articleId, serviceId })));
}

async function setCustomers(ctx: CommandContext, articleId: string, ids: readonly string[]) {
  await ctx.tx.delete(articleCustomers).where(eq(articleCustomers.articleId, articleId));
  if (ids.length)
    await ctx.tx
      .insert(articleCustomers)
      .values([...new Set(ids)].map((customerId) => ({ articleId, customerId })));
}

const cleanTags = (tags: readonly string[]) => [
  ...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean)),
];

/** Writes a new article with its first version as a draft. */
export async function createArticle(ctx: CommandContext, who: Principal, input: ArticleInput) {
  mayWrite(who);
  const { errors, original } = await checkRefs(ctx.tx, input);
  if (errors.length) throw problems.validation(errors);
  const number = await ctx.tx.execute<{ n: string }>(
    sql`select 'KB-' || lpad(nextval('article_number_seq')::text, 6, '0') as n`,
  );
  const [a] = await ctx.tx
    .insert(articles)
    .values({
      number: number.rows[0]!.n,
      type: input.type,
      audience: input.audience,
      language: input.language,
      translationOf: original,
      ownerId: input.ownerId ?? who.userId,
      tags: cleanTags(input.tags ?? []),
      // the working title until the first version is published; readers never see an unpublished article
      title: input.title,
      reviewBy: input.reviewBy ?? null,
      expiresOn: input.expiresOn ?? null,
      createdBy: who.userId,
    })
    .returning();
  const [v] = await ctx.tx
    .insert(articleVersions)
    .values({
      articleId: a!.id,
      number: 1,
      title: input.title,
      summary: input.summary ?? '',
      body: sanitiseRichText(input.body ?? ''),
      changeNote: input.changeNote ?? '',
      authorId: who.userId,
    })
    .returning();
  await setServices(ctx, a!.id, input.serviceIds ?? []);
  await setCustomers(ctx, a!.id, input.customerIds ?? []);
  await ctx.audit({
    action: 'article.created',
    recordType: 'article',
    recordId: a!.number,
    after: {
      ...a!,
      search: undefined,
      serviceIds: input.serviceIds ?? [],
      customerIds: input.customerIds ?? [],
      versions: [v],
    },
  });
  return a!;
}

/** The organisations and services an article names now, for the audit entry's before. */
async function refsOf(tx: Queryable, id: string) {
  const r = await tx.execute<{ services: string[]; customers: string[] }>(sql`
    select array(select service_id from article_services where article_id = ${id} order by service_id)::text[] as services,
           array(select customer_id from article_customers where article_id = ${id} order by customer_id)::text[] as customers`);
  return { serviceIds: r.rows[0]!.services, customerIds: r.rows[0]!.customers };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Changes an article's fields (with If-Match on its version) and/or the text of its draft. Text given for
 * a published article starts the next version as a draft from the published text; readers keep the
 * published one until it is approved. A version in review keeps the text it is reviewed on. Once the
 * article has been published, who reads it (audience, organisations, a later or no expiry) is the
 * approvers' to change (`mayChangeReaders`). Changing nothing writes nothing.
 */
export async function updateArticle(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  expected: number,
  patch: ArticlePatch,
) {
  mayWrite(who);
  const before = await articleFor(ctx.tx, who, ref, true);
  checkVersion(expected, before.version);
  const beforeRefs = await refsOf(ctx.tx, before.id);
  const audience = patch.audience ?? before.audience;
  // the organisations stay with the article when its audience changes (they only count for `customers`),
  // so customers [A] → everyone → customers restricts it to A again instead of opening it to every customer
  const customerIds = patch.customerIds ?? beforeRefs.customerIds;
  const expiresOn = patch.expiresOn === undefined ? before.expiresOn : patch.expiresOn;
  const readersChanged = [
    ...(audience !== before.audience ? ['audience'] : []),
    ...(!sameSet(customerIds, beforeRefs.customerIds) ? ['customerIds'] : []),
    // a later expiry, or none, keeps it before readers longer; an earlier one only narrows
    ...(before.expiresOn !== null && (expiresOn === null || expiresOn > before.expiresOn)
      ? ['expiresOn']
      : []),
  ];
  if (readersChanged.length && !mayChangeReaders(who, before))
    throw problems.forbidden(
      `${before.number} has been published: who reads it (${readersChanged.join(', ')}) is changed by ${articleApprovers.join(' or ')}.`,
    );
  const { errors, original } = await checkRefs(
    ctx.tx,
    {
      audience,
      customerIds: patch.customerIds,
      serviceIds: patch.serviceIds,
      translationOf: patch.translationOf,
      ownerId: patch.ownerId,
      reviewBy: patch.reviewBy === undefined ? before.reviewBy : patch.reviewBy,
      expiresOn,
      language: patch.language ?? before.language,
      languageChanged: patch.language !== undefined && patch.language !== before.language,
      currentOriginal: before.translationOf,
    },
    before.id,
  );
  if (errors.length) throw problems.validation(errors);
  const vs = await versionsOf(ctx.tx, before.id);
  const open = vs.find((v) => openVersionStates.includes(v.state));
  const base = open ?? vs.find((v) => v.state === 'published') ?? vs.at(-1)!;
  const text = {
    title: patch.title ?? base.title,
    summary: patch.summary ?? base.summary,
    body: patch.body === undefined ? base.body : sanitiseRichText(patch.body),
    changeNote: patch.changeNote ?? (open ? open.changeNote : ''),
  };
  // only text that differs from the version it is written on is a change (a form sending every key again
  // neither starts a version nor makes the sender one of its writers)
  const textChanged =
    text.title !== base.title ||
    text.summary !== base.summary ||
    text.body !== base.body ||
    (patch.changeNote !== undefined && text.changeNote !== (open ? open.changeNote : ''));
  const tags = patch.tags ? cleanTags(patch.tags) : before.tags;
  const translationOf = patch.translationOf !== undefined ? original : before.translationOf;
  const fieldsChanged =
    (patch.type !== undefined && patch.type !== before.type) ||
    audience !== before.audience ||
    (patch.language !== undefined && patch.language !== before.language) ||
    translationOf !== before.translationOf ||
    (patch.ownerId !== undefined && patch.ownerId !== before.ownerId) ||
    !sameSet(tags, before.tags) ||
    (patch.reviewBy !== undefined && patch.reviewBy !== before.reviewBy) ||
    expiresOn !== before.expiresOn ||
    (patch.serviceIds !== undefined && !sameSet([...new Set(patch.serviceIds)], beforeRefs.serviceIds)) ||
    !sameSet([...new Set(customerIds)], beforeRefs.customerIds);
  if (!textChanged && !fieldsChanged) return before;
  let draft: VersionRecord | undefined;
  if (textChanged) {
    if (open?.state === 'in_review')
      throw problems.conflict(
        `${before.number} version ${open.number} is in review; it keeps the text it is reviewed on until it is approved or returned.`,
      );
    const now = new Date();
    // the author is who started the version; whoever changes its text later is one of its writers
    // (the audit entry's `draft`), and none of them approves it (policy.ts `mayApproveVersion`)
    if (open)
      await ctx.tx
        .update(articleVersions)
        .set({ ...text, updatedAt: now })
        .where(and(eq(articleVersions.articleId, before.id), eq(articleVersions.number, open.number)));
    else
      await ctx.tx.insert(articleVersions).values({
        articleId: before.id,
        number: vs.at(-1)!.number + 1,
        ...text,
        authorId: who.userId,
        updatedAt: now,
      });
    draft = (await versionsOf(ctx.tx, before.id, openVersionStates))[0];
  }
  const [after] = await ctx.tx
    .update(articles)
    .set({
      ...(patch.type ? { type: patch.type } : {}),
      audience,
      ...(patch.language ? { language: patch.language } : {}),
      translationOf,
      ...(patch.ownerId !== undefined ? { ownerId: patch.ownerId } : {}),
      tags,
      ...(patch.reviewBy !== undefined ? { reviewBy: patch.reviewBy } : {}),
      expiresOn,
      // an unpublished article shows its working title in staff lists
      ...(before.state === 'draft' && textChanged ? { title: text.title } : {}),
      updatedAt: new Date(),
      version: before.version + 1,
    })
    .where(eq(articles.id, before.id))
    .returning();
  if (patch.serviceIds) await setServices(ctx, before.id, patch.serviceIds);
  if (patch.customerIds) await setCustomers(ctx, before.id, customerIds);
  const { body: _b, search: _s, ...row } = after!;
  const { body: _bb, ...was } = before;
  await ctx.audit({
    action: 'article.updated',
    recordType: 'article',
    recordId: before.number,
    before: { ...was, ...beforeRefs },
    after: { ...row, ...(await refsOf(ctx.tx, before.id)), ...(draft ? { draft } : {}) },
  });
  return after!;
}

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
export async function attachToArticle(ctx: CommandContext, who: Principal, ref: string, file: UploadedFile) {
  mayWrite(who);
  const a = await articleFor(ctx.tx, who, ref, true);
  const contentType = checkUpload(file.fileName, file.contentType, file.content);
  const sha256 = await storeBlob(ctx.tx, file.content);
  const [f] = await ctx.tx
    .insert(articleAttachments)
    .values({
      articleId: a.id,
      fileName: file.fileName,
      contentType,
      size: file.content.length,
      sha256,
      uploadedBy: who.userId,
    })
    .returning();
  await ctx.tx.update(articles).set({ updatedAt: new Date() }).where(eq(articles.id, a.id));
  await ctx.audit({
    action: 'article.attachment_added',
    recordType: 'article',
    recordId: a.number,
    after: f,
  });
  return f!;
}

/**
 * Removes a file from an article: one readers do not see yet (uploaded since the article's current
 * publication) any writer removes, one of the published version an approver only (`mayRemoveArticleFile`).
 * The bytes stay in the shared content-addressed store, as they do for work items' files: another file, of
 * an article or a work item, may hold the same ones, and the audit entry names them by their SHA-256.
 */
export async function removeArticleAttachment(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  attachmentId: string,
) {
  mayWrite(who);
  // the article's row is locked (as approving and attaching lock it), so no approval publishes the file
  // between the check below and its removal
  const a = await articleFor(ctx.tx, who, ref, true);
  const [f] = await attachmentsOf(ctx.tx, who, a.id, attachmentId);
  if (!f) throw problems.notFound(`Attachment ${attachmentId}`);
  if (!mayRemoveArticleFile(who, f))
    throw problems.forbidden(
      `${f.fileName} is part of ${a.number}'s published version: readers see it, and removing it changes what they read without a new version, so it is removed by ${articleApprovers.join(' or ')}.`,
    );
  await ctx.tx.delete(articleAttachments).where(eq(articleAttachments.id, f.id));
  await ctx.tx.update(articles).set({ updatedAt: new Date() }).where(eq(articles.id, a.id));
  await ctx.audit({
    action: 'article.attachment_removed',
    recordType: 'article',
    recordId: a.number,
    before: f,
  });
}
