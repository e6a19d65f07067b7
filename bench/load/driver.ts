import type { Replay, Statement } from './replay.ts';
import { type Result, summarise } from './stats.ts';

export type Bounds = {
  concurrency: number;
  maxOps: number;
  seconds: number;
  /** How many statements Keel has sent to PostgreSQL so far (bench/server.ts counts them). */
  statements?: () => Promise<number>;
  /**
   * For operations that only read: record the statements of the last warm-up operations and, after the
   * run, send them again without Keel as often as the run's bounds allow (the result's `sqlAlone`).
   */
  replay?: Replay;
};

/** How many of the last warm-up operations are recorded for sending again. */
const RECORDED = 3;

/**
 * Runs `op` from `concurrency` loops at once until `maxOps` operations have started or `seconds` have
 * passed, whichever comes first (every loop is bounded in count and time). Each loop waits for its
 * operation before starting the next (a closed loop, as agents and API clients behave). A few untimed
 * operations warm the path first. An operation that throws counts as an error, not as a latency. With
 * `bounds.statements`, the result says how many statements Keel sent per operation (Keel's background work
 * during the run, such as clock jobs falling due, counts too). With `bounds.replay`, it also says how long
 * the operation's statements take sent again without Keel, one operation after another.
 */
export async function drive(
  workload: string,
  bounds: Bounds,
  op: (i: number, loop: number) => Promise<void>,
  warmup = Math.min(5, bounds.maxOps),
): Promise<Result> {
  const before = await bounds.statements?.();
  let next = 0;
  const recorded: Statement[][] = [];
  for (; next < warmup; next++) {
    const record = bounds.replay !== undefined && next >= warmup - RECORDED;
    if (record) await bounds.replay!.record();
    await op(next, 0).catch(() => {});
    if (record) {
      const statements = await bounds.replay!.recorded();
      if (statements.length) recorded.push(statements);
    }
  }
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const deadline = start + bounds.seconds * 1000;
  const limit = next + bounds.maxOps;
  const loop = async (n: number) => {
    while (next < limit && performance.now() < deadline) {
      const i = next++;
      const t = performance.now();
      try {
        await op(i, n);
        latencies.push(performance.now() - t);
      } catch (e) {
        errors++;
        firstError ??= e instanceof Error ? e.message : String(e);
      }
    }
  };
  await Promise.all(Array.from({ length: bounds.concurrency }, (_, n) => loop(n)));
  const seconds = (performance.now() - start) / 1000;
  const result = summarise(workload, bounds.concurrency, latencies, errors, seconds, firstError);
  const after = await bounds.statements?.();
  // every operation started, warm-ups and errors included, sent its statements
  if (before !== undefined && after !== undefined && next > 0)
    result.statementsPerOp = (after - before) / next;
  if (bounds.replay && recorded.length) {
    const { replay } = bounds;
    // the recorded operations in turn, from one loop: the database's and the driver's time for them
    const alone = await drive(
      `${workload}: its statements alone`,
      { concurrency: 1, maxOps: bounds.maxOps, seconds: bounds.seconds },
      (i) => replay.send(recorded[i % recorded.length]!),
      0,
    );
    result.sqlAlone = {
      p50: alone.p50,
      p95: alone.p95,
      statements: recorded.reduce((n, r) => n + r.length, 0) / recorded.length,
    };
  }
  return result;
}
