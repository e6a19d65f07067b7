import { and, eq, sql } from 'drizzle-orm';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { notify } from '../../../kernel/notify/notify.ts';
import { applyItemChange, createWorkItem, loadForWrite } from '../../../kernel/records/commands.ts';
import { changedFields } from '../../../kernel/records/diff.ts';
import { sanitiseRichText } from '../../../kernel/records/html.ts';
import type { WorkItem } from '../../../kernel/records/registry.ts';
import { agreementFor, isSlaInForceFor } from '../../agreements/index.ts';
import { reconcileClocks } from '../clocks.ts';
import { recordsForOthers } from '../policy.ts';
import { incidentCis, incidents } from '../schema.ts';
import type { IncidentInput, IncidentPatch } from '../shapes.ts';
import { afterRecorded } from './major.ts';
import { checkReferences } from './references.ts';

export const INCIDENT = 'incident';
export type Incident = typeof incidents.$inferSelect;

const CUSTOMER_IMPACT = 2;
const CUSTOMER_URGENCY = 2;

export async function incidentOf(db: Queryable, workItemId: string, forUpdate = false): Promise<Incident> {
  const q = db.select().from(incidents).where(eq(incidents.workItemId, workItemId));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw problems.notFound(`Incident ${workItemId}`);
  return row;
}

/**
 * The CIs recorded on an incident: those a person chose, and the service's own CI when none were chosen.
 * A new incident has none to replace. Answers what it wrote, for the audit entry.
 */
async function setAffectedCis(
  ctx: CommandContext,
  itemId: string,
  manual: string[] | undefined,
  serviceId: string | null,
  fresh = false,
): Promise<Array<{ ciId: string; source: 'manual' | 'computed' }>> {
  const written: Array<{ ciId: string; source: 'manual' | 'computed' }> = [];
  if (manual !== undefined) {
    if (!fresh)
      await ctx.tx
        .delete(incidentCis)
        .where(and(eq(incidentCis.workItemId, itemId), eq(incidentCis.source, 'manual')));
    const ids = [...new Set(manual)];
    written.push(...ids.map((ciId) => ({ ciId, source: 'manual' as const })));
    if (ids.length)
      await ctx.tx
        .insert(incidentCis)
        .values(ids.map((ciId) => ({ workItemId: itemId, ciId, source: 'manual' })))
        .onConflictDoUpdate({
          target: [incidentCis.workItemId, incidentCis.ciId],
          set: { source: 'manual' },
        });
  }
  if (!fresh)
    await ctx.tx
      .delete(incidentCis)
      .where(and(eq(incidentCis.workItemId, itemId), eq(incidentCis.source, 'computed')));
  if (serviceId) {
    const computed = await ctx.tx.execute<{ ci_id: string }>(sql`
      insert into incident_cis (work_item_id, ci_id, source)
      select ${itemId}, ci_id, 'computed' from services where id = ${serviceId}
      on conflict do nothing returning ci_id`);
    written.push(...computed.rows.map((r) => ({ ciId: r.ci_id, source: 'computed' as const })));
  }
  return written;
}

/**
 * Records an incident: priority from the matrix (or a person's choice), the agreement in force and its
 * clocks, the affected CIs, assignment if given, the major-incident checks. One transaction.
 * A customer records for themselves, in their own organisation, without assigning or prioritising.
 */
export async function createIncident(ctx: CommandContext, who: Principal, input: IncidentInput) {
  const staff = recordsForOthers(who);
  const requesterId = staff ? (input.requesterId ?? who.userId) : who.userId;
  // a customer describes, the service desk prioritises: their incidents start at the matrix's middle
  const own = staff
    ? input
    : {
        ...input,
        impact: CUSTOMER_IMPACT,
        urgency: CUSTOMER_URGENCY,
        priority: undefined,
        groupId: undefined,
        assigneeId: undefined,
        customerId: who.customerId,
      };
  // the requester's own organisation unless one is named (it exists: the requester belongs to it)
  const { errors, requester, matrixPriority } = await checkReferences(
    ctx.tx,
    {
      requesterId,
      customerId: own.customerId,
      serviceId: own.serviceId,
      category: own.category,
      groupId: own.groupId,
      assigneeId: own.assigneeId,
      ciIds: own.ciIds,
    },
    { impact: own.impact, urgency: own.urgency },
  );
  if (errors.length) throw problems.validation(errors);
  const customerId = own.customerId !== undefined ? own.customerId : (requester?.customerId ?? null);
  const priority = own.priority ?? matrixPriority!;
  // the incident's own row and its CIs are written with the work item, so incident.created holds them
  let item = await createWorkItem(
    ctx,
    who,
    {
      type: INCIDENT,
      title: own.title,
      description: own.description,
      priority,
      requesterId,
      assigneeId: own.assigneeId ?? null,
      groupId: own.groupId ?? null,
      customerId: customerId ?? null,
      serviceId: own.serviceId ?? null,
      language: requester?.language ?? who.language,
    },
    async (created) => {
      const agreementId = await agreementFor(ctx.tx, created.customerId, created.serviceId);
      const [detail] = await ctx.tx
        .insert(incidents)
        .values({
          workItemId: created.id,
          impact: own.impact,
          urgency: own.urgency,
          priorityOverridden: own.priority != null && own.priority !== matrixPriority,
          category: own.category ?? null,
          agreementId,
        })
        .returning();
      const cis = await setAffectedCis(ctx, created.id, own.ciIds ?? [], created.serviceId, true);
      return { ...detail, cis };
    },
  );
  if (item.groupId || item.assigneeId) {
    item = await applyItemChange(ctx, item, { state: 'assigned' }, [['state', 'new', 'assigned']]);
    await tellAssignees(ctx, item, null, null);
  }
  await reconcileClocks(ctx, item.id, item.createdAt.getTime());
  await afterRecorded(ctx, item, { burst: true, declare: staff });
  await notify(
    ctx.tx,
    { userIds: [requesterId] },
    'incident.received',
    { number: item.number, title: item.title },
    `/work-items/${item.number}`,
  );
  return item;
}

/** Tells a new assignee, or the members of a new group when nobody in particular is assigned. */
export async function tellAssignees(
  ctx: CommandContext,
  item: WorkItem,
  beforeAssignee: string | null,
  beforeGroup: string | null,
) {
  const link = `/work-items/${item.number}`;
  if (item.assigneeId && item.assigneeId !== beforeAssignee && item.assigneeId !== ctx.actor.userId) {
    await notify(
      ctx.tx,
      { userIds: [item.assigneeId] },
      'incident.assigned',
      { number: item.number, title: item.title },
      link,
    );
  } else if (!item.assigneeId && item.groupId && item.groupId !== beforeGroup) {
    const g = await ctx.tx.execute<{ name: string }>(sql`select name from groups where id = ${item.groupId}`);
    await notify(
      ctx.tx,
      { groupId: item.groupId },
      'incident.group_assigned',
      { number: item.number, title: item.title, group: g.rows[0]?.name ?? '' },
      link,
    );
  }
}

/**
 * Changes an incident's fields. Priority follows impact × urgency unless a person set it; the clocks are
 * re-targeted from their history when priority or agreement change; a first group or person assigns a new
 * incident.
 */
export async function updateIncident(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  expected: number,
  patch: IncidentPatch,
): Promise<WorkItem> {
  const { item, def } = await loadForWrite(ctx, who, ref, expected);
  if (item.type !== INCIDENT) throw problems.notFound(`Incident ${ref}`);
  if (def.canEditFields && !def.canEditFields(who, item))
    throw problems.forbidden(`You may not change the fields of ${item.number}.`);
  if (item.final) throw problems.conflict(`${item.number} is ${item.state}; reopen it to change it.`);
  const before = await incidentOf(ctx.tx, item.id, true);
  const impact = patch.impact ?? before.impact;
  const urgency = patch.urgency ?? before.urgency;
  const { errors, matrixPriority } = await checkReferences(ctx.tx, patch, { impact, urgency });
  if (errors.length) throw problems.validation(errors);
  const matrix = matrixPriority!;
  const overridden =
    patch.priority === null
      ? false
      : patch.priority !== undefined
        ? patch.priority !== matrix
        : before.priorityOverridden;
  const priority = overridden ? (patch.priority ?? item.priority ?? matrix) : matrix;
  const base: Partial<WorkItem> = {
    title: patch.title?.trim(),
    description: patch.description === undefined ? undefined : sanitiseRichText(patch.description),
    customerId: patch.customerId,
    serviceId: patch.serviceId,
    groupId: patch.groupId,
    assigneeId: patch.assigneeId,
    priority,
  };
  const { set, history: changes } = changedFields(item, base);
  const customerId = patch.customerId !== undefined ? patch.customerId : item.customerId;
  const serviceId = patch.serviceId !== undefined ? patch.serviceId : item.serviceId;
  let agreementId = before.agreementId;
  if (patch.agreementId) await checkAgreement(ctx, patch.agreementId, customerId);
  if (patch.agreementId !== undefined)
    agreementId = patch.agreementId ?? (await agreementFor(ctx.tx, customerId, serviceId));
  else if ('customerId' in set || 'serviceId' in set)
    agreementId = (await agreementFor(ctx.tx, customerId, serviceId)) ?? before.agreementId;
  const detail = {
    impact,
    urgency,
    priorityOverridden: overridden,
    category: patch.category !== undefined ? patch.category : before.category,
    agreementId,
  };
  const { history: detailChanges } = changedFields(before, detail);
  changes.push(...detailChanges);
  if (patch.ciIds !== undefined) changes.push(['ciIds', null, [...new Set(patch.ciIds)]]);
  if (changes.length === 0) return item;
  if (item.state === 'new' && !item.groupId && !item.assigneeId && (set.groupId || set.assigneeId)) {
    set.state = 'assigned';
    changes.push(['state', item.state, 'assigned']);
  }
  const after = await applyItemChange(ctx, item, set, changes);
  if (detailChanges.length)
    await ctx.tx.update(incidents).set(detail).where(eq(incidents.workItemId, item.id));
  if (patch.ciIds !== undefined || 'serviceId' in set)
    await setAffectedCis(ctx, item.id, patch.ciIds, after.serviceId);
  await reconcileClocks(ctx, item.id);
  await tellAssignees(ctx, after, item.assigneeId, item.groupId);
  if ('priority' in set || 'serviceId' in set)
    await afterRecorded(ctx, after, { burst: false, declare: true });
  await ctx.audit({
    action: 'incident.updated',
    recordType: 'work-item',
    recordId: item.number,
    before: { ...item, ...before },
    after: { ...after, ...detail },
  });
  return after;
}

/** A chosen agreement must be one that can govern this incident: an active SLA of its customer, valid today. */
async function checkAgreement(ctx: CommandContext, agreementId: string, customerId: string | null) {
  const ok = await isSlaInForceFor(ctx.tx, agreementId, customerId);
  if (ok === undefined) throw problems.validation([{ field: 'agreementId', message: 'does not exist' }]);
  if (!ok)
    throw problems.validation([
      { field: 'agreementId', message: "must be an active SLA of the incident's customer, valid today" },
    ]);
}
