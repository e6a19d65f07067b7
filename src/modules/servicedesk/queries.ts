import { type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { presentItem } from '../../kernel/records/queries.ts';
import type { WorkItem, WorkItemType } from '../../kernel/records/registry.ts';
import { clocksOf } from '../agreements/clocks.ts';
import { incidentOf } from './incidents.ts';

/** A functional or hierarchical escalation as the incident page lists it. */
export type Escalation = {
  id: number;
  kind: string;
  fromGroup: string | null;
  toGroup: string | null;
  level: number | null;
  reason: string;
  actor: string | null;
  at: string;
};

/** One incident as its page and the API show it: the work item, its own fields, names, CIs and clocks. */
export async function presentIncident(db: Queryable, item: WorkItem, def: WorkItemType, who: Principal) {
  const detail = await incidentOf(db, item.id);
  const utc = (col: SQL) => sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  // names, CIs, review, major incident updates and escalations in one round trip
  const more = (
    await db.execute<{
      requester: string | null;
      assignee: string | null;
      group: string | null;
      customer: string | null;
      service: string | null;
      agreement: string | null;
      supplier: string | null;
      major_owner: string | null;
      cis: Array<{ id: string; name: string; classKey: string; source: 'manual' | 'computed' }>;
      review: Record<string, unknown> | null;
      updates: Array<{ id: number; audience: string; body: string; author: string | null; at: string }>;
      escalations: Escalation[];
    }>(sql`
      select (select name from users where id = ${item.requesterId}::uuid) as requester,
             (select name from users where id = ${item.assigneeId}::uuid) as assignee,
             (select name from groups where id = ${item.groupId}::uuid) as "group",
             (select name from customers where id = ${item.customerId}::uuid) as customer,
             (select c.name from services s join cis c on c.id = s.ci_id where s.id = ${item.serviceId}::uuid) as service,
             (select name from agreements where id = i.agreement_id) as agreement,
             (select name from cis where id = i.supplier_ci_id) as supplier,
             (select name from users where id = i.major_owner_id) as major_owner,
             (select coalesce(json_agg(x order by x.source desc, x.name), '[]') from (
                select c.id, c.name, c.class_key as "classKey", x.source from incident_cis x join cis c on c.id = x.ci_id
                 where x.work_item_id = i.work_item_id) x) as cis,
             (select row_to_json(r) from (
                select state, summary, root_cause as "rootCause", went_well as "wentWell", improvements, version,
                       ${utc(sql`completed_at`)} as "completedAt"
                  from post_incident_reviews where work_item_id = i.work_item_id) r) as review,
             (select coalesce(json_agg(u order by u.id), '[]') from (
                select m.id, m.audience, m.body, u.name as author, ${utc(sql`m.at`)} as at from major_incident_updates m
                  left join users u on u.id = m.author_id where m.work_item_id = i.work_item_id and ${item.major}) u) as updates,
             (select coalesce(json_agg(e order by e.id), '[]') from (
                select e.id, e.kind, fg.name as "fromGroup", tg.name as "toGroup", e.level, e.reason, u.name as actor,
                       ${utc(sql`e.at`)} as at
                  from incident_escalations e left join groups fg on fg.id = e.from_group_id
                  left join groups tg on tg.id = e.to_group_id left join users u on u.id = e.actor_id
                 where e.work_item_id = i.work_item_id) e) as escalations
        from incidents i where i.work_item_id = ${item.id}`)
  ).rows[0]!;
  const { cis, review, updates, escalations, ...names } = more;
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
          updates: internal ? updates : updates.filter((u) => u.audience === 'customers'),
        }
      : null,
    review: internal ? (review ?? null) : null,
    escalations: internal ? escalations : [],
  };
}
