import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../src/kernel/db/database.ts';

/**
 * The generator's building blocks. Every value derives from row numbers through md5, so the same scale
 * gives the same organisation on every run and every machine (no random(), whose sequence depends on the
 * plan and on parallel workers).
 */
export async function installHelpers(db: Db) {
  // a number in [0, 1) from a key: the generator's only source of variety
  await db.execute(sql`
    create or replace function bench_rand(key text) returns double precision
      language sql immutable parallel safe
      as $$ select ('x' || lpad(left(md5(key), 8), 16, '0'))::bit(64)::bigint / 4294967296.0 $$`);
}

/**
 * A deterministic uuid for the n-th thing of a kind: the same on every run, so workloads can name it. An
 * md5 with the version (4) and variant digits set, so it passes the API's uuid validation like any other.
 */
export const uid = (kind: string, n: SQL | number) =>
  sql`overlay(overlay(md5(${kind} || (${n})::text) placing '4' from 13) placing '8' from 17)::uuid`;

/** The same uuid computed in JavaScript, for the workloads that address generated records. */
export function uidOf(kind: string, n: number) {
  const h = createHash('md5').update(`${kind}${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
}

/** An integer in [0, n) for row `row` and purpose `salt`. */
export const pick = (salt: string, row: SQL, n: number | SQL) =>
  sql`floor(bench_rand(${salt} || (${row})::text) * (${n}))::int`;

/** Runs a step and says how long it took and how many rows it made. */
export async function timed<T>(label: string, fn: () => Promise<T>, log: (s: string) => void) {
  const t = performance.now();
  const out = await fn();
  log(`  ${label.padEnd(44)} ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s`);
  return out;
}
