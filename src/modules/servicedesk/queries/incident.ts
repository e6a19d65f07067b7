import { and, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { itemNamed } from '../../../kernel/records/commands.ts';
import { presentItem } from '../../../kernel/records/queries.ts';
import { type WorkItem, workItemType } from '../../../kernel/records/registry.ts';
import { workItems } from '../../../kernel/records/schema.ts';
import { visibilitySql } from '../../../kernel/records/visibility.ts';
import { type ClockRow, clockRows, presentClocks } from '../../agreements/index.ts';
import { incidents } from '../schema.ts';

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

/**
 * One incident as its page and the API show it, found by number or id: the work item, its own fields,
 * names, CIs and clocks. Not found for someone who may not read it.
 */
export async function presentIncident(db: Queryable, ref: string, who: Principal) {
  const utc = (col: SQL) => sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  // the work item and the incident's own row, its names, CIs, review, major incident updates, escalations
  // and clocks in one round trip
  const w = alias(workItems, 'w');
  const i = alias(incidents, 'i');
  const name = (q: SQL) => sql<string | null>`(${q})`;
  const [row] = await db
    .select({
      item: w,
      detail: i,
      requester: name(sql`select name from users where id = ${w.requesterId}`),
      assignee: name(sql`select name from users where id = ${w.assigneeId}`),
      group: name(sql`select name from groups where id = ${w.groupId}`),
      customer: name(sql`select name from customers where id = ${w.customerId}`),
      service: name(
        sql`select c.name from services s join cis c on c.id = s.ci_id where s.id = ${w.serviceId}`,
      ),
      agreement: name(sql`select name from agreements where id = i.agreement_id`),
      supplier: name(sql`select name from cis where id = i.supplier_ci_id`),
      major_owner: name(sql`select name from users where id = i.major_owner_id`),
      cis: sql<Array<{ id: string; name: string; classKey: string; source: 'manual' | 'computed' }>>`
             (select coalesce(json_agg(x order by x.source desc, x.name), '[]') from (
                select c.id, c.name, c.class_key as "classKey", x.source from incident_cis x join cis c on c.id = x.ci_id
                 where x.work_item_id = i.work_item_id) x)`,
      review: sql<{
        state: 'open' | 'completed';
        summary: string;
        rootCause: string;
        rootCauseKnown: boolean | null;
        wentWell: string;
        improvements: string;
        version: number;
        completedAt: string | null;
      } | null>`
             (select row_to_json(r) from (
                select state, summary, root_cause as "rootCause", root_cause_known as "rootCauseKnown", went_well as "wentWell", improvements, version,
                       ${utc(sql`completed_at`)} as "completedAt"
                  from post_incident_reviews where work_item_id = i.work_item_id) r)`,
      updates: sql<
        Array<{
          id: number;
          audience: 'internal' | 'customers';
          body: string;
          author: string | null;
          at: string;
        }>
      >`
             (select coalesce(json_agg(u order by u.id), '[]') from (
                select m.id, m.audience, m.body, u.name as author, ${utc(sql`m.at`)} as at from major_incident_updates m
                  left join users u on u.id = m.author_id where m.work_item_id = i.work_item_id and ${w.major}) u)`,
      escalations: sql<Escalation[]>`
             (select coalesce(json_agg(e order by e.id), '[]') from (
                select e.id, e.kind, fg.name as "fromGroup", tg.name as "toGroup", e.level, e.reason, u.name as actor,
                       ${utc(sql`e.at`)} as at
                  from incident_escalations e left join groups fg on fg.id = e.from_group_id
                  left join groups tg on tg.id = e.to_group_id left join users u on u.id = e.actor_id
                 where e.work_item_id = i.work_item_id) e)`,
      clocks: sql<ClockRow[]>`
             (select coalesce(json_agg(x order by x.ord), '[]') from (${clockRows(sql`c.work_item_id = ${w.id}`)}) x)`,
    })
    .from(w)
    .innerJoin(i, eq(i.workItemId, w.id))
    .where(and(itemNamed(w, ref), visibilitySql(who)));
  const def = row ? workItemType(row.item.type) : undefined;
  if (!row || !def) throw problems.notFound(`Incident ${ref}`);
  const { item: found, detail, cis, review, updates, escalations, clocks, ...names } = row;
  const item = found as WorkItem;
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
    clocks: (presentClocks(clocks).get(item.id) ?? []).filter((c) => internal || c.scope === 'sla'),
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
