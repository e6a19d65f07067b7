import { and, eq } from 'drizzle-orm';
import { type AnyPgColumn, alias } from 'drizzle-orm/pg-core';
import { holdsAny } from '../access/roles.ts';
import type { Principal } from '../auth/principal.ts';
import type { Queryable, Tx } from '../db/database.ts';
import type { CommandContext } from '../db/tx.ts';
import { checkVersion } from '../http/etag.ts';
import { Problem, problems } from '../http/problem.ts';
import { sanitiseRichText } from './html.ts';
import { planTransition, type Transition, type TransitionInput, transitionTo } from './lifecycle.ts';
import { drawNumber, formatNumber } from './numbering.ts';
import { type WorkItem, type WorkItemType, workItemType } from './registry.ts';
import { checkRequesterBelongs, defaultCustomer, requesterFacts, requesterMismatch } from './requester.ts';
import { comments, fieldHistory, watchers, workItems } from './schema.ts';
import { visibilitySql } from './visibility.ts';

function typeOf(type: string): WorkItemType {
  const t = workItemType(type);
  if (!t) throw problems.validation([{ field: 'type', message: `unknown work-item type "${type}"` }]);
  return t;
}

/** The item a reference names: its id, or its number in any case (inc-000042 is INC-000042). */
export const itemNamed = (w: { id: AnyPgColumn; number: AnyPgColumn }, ref: string) =>
  /^[0-9a-f-]{36}$/i.test(ref) ? eq(w.id, ref) : eq(w.number, ref.toUpperCase());

/**
 * Reads an item by id or number if this person may see it (visibility.ts, in the query itself); locks it
 * for a write. One they may not see is not found, exactly as one that does not exist.
 */
export async function loadItem(tx: Queryable, ref: string, who: Principal, forUpdate = false) {
  const w = alias(workItems, 'w');
  const q = tx
    .select()
    .from(w)
    .where(and(itemNamed(w, ref), visibilitySql(who)));
  const [item] = forUpdate ? await q.for('update') : await q;
  const def = item ? workItemType(item.type) : undefined;
  if (!item || !def) throw problems.notFound(`Work item ${ref}`);
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
 * changes an item goes through here, which is why a new requester or customer is checked here to belong
 * together (requester.ts). `history` may name fields kept in a type's own table too.
 */
export async function applyItemChange(
  ctx: CommandContext,
  item: WorkItem,
  set: Partial<WorkItem>,
  history: Array<[string, unknown, unknown]>,
): Promise<WorkItem> {
  if (set.requesterId !== undefined || set.customerId !== undefined)
    await checkRequesterBelongs(
      ctx.tx,
      set.requesterId !== undefined ? set.requesterId : item.requesterId,
      set.customerId !== undefined ? set.customerId : item.customerId,
    );
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
  /** The requester's organisation when omitted; one named must be theirs unless they are staff. */
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
  const requesterId = input.requesterId === undefined ? who.userId : input.requesterId;
  // the item belongs to its requester's organisation unless another is named, and then it must be theirs
  const requester = requesterId ? await requesterFacts(ctx.tx, requesterId) : null;
  const customerId = input.customerId === undefined ? defaultCustomer(requester) : input.customerId;
  const mismatch = requesterMismatch(requester, customerId);
  if (mismatch.length) throw problems.validation(mismatch);
  const [item] = await ctx.tx
    .insert(workItems)
    .values({
      type: def.type,
      number: await nextNumber(ctx.tx, def),
      title: input.title.trim(),
      description: sanitiseRichText(input.description ?? ''),
      state: def.lifecycle.initial,
      priority: input.priority ?? null,
      requesterId,
      assigneeId: input.assigneeId ?? null,
      groupId: input.groupId ?? null,
      customerId,
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
