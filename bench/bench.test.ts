import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, inject, test } from 'vitest';
import { workloads } from './workloads.ts';

/**
 * The benchmark at its tiny scale, on the test database server: every workload completes without an error
 * at every concurrency, and its results parse. Speed is not checked here (that is what the benchmark is for).
 */
test('npm run bench -- --scale tiny runs every workload and writes results that parse', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'keel-bench-'));
  try {
    const run = spawnSync(
      process.execPath,
      [path.join(import.meta.dirname, 'run.ts'), '--scale', 'tiny', '--out', out],
      {
        env: { ...process.env, DATABASE_URL: inject('pgAdminUrl'), KEEL_BENCH_DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 280_000,
      },
    );
    expect(run.status, run.stderr + run.stdout).toBe(0);
    const files = readdirSync(out);
    expect(files).toHaveLength(1);
    const report = JSON.parse(readFileSync(path.join(out, files[0]!), 'utf8'));
    expect(report.scale).toBe('tiny');
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.machine.postgres).toMatch(/^\d+/);
    // the scale's incidents and requests, and the known errors the suggestions workload reads
    expect(report.generation.counts.workItems).toBe(2_050);
    const rows = report.results as Array<{
      workload: string;
      concurrency: number;
      ops: number;
      errors: number;
      throughput: number;
      p50: number;
      p99: number;
      ratio?: number;
      statementsPerOp?: number;
      sqlAlone?: { p50: number; p95: number; statements: number };
    }>;
    const reads = new Set(
      workloads.flatMap((w) => (w.rows.every((r) => r.floor === 'http') ? w.rows.map((r) => r.title) : [])),
    );
    const titles = [
      'floor: SELECT 1',
      'floor: INSERT one row',
      'floor: HTTP constant',
      ...workloads.flatMap((w) => w.rows.map((r) => r.title)),
    ];
    for (const title of titles) {
      for (const c of [1, 8]) {
        const row = rows.find((r) => r.workload === title && r.concurrency === c);
        expect(row, `${title} at ${c}`).toBeDefined();
        expect(row!.errors, `${title} at ${c}`).toBe(0);
        expect(row!.ops, `${title} at ${c}`).toBeGreaterThan(0);
        expect(row!.p99).toBeGreaterThanOrEqual(row!.p50);
        if (!title.startsWith('floor')) {
          expect(row!.ratio).toBeGreaterThan(0);
          // every workload asks PostgreSQL something; the token lookup alone is one statement
          expect(row!.statementsPerOp, `${title} at ${c}`).toBeGreaterThanOrEqual(1);
        } else expect(row!.statementsPerOp).toBeUndefined();
        // a read's statements, sent again without Keel at concurrency 1: at least the token lookup and one more
        if (reads.has(title) && c === 1) {
          expect(row!.sqlAlone?.statements, title).toBeGreaterThanOrEqual(2);
          expect(row!.sqlAlone!.p50, title).toBeGreaterThan(0);
        } else expect(row!.sqlAlone, `${title} at ${c}`).toBeUndefined();
      }
    }
    const sla = rows.find((r) => r.workload.startsWith('SLA'));
    expect(sla?.ops).toBe(400); // 200 clocks: a warning and a breach each, every one recorded
    expect(run.stdout).toContain('| workload');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 300_000);
