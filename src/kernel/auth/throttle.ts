import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';

/**
 * Sign-in throttling. Failures are counted per e-mail address and per client address within a window;
 * past the limit that key is locked, each further lock twice as long (30 s, 60 s, ... at most an hour).
 *
 * An attempt holds a row lock on its e-mail address's counter from the check until the outcome is
 * recorded, so parallel guesses at one account are taken one at a time and cannot slip past the limit.
 * The per-client counter is coarser and takes no lock, so people behind one address never queue.
 */
export const LIMITS = {
  email: { failures: 5, windowMinutes: 15 },
  client: { failures: 30, windowMinutes: 15 },
};

export type ThrottleKey = { kind: 'email' | 'client'; value: string };
const keyOf = (k: ThrottleKey) => `${k.kind}:${k.value.toLowerCase()}`;

/** Starts an attempt inside the sign-in transaction; returns 0 when it may go ahead, or the seconds to wait. */
export async function beginAttempt(tx: Tx, keys: ThrottleKey[]): Promise<number> {
  for (const k of keys.filter((x) => x.kind === 'email')) {
    await tx.execute(sql`insert into login_throttle (key) values (${keyOf(k)}) on conflict (key) do nothing`);
    await tx.execute(sql`select 1 from login_throttle where key = ${keyOf(k)} for update`);
  }
  const res = await tx.execute<{ secs: number | null }>(sql`
    select ceil(extract(epoch from max(locked_until) - now()))::int as secs from login_throttle
     where key = any(${sql.param(keys.map(keyOf))}::text[]) and locked_until > now()`);
  return res.rows[0]?.secs ?? 0;
}

export async function attemptFailed(tx: Tx, keys: ThrottleKey[]): Promise<void> {
  for (const k of keys) {
    const { failures, windowMinutes } = LIMITS[k.kind];
    const fresh = sql`t.window_start < now() - make_interval(mins => ${windowMinutes})`;
    await tx.execute(sql`
      insert into login_throttle as t (key, failures, window_start) values (${keyOf(k)}, 1, now())
      on conflict (key) do update set
        failures = case when ${fresh} then 1 else t.failures + 1 end,
        window_start = case when ${fresh} then now() else t.window_start end`);
    await tx.execute(sql`
      update login_throttle set locked_until = now() + make_interval(secs =>
          least(3600, 30 * power(2, greatest(0, failures - ${failures}))::int))
       where key = ${keyOf(k)} and failures >= ${failures}`);
  }
}

/** A successful sign-in clears the count for that e-mail address. */
export async function attemptSucceeded(tx: Tx, keys: ThrottleKey[]): Promise<void> {
  const own = keys.filter((k) => k.kind === 'email').map(keyOf);
  await tx.execute(sql`delete from login_throttle where key = any(${sql.param(own)}::text[])`);
}
