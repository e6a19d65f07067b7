import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';

/**
 * Sign-in throttling. Failures are counted per e-mail address and per client address within a window;
 * past the limit that key is locked, each further lock twice as long (capped at an hour).
 */
export const LIMITS = {
  email: { failures: 5, windowMinutes: 15 },
  client: { failures: 30, windowMinutes: 15 },
};

export type ThrottleKey = { kind: 'email' | 'client'; value: string };
const keyOf = (k: ThrottleKey) => `${k.kind}:${k.value.toLowerCase()}`;

/** Seconds until the first locked key opens again, or 0 when none is locked. */
export async function lockedFor(db: Db, keys: ThrottleKey[]): Promise<number> {
  const res = await db.execute<{ secs: number | null }>(sql`
    select ceil(extract(epoch from max(locked_until) - now()))::int as secs from login_throttle
     where key = any(${sql.param(keys.map(keyOf))}::text[]) and locked_until > now()`);
  return res.rows[0]?.secs ?? 0;
}

export async function recordFailure(db: Db, keys: ThrottleKey[]): Promise<void> {
  for (const k of keys) {
    const { failures, windowMinutes } = LIMITS[k.kind];
    await db.execute(sql`
      insert into login_throttle as t (key, failures, window_start) values (${keyOf(k)}, 1, now())
      on conflict (key) do update set
        failures = case when t.window_start < now() - make_interval(mins => ${windowMinutes}) then 1 else t.failures + 1 end,
        window_start = case when t.window_start < now() - make_interval(mins => ${windowMinutes}) then now() else t.window_start end`);
    await db.execute(sql`
      update login_throttle set locked_until = now() + make_interval(secs =>
          least(3600, 30 * power(2, greatest(0, failures - ${failures}))::int))
       where key = ${keyOf(k)} and failures >= ${failures}`);
  }
}

export async function clearFailures(db: Db, keys: ThrottleKey[]): Promise<void> {
  await db.execute(sql`delete from login_throttle where key = any(${sql.param(keys.map(keyOf))}::text[])`);
}
