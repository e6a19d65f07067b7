import { type SQL, sql } from 'drizzle-orm';
import { isInternal } from '../access/roles.ts';
import type { Principal } from '../auth/principal.ts';

/**
 * Who sees which work items, once for every type: staff and internal auditors see all; customers and end
 * users see what they requested. Types' canRead, every list and the live event stream use this same rule.
 */
export const seesAllWorkItems = (p: Pick<Principal, 'roles'>) => isInternal(p);

export const visibleTo = (p: Principal, item: { requesterId: string | null }) =>
  seesAllWorkItems(p) || item.requesterId === p.userId;

/** The same rule as a condition on the `work_items` row aliased `w`. */
export const visibilitySql = (p: Principal): SQL =>
  seesAllWorkItems(p) ? sql`true` : sql`w.requester_id = ${p.userId}`;
