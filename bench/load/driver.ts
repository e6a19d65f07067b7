import { type Result, summarise } from './stats.ts';

export type Bounds = {
  concurrency: number;
  maxOps: number;
  seconds: number;
  /** How many statements Keel has sent to PostgreSQL so far (bench/server.ts counts them). */
  statements?: () => Promise<number>;
};

/**
 * Runs `op` from `concurrency` loops at once until `maxOps` operations have started or `seconds` have
 * passed, whichever comes first (every loop is bounded in count and time). Each loop waits for its
 * operation before starting the next (a closed loop, as agents and API clients behave). A few untimed
 * operations warm the path first. An operation that throws counts as an error, not as a latency. With
 * `bounds.statements`, the result says how many statements Keel sent per operation (Keel's background work
 * during the run, such as clock jobs falling due, counts too).
 */
export async function drive(
  workload: string,
  bounds: Bounds,
  op: (i: number, loop: number) => Promise<void>,
  warmup = Math.min(5, bounds.maxOps),
): Promise<Result> {
  const before = await bounds.statements?.();
  let next = 0;
  for (; next < warmup; next++) await op(next, 0).catch(() => {});
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
  return result;
}
