import { eq, sql } from 'drizzle-orm';
import { staffRoles } from '../../../kernel/access/roles.ts';
import { groupMembers, groups } from '../../../kernel/auth/schema.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { checkVersion } from '../../../kernel/http/etag.ts';
import { problems } from '../../../kernel/http/problem.ts';

import type { GroupInput } from '../routes/settings.ts';

export async function listGroups(db: Queryable) {
  const res = await db.execute<{
    id: string;
    name: string;
    description: string;
    leadId: string | null;
    serviceIds: string[];
    categories: string[];
    members: Array<{ id: string; name: string; skills: string[] }>;
    openItems: number;
    version: number;
  }>(sql`
    select g.id, g.name, g.description, g.lead_id as "leadId", g.service_ids as "serviceIds", g.categories,
           coalesce((select json_agg(json_build_object('id', u.id, 'name', u.name, 'skills', u.skills) order by u.name)
              from group_members m join users u on u.id = m.user_id where m.group_id = g.id), '[]') as members,
           (select count(*)::int from work_items w where w.group_id = g.id and not w.final) as "openItems",
           g.version
      from groups g order by lower(g.name)`);
  return res.rows;
}

async function check(ctx: CommandContext, g: Partial<GroupInput>, self?: string) {
  const r = await ctx.tx.execute<Record<string, unknown>>(sql`
    select
      (select count(*)::int from groups where lower(name) = lower(${g.name ?? ''}) and id is distinct from ${self ?? null}::uuid) as taken,
      (select count(*)::int from services where id = any(${sql.param(g.serviceIds ?? [])}::uuid[])) as services,
      (select count(*)::int from incident_categories where code = any(${sql.param(g.categories ?? [])}::text[])) as categories,
      (select count(*)::int from users u where u.id = any(${sql.param(g.memberIds ?? [])}::uuid[]) and u.customer_id is null
          and exists (select 1 from user_roles r where r.user_id = u.id and r.role = any(${sql.param([...staffRoles])}::text[]))) as members,
      (select count(*)::int from users where id = ${g.leadId ?? null}::uuid) as lead`);
  const x = r.rows[0] as Record<string, number>;
  const errors = [];
  if (g.name !== undefined && x.taken) errors.push({ field: 'name', message: 'is already in use' });
  if (g.serviceIds && x.services !== new Set(g.serviceIds).size)
    errors.push({ field: 'serviceIds', message: 'names a service that does not exist' });
  if (g.categories && x.categories !== new Set(g.categories).size)
    errors.push({ field: 'categories', message: 'names a category that does not exist' });
  if (g.memberIds && x.members !== new Set(g.memberIds).size)
    errors.push({ field: 'memberIds', message: 'names someone who does not exist or is not staff' });
  if (g.leadId && !x.lead) errors.push({ field: 'leadId', message: 'does not exist' });
  if (errors.length) throw problems.validation(errors);
}

async function setMembers(ctx: CommandContext, groupId: string, memberIds: string[] | undefined) {
  if (memberIds === undefined) return;
  await ctx.tx.delete(groupMembers).where(eq(groupMembers.groupId, groupId));
  const ids = [...new Set(memberIds)];
  if (ids.length) await ctx.tx.insert(groupMembers).values(ids.map((userId) => ({ groupId, userId })));
}

export async function createGroup(ctx: CommandContext, input: GroupInput) {
  await check(ctx, input);
  const { memberIds, ...row } = input;
  const [g] = await ctx.tx
    .insert(groups)
    .values({
      ...row,
      name: row.name.trim(),
      serviceIds: [...new Set(row.serviceIds ?? [])],
      categories: [...new Set(row.categories ?? [])],
    })
    .returning();
  await setMembers(ctx, g!.id, memberIds);
  await ctx.audit({
    action: 'group.created',
    recordType: 'group',
    recordId: g!.id,
    after: { ...g, memberIds },
  });
  return g!;
}

export async function updateGroup(
  ctx: CommandContext,
  id: string,
  expected: number,
  patch: Partial<GroupInput>,
) {
  const [before] = await ctx.tx.select().from(groups).where(eq(groups.id, id)).for('update');
  if (!before) throw problems.notFound(`Group ${id}`);
  checkVersion(expected, before.version);
  await check(ctx, patch, id);
  const { memberIds, ...row } = patch;
  const [after] = await ctx.tx
    .update(groups)
    .set({
      ...row,
      ...(row.name ? { name: row.name.trim() } : {}),
      updatedAt: new Date(),
      version: before.version + 1,
    })
    .where(eq(groups.id, id))
    .returning();
  await setMembers(ctx, id, memberIds);
  await ctx.audit({
    action: 'group.updated',
    recordType: 'group',
    recordId: id,
    before,
    after: { ...after, memberIds },
  });
  return after!;
}
