import { sql } from 'drizzle-orm';
import type { Principal } from '../auth/principal.ts';
import type { Queryable } from '../db/database.ts';
import { isoTimestamp } from '../db/timestamps.ts';
import type { CommandContext } from '../db/tx.ts';
import { problems } from '../http/problem.ts';
import { fireTransition, loadItem } from './commands.ts';
import { transitionTo } from './lifecycle.ts';
import { ratings } from './schema.ts';

/**
 * The requester rates work done for them (1–5 and a comment), once. Rating a resolved or fulfilled item
 * confirms it: the item closes as its lifecycle closes it; a closed item can still be rated afterwards.
 */
export async function rateWorkItem(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  input: { score: number; comment?: string },
) {
  const { item, def } = await loadItem(ctx.tx, ref, who, true);
  if (item.requesterId !== who.userId)
    throw problems.forbidden('Only the requester rates the work done for them.');
  const rated = await ctx.tx.execute(sql`select 1 from work_item_ratings where work_item_id = ${item.id}`);
  if (rated.rows.length) throw problems.conflict(`${item.number} has been rated already.`);
  if (!item.final) {
    const close = transitionTo(def.lifecycle, item.state, 'closed');
    if (!close)
      throw problems.conflict(
        `${item.number} is rated when it is done: once resolved or fulfilled, or closed.`,
      );
    await fireTransition(ctx, who, item.number, item.version, close.name, {});
  } else if (item.state !== 'closed') {
    throw problems.conflict(`${item.number} was ${item.state}: there is no work to rate.`);
  }
  const [row] = await ctx.tx
    .insert(ratings)
    .values({
      workItemId: item.id,
      score: input.score,
      comment: input.comment?.trim() ?? '',
      ratedBy: who.userId,
    })
    .returning();
  await ctx.audit({ action: 'work-item.rated', recordType: 'work-item', recordId: item.number, after: row });
  return row!;
}

/** The rating of an item, if it has one (whoever may read the item may read it). */
export async function ratingOf(db: Queryable, itemId: string) {
  const r = await db.execute<{ score: number; comment: string; rated_at: Date }>(
    sql`select score, comment, rated_at from work_item_ratings where work_item_id = ${itemId}`,
  );
  const row = r.rows[0];
  return row ? { score: row.score, comment: row.comment, ratedAt: isoTimestamp(row.rated_at) } : null;
}
