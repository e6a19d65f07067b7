import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../kernel/db/database.ts';
import type { FieldError } from '../../../kernel/http/problem.ts';
import { workers } from '../policy.ts';

/** What checking the references found besides problems: facts the command goes on with. */
export type Checked = {
  /** Every problem at once, as field errors. */
  errors: FieldError[];
  /** The requester's language and organisation, when a requester was named and exists. */
  requester: { language: string; customerId: string | null } | null;
  /** The priority matrix's priority for the impact and urgency given (null without them or without a cell). */
  matrixPriority: number | null;
};

/**
 * Checks that what an incident names exists and may be used, returning every problem at once as field
 * errors (a dangling id is the caller's mistake, not a server error); with an impact and urgency, also the
 * priority matrix's cell for them (a missing cell is a problem too). One statement.
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
  matrix?: { impact: number; urgency: number },
): Promise<Checked> {
  const res = await db.execute<Record<string, unknown>>(sql`
    select
      (select json_build_object('active', active, 'language', language, 'customerId', customer_id)
         from users where id = ${r.requesterId ?? null}::uuid) as requester,
      (select priority from priority_matrix
        where impact = ${matrix?.impact ?? null}::int and urgency = ${matrix?.urgency ?? null}::int) as matrix_priority,
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
  const requester = x.requester as { active: boolean; language: string; customerId: string | null } | null;
  const errors: FieldError[] = [];
  if (r.requesterId && requester?.active !== true)
    errors.push({
      field: 'requesterId',
      message: requester?.active === false ? 'is deactivated' : 'does not exist',
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
  const matrixPriority = (x.matrix_priority as number | null) ?? null;
  if (matrix && matrixPriority === null)
    errors.push({
      field: 'impact',
      message: `the priority matrix has no cell for impact ${matrix.impact}, urgency ${matrix.urgency}`,
    });
  return {
    errors,
    requester: requester && { language: requester.language, customerId: requester.customerId },
    matrixPriority,
  };
}
