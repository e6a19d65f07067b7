import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';

export const JOBS_CHANNEL = 'keel_jobs';

export type EnqueueOptions = {
  dueAt?: Date;
  maxAttempts?: number;
  /** A second enqueue with the same key while the first is still queued keeps the first. */
  uniqueKey?: string;
};

/**
 * Schedules a job inside the caller's transaction: it exists only if the caller's command commits, and
 * the NOTIFY that wakes workers is delivered at that commit.
 */
export async function enqueueJob(tx: Tx, kind: string, payload: unknown, opts: EnqueueOptions = {}) {
  const due = opts.dueAt ?? new Date();
  const res = await tx.execute<{ id: number }>(sql`
    insert into jobs (kind, payload, due_at, max_attempts, unique_key)
    values (${kind}, ${JSON.stringify(payload ?? {})}::jsonb, ${due.toISOString()}::timestamptz,
            ${opts.maxAttempts ?? 10}, ${opts.uniqueKey ?? null})
    on conflict (unique_key) where state = 'queued' do nothing
    returning id`);
  await tx.execute(sql`select pg_notify(${JOBS_CHANNEL}, ${due.toISOString()})`);
  return res.rows[0]?.id ?? null;
}
