import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/database.ts';

/**
 * Work item numbers. Each type draws from a PostgreSQL sequence of its own (`work_item_number_<type>`,
 * made by the migration that brings the type): drawing takes no lock, so creates of one type run side by
 * side; a create that fails after drawing leaves its number unused. A type without a sequence (one a test
 * registers) counts in a row of work_item_counters instead, which holds a row lock until the create
 * commits and so lets only one create of that type run at a time.
 */
const sequenceOf = (type: string) => {
  if (!/^[a-z][a-z0-9_]*$/.test(type)) throw new Error(`invalid work item type ${type}`);
  return `work_item_number_${type}`;
};
const sequenced = new Set<string>();

async function hasSequence(db: Queryable, type: string) {
  if (sequenced.has(type)) return true;
  const res = await db.execute<{ ok: boolean }>(
    sql`select to_regclass(${sequenceOf(type)}) is not null as ok`,
  );
  if (res.rows[0]!.ok) sequenced.add(type);
  return res.rows[0]!.ok;
}

/** How a work item's number reads: its type's prefix and at least six digits (INC-000123). */
export const formatNumber = (prefix: string, n: number) => `${prefix}-${String(n).padStart(6, '0')}`;

/** The next number of a type. */
export async function drawNumber(db: Queryable, type: string): Promise<number> {
  if (await hasSequence(db, type)) {
    const res = await db.execute<{ n: string }>(sql`select nextval(${sequenceOf(type)}::regclass) as n`);
    return Number(res.rows[0]!.n);
  }
  const res = await db.execute<{ last: number }>(sql`
    insert into work_item_counters as c (type, last) values (${type}, 1)
    on conflict (type) do update set last = c.last + 1 returning last`);
  return Number(res.rows[0]!.last);
}

/** Makes the next numbers of a type come after `last` (records loaded in bulk bring their own numbers). */
export async function numberAfter(db: Queryable, type: string, last: number) {
  if (last < 1) return;
  if (await hasSequence(db, type)) {
    const seq = sequenceOf(type);
    await db.execute(sql`
      select setval(${seq}::regclass, greatest(${last}::bigint, coalesce(pg_sequence_last_value(${seq}::regclass), 0)))`);
    return;
  }
  await db.execute(sql`
    insert into work_item_counters (type, last) values (${type}, ${last})
    on conflict (type) do update set last = greatest(work_item_counters.last, excluded.last)`);
}
