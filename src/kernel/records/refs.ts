import { sql } from 'drizzle-orm';
import type { Role } from '../access/roles.ts';
import type { Queryable } from '../db/database.ts';
import type { FieldError } from '../http/problem.ts';

/** What a work item's fields name elsewhere: its service, CIs, group and assignee. */
export type WorkRefs = {
  serviceId?: string | null;
  ciIds?: readonly string[] | null;
  groupId?: string | null;
  assigneeId?: string | null;
};

/**
 * Checks what a work item names, all at once, in one statement: the service exists and is not retired, every
 * CI exists, the group exists, and the assignee is an active person holding one of `assignees.roles` (else
 * "is not an active {assignees.noun}"). A field error for each wrong one; none for a field not given.
 */
export async function checkWorkRefs(
  tx: Queryable,
  p: WorkRefs,
  assignees: { roles: readonly Role[]; noun: string },
): Promise<FieldError[]> {
  const ciIds = [...new Set(p.ciIds ?? [])];
  const res = await tx.execute<{
    service_status: string | null;
    group_exists: boolean;
    assignee_ok: boolean | null;
    cis_found: number;
  }>(sql`
    select (select status from services where id = ${p.serviceId ?? null}::uuid) as service_status,
           exists (select 1 from groups where id = ${p.groupId ?? null}::uuid) as group_exists,
           (select u.active and exists (select 1 from user_roles r where r.user_id = u.id
                                         and r.role = any(${sql.param([...assignees.roles])}::text[]))
              from users u where u.id = ${p.assigneeId ?? null}::uuid) as assignee_ok,
           (select count(*)::int from cis where id = any(${sql.param(ciIds)}::uuid[])) as cis_found`);
  const x = res.rows[0]!;
  const errors: FieldError[] = [];
  if (p.serviceId && !x.service_status) errors.push({ field: 'serviceId', message: 'does not exist' });
  else if (p.serviceId && x.service_status === 'retired')
    errors.push({ field: 'serviceId', message: 'is retired' });
  if (ciIds.length && x.cis_found !== ciIds.length)
    errors.push({ field: 'ciIds', message: 'names a CI that does not exist' });
  if (p.groupId && !x.group_exists) errors.push({ field: 'groupId', message: 'does not exist' });
  if (p.assigneeId && x.assignee_ok !== true)
    errors.push({
      field: 'assigneeId',
      message: x.assignee_ok === false ? `is not an active ${assignees.noun}` : 'does not exist',
    });
  return errors;
}
