import { and, eq, sql } from 'drizzle-orm';
import { isInternal } from '../../../kernel/access/roles.ts';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { checkVersion } from '../../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import { sanitiseRichText } from '../../../kernel/records/html.ts';
import { type ArticleLanguage, openVersionStates } from '../lifecycle.ts';
import { articleApprovers, mayChangeReaders } from '../policy.ts';
import { articleFor, type VersionRecord, versionsOf } from '../queries/articles.ts';
import { articleCustomers, articleServices, articles, articleVersions } from '../schema.ts';
import type { ArticleInput, ArticlePatch } from '../shapes.ts';

import { mayWrite } from './guards.ts';

/** Writing articles: recording one with its first draft, and changing its fields and its draft (docs/knowledge.md). */
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
