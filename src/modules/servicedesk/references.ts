import { sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db/database.ts';
import type { FieldError } from '../../kernel/http/problem.ts';
import { workers } from './lifecycle.ts';

/**
 * Checks that what an incident names exists and may be used, returning every problem at once as field
 * errors (a dangling id is the caller's mistake, not a server error).
 */
export async function checkReferences(
  db: Queryable,
  r: {
    requesterId?: string | null;
    customerId?: string | null;
    serviceId?: string | null;
    category?: string | null;
    groupId?: string | null;
    assigneeId?: string | null;
    agreementId?: string | null;
    ciIds?: string[];
  },
): Promise<FieldError[]> {
  const res = await db.execute<Record<string, unknown>>(sql`
    select
      (select active from users where id = ${r.requesterId ?? null}::uuid) as requester_active,
      (select exists (select 1 from customers where id = ${r.customerId ?? null}::uuid)) as customer,
      (select status from services where id = ${r.serviceId ?? null}::uuid) as service_status,
      (select active from incident_categories where code = ${r.category ?? null}) as category_active,
      (select exists (select 1 from groups where id = ${r.groupId ?? null}::uuid)) as group_exists,
      (select u.active and exists (select 1 from user_roles x where x.user_id = u.id
                                    and x.role = any(${sql.param([...workers])}::text[]))
         from users u where u.id = ${r.assigneeId ?? null}::uuid) as assignee_ok,
      (select kind from agreements where id = ${r.agreementId ?? null}::uuid) as agreement_kind,
      (select count(*)::int from cis where id = any(${sql.param(r.ciIds ?? [])}::uuid[])) as cis_found`);
  const x = res.rows[0]!;
  const errors: FieldError[] = [];
  if (r.requesterId && x.requester_active !== true)
    errors.push({
      field: 'requesterId',
      message: x.requester_active === false ? 'is deactivated' : 'does not exist',
    });
  if (r.customerId && !x.customer) errors.push({ field: 'customerId', message: 'does not exist' });
  if (r.serviceId && !x.service_status) errors.push({ field: 'serviceId', message: 'does not exist' });
  else if (r.serviceId && x.service_status === 'retired')
    errors.push({ field: 'serviceId', message: 'is retired' });
  if (r.category && x.category_active !== true)
    errors.push({
      field: 'category',
      message: x.category_active === false ? 'is no longer in use' : 'does not exist',
    });
  if (r.groupId && !x.group_exists) errors.push({ field: 'groupId', message: 'does not exist' });
  if (r.assigneeId && x.assignee_ok !== true)
    errors.push({
      field: 'assigneeId',
      message:
        x.assignee_ok === false ? 'is not an active agent, resolver or incident manager' : 'does not exist',
    });
  if (r.agreementId && !x.agreement_kind) errors.push({ field: 'agreementId', message: 'does not exist' });
  const ciIds = [...new Set(r.ciIds ?? [])];
  if (ciIds.length && x.cis_found !== ciIds.length)
    errors.push({ field: 'ciIds', message: 'names a CI that does not exist' });
  return errors;
}
