import type { Bounds } from './load/driver.ts';
import { drive } from './load/driver.ts';
import type { Result } from './load/stats.ts';
import type { Ctx } from './workloads.ts';

export type Floors = { select: Result; insert: Result; http: Result };

/**
 * What the machine can do at all, measured at the same concurrency as the workloads: a SELECT 1 round trip
 * on a pool the size of Keel's; a single-row INSERT, each in its own transaction, into a table with the
 * same columns, indexes and generated search vector as work_items (the database's ceiling for creating
 * work); and an HTTP route returning a constant from the same Keel server (the HTTP ceiling).
 */
export async function measureFloors(ctx: Ctx, bounds: Bounds): Promise<Floors> {
  await ctx.pool.query('create table if not exists bench_floor_items (like work_items including all)');
  let n = (await ctx.pool.query<{ n: number }>('select count(*)::int as n from bench_floor_items')).rows[0]!
    .n;
  const select = await drive('floor: SELECT 1', bounds, async () => {
    await ctx.pool.query('select 1');
  });
  const insert = await drive('floor: INSERT one row', bounds, async () => {
    n++;
    await ctx.pool.query(
      `insert into bench_floor_items (type, number, title, description, state, priority, language)
       values ('incident', $1, $2, '<p>The card reader restarts when a guest pays.</p>', 'new', 3, 'en')`,
      [`F-${n}`, `Till ${n} at the front desk shows an error`],
    );
  });
  const http = await drive('floor: HTTP constant', bounds, async () => {
    await ctx.http.call('GET', '/healthz');
  });
  return { select, insert, http };
}
