import { sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db/database.ts';

/**
 * Change management's workload over a span of time, for the management review (9.3): changes recorded in
 * [from, to), and changes closed in it after their review (a rejected or cancelled change is not closed).
 */
export async function changeWorkload(db: Queryable, from: Date, to: Date) {
  const r = await db.execute<{ opened: number; closed: number }>(sql`
    select (select count(*)::int from work_items w
             where w.type = 'change' and w.created_at >= ${from.toISOString()} and w.created_at < ${to.toISOString()}) as opened,
           (select count(*)::int from changes c
             where c.closed_at >= ${from.toISOString()} and c.closed_at < ${to.toISOString()}) as closed`);
  return r.rows[0]!;
}
