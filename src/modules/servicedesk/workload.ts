import { sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db/database.ts';

/**
 * The service desk's workload over a span of time, for the management review (9.3): incidents recorded in
 * [from, to), and incidents closed in it (closing, not resolving, ends one; a cancelled one is not closed).
 */
export async function incidentWorkload(db: Queryable, from: Date, to: Date) {
  const r = await db.execute<{ opened: number; closed: number }>(sql`
    select (select count(*)::int from work_items w
             where w.type = 'incident' and w.created_at >= ${from.toISOString()} and w.created_at < ${to.toISOString()}) as opened,
           (select count(*)::int from incidents i
             where i.closed_at >= ${from.toISOString()} and i.closed_at < ${to.toISOString()}) as closed`);
  return r.rows[0]!;
}
