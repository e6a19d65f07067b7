import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../testing/harness.ts';
import type { Db } from '../db/database.ts';
import { enqueueJob } from './queue.ts';
import { backoffSeconds, JobWorker } from './worker.ts';

let db: Db;
beforeAll(async () => {
  const f = await freshDatabase();
  db = f.db;
  await db.execute(sql`create table job_runs (job_id bigint not null, worker text not null)`);
  return f.drop;
});

const countRuns = async () =>
  (
    await db.execute<{ runs: number; distinct: number }>(
      sql`select count(*)::int as runs, count(distinct job_id)::int as distinct from job_runs`,
    )
  ).rows[0]!;

describe('durable jobs', () => {
  it('refuses a second handler for a job kind instead of replacing the first', () => {
    const first = async () => {};
    const w = new JobWorker(db).register('once', first);
    expect(() => w.register('once', async () => {})).toThrow(/job kind "once" is registered already/);
    expect(() => w.register('other', first)).not.toThrow();
  });

  it('two workers on one database run each due job exactly once', async () => {
    const N = 300;
    await db.transaction(async (tx) => {
      for (let i = 0; i < N; i++) await enqueueJob(tx, 'count', { i });
    });
    const workers = ['a', 'b'].map((name) =>
      // small batches, so that neither worker can claim the whole queue at once
      new JobWorker(db, { maxIdleMs: 50, batch: 20 }).register('count', async (job, tx) => {
        await tx.execute(sql`insert into job_runs values (${job.id}, ${name})`);
      }),
    );
    await Promise.all(workers.map((w) => w.start()));
    const deadline = Date.now() + 20_000;
    while ((await countRuns()).runs < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await Promise.all(workers.map((w) => w.stop()));
    const c = await countRuns();
    expect(c).toEqual({ runs: N, distinct: N });
    const byWorker = await db.execute<{ worker: string; n: number }>(
      sql`select worker, count(*)::int as n from job_runs group by worker order by worker`,
    );
    // both workers took part: SKIP LOCKED shares the queue rather than serialising it
    expect(byWorker.rows.map((r) => r.worker)).toEqual(['a', 'b']);
    const left = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from jobs where state <> 'done'`,
    );
    expect(left.rows[0]!.n).toBe(0);
  });

  it('a job not yet due does not run; a NOTIFY wakes a sleeping worker when one is added', async () => {
    await db.execute(sql`truncate job_runs`);
    const w = new JobWorker(db, { maxIdleMs: 60_000 }).register('later', async (job, tx) => {
      await tx.execute(sql`insert into job_runs values (${job.id}, 'w')`);
    });
    await db.transaction((tx) => enqueueJob(tx, 'later', {}, { dueAt: new Date(Date.now() + 3_600_000) }));
    await w.start();
    await new Promise((r) => setTimeout(r, 200));
    expect((await countRuns()).runs).toBe(0);
    const t0 = Date.now();
    await db.transaction((tx) => enqueueJob(tx, 'later', {}));
    while ((await countRuns()).runs < 1 && Date.now() - t0 < 5000)
      await new Promise((r) => setTimeout(r, 20));
    expect(Date.now() - t0).toBeLessThan(2000);
    await w.stop();
    expect((await countRuns()).runs).toBe(1);
  });

  it('gives a lost listening connection back to the pool once, however many errors it reports', async () => {
    const w = new JobWorker(db, { maxIdleMs: 50 });
    await w.start();
    const listener = (w as unknown as { listener: { emit: (e: string, err: Error) => boolean } }).listener;
    // a server shutting down reports the termination and then the lost connection
    listener.emit('error', new Error('terminating connection due to administrator command'));
    listener.emit('error', new Error('Connection terminated unexpectedly'));
    await w.stop();
  });

  it('a failing job is retried with backoff, its effects rolled back, and fails for good after its attempts', async () => {
    await db.execute(sql`truncate job_runs`);
    const w = new JobWorker(db).register('flaky', async (job, tx) => {
      await tx.execute(sql`insert into job_runs values (${job.id}, 'flaky')`);
      throw new Error(`attempt ${job.attempts} failed`);
    });
    const id = await db.transaction((tx) => enqueueJob(tx, 'flaky', {}, { maxAttempts: 2 }));
    expect(await w.drain()).toBe(1);
    let row = (
      await db.execute<{ state: string; attempts: number; last_error: string; wait: number }>(
        sql`select state, attempts, last_error, extract(epoch from due_at - now())::float as wait from jobs where id = ${id}`,
      )
    ).rows[0]!;
    expect(row).toMatchObject({ state: 'queued', attempts: 1, last_error: 'attempt 1 failed' });
    expect(row.wait).toBeGreaterThan(backoffSeconds(1) - 1);
    expect((await countRuns()).runs).toBe(0);
    await db.execute(sql`update jobs set due_at = now() where id = ${id}`);
    await w.drain();
    row = (
      await db.execute<{ state: string; attempts: number; last_error: string; wait: number }>(
        sql`select state, attempts, last_error, 0 as wait from jobs where id = ${id}`,
      )
    ).rows[0]!;
    expect(row).toMatchObject({ state: 'failed', attempts: 2 });
  });

  it('an enqueue with the key of a job that is running waits for the run and then adds a new job', async () => {
    const w = new JobWorker(db).register('timer', async () => {
      await new Promise((r) => setTimeout(r, 300));
    });
    await db.transaction((tx) => enqueueJob(tx, 'timer', { v: 1 }, { uniqueKey: 'timer:x' }));
    const run = w.drain();
    await new Promise((r) => setTimeout(r, 100));
    const again = await db.transaction((tx) =>
      enqueueJob(tx, 'timer', { v: 2 }, { uniqueKey: 'timer:x', dueAt: new Date(Date.now() + 3_600_000) }),
    );
    await run;
    expect(again).not.toBeNull();
    const rows = await db.execute<{ state: string; v: number }>(
      sql`select state, (payload->>'v')::int as v from jobs where unique_key = 'timer:x' order by id`,
    );
    expect(rows.rows).toEqual([
      { state: 'done', v: 1 },
      { state: 'queued', v: 2 },
    ]);
  });

  it('a unique key keeps one queued job per timer', async () => {
    const a = await db.transaction((tx) =>
      enqueueJob(tx, 'sla', { x: 1 }, { uniqueKey: 'breach:INC-1', dueAt: new Date(Date.now() + 60_000) }),
    );
    const b = await db.transaction((tx) =>
      enqueueJob(tx, 'sla', { x: 2 }, { uniqueKey: 'breach:INC-1', dueAt: new Date(Date.now() + 60_000) }),
    );
    expect(a).not.toBeNull();
    expect(b).toBeNull();
  });
});
