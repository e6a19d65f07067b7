import { eq, sql } from 'drizzle-orm';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { notify } from '../../../kernel/notify/notify.ts';
import { applyItemChange, loadForWrite } from '../../../kernel/records/commands.ts';
import { escalations, incidents } from '../schema.ts';
import type { Escalate as Escalation, Suggestion } from '../shapes.ts';
import { incidentOf } from './incidents.ts';

/**
 * Who should work on an incident: groups that handle the service (2 points) and the category (1 point),
 * best first; in each, the people with the skills the category needs, then those with the least open work.
 */
export async function suggestAssignment(
  db: Queryable,
  q: { serviceId?: string | null; category?: string | null },
): Promise<Suggestion[]> {
  const res = await db.execute<{
    id: string;
    name: string;
    by_service: boolean;
    by_category: boolean;
    people: Suggestion['people'] | null;
  }>(sql`
    with needed as (select coalesce((select skills from incident_categories where code = ${q.category ?? null}), '{}') as skills)
    select g.id, g.name,
           ${q.serviceId ?? null}::uuid = any(g.service_ids) as by_service,
           ${q.category ?? null}::text = any(g.categories) as by_category,
           (select json_agg(p order by p."matchingSkills" desc, p."openItems", p.name) from (
              select u.id as "userId", u.name, u.skills,
                     (select count(*)::int from work_items w where w.assignee_id = u.id and not w.final) as "openItems",
                     cardinality(array(select unnest(u.skills) intersect select unnest(needed.skills))) as "matchingSkills"
                from group_members m join users u on u.id = m.user_id, needed
               where m.group_id = g.id and u.active) p) as people
      from groups g
     where ${q.serviceId ?? null}::uuid = any(g.service_ids) or ${q.category ?? null}::text = any(g.categories)`);
  return res.rows
    .map((r) => ({
      groupId: r.id,
      name: r.name,
      score: (r.by_service ? 2 : 0) + (r.by_category ? 1 : 0),
      reasons: [
        ...(r.by_service ? ['service' as const] : []),
        ...(r.by_category ? ['category' as const] : []),
      ],
      people: r.people ?? [],
    }))
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
}

/**
 * Functional escalation hands the incident to another group (nobody in particular yet); hierarchical
 * escalation raises its level and tells the incident managers. Both keep their reason.
 */
export async function escalate(ctx: CommandContext, who: Principal, ref: string, e: Escalation) {
  const { item } = await loadForWrite(ctx, who, ref, null);
  if (item.type !== 'incident') throw problems.notFound(`Incident ${ref}`);
  if (item.final || item.state === 'resolved') throw problems.conflict(`${item.number} is ${item.state}.`);
  const detail = await incidentOf(ctx.tx, item.id, true);
  const reason = e.reason.trim();
  const link = `/work-items/${item.number}`;
  if (e.kind === 'functional') {
    const g = await ctx.tx.execute<{ name: string }>(sql`select name from groups where id = ${e.groupId}`);
    if (!g.rows[0]) throw problems.validation([{ field: 'groupId', message: 'does not exist' }]);
    if (e.groupId === item.groupId)
      throw problems.validation([{ field: 'groupId', message: 'is already the group' }]);
    await applyItemChange(
      ctx,
      item,
      { groupId: e.groupId, assigneeId: null, ...(item.state === 'new' ? { state: 'assigned' } : {}) },
      [
        ['groupId', item.groupId, e.groupId],
        ...(item.assigneeId ? [['assigneeId', item.assigneeId, null] as [string, unknown, unknown]] : []),
        ...(item.state === 'new' ? [['state', 'new', 'assigned'] as [string, unknown, unknown]] : []),
      ],
    );
    await ctx.tx.insert(escalations).values({
      workItemId: item.id,
      kind: 'functional',
      fromGroupId: item.groupId,
      toGroupId: e.groupId,
      reason,
      actorId: ctx.actor.userId,
    });
    await notify(
      ctx.tx,
      { groupId: e.groupId },
      'incident.group_assigned',
      { number: item.number, title: item.title, group: g.rows[0].name },
      link,
    );
  } else {
    const level = detail.escalationLevel + 1;
    await applyItemChange(ctx, item, {}, [['escalationLevel', detail.escalationLevel, level]]);
    await ctx.tx.update(incidents).set({ escalationLevel: level }).where(eq(incidents.workItemId, item.id));
    await ctx.tx
      .insert(escalations)
      .values({ workItemId: item.id, kind: 'hierarchical', level, reason, actorId: ctx.actor.userId });
    await notify(
      ctx.tx,
      { roles: level >= 2 ? ['incident_manager', 'process_owner'] : ['incident_manager'] },
      'incident.escalated',
      { number: item.number, level: String(level), reason },
      link,
    );
  }
  await ctx.audit({
    action: `incident.escalated.${e.kind}`,
    recordType: 'work-item',
    recordId: item.number,
    after: e,
  });
}
