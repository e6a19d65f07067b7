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
 * Schedules jobs inside the caller's transaction, in one statement: they exist only if the caller's command
 * commits, and the NOTIFY that wakes workers is delivered at that commit. Returns the ids of the jobs
 * queued; a job whose unique key a queued job already holds is not queued (the queued one is kept).
 */
export async function enqueueJobs(
  tx: Tx,
  jobs: Array<{ kind: string; payload: unknown; opts?: EnqueueOptions }>,
): Promise<number[]> {
  if (!jobs.length) return [];
  const rows = jobs.map((j) => ({
    kind: j.kind,
    payload: j.payload ?? {},
    due_at: (j.opts?.dueAt ?? new Date()).toISOString(),
    max_attempts: j.opts?.maxAttempts ?? 10,
    unique_key: j.opts?.uniqueKey ?? null,
  }));
  const res = await tx.execute<{ id: number }>(sql`
    with ins as (
      insert into jobs (kind, payload, due_at, max_attempts, unique_key)
      select kind, payload, due_at, max_attempts, unique_key
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          as x(kind text, payload jsonb, due_at timestamptz, max_attempts int, unique_key text)
      on conflict (unique_key) where state = 'queued' do nothing
      returning id, due_at)
    select id, pg_notify(${JOBS_CHANNEL}, (min(due_at) over ())::text) from ins`);
  return res.rows.map((r) => Number(r.id));
}

/** Schedules one job inside the caller's transaction (see enqueueJobs); null when its unique key is taken. */
export async function enqueueJob(tx: Tx, kind: string, payload: unknown, opts: EnqueueOptions = {}) {
  return (await enqueueJobs(tx, [{ kind, payload, opts }]))[0] ?? null;
}
