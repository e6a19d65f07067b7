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
  let adminUrl = process.env.KEEL_BENCH_DATABASE_URL || process.env.DATABASE_URL || undefined;
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
