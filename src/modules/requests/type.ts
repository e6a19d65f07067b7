import { eq, sql } from 'drizzle-orm';
import { principalOfActor } from '../../kernel/auth/principal.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { problems } from '../../kernel/http/problem.ts';
import { notify } from '../../kernel/notify/notify.ts';
import { createWorkItem, fireAsKeel, fireTransition, notePublicly } from '../../kernel/records/commands.ts';
import { registerWorkItemType, type WorkItem } from '../../kernel/records/registry.ts';
import { seesAllWorkItems } from '../../kernel/records/visibility.ts';
import {
  agreementFor,
  type ClockMove,
  canMove,
  clockStates,
  moveClock,
  startClock,
  targetMetrics,
} from '../agreements/index.ts';
import { REQUEST, settleOpenApprovals, TASK } from './commands/requests.ts';
import type { TaskTemplate } from './form.ts';
import { requestLifecycle, taskLifecycle } from './lifecycle.ts';
import {
  keelWorksAs,
  mayEditRequest,
  mayWriteOnRequest,
  mayWriteOnTask,
  requestOrderers,
  workers,
} from './policy.ts';
import { approvalsOf } from './queries/requests.ts';
import { requests, requestTasks } from './schema.ts';

/** The fulfilment clock of the SLA in force: starts with fulfilment; approval time is not the provider's. */
async function moveFulfilment(ctx: CommandContext, item: WorkItem, move: ClockMove | 'start') {
  const clock = (await clockStates(ctx.tx, item.id)).find((c) => c.metric === 'fulfilment');
  if (move === 'start') {
    if (clock) return moveFulfilment(ctx, item, { kind: 'resume' });
    const agreementId = await agreementFor(ctx.tx, item.customerId, item.serviceId);
    if (!agreementId || item.priority === null) return;
    if (!(await targetMetrics(ctx.tx, agreementId, item.priority)).has('fulfilment')) return;
    await ctx.tx.update(requests).set({ agreementId }).where(eq(requests.workItemId, item.id));
    await startClock(ctx, {
      workItemId: item.id,
      metric: 'fulfilment',
      agreementId,
      priority: item.priority,
    });
    return;
  }
  if (clock && canMove(clock.state, move.kind)) await moveClock(ctx, item.id, 'fulfilment', move);
}

async function tasksOf(ctx: CommandContext, requestId: string) {
  const res = await ctx.tx.execute<{
    id: string;
    number: string;
    version: number;
    state: string;
    final: boolean;
  }>(sql`
    select w.id, w.number, w.version, w.state, w.final from request_tasks t join work_items w on w.id = t.task_id
     where t.request_id = ${requestId} order by t.position`);
  return res.rows;
}

const requestEffects = {
  /** Fulfilment starts: the item's task template becomes tasks in the groups' queues; the clock starts. */
  startFulfilment: async (ctx: CommandContext, item: WorkItem) => {
    await settleOpenApprovals(ctx, item.id);
    const existing = await tasksOf(ctx, item.id);
    if (existing.length === 0) {
      const res = await ctx.tx.execute<{ tasks: TaskTemplate[] }>(sql`
        select i.tasks from requests r join catalogue_items i on i.id = r.catalogue_item_id where r.work_item_id = ${item.id}`);
      // the tasks are Keel's doing, whoever's approval set fulfilment going
      const keel = principalOfActor(ctx.actor, keelWorksAs);
      const templates = res.rows[0]?.tasks ?? [];
      const groupIds = templates.flatMap((t) => (t.groupId ? [t.groupId] : []));
      const groupNames = new Map(
        (
          await ctx.tx.execute<{ id: string; name: string }>(
            sql`select id, name from groups where id = any(${sql.param(groupIds)}::uuid[])`,
          )
        ).rows.map((g) => [g.id, g.name]),
      );
      for (const [position, t] of templates.entries()) {
        // the tie to its request and its instructions are written with it, so `task.created` holds them
        const task = await createWorkItem(
          ctx,
          keel,
          {
            type: TASK,
            requesterId: null,
            follow: false,
            title: `${item.number}: ${t.title}`,
            description: '',
            groupId: t.groupId ?? null,
            customerId: item.customerId,
            serviceId: item.serviceId,
            language: item.language,
            priority: item.priority,
          },
          async (written) => {
            const [detail] = await ctx.tx
              .insert(requestTasks)
              .values({
                taskId: written.id,
                requestId: item.id,
                position,
                instructions: t.instructions ?? '',
              })
              .returning();
            return { ...detail };
          },
        );
        if (t.groupId) {
          await notify(
            ctx.tx,
            { groupId: t.groupId },
            'task.assigned',
            { number: task.number, title: task.title, group: groupNames.get(t.groupId) ?? '' },
            `/work-items/${task.number}`,
          );
        }
      }
    }
    await moveFulfilment(ctx, item, 'start');
  },
  endApprovals: (ctx: CommandContext, item: WorkItem) => settleOpenApprovals(ctx, item.id),
  fulfil: async (ctx: CommandContext, item: WorkItem) => {
    const open = (await tasksOf(ctx, item.id)).filter((t) => !t.final);
    if (open.length)
      throw problems.conflict(
        `The request is fulfilled when its tasks are done; still open: ${open.map((t) => t.number).join(', ')}.`,
      );
    await ctx.tx.update(requests).set({ fulfilledAt: new Date() }).where(eq(requests.workItemId, item.id));
    await moveFulfilment(ctx, item, { kind: 'pause', reason: 'fulfilled' });
    await notify(
      ctx.tx,
      { userIds: [item.requesterId] },
      'request.fulfilled',
      { number: item.number, title: item.title },
      `/work-items/${item.number}`,
    );
  },
  close: async (ctx: CommandContext, item: WorkItem) => {
    await ctx.tx.update(requests).set({ closedAt: new Date() }).where(eq(requests.workItemId, item.id));
    await moveFulfilment(ctx, item, { kind: 'stop' });
  },
  /** The requester says it is not done after all: fulfilment resumes, and their reason is in the timeline. */
  refuse: async (ctx: CommandContext, item: WorkItem, input: Record<string, unknown>) => {
    await ctx.tx.update(requests).set({ fulfilledAt: null }).where(eq(requests.workItemId, item.id));
    await moveFulfilment(ctx, item, { kind: 'resume' });
    await notePublicly(ctx, item, 'Not done yet', input.reason);
  },
  cancel: async (ctx: CommandContext, item: WorkItem, input: Record<string, unknown>) => {
    await settleOpenApprovals(ctx, item.id);
    const keel = principalOfActor(ctx.actor, keelWorksAs);
    for (const t of (await tasksOf(ctx, item.id)).filter((x) => !x.final))
      await fireTransition(ctx, keel, t.number, t.version, 'cancel', {
        reason: `${item.number} was cancelled`,
      });
    await moveFulfilment(ctx, item, { kind: 'stop' });
    await notePublicly(ctx, item, 'Cancelled', input.reason);
  },
};

const taskEffects = {
  /** A task is done or cancelled: once every task of the request is, and one got done, the request is fulfilled. */
  settle: async (ctx: CommandContext, task: WorkItem) => {
    const res = await ctx.tx.execute<{ request_id: string; state: string }>(sql`
      select t.request_id, w.state from request_tasks t join work_items w on w.id = t.request_id where t.task_id = ${task.id}`);
    const parent = res.rows[0];
    if (parent?.state !== 'in_fulfilment') return;
    const tasks = await tasksOf(ctx, parent.request_id);
    if (tasks.every((t) => t.final) && tasks.some((t) => t.state === 'done'))
      await fireAsKeel(ctx, parent.request_id, 'fulfilled');
  },
};

registerWorkItemType({
  type: REQUEST,
  prefix: 'REQ',
  lifecycle: requestLifecycle,
  effects: requestEffects,
  createRoles: requestOrderers,
  // approvers read the requests they are asked to decide on (within their organisation, as every reader)
  alsoReadBy: approvalsOf,
  canWrite: mayWriteOnRequest,
  canEditFields: (p) => mayEditRequest(p),
  canSeeInternal: seesAllWorkItems,
  ownRoutes: { create: '/api/v1/requests', update: '/api/v1/requests/{number}' },
});

registerWorkItemType({
  type: TASK,
  prefix: 'TASK',
  lifecycle: taskLifecycle,
  effects: taskEffects,
  // tasks come from requests only; they are the provider's own work, never shown to customers
  createRoles: workers,
  ownRoutes: { create: '/api/v1/requests' },
  outsideReaders: 'nobody',
  canWrite: (p) => mayWriteOnTask(p),
  canSeeInternal: seesAllWorkItems,
});
