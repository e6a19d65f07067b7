import { sql } from 'drizzle-orm';
import { staffRoles } from '../access/roles.ts';
import type { Queryable } from '../db/database.ts';
import { type FieldError, problems } from '../http/problem.ts';

/**
 * Customers are kept apart when an item is written, not only when it is read: a work item's requester
 * belongs to the item's customer organisation (a person of no organisation, such as a supplier's contact,
 * to an item of none), unless the requester is staff, who may ask for work in any organisation's name.
 * Every command that sets a requester or a customer goes through `createWorkItem` or `applyItemChange`,
 * which ask this; a trigger on work_items (migration 0031) refuses what slips past.
 */
export type RequesterFacts = { customerId: string | null; staff: boolean };

export async function requesterFacts(tx: Queryable, requesterId: string): Promise<RequesterFacts | null> {
  const res = await tx.execute<{ customer_id: string | null; staff: boolean }>(sql`
    select u.customer_id, exists (select 1 from user_roles r where r.user_id = u.id
                                   and r.role = any(${sql.param([...staffRoles])}::text[])) as staff
      from users u where u.id = ${requesterId}::uuid`);
  const row = res.rows[0];
  return row ? { customerId: row.customer_id, staff: row.staff } : null;
}

/** The organisation an item gets when none is named: its requester's, unless the requester is staff. */
export const defaultCustomer = (requester: RequesterFacts | null) =>
  requester && !requester.staff ? requester.customerId : null;

/** The field errors when this requester may not be named on an item of this customer (none when they may). */
export function requesterMismatch(requester: RequesterFacts | null, customerId: string | null): FieldError[] {
  if (!requester || requester.staff || requester.customerId === customerId) return [];
  return [
    {
      field: 'requesterId',
      message: requester.customerId
        ? "belongs to another customer organisation than the item's"
        : 'belongs to no customer organisation, and the item has one',
    },
    {
      field: 'customerId',
      message: requester.customerId
        ? "must be the requester's own organisation"
        : 'must be empty for a requester of no organisation',
    },
  ];
}

/** Refuses a requester and customer that do not belong together, as field errors. */
export async function checkRequesterBelongs(
  tx: Queryable,
  requesterId: string | null,
  customerId: string | null,
): Promise<void> {
  if (!requesterId) return;
  const errors = requesterMismatch(await requesterFacts(tx, requesterId), customerId);
  if (errors.length) throw problems.validation(errors);
}
