import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Logger } from 'pino';
import { type Db, failureLog, listenOn, type Tx } from '../db/database.ts';
import { JOBS_CHANNEL } from './queue.ts';

export type Job = { id: number; kind: string; payload: unknown; attempts: number };

/**
 * Runs one job inside the worker's transaction. A handler may also offer `batch`: it takes many due jobs of
 * its kind at once (set-based SQL instead of a round trip per job) and returns the ids it has finished; the
 * rest go through the handler one by one.
 */
export type JobHandler = ((job: Job, tx: Tx) => Promise<void>) & {
  batch?: (jobs: Job[], tx: Tx) => Promise<Set<number>>;
};

type Claimed = { id: number; kind: string; payload: unknown; attempts: number; max_attempts: number };

/** Jobs claimed and committed together by one worker. */
/** Jobs claimed per transaction: a burst of 10,000 due clocks settles in 40 commits rather than 400. */
const BATCH = 500;

/** Backoff after a failed attempt: 2^attempts seconds, capped at an hour. */
export const backoffSeconds = (attempts: number) => Math.min(3600, 2 ** attempts);

/**
 * Runs due jobs. Each job is claimed with FOR UPDATE SKIP LOCKED, so any number of workers in any number
 * of Keel processes share the queue; the handler runs inside the claiming transaction, so its database
 * effects and the job's completion commit together: a job's effects happen exactly once.
 * The worker sleeps until the next due time (read from the due-time index) or a NOTIFY, never polling a
 * table scan.
 */
export class JobWorker {
  private handlers = new Map<string, JobHandler>();
  private running = false;
  private stopping = false;
  private notified = false;
  private wake: (() => void) | undefined;
  private listener: pg.PoolClient | undefined;
  /** Gives the listening connection back to the pool, once however often it is asked. */
  private releaseListener: ((err?: Error) => void) | undefined;
  private loop: Promise<void> | undefined;
  private readonly failures: ReturnType<typeof failureLog>;
  readonly db: Db;
  readonly log: Logger | undefined;
  readonly maxIdleMs: number;
  readonly batch: number;

  constructor(db: Db, opts: { log?: Logger; maxIdleMs?: number; batch?: number } = {}) {
    this.db = db;
    this.log = opts.log;
    this.failures = failureLog(opts.log, 'job worker');
    this.maxIdleMs = opts.maxIdleMs ?? 30_000;
    this.batch = opts.batch ?? BATCH;
  }

  /** Registers the handler of one job kind; a kind has one handler, so registering it twice is a mistake. */
  register(kind: string, handler: JobHandler) {
    // two modules naming the same kind would otherwise silently lose the first one's jobs to the second
    if (this.handlers.has(kind)) throw new Error(`a handler for job kind "${kind}" is registered already`);
    this.handlers.set(kind, handler);
    return this;
  }

  async start() {
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  /** The connection that hears of new jobs; if it is lost, the loop listens again (and polls meanwhile). */
  private async listen() {
    const { client, release } = await listenOn(this.db, JOBS_CHANNEL, {
      notification: () => {
        this.notified = true;
        this.wake?.();
      },
      lost: (lost, err) => {
        this.log?.warn({ err }, 'job worker lost its LISTEN connection; listening again');
        if (this.listener === lost.client) this.listener = undefined;
        lost.release(err);
        // no NOTIFY can reach a sleeping loop any more: wake it to listen again (or retry until the database is back)
        this.wake?.();
      },
    });
    this.listener = client;
    this.releaseListener = release;
  }

  async stop() {
    this.running = false;
    this.stopping = true;
    this.wake?.();
    await this.loop;
    if (this.listener) {
      await this.listener.query(`unlisten ${JOBS_CHANNEL}`).catch(() => {});
      this.releaseListener?.();
      this.listener = undefined;
    }
  }

  /** Runs every job due now, one at a time; returns how many ran. */
  async drain(): Promise<number> {
    let n = 0;
    while (await this.runOne()) {
      n += 1;
      if (this.stopping) break;
    }
    return n;
  }

  private async run() {
    while (this.running) {
      try {
        if (!this.listener) await this.listen();
        const ran = await this.drain();
        if (!this.running) break;
        await this.sleepUntilNextDue(ran === 0);
      } catch (e) {
        this.failures.failed(e);
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      this.failures.succeeded();
    }
  }

  /**
   * Sleeps until the next job is due, a NOTIFY arrives or maxIdleMs passes. Jobs due but claimed by another
   * worker (not committed yet) look due: when a drain found nothing to run, wait a little before looking again.
   */
  private async sleepUntilNextDue(foundNothing: boolean) {
    this.notified = false;
    const next = await this.db.$client.query<{ ms: number | null }>(
      `select extract(epoch from (min(due_at) - now())) * 1000 as ms from jobs where state = 'queued'`,
    );
    const ms = next.rows[0]?.ms;
    const due = ms === null || ms === undefined ? this.maxIdleMs : Math.max(0, Math.min(this.maxIdleMs, ms));
    const wait = foundNothing ? Math.max(due, 50) : due;
    if (wait === 0 || this.notified || this.stopping) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, wait);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
    this.wake = undefined;
  }

  /**
   * Claims up to `batch` due jobs and runs each in its own savepoint: a failing job rolls back only its own
   * effects, and the batch commits once (one WAL flush for many jobs, so a burst of due clocks is not held
   * back by commit latency). A crash loses the whole batch's work and returns the jobs to the queue.
   */
  private async runOne(): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const res = await tx.execute<Claimed>(sql`
        select id, kind, payload, attempts, max_attempts from jobs
         where state = 'queued' and due_at <= now()
         order by due_at limit ${this.batch} for update skip locked`);
      if (res.rows.length === 0) return false;
      // leaves the queued-only unique index now: an enqueue with the same key waits for this run, then adds
      await tx.execute(
        sql`update jobs set state = 'running' where id = any(${sql.param(res.rows.map((j) => j.id))}::bigint[])`,
      );
      const byKind = Map.groupBy(res.rows, (j) => j.kind);
      for (const [kind, jobs] of byKind) {
        const handled = await this.runBatch(tx, kind, jobs);
        for (const job of jobs) if (!handled.has(Number(job.id))) await this.runClaimed(tx, job);
      }
      return true;
    });
  }

  /** A kind's batch handler, in a savepoint of its own: if it fails, its jobs run one by one instead. */
  private async runBatch(tx: Tx, kind: string, jobs: Claimed[]): Promise<Set<number>> {
    const batch = this.handlers.get(kind)?.batch;
    if (!batch || jobs.length < 2) return new Set();
    try {
      const handled = await tx.transaction((inner) =>
        batch(
          jobs.map((j) => ({ id: Number(j.id), kind: j.kind, payload: j.payload, attempts: j.attempts + 1 })),
          inner,
        ),
      );
      if (handled.size) {
        await tx.execute(sql`
          update jobs set state = 'done', attempts = attempts + 1, finished_at = now(), last_error = null
           where id = any(${sql.param([...handled])}::bigint[])`);
      }
      return handled;
    } catch (e) {
      this.log?.warn({ err: e, kind, jobs: jobs.length }, 'batch failed; running its jobs one by one');
      return new Set();
    }
  }

  private async runClaimed(tx: Tx, job: Claimed) {
    const handler = this.handlers.get(job.kind);
    try {
      if (!handler) throw new Error(`no handler registered for job kind "${job.kind}"`);
      await tx.transaction(async (inner) => {
        await handler(
          { id: Number(job.id), kind: job.kind, payload: job.payload, attempts: job.attempts + 1 },
          inner,
        );
      });
      await tx.execute(sql`
        update jobs set state = 'done', attempts = attempts + 1, finished_at = now(), last_error = null
         where id = ${job.id}`);
    } catch (e) {
      const attempts = job.attempts + 1;
      const final = attempts >= job.max_attempts;
      this.log?.warn({ err: e, jobId: job.id, kind: job.kind, attempts }, 'job failed');
      const error = String((e as Error)?.message ?? e).slice(0, 2000);
      await tx.execute(sql`
        update jobs set attempts = ${attempts}, last_error = ${error},
           state = case when ${final} then 'failed' else 'queued' end,
           finished_at = case when ${final} then now() else null end,
           due_at = case when ${final} then due_at else now() + make_interval(secs => ${backoffSeconds(attempts)}) end
         where id = ${job.id}`);
    }
  }
}
