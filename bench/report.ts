import { execSync } from 'node:child_process';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { Db } from '../src/kernel/db/database.ts';
import type { Floors } from './floors.ts';
import type { Result } from './load/stats.ts';

export type Row = Result & { floor?: 'insert' | 'http'; ratio?: number };

export async function machineFacts(db: Db) {
  const pgVersion = (await db.execute<{ v: string }>(sql`select current_setting('server_version') as v`))
    .rows[0]!.v;
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {}
  return {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: pgVersion,
    commit,
  };
}

/** Each workload's throughput as a share of its floor's at the same concurrency: the figure tracked from run to run. */
export function withRatios(results: Row[], floors: Map<number, Floors>): Row[] {
  return results.map((r) => {
    const f = r.floor ? floors.get(r.concurrency)?.[r.floor] : undefined;
    return f ? { ...r, ratio: r.throughput / f.throughput } : r;
  });
}

const ms = (v: number) =>
  Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0);

export function table(rows: Row[]): string {
  const head = [
    'workload',
    'conc.',
    'ops',
    'errors',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'ops/s',
    'stmts/op',
    'SQL alone',
    'floor',
    '÷ floor',
    'note',
  ];
  const body = rows.map((r) => [
    r.workload,
    String(r.concurrency),
    r.ops.toLocaleString('en'),
    String(r.errors),
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    Math.round(r.throughput).toLocaleString('en'),
    r.statementsPerOp === undefined ? '' : r.statementsPerOp.toFixed(1),
    r.sqlAlone === undefined ? '' : ms(r.sqlAlone.p50),
    r.floor === 'insert' ? 'INSERT' : r.floor === 'http' ? 'HTTP' : '',
    r.ratio === undefined ? '' : r.ratio.toFixed(2),
    r.note ?? '',
  ]);
  const width = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const right = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 11]);
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (right.has(i) ? c.padStart(width[i]!) : c.padEnd(width[i]!))).join(' | ')} |`;
  return [
    line(head),
    `|${width.map((w, i) => (right.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
    ...body.map(line),
  ].join('\n');
}
