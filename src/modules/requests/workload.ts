import { sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db/database.ts';

/**
 * Service requests' workload over a span of time, for the management review (9.3): requests made in
 * [from, to), and requests closed in it (a rejected or cancelled request is not closed).
 */
export async function requestWorkload(db: Queryable, from: Date, to: Date) {
  const r = await db.execute<{ opened: number; closed: number }>(sql`
    select (select count(*)::int from work_items w
             where w.type = 'request' and w.created_at >= ${from.toISOString()} and w.created_at < ${to.toISOString()}) as opened,
           (select count(*)::int from requests q
             where q.closed_at >= ${from.toISOString()} and q.closed_at < ${to.toISOString()}) as closed`);
  return r.rows[0]!;
}
