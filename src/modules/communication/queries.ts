import { sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db/database.ts';
import type { PlanEntry } from './shapes.ts';

/** The plan with each entry's next open occurrence (overdue flagged) and the last one done. */
export async function listCommunication(db: Queryable) {
  const res = await db.execute<PlanEntry>(sql`
    select e.id, e.subject, e.audience, e.channel, e.frequency, e.responsible_id as "responsibleId",
           u.name as responsible, e.first_due::text as "firstDue", e.active, e.version,
           n.id as "nextTaskId", n.due_on::text as "nextDue",
           coalesce(n.due_on < (now() at time zone 'utc')::date, false) as overdue,
           d.done_at as "lastDoneAt", d.note as "lastNote"
      from communication_entries e join users u on u.id = e.responsible_id
      left join lateral (select id, due_on from communication_tasks
                          where entry_id = e.id and done_at is null order by due_on limit 1) n on true
      left join lateral (select done_at, note from communication_tasks
                          where entry_id = e.id and done_at is not null order by done_at desc limit 1) d on true
     order by e.active desc, n.due_on nulls last, e.subject`);
  return res.rows;
}
