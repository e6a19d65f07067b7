import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { holdsAny } from '../access/roles.ts';
import type { Principal } from '../auth/principal.ts';
import type { Queryable, Tx } from '../db/database.ts';
import type { CommandContext } from '../db/tx.ts';
import { checkVersion } from '../http/etag.ts';
import { Problem, problems } from '../http/problem.ts';
import { notify } from '../notify/notify.ts';
import { checkUpload } from './files.ts';
import { plainText, sanitiseRichText } from './html.ts';
import { planTransition, type Transition, type TransitionInput, transitionTo } from './lifecycle.ts';
import { drawNumber, formatNumber } from './numbering.ts';
import { type WorkItem, type WorkItemType, workItemType } from './registry.ts';
import {
  attachmentBlobs,
  attachments,
  comments,
  fieldHistory,
  links,
  watchers,
  workItems,
} from './schema.ts';

export const linkKinds = ['relates_to', 'caused_by', 'duplicate_of', 'parent_of', 'resolved_by'] as const;
export type LinkKind = (typeof linkKinds)[number];

function typeOf(type: string): WorkItemType {
  const t = workItemType(type);
  if (!t) throw problems.validation([{ field: 'type', message: `unknown work-item type "${type}"` }]);
  return t;
}

/** The item a reference names: its id, or its number in any case (inc-000042 is INC-000042). */
export const itemNamed = (w: { id: AnyPgColumn; number: AnyPgColumn }, ref: string) =>
  /^[0-9a-f-]{36}$/i.test(ref) ? eq(w.id, ref) : eq(w.number, ref.toUpperCase());

/** Reads an item by id or number, checking that this person may see it; locks it for a write. */
export async function loadItem(tx: Queryable, ref: string, who: Principal, forUpdate = false) {
  const q = tx.select().from(workItems).where(itemNamed(workItems, ref));
  const [item] = forUpdate ? await q.for('update') : await q;
  const def = item ? workItemType(item.type) : undefined;
  if (!item || !def?.canRead(who, item)) throw problems.notFound(`Work item ${ref}`);
  return { item: item as WorkItem, def };
}

export async function loadForWrite(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  expected: number | null,
  /** Only an item of this type (a route of one type's API): another type's item is not found as `noun`. */
  only?: { type: string; noun: string },
) {
  const { item, def } = await loadItem(ctx.tx, ref, who, true);
  if (only && item.type !== only.type) throw problems.notFound(`${only.noun} ${ref}`);
  if (!def.canWrite(who, item)) throw problems.forbidden(`You may not change ${item.number}.`);
  if (expected !== null) checkVersion(expected, item.version);
  return { item, def };
}

/** INC-000123: the type's prefix and its next number (numbering.ts). */
async function nextNumber(tx: Tx, def: WorkItemType): Promise<string> {
  return formatNumber(def.prefix, await drawNumber(tx, def.type));
}

/**
 * Changes an item's row (a new version) and records each changed field in its history: every command that
 * changes an item goes through here. `history` may name fields kept in a type's own table too.
 */
export async function applyItemChange(
  ctx: CommandContext,
  item: WorkItem,
  set: Partial<WorkItem>,
  history: Array<[string, unknown, unknown]>,
): Promise<WorkItem> {
  const [after] = await ctx.tx
    .update(workItems)
    .set({ ...set, updatedAt: new Date(), version: item.version + 1 })
    .where(eq(workItems.id, item.id))
    .returning();
  await recordHistory(ctx, item.id, history);
  return after as WorkItem;
}

async function recordHistory(
  ctx: CommandContext,
  itemId: string,
  changes: Array<[string, unknown, unknown]>,
) {
  if (changes.length === 0) return;
  await ctx.tx.insert(fieldHistory).values(
    changes.map(([field, oldValue, newValue]) => ({
      workItemId: itemId,
      field,
      oldValue: oldValue ?? null,
      newValue: newValue ?? null,
      actorId: ctx.actor.userId,
    })),
  );
}

export type NewWorkItem = {
  type: string;
  title: string;
  description?: string;
  priority?: number | null;
  /** Who it is for; the person recording it when omitted, nobody when null (work Keel creates for staff). */
  requesterId?: string | null;
  assigneeId?: string | null;
  groupId?: string | null;
  customerId?: string | null;
  serviceId?: string | null;
  language?: string | null;
  /** Whether the person recording it follows it (default yes; not for work Keel derives from theirs). */
  follow?: boolean;
};

/**
 * Records a work item of a type, and its type's own rows through `writeDetail` (the incident's impact and
 * CIs, the change's plan, ...), so the audit entry `<type>.created` holds the record as written, detail
 * included: what `writeDetail` returns is added to it.
 */
export async function createWorkItem(
  ctx: CommandContext,
  who: Principal,
  input: NewWorkItem,
  writeDetail?: (item: WorkItem) => Promise<Record<string, unknown>>,
): Promise<WorkItem> {
  const def = typeOf(input.type);
  if (!holdsAny(who, def.createRoles)) {
    throw problems.forbidden(
      `Recording a ${def.type} needs one of the roles: ${def.createRoles.join(', ')}.`,
    );
  }
  const [item] = await ctx.tx
    .insert(workItems)
    .values({
      type: def.type,
      number: await nextNumber(ctx.tx, def),
      title: input.title.trim(),
      description: sanitiseRichText(input.description ?? ''),
      state: def.lifecycle.initial,
      priority: input.priority ?? null,
      requesterId: input.requesterId === undefined ? who.userId : input.requesterId,
      assigneeId: input.assigneeId ?? null,
      groupId: input.groupId ?? null,
      customerId: input.customerId ?? null,
      serviceId: input.serviceId ?? null,
      language: input.language ?? null,
      final: def.lifecycle.final.includes(def.lifecycle.initial),
      createdBy: ctx.actor.userId,
    })
    .returning();
  // the person who records it follows it; Keel itself (a scheduled step, the demo) follows nothing
  if (ctx.actor.userId && input.follow !== false) {
    await ctx.tx
      .insert(watchers)
      .values({ workItemId: item!.id, userId: ctx.actor.userId })
      .onConflictDoNothing();
  }
  const detail = writeDetail ? await writeDetail(item as WorkItem) : {};
  await ctx.audit({
    action: `${def.type}.created`,
    recordType: 'work-item',
    recordId: item!.number,
    after: { ...item, ...detail },
  });
  return item as WorkItem;
}

export type WorkItemPatch = {
  title?: string;
  description?: string;
  priority?: number | null;
  assigneeId?: string | null;
  groupId?: string | null;
  customerId?: string | null;
  serviceId?: string | null;
  major?: boolean;
};

export async function updateWorkItem(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  expected: number,
  patch: WorkItemPatch,
): Promise<WorkItem> {
  const { item, def } = await loadForWrite(ctx, who, ref, expected);
  if (def.canEditFields && !def.canEditFields(who, item)) {
    throw problems.forbidden(`You may not change the fields of ${item.number}.`);
  }
  const next: WorkItemPatch = {
    ...patch,
    ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
    ...(patch.description !== undefined ? { description: sanitiseRichText(patch.description) } : {}),
  };
  const changes = (Object.keys(next) as Array<keyof WorkItemPatch>)
    .filter((k) => next[k] !== undefined && next[k] !== item[k])
    .map((k): [string, unknown, unknown] => [k, item[k], next[k]]);
  if (changes.length === 0) return item;
  const after = await applyItemChange(
    ctx,
    item,
    Object.fromEntries(changes.map(([k, , v]) => [k, v])),
    changes,
  );
  await ctx.audit({
    action: `${def.type}.updated`,
    recordType: 'work-item',
    recordId: item.number,
    before: item,
    after,
  });
  return after as WorkItem;
}

export async function fireTransition(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  expected: number,
  which: string | { to: string; only?: { type: string; noun: string } },
  input: TransitionInput,
): Promise<WorkItem> {
  const { item, def } = await loadForWrite(
    ctx,
    who,
    ref,
    expected,
    typeof which === 'string' ? undefined : which.only,
  );
  const name = typeof which === 'string' ? which : transitionName(def, item.state, which.to);
  const t = planTransition(def.lifecycle, item, name, who.roles, input);
  return applyTransition(ctx, item, def, t, input);
}

/** The state change, the type's effects and the audit entry of a transition already checked. */
async function applyTransition(
  ctx: CommandContext,
  item: WorkItem,
  def: WorkItemType,
  t: Transition<WorkItem>,
  input: TransitionInput,
): Promise<WorkItem> {
  const after = await applyItemChange(ctx, item, { state: t.to, final: def.lifecycle.final.includes(t.to) }, [
    ['state', item.state, t.to],
  ]);
  for (const e of t.effects ?? []) await def.effects![e]!(ctx, after as WorkItem, input);
  await ctx.audit({
    action: `${def.type}.${t.name}`,
    recordType: 'work-item',
    recordId: item.number,
    before: { state: item.state },
    after: { state: t.to, input },
  });
  return after as WorkItem;
}

/**
 * Keel moves an item on by itself (approvals given, every task done): the lifecycle must lead there, and the
 * transition must be one Keel fires; the effects run as for a person's transition.
 */
export async function fireAsKeel(
  ctx: CommandContext,
  itemId: string,
  to: string,
  input: TransitionInput = {},
) {
  const [row] = await ctx.tx.select().from(workItems).where(eq(workItems.id, itemId)).for('update');
  if (!row) throw problems.notFound(`Work item ${itemId}`);
  const item = row as WorkItem;
  const def = workItemType(item.type)!;
  const t = transitionTo(def.lifecycle, item.state, to);
  if (!t) throw new Error(`${def.type}: no transition leads from ${item.state} to ${to}`);
  return applyTransition(ctx, item, def, t, input);
}

/** The transition leading to a state from the item's current one, or the 409 saying there is none. */
function transitionName(def: WorkItemType, state: string, to: string): string {
  if (!def.lifecycle.states.includes(to)) {
    throw problems.validation([{ field: 'to', message: `unknown state "${to}"` }]);
  }
  const t = transitionTo(def.lifecycle, state, to);
  if (!t) {
    throw new Problem(409, 'Transition not possible', `A ${def.type} cannot go from "${state}" to "${to}".`, {
      type: 'urn:keel:problem:transition',
    });
  }
  return t.name;
}

/**
 * A note given with a transition (a reason, an outcome) becomes a public comment labelled with what it is,
 * so the requester reads it in the timeline. Nothing is written for an empty note.
 */
export async function notePublicly(ctx: CommandContext, item: WorkItem, label: string, note: unknown) {
  const text = typeof note === 'string' ? note.trim() : '';
  if (!text) return;
  await ctx.tx.insert(comments).values({
    workItemId: item.id,
    authorId: ctx.actor.userId,
    body: `${label}: ${text}`,
    internal: false,
  });
}

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
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  await ctx.tx.insert(attachmentBlobs).values({ sha256, content: file.content }).onConflictDoNothing();
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

/** Watching needs only read access: anyone who can see an item may follow it. */
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

async function touch(tx: Tx, id: string) {
  await tx.update(workItems).set({ updatedAt: new Date() }).where(eq(workItems.id, id));
}
