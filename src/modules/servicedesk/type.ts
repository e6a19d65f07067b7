import { eq, sql } from 'drizzle-orm';
import { principalOfActor } from '../../kernel/auth/principal.ts';
import { type CommandContext, contextFor, systemActor } from '../../kernel/db/tx.ts';
import { problems } from '../../kernel/http/problem.ts';
import { enqueueJob } from '../../kernel/jobs/queue.ts';
import type { JobHandler } from '../../kernel/jobs/worker.ts';
import { notify } from '../../kernel/notify/notify.ts';
import { applyItemChange, fireTransition, notePublicly } from '../../kernel/records/commands.ts';
import { registerWorkItemType, type WorkItem } from '../../kernel/records/registry.ts';
import { seesAllWorkItems } from '../../kernel/records/visibility.ts';
import { suppliersFor } from '../agreements/index.ts';
import { reconcileClocks } from './clocks.ts';
import { INCIDENT, incidentOf, tellAssignees } from './commands/incidents.ts';
import { openChildren, openReview, stopUpdates } from './commands/major.ts';
import { checkReferences } from './commands/references.ts';
import { settingsOf } from './commands/settings.ts';
import { incidentLifecycle } from './lifecycle.ts';
import { incidentRecorders, mayWorkIncidents, mayWriteOnIncident } from './policy.ts';
import { incidents } from './schema.ts';

export const AUTO_CLOSE_JOB = 'incident.auto-close';
const autoCloseKey = (id: string) => `incident:auto-close:${id}`;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

async function setDetail(ctx: CommandContext, item: WorkItem, set: Partial<typeof incidents.$inferInsert>) {
  await ctx.tx.update(incidents).set(set).where(eq(incidents.workItemId, item.id));
}

/**
 * Waiting on a supplier: the one named, or the only supplier whose underpinning contract covers the service.
 * Its contract's clocks run while the incident waits (clock-rules.ts).
 */
async function supplierWaitedOn(
  ctx: CommandContext,
  item: WorkItem,
  reason: string,
  chosen: unknown,
): Promise<string | null> {
  if (chosen === undefined || chosen === null || chosen === '') {
    if (reason !== 'supplier') return null;
    const offered = await suppliersFor(ctx.tx, item.serviceId);
    return offered.length === 1 ? offered[0]!.id : null;
  }
  if (reason !== 'supplier')
    throw problems.validation([
      { field: 'supplierCiId', message: 'is named only when waiting on a supplier' },
    ]);
  const res = await ctx.tx.execute<{ class_key: string }>(
    sql`select class_key from cis where id::text = ${String(chosen)}`,
  );
  if (res.rows[0]?.class_key !== 'supplier')
    throw problems.validation([{ field: 'supplierCiId', message: 'must be a CI of class supplier' }]);
  return String(chosen);
}

const effects = {
  assign: async (ctx: CommandContext, item: WorkItem, input: Record<string, unknown>) => {
    const groupId = (input.groupId as string | undefined) ?? item.groupId;
    const assigneeId = (input.assigneeId as string | undefined) ?? item.assigneeId;
    const { errors } = await checkReferences(ctx.tx, { groupId, assigneeId });
    if (errors.length) throw problems.validation(errors);
    const set = { groupId: groupId ?? null, assigneeId: assigneeId ?? null };
    const changed = (['groupId', 'assigneeId'] as const).filter((k) => set[k] !== item[k]);
    if (changed.length === 0) return;
    const after = await applyItemChange(
      ctx,
      item,
      set,
      changed.map((k) => [k, item[k], set[k]]),
    );
    await tellAssignees(ctx, after, item.assigneeId, item.groupId);
    await reconcileClocks(ctx, item.id);
  },
  start: (ctx: CommandContext, item: WorkItem) => reconcileClocks(ctx, item.id),
  pend: async (ctx: CommandContext, item: WorkItem, input: Record<string, unknown>) => {
    const pendingReason = String(input.pendingReason);
    await setDetail(ctx, item, {
      pendingReason,
      supplierCiId: await supplierWaitedOn(ctx, item, pendingReason, input.supplierCiId),
    });
    await reconcileClocks(ctx, item.id);
  },
  resume: async (ctx: CommandContext, item: WorkItem) => {
    await setDetail(ctx, item, { pendingReason: null, supplierCiId: null });
    await reconcileClocks(ctx, item.id);
  },
  resolve: async (ctx: CommandContext, item: WorkItem, input: Record<string, unknown>) => {
    const resolvedAt = new Date();
    await setDetail(ctx, item, {
      pendingReason: null,
      supplierCiId: null,
      resolutionCode: String(input.resolutionCode),
      resolutionText: text(input.resolutionText),
      resolvedAt,
    });
    await reconcileClocks(ctx, item.id);
    if (item.requesterId !== ctx.actor.userId)
      await notify(
        ctx.tx,
        { userIds: [item.requesterId] },
        'incident.resolved',
        {
          number: item.number,
          title: item.title,
          resolution: text(input.resolutionText) || String(input.resolutionCode),
        },
        `/work-items/${item.number}`,
      );
    const { autoCloseDays } = await settingsOf(ctx.tx);
    await enqueueJob(
      ctx.tx,
      AUTO_CLOSE_JOB,
      { workItemId: item.id, resolvedAt: resolvedAt.toISOString() },
      {
        dueAt: new Date(resolvedAt.getTime() + autoCloseDays * 86_400_000),
        uniqueKey: autoCloseKey(item.id),
      },
    );
    if (item.major) {
      // the children share the major incident's resolution; the review of what happened opens now
      const who = principalOfActor(ctx.actor, ['incident_manager']);
      for (const child of await openChildren(ctx.tx, item.id)) {
        await fireTransition(ctx, who, child.number, child.version, 'resolve', {
          resolutionCode: input.resolutionCode,
          resolutionText: `${text(input.resolutionText)} (resolved with major incident ${item.number})`,
        });
      }
      await stopUpdates(ctx.tx, item.id);
      await openReview(ctx.tx, item.id);
    }
  },
  reopen: async (ctx: CommandContext, item: WorkItem, input: Record<string, unknown>) => {
    const detail = await incidentOf(ctx.tx, item.id, true);
    if (detail.closedAt) {
      const { reopenDays } = await settingsOf(ctx.tx);
      if (Date.now() - detail.closedAt.getTime() > reopenDays * 86_400_000) {
        throw problems.validation(
          [
            {
              field: 'to',
              message: `a closed incident can be reopened within ${reopenDays} days of closing`,
            },
          ],
          'Too late to reopen.',
        );
      }
    }
    await setDetail(ctx, item, {
      resolutionCode: null,
      resolutionText: null,
      resolvedAt: null,
      closedAt: null,
    });
    await ctx.tx.execute(
      sql`delete from jobs where state = 'queued' and unique_key = ${autoCloseKey(item.id)}`,
    );
    await reconcileClocks(ctx, item.id);
    await notePublicly(ctx, item, 'Reopened', input.reason);
  },
  close: async (ctx: CommandContext, item: WorkItem) => {
    await setDetail(ctx, item, { closedAt: new Date() });
    await reconcileClocks(ctx, item.id);
    await ctx.tx.execute(
      sql`delete from jobs where state = 'queued' and unique_key = ${autoCloseKey(item.id)}`,
    );
  },
  cancel: async (ctx: CommandContext, item: WorkItem, input: Record<string, unknown>) => {
    await setDetail(ctx, item, { pendingReason: null, supplierCiId: null });
    await reconcileClocks(ctx, item.id);
    await notePublicly(ctx, item, 'Cancelled', input.reason);
  },
};

registerWorkItemType({
  type: INCIDENT,
  prefix: 'INC',
  lifecycle: incidentLifecycle,
  effects,
  createRoles: incidentRecorders,
  canWrite: mayWriteOnIncident,
  canEditFields: mayWorkIncidents,
  canSeeInternal: seesAllWorkItems,
  ownRoutes: { create: '/api/v1/incidents', update: '/api/v1/incidents/{number}' },
  internalFields: ['escalationLevel', 'agreementId'],
});

/** Resolved and not answered within the configured days: closed by Keel, unless it moved on meanwhile. */
export const incidentJobs: Record<string, JobHandler> = {
  [AUTO_CLOSE_JOB]: async (job, tx) => {
    const { workItemId, resolvedAt } = job.payload as { workItemId: string; resolvedAt: string };
    const res = await tx.execute<{ number: string; version: number }>(sql`
      select w.number, w.version from work_items w join incidents i on i.work_item_id = w.id
       where w.id = ${workItemId} and w.state = 'resolved' and i.resolved_at = ${resolvedAt}::timestamptz`);
    const row = res.rows[0];
    if (!row) return;
    const ctx = contextFor(tx, systemActor('auto-close'));
    await fireTransition(
      ctx,
      principalOfActor(ctx.actor, ['incident_manager']),
      row.number,
      row.version,
      'close',
      {},
    );
  },
};
