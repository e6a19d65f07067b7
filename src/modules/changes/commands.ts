import { eq } from 'drizzle-orm';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { type FieldError, problems } from '../../kernel/http/problem.ts';
import { enqueueJob } from '../../kernel/jobs/queue.ts';
import { notify } from '../../kernel/notify/notify.ts';
import {
  applyItemChange,
  createWorkItem,
  loadForWrite,
  notePublicly,
} from '../../kernel/records/commands.ts';
import { changedFields } from '../../kernel/records/diff.ts';
import { sanitiseRichText } from '../../kernel/records/html.ts';
import { checkWorkRefs } from '../../kernel/records/refs.ts';
import type { WorkItem } from '../../kernel/records/registry.ts';
import type { ChangeOutcome } from './lifecycle.ts';
import {
  changeAuthority,
  changeWorkers,
  isChangeAuthority,
  mayApproveChange,
  mayChangeKind,
} from './policy.ts';
import type { ChangePatch, NewChange } from './routes.ts';
import { changeCis, changes } from './schema.ts';

export const CHANGE = 'change';

/**
 * Queued when a change is closed, for whoever waits on it (problem management tells the owners of the
 * problems it fixes: docs/problems.md). This module knows the job's kind, never its handlers.
 */
export const CHANGE_CLOSED_JOB = 'change.closed';
const only = { type: CHANGE, noun: 'Change' };

/** What a change names besides its title: kind, risk, plans, window, service, CIs and who works on it. */
type ChangePlan = ChangePatch;

type Detail = typeof changes.$inferSelect;

export async function changeOf(ctx: CommandContext, itemId: string): Promise<Detail> {
  const [d] = await ctx.tx.select().from(changes).where(eq(changes.workItemId, itemId)).for('update');
  if (!d) throw new Error(`change ${itemId} has no detail row`);
  return d;
}

/**
 * Checks what a change names, all problems at once: the service (not retired), the CIs, the group, the
 * assignee (an active change worker) and the window (its end after its start). One statement.
 */
async function check(
  ctx: CommandContext,
  p: ChangePlan,
  window: { start: Date | null; end: Date | null },
  kind: { kind: string; risk: string },
) {
  const errors = await checkWorkRefs(ctx.tx, p, {
    roles: changeWorkers,
    noun: 'person who works on changes',
  });
  if (kind.kind === 'standard' && kind.risk !== 'low')
    errors.push({ field: 'risk', message: 'a standard change is low risk; record a riskier one as normal' });
  if (window.start && window.end && window.end <= window.start)
    errors.push({ field: 'plannedEnd', message: 'must be after the planned start' });
  if (errors.length) throw problems.validation(errors);
}

const when = (v: string | null | undefined) => (v ? new Date(v) : v === null ? null : undefined);

async function setCis(ctx: CommandContext, itemId: string, ciIds: string[]) {
  await ctx.tx.delete(changeCis).where(eq(changeCis.workItemId, itemId));
  const ids = [...new Set(ciIds)];
  if (ids.length) await ctx.tx.insert(changeCis).values(ids.map((ciId) => ({ workItemId: itemId, ciId })));
}

/** Records a change (an RFC) in state new; the person recording it is its requester. */
export async function createChange(ctx: CommandContext, who: Principal, input: NewChange): Promise<WorkItem> {
  const start = when(input.plannedStart) ?? null;
  const end = when(input.plannedEnd) ?? null;
  await check(ctx, input, { start, end }, input);
  return createWorkItem(
    ctx,
    who,
    {
      type: CHANGE,
      title: input.title,
      description: input.description,
      serviceId: input.serviceId ?? null,
      groupId: input.groupId ?? null,
      assigneeId: input.assigneeId ?? null,
    },
    async (item) => {
      const [detail] = await ctx.tx
        .insert(changes)
        .values({
          workItemId: item.id,
          kind: input.kind,
          risk: input.risk,
          reason: input.reason?.trim() ?? '',
          implementationPlan: input.implementationPlan?.trim() ?? '',
          backoutPlan: input.backoutPlan?.trim() ?? '',
          plannedStart: start,
          plannedEnd: end,
        })
        .returning();
      await setCis(ctx, item.id, input.ciIds ?? []);
      return { ...detail, ciIds: [...new Set(input.ciIds ?? [])] };
    },
  );
}

/** Changes a change's fields (If-Match). After approval the change is what was approved: only people move. */
export async function updateChange(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  expected: number,
  patch: ChangePatch,
): Promise<WorkItem> {
  const { item, def } = await loadForWrite(ctx, who, ref, expected, only);
  if (def.canEditFields && !def.canEditFields(who, item))
    throw problems.forbidden(`You may not change the fields of ${item.number}.`);
  if (item.final) throw problems.conflict(`${item.number} is ${item.state}; it can no longer be changed.`);
  const before = await changeOf(ctx, item.id);
  const start = when(patch.plannedStart);
  const end = when(patch.plannedEnd);
  await check(
    ctx,
    patch,
    {
      start: start === undefined ? before.plannedStart : start,
      end: end === undefined ? before.plannedEnd : end,
    },
    { kind: patch.kind ?? before.kind, risk: patch.risk ?? before.risk },
  );
  const base: Partial<WorkItem> = {
    title: patch.title?.trim(),
    description: patch.description === undefined ? undefined : sanitiseRichText(patch.description),
    serviceId: patch.serviceId,
    groupId: patch.groupId,
    assigneeId: patch.assigneeId,
  };
  const { set, history } = changedFields(item, base);
  const detail: Partial<Detail> = {
    kind: patch.kind,
    risk: patch.risk,
    reason: patch.reason?.trim(),
    implementationPlan: patch.implementationPlan?.trim(),
    backoutPlan: patch.backoutPlan?.trim(),
    plannedStart: start,
    plannedEnd: end,
  };
  const { set: detailSet, history: detailChanges } = changedFields(before, detail);
  history.push(...detailChanges);
  const ciIds = patch.ciIds === undefined ? undefined : [...new Set(patch.ciIds)].sort();
  // the CIs are read only when the patch names them
  const ciBefore =
    ciIds === undefined
      ? undefined
      : (await ctx.tx.select().from(changeCis).where(eq(changeCis.workItemId, item.id)))
          .map((x) => x.ciId)
          .sort();
  const cisMoved = ciIds !== undefined && ciIds.join() !== ciBefore!.join();
  if (cisMoved) history.push(['ciIds', ciBefore, ciIds]);
  if (history.length === 0) return item;
  // what was assessed and approved is what is carried out: after approval only people move
  const moved = history.map(([field]) => field).filter((f) => !['groupId', 'assigneeId'].includes(f));
  if (moved.length && !['new', 'assessment'].includes(item.state))
    throw problems.conflict(
      `${item.number} is ${item.state}: it was approved as it stands (${moved.join(', ')} cannot change). Cancel it and record a new change to plan again.`,
    );
  // once submitted, only the change authority may say what kind of change it is (a standard one needs no approval)
  if ('kind' in detailSet && !mayChangeKind(who, item))
    throw problems.forbidden(
      `Once submitted, the kind of ${item.number} is changed by the change authority (${changeAuthority.join(', ')}).`,
    );
  const after = await applyItemChange(ctx, item, set, history);
  if (Object.keys(detailSet).length)
    await ctx.tx.update(changes).set(detailSet).where(eq(changes.workItemId, item.id));
  if (cisMoved) await setCis(ctx, item.id, ciIds);
  await ctx.audit({
    action: 'change.updated',
    recordType: 'work-item',
    recordId: item.number,
    before: { ...item, ...before, ciIds: ciBefore },
    after: { ...after, ...before, ...detailSet, ciIds: ciIds ?? ciBefore },
  });
  return after;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

const setDetail = (ctx: CommandContext, item: WorkItem, set: Partial<Detail>) =>
  ctx.tx.update(changes).set(set).where(eq(changes.workItemId, item.id));

const link = (item: WorkItem) => `/work-items/${item.number}`;

/** What the change lifecycle's transitions do besides moving the state (lifecycle.ts). */
export const changeEffects = {
  /** Submitted for assessment: the change authority hears of normal and emergency changes. */
  submit: async (ctx: CommandContext, item: WorkItem) => {
    const d = await changeOf(ctx, item.id);
    if (d.kind === 'standard') return;
    await notify(
      ctx.tx,
      { roles: ['change_manager'] },
      'change.submitted',
      { number: item.number, title: item.title, kind: d.kind, risk: d.risk },
      link(item),
    );
  },
  /**
   * Approval: a normal or emergency change by the change authority only, a standard one (pre-authorised)
   * by anyone who works on changes; in both cases only with its window planned.
   */
  approve: async (ctx: CommandContext, item: WorkItem, input: Record<string, unknown>) => {
    const d = await changeOf(ctx, item.id);
    if (!mayApproveChange(ctx.actor, { kind: d.kind, requesterId: item.requesterId }))
      throw problems.forbidden(
        isChangeAuthority(ctx.actor)
          ? `A ${d.kind} change is approved by someone other than the person who asked for it.`
          : `A ${d.kind} change is approved by the change authority (${changeAuthority.join(', ')}).`,
      );
    const missing: FieldError[] = [];
    if (!d.plannedStart)
      missing.push({ field: 'plannedStart', message: 'plan the change before approving it' });
    if (!d.plannedEnd) missing.push({ field: 'plannedEnd', message: 'plan the change before approving it' });
    if (!d.implementationPlan)
      missing.push({ field: 'implementationPlan', message: 'say how it will be done before approving it' });
    if (!d.backoutPlan && d.kind !== 'standard')
      missing.push({ field: 'backoutPlan', message: 'say how it will be undone before approving it' });
    if (missing.length) throw problems.validation(missing, 'The change is not ready for approval.');
    await setDetail(ctx, item, { approvedBy: ctx.actor.userId, approvedAt: new Date() });
    await notePublicly(ctx, item, 'Approved', input.note);
    await notify(
      ctx.tx,
      { userIds: [item.requesterId, item.assigneeId].filter((u) => u !== ctx.actor.userId) },
      'change.approved',
      { number: item.number, title: item.title },
      link(item),
    );
  },
  reject: async (ctx: CommandContext, item: WorkItem, input: Record<string, unknown>) => {
    await notePublicly(ctx, item, 'Rejected', input.reason);
    await notify(
      ctx.tx,
      { userIds: [item.requesterId].filter((u) => u !== ctx.actor.userId) },
      'change.rejected',
      { number: item.number, title: item.title, reason: text(input.reason) },
      link(item),
    );
  },
  /** Carried out: its outcome is recorded now, and counted by the change success rate from now. */
  complete: async (ctx: CommandContext, item: WorkItem, input: Record<string, unknown>) => {
    await setDetail(ctx, item, {
      outcome: String(input.outcome) as ChangeOutcome,
      outcomeNote: text(input.outcomeNote),
      implementedAt: new Date(),
    });
    await notePublicly(ctx, item, 'Outcome', input.outcomeNote);
  },
  close: async (ctx: CommandContext, item: WorkItem, input: Record<string, unknown>) => {
    await setDetail(ctx, item, { closedAt: new Date() });
    await notePublicly(ctx, item, 'Review', input.note);
    await enqueueJob(
      ctx.tx,
      CHANGE_CLOSED_JOB,
      { changeId: item.id, number: item.number },
      { uniqueKey: `${CHANGE_CLOSED_JOB}:${item.id}` },
    );
  },
  cancel: (ctx: CommandContext, item: WorkItem, input: Record<string, unknown>) =>
    notePublicly(ctx, item, 'Cancelled', input.reason),
};
