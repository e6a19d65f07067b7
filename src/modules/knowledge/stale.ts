import { sql } from 'drizzle-orm';
import { sqlToday } from '../../kernel/days.ts';
import type { Db } from '../../kernel/db/database.ts';
import { runCommand, systemActor } from '../../kernel/db/tx.ts';
import { notify } from '../../kernel/notify/notify.ts';

/** How often Keel looks for stale articles; each owner is told once per review date however often it looks. */
export const STALE_CHECK_MS = 6 * 3_600_000;

/**
 * Tells the owners of published articles past their review date that they are due (once per review date:
 * a new date, set when the owner has checked the article, makes it due again later). Several Keel processes
 * may run it at once: the articles are locked, skipping those another process is telling about.
 */
export async function tellStaleOwners(db: Db): Promise<number> {
  return runCommand(db, systemActor('knowledge review dates'), null, async (ctx) => {
    const due = await ctx.tx.execute<{
      id: string;
      number: string;
      title: string;
      owner_id: string;
      review_by: string;
    }>(sql`
      select a.id, a.number, a.title, a.owner_id, a.review_by::text as review_by
        from articles a
       where a.state = 'published' and a.review_by < ${sqlToday} and a.owner_id is not null
         and not exists (select 1 from notifications n
                          where n.user_id = a.owner_id and n.kind = 'knowledge.stale'
                            and n.link = '/knowledge/' || a.number
                            and n.params ->> 'reviewBy' = a.review_by::text)
       order by a.review_by, a.number
       for update of a skip locked
       limit 500`);
    for (const a of due.rows) {
      await notify(
        ctx.tx,
        { userIds: [a.owner_id] },
        'knowledge.stale',
        { number: a.number, title: a.title, reviewBy: a.review_by },
        `/knowledge/${a.number}`,
      );
    }
    if (due.rows.length)
      await ctx.audit({
        action: 'knowledge.stale_notified',
        recordType: 'article',
        recordId: due.rows.map((a) => a.number).join(','),
        after: {
          articles: due.rows.map((a) => ({ number: a.number, ownerId: a.owner_id, reviewBy: a.review_by })),
        },
      });
    return due.rows.length;
  });
}
