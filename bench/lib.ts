import path from 'node:path';
import pg from 'pg';
import { type Db, migrate, openDatabase } from '../src/kernel/db/database.ts';
import { startEmbedded } from '../src/kernel/db/embedded.ts';

/**
 * Benchmarks run on a database of their own, created afresh each run: on the server at DATABASE_URL (or
 * KEEL_BENCH_DATABASE_URL) when one is given, else on the embedded server in .keel-bench/. The database
 * named in the URL is never touched; the benchmark's own sits beside it.
 */
export async function benchDatabase(
  name: string,
  opts: { reuse?: boolean } = {},
): Promise<{ db: Db; url: string; embedded: boolean; reused: boolean; close: () => Promise<void> }> {
  let adminUrl = process.env.KEEL_BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  const embedded = adminUrl
    ? null
    : await startEmbedded(path.resolve('.keel-bench'), () => {}, { preferredPort: 54349 });
  adminUrl ??= embedded!.url;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  const reused = exists && opts.reuse === true;
  if (!reused) {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  }
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const db = openDatabase(u.toString(), { max: 4 });
  await migrate(db);
  return {
    db,
    url: u.toString(),
    embedded: embedded !== null,
    reused,
    close: async () => {
      await db.$client.end();
      await embedded?.stop();
    },
  };
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export type Row = { what: string; n: number; p50: number; p95: number; note?: string };

/** Runs fn n times (after a few warm-up runs) and returns its latencies in milliseconds, sorted. */
export async function measure(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(5, n); i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

export function printTable(title: string, rows: Row[], floor: number) {
  console.log(`\n${title}`);
  const head = ['query', 'n', 'p50 ms', 'p95 ms', '× SELECT 1 (p50)', 'note'];
  const body = rows.map((r) => [
    r.what,
    String(r.n),
    r.p50.toFixed(2),
    r.p95.toFixed(2),
    (r.p50 / floor).toFixed(1),
    r.note ?? '',
  ]);
  const width = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
}
