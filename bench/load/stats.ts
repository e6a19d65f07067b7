/** What one workload did at one concurrency: latencies of the operations that succeeded, and the rest. */
export type Result = {
  workload: string;
  concurrency: number;
  ops: number;
  errors: number;
  firstError?: string;
  seconds: number;
  /** Successful operations per second. */
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  /** What the workload adds (rows returned, CIs reached, ...). */
  note?: string;
  /** Statements Keel sent to PostgreSQL per operation: round trips a floor makes one of. */
  statementsPerOp?: number;
  /**
   * The operation's own statements (those its HTTP requests sent), sent again without Keel one operation
   * after another: their p50 and p95 in ms, and how many statements an operation sent.
   */
  sqlAlone?: { p50: number; p95: number; statements: number };
};

export const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export function summarise(
  workload: string,
  concurrency: number,
  latencies: number[],
  errors: number,
  seconds: number,
  firstError?: string,
): Result {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    workload,
    concurrency,
    ops: sorted.length,
    errors,
    ...(firstError ? { firstError } : {}),
    seconds,
    throughput: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}
