import { type SQL, sql } from 'drizzle-orm';
import { internalRoles, isInternal } from '../access/roles.ts';
import type { Principal } from '../auth/principal.ts';
import { type Reader, registeredTypes, type WorkItemType, workItemType } from './registry.ts';

/**
 * Who sees which work items, once for every type and every read path (an item and its parts, lists, counts,
 * search, exports, live events, notifications and the mail they become): staff and internal auditors see
 * all. A person outside the provider (a customer's user, a supplier's contact) sees only items of their own
 * organisation (the item's customer is theirs, or neither has one) that they requested, that is shared with
 * them (they watch it, which only colleagues may arrange: parts.ts), or that the item's type lets them read
 * besides (a request they are asked to approve); a type may show its items to nobody outside. The rule is SQL, so a list, a count and a single read can never disagree.
 */
export const seesAllWorkItems = (p: Pick<Principal, 'roles'>) => isInternal(p);

type Reading = Pick<Principal, 'roles' | 'userId' | 'customerId'>;

/** A table alias for SQL written around a caller's alias (checked: it is spliced in raw). */
export const aliasOf = (w: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(w)) throw new Error(`not an SQL alias: ${w}`);
  return sql.raw(w);
};

const types = () => registeredTypes().map((name) => workItemType(name) as WorkItemType);

/** The rule for someone outside, on item `t`: the organisation fence, then requester or the type's readers. */
function outsideRule(t: SQL, reader: Reader, customerId: SQL): SQL {
  const all = types();
  const hidden = all.filter((d) => d.outsideReaders === 'nobody').map((d) => d.type);
  const extra = [
    // the item is shared with them: they watch it (only an item of an organisation: they are its people)
    sql`select ww.work_item_id from work_item_watchers ww join work_items wx on wx.id = ww.work_item_id
         where ww.user_id = ${reader.id} and wx.customer_id is not null`,
    ...all.flatMap((d) => (d.alsoReadBy ? [d.alsoReadBy(reader)] : [])),
  ];
  // `= any(array(...))` computes the extra ids once, so both halves of the `or` can use an index
  const also = sql`${t}.id = any(array(${sql.join(
    extra.map((q) => sql`(${q})`),
    sql` union `,
  )}))`;
  return sql`(${t}.customer_id is not distinct from ${customerId}
    and ${t}.type <> all(${sql.param(hidden)}::text[])
    and (${t}.requester_id = ${reader.id} or ${also}))`;
}

/** The rule as a condition on the `work_items` row aliased `w` (or the alias given), for one reader. */
export function visibilitySql(p: Reading, w = 'w'): SQL {
  if (seesAllWorkItems(p)) return sql`true`;
  return outsideRule(
    aliasOf(w),
    {
      id: sql`${p.userId}::uuid`,
      holds: (role) => sql`${role} = any(${sql.param([...p.roles])}::text[])`,
    },
    sql`${p.customerId}::uuid`,
  );
}

/** Whether this person may read this one item: the same rule, asked of the database. */
export async function mayRead(
  db: { execute: (q: SQL) => Promise<{ rows: unknown[] }> },
  p: Reading,
  itemId: string,
): Promise<boolean> {
  if (seesAllWorkItems(p)) return true;
  const res = await db.execute(
    sql`select 1 from work_items w where w.id = ${itemId}::uuid and ${visibilitySql(p)}`,
  );
  return res.rows.length > 0;
}

/**
 * The same rule for many people at once, on a `users` row aliased `u` and a work item aliased `w`: whom a
 * notification about the item may reach. People inside the provider are known by their roles.
 */
export function readableByUserSql(u = 'u', w = 'w'): SQL {
  const person = aliasOf(u);
  const inside = sql`exists (select 1 from user_roles ir where ir.user_id = ${person}.id
      and ir.role = any(${sql.param([...internalRoles])}::text[]))`;
  const rule = outsideRule(
    aliasOf(w),
    {
      id: sql`${person}.id`,
      holds: (role) =>
        sql`exists (select 1 from user_roles hr where hr.user_id = ${person}.id and hr.role = ${role})`,
    },
    sql`${person}.customer_id`,
  );
  return sql`(${inside} or ${rule})`;
}
