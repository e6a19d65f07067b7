import { sql } from 'drizzle-orm';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { presentItem } from '../../kernel/records/queries.ts';
import type { WorkItem, WorkItemType } from '../../kernel/records/registry.ts';
import { clocksOf } from '../agreements/clocks.ts';
import { listEscalations } from './assignment.ts';
import { incidentOf } from './incidents.ts';

/** One incident as its page and the API show it: the work item, its own fields, names, CIs and clocks. */
export async function presentIncident(db: Queryable, item: WorkItem, def: WorkItemType, who: Principal) {
  const detail = await incidentOf(db, item.id);
  const names = (
    await db.execute<{
      requester: string | null;
      assignee: string | null;
      group: string | null;
      customer: string | null;
      service: string | null;
      agreement: string | null;
      supplier: string | null;
      major_owner: string | null;
    }>(sql`
      select (select name from users where id = ${item.requesterId}::uuid) as requester,
             (select name from users where id = ${item.assigneeId}::uuid) as assignee,
             (select name from groups where id = ${item.groupId}::uuid) as "group",
             (select name from customers where id = ${item.customerId}::uuid) as customer,
             (select c.name from services s join cis c on c.id = s.ci_id where s.id = ${item.serviceId}::uuid) as service,
             (select name from agreements where id = ${detail.agreementId}::uuid) as agreement,
             (select name from cis where id = ${detail.supplierCiId}::uuid) as supplier,
             (select name from users where id = ${detail.majorOwnerId}::uuid) as major_owner`)
  ).rows[0]!;
  const cis = (
    await db.execute<{ id: string; name: string; classKey: string; source: 'manual' | 'computed' }>(sql`
      select c.id, c.name, c.class_key as "classKey", x.source from incident_cis x join cis c on c.id = x.ci_id
       where x.work_item_id = ${item.id} order by x.source desc, c.name`)
  ).rows;
  const review = (
    await db.execute(sql`
      select state, summary, root_cause as "rootCause", went_well as "wentWell", improvements, version,
             completed_at as "completedAt" from post_incident_reviews where work_item_id = ${item.id}`)
  ).rows[0];
  const updates = item.major
    ? (
        await db.execute(sql`
          select m.id, m.audience, m.body, u.name as author, m.at from major_incident_updates m
            left join users u on u.id = m.author_id where m.work_item_id = ${item.id} order by m.id`)
      ).rows
    : [];
  const internal = def.canSeeInternal(who);
  return {
    ...presentItem(item, def, who),
    impact: detail.impact,
    urgency: detail.urgency,
    priorityOverridden: detail.priorityOverridden,
    category: detail.category,
    agreementId: internal ? detail.agreementId : null,
    pendingReason: detail.pendingReason,
    supplierCiId: internal ? detail.supplierCiId : null,
    resolutionCode: detail.resolutionCode,
    resolutionText: detail.resolutionText,
    resolvedAt: detail.resolvedAt?.toISOString() ?? null,
    closedAt: detail.closedAt?.toISOString() ?? null,
    escalationLevel: internal ? detail.escalationLevel : 0,
    names: {
      requester: names.requester,
      assignee: names.assignee,
      group: names.group,
      customer: names.customer,
      service: names.service,
      agreement: names.agreement,
      supplier: internal ? names.supplier : null,
      majorOwner: names.major_owner,
    },
    cis,
    // OLAs and underpinning contracts are the provider's own business: requesters see their SLA's clocks
    clocks: ((await clocksOf(db, [item.id])).get(item.id) ?? []).filter((c) => internal || c.scope === 'sla'),
    major: item.major
      ? {
          ownerId: detail.majorOwnerId,
          declaredAt: detail.majorDeclaredAt?.toISOString() ?? null,
          reason: detail.majorReason,
          nextUpdateDue: detail.nextUpdateDue?.toISOString() ?? null,
          updates: internal
            ? updates
            : updates.filter((u) => (u as { audience: string }).audience === 'customers'),
        }
      : null,
    review: internal ? (review ?? null) : null,
    escalations: internal ? await listEscalations(db, item.id) : [],
  };
}
