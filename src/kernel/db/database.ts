import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import { migrate as drizzleMigrate } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { PreparingClient } from './prepared.ts';
import * as schema from './schema.ts';

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };
/** A transaction handle: every command gets one and does all of its writes through it. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Reads take either the pool or a transaction. */
export type Queryable = PgDatabase<NodePgQueryResultHKT, typeof schema>;

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

// timestamps stay JavaScript Dates; bigint counts that fit in a double come back as numbers
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});

export function openDatabase(
  url: string,
  opts: { max?: number; applicationName?: string; prepare?: boolean } = {},
): Db {
  const pool = new pg.Pool({
    connectionString: url,
    // repeated statements are parsed (and often planned) once per connection: prepared.ts
    Client: opts.prepare === false ? pg.Client : PreparingClient,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'keel',
    idleTimeoutMillis: 30_000,
  });
  // an idle client losing its connection (server restart) must not crash Keel; the pool replaces it
  pool.on('error', () => {});
  return drizzle(pool, { schema }) as Db;
}

/** Applies pending migrations; an advisory lock lets several Keel processes start at once safely. */
export async function migrate(db: Db): Promise<void> {
  const client = await db.$client.connect();
  try {
    await client.query('select pg_advisory_lock(7210001)');
    await drizzleMigrate(drizzle(client, { schema }), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock(7210001)').catch(() => {});
    client.release();
  }
}

export async function databaseAnswers(db: Db): Promise<boolean> {
  try {
    await db.$client.query('select 1');
    return true;
  } catch {
    return false;
  }
}
