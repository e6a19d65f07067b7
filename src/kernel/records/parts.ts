import { and, eq, sql } from 'drizzle-orm';
import { internalRoles } from '../access/roles.ts';
import type { Principal } from '../auth/principal.ts';
import type { Tx } from '../db/database.ts';
import type { CommandContext } from '../db/tx.ts';
import { problems } from '../http/problem.ts';
import { notify } from '../notify/notify.ts';
import { loadForWrite, loadItem } from './commands.ts';
import { checkUpload, storeBlob } from './files.ts';
import { plainText, sanitiseRichText } from './html.ts';
import type { WorkItem } from './registry.ts';
import { attachments, comments, links, watchers, workItems } from './schema.ts';
import { seesAllWorkItems } from './visibility.ts';

/**
 * What every work item has besides its own fields, and the commands that add to it: comments (public or
 * internal), attachments (bytes kept once per SHA-256), links to other work items, and watchers.
 */

export const linkKinds = ['relates_to', 'caused_by', 'duplicate_of', 'parent_of', 'resolved_by'] as const;
export type LinkKind = (typeof linkKinds)[number];

export async function addComment(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  input: { body: string; internal: boolean },
) {
  const { item, def } = await loadForWrite(ctx, who, ref, null);
  if (input.internal && !def.canSeeInternal(who)) {
    throw problems.forbidden('You may not write internal comments on this item.');
  }
  const body = sanitiseRichText(input.body);
  if (!body)
    throw problems.validation([{ field: 'body', message: 'is empty once unsafe markup is removed' }]);
  const [c] = await ctx.tx
    .insert(comments)
    .values({ workItemId: item.id, authorId: ctx.actor.userId, body, internal: input.internal })
    .returning();
  await touch(ctx.tx, item.id);
  await ctx.audit({ action: 'comment.added', recordType: 'work-item', recordId: item.number, after: c });
  if (!input.internal) await tellAboutComment(ctx.tx, who, item, body);
  return c!;
}

/**
 * A public comment is news for the other side: the requester hears from staff, and the assignee (or the
 * group while nobody is assigned) hears from the requester.
 */
async function tellAboutComment(tx: Tx, who: Principal, item: WorkItem, body: string) {
  const fromRequester = who.userId === item.requesterId;
  if (fromRequester && item.assigneeId === who.userId) return;
  const to = fromRequester
    ? item.assigneeId
      ? { userIds: [item.assigneeId] }
      : { groupId: item.groupId }
    : { userIds: [item.requesterId] };
  await notify(
    tx,
    to,
    'item.commented',
    { number: item.number, title: item.title, author: who.name, excerpt: plainText(body) },
    `/work-items/${item.number}`,
  );
}

export async function addAttachment(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  file: { fileName: string; contentType: string; content: Buffer },
) {
  const { item } = await loadForWrite(ctx, who, ref, null);
  const contentType = checkUpload(file.fileName, file.contentType, file.content);
  const sha256 = await storeBlob(ctx.tx, file.content);
  const [a] = await ctx.tx
    .insert(attachments)
    .values({
      workItemId: item.id,
      fileName: file.fileName,
      contentType,
      size: file.content.length,
      sha256,
      uploadedBy: ctx.actor.userId,
    })
    .returning();
  await touch(ctx.tx, item.id);
  await ctx.audit({ action: 'attachment.added', recordType: 'work-item', recordId: item.number, after: a });
  return a!;
}

export async function addLink(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  input: { to: string; kind: LinkKind },
) {
  const { item } = await loadForWrite(ctx, who, ref, null);
  const { item: target } = await loadItem(ctx.tx, input.to, who).catch(() => {
    throw problems.validation([{ field: 'to', message: `work item ${input.to} does not exist` }]);
  });
  if (target.id === item.id)
    throw problems.validation([{ field: 'to', message: 'an item cannot link to itself' }]);
  const [l] = await ctx.tx
    .insert(links)
    .values({ fromId: item.id, toId: target.id, kind: input.kind, createdBy: ctx.actor.userId })
    .onConflictDoNothing()
    .returning();
  if (!l) throw problems.conflict(`${item.number} already ${input.kind.replace('_', ' ')} ${target.number}.`);
  await ctx.audit({
    action: 'link.added',
    recordType: 'work-item',
    recordId: item.number,
    after: { to: target.number, kind: input.kind },
  });
  return { id: l.id, kind: l.kind, from: item.number, to: target.number };
}

export async function removeLink(ctx: CommandContext, who: Principal, ref: string, linkId: string) {
  const { item } = await loadForWrite(ctx, who, ref, null);
  const [l] = await ctx.tx
    .delete(links)
    .where(and(eq(links.id, linkId), sql`(${links.fromId} = ${item.id} or ${links.toId} = ${item.id})`))
    .returning();
  if (!l) throw problems.notFound(`Link ${linkId}`);
  await ctx.audit({ action: 'link.removed', recordType: 'work-item', recordId: item.number, before: l });
}

/**
 * Watching needs only read access: anyone who can see an item may follow it. Whoever may change it may add
 * others; someone outside the provider only colleagues of their own organisation (watching lets them read
 * the item, visibility.ts). Anyone else is not found, exactly as an id that does not exist, so the answer
 * says nothing about people elsewhere.
 */
export async function setWatching(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  userId: string,
  on: boolean,
) {
  const { item, def } = await loadItem(ctx.tx, ref, who);
  if (userId !== who.userId && !def.canWrite(who, item)) {
    throw problems.forbidden('You may only change your own watching on this item.');
  }
  if (on && userId !== who.userId && !(await mayName(ctx.tx, who, userId))) {
    throw problems.notFound(`Person ${userId}`);
  }
  if (on) await ctx.tx.insert(watchers).values({ workItemId: item.id, userId }).onConflictDoNothing();
  else
    await ctx.tx.delete(watchers).where(and(eq(watchers.workItemId, item.id), eq(watchers.userId, userId)));
  await ctx.audit({
    action: on ? 'watcher.added' : 'watcher.removed',
    recordType: 'work-item',
    recordId: item.number,
    after: { userId },
  });
}

/** Whether this person may name that one as a watcher: staff anyone who exists, others a colleague. */
async function mayName(tx: Tx, who: Principal, userId: string) {
  const colleague = seesAllWorkItems(who)
    ? sql`true`
    : who.customerId
      ? sql`u.customer_id = ${who.customerId}::uuid and not exists (select 1 from user_roles r
              where r.user_id = u.id and r.role = any(${sql.param([...internalRoles])}::text[]))`
      : sql`false`;
  const res = await tx.execute(
    sql`select 1 from users u where u.id = ${userId}::uuid and u.active and ${colleague}`,
  );
  return res.rows.length > 0;
}

async function touch(tx: Tx, id: string) {
  await tx.update(workItems).set({ updatedAt: new Date() }).where(eq(workItems.id, id));
}
