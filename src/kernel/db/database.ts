import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import { migrate as drizzleMigrate } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Logger } from 'pino';
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
    // a server that does not answer at all (a failover in progress) fails the request instead of hanging it
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
  });
  // A connection the server ends (a restart, a failover, pg_terminate_backend) reports an 'error' event.
  // The pool listens only while a client is idle in it; a client checked out between two statements of a
  // transaction would crash the process with an unhandled 'error'. Every client therefore listens for its
  // whole life: the statement in flight fails (the request gets a 503, see databaseUnavailable) and the
  // pool drops the broken client when it is released.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  pool.on('error', () => {});
  return drizzle(pool, { schema }) as Db;
}

/**
 * PostgreSQL's codes and node-postgres's messages that mean the database cannot be reached now (as opposed
 * to an error in the statement): connection exceptions (08), the server shutting down or starting up (57P0x),
 * a refused or broken connection.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, i = 0;
    e && i < 5;
    i++
  ) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (/^08/.test(code) || ['57P01', '57P02', '57P03', '53300'].includes(code)) return true;
    if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN'].includes(code))
      return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|terminating connection due to administrator command/i.test(
        message,
      )
    )
      return true;
    e = e.cause as typeof e;
  }
  return false;
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

/**
 * How a background task (the job worker, the audit sealer, the mail sender) reports its failures: while the
 * database is away it fails on every round, so it warns once and goes quiet until a round succeeds; any other
 * failure is an error each time.
 */
export function failureLog(log: Logger | undefined, what: string) {
  let away = false;
  return {
    succeeded() {
      away = false;
    },
    failed(err: unknown) {
      if (!isDatabaseUnavailable(err)) {
        away = false;
        log?.error({ err }, `${what} failed; trying again`);
      } else if (!away) {
        away = true;
        log?.warn(`${what}: the database is unavailable; trying again until it is back`);
      }
    },
  };
}

/**
 * Waits for a step of shutting down, at most `ms`: a connection the database dropped in a way node-postgres
 * did not notice can leave a promise that never settles, and a stop must go on to stop the database.
 * Returns whether the step finished in time.
 */
export async function finishWithin(step: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([step.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A pool connection that LISTENs on a channel, and how to give it back. */
export type Listening = { client: pg.PoolClient; release: (err?: Error) => void };

/**
 * Takes a connection from the pool for as long as it lives and LISTENs on `channel` (the job worker and the
 * live hub). A dying connection can report more than one error, and pg-pool throws when a client is released
 * twice, which inside an event handler would end the process: `release` gives it back once, however often
 * it is asked. If LISTEN itself fails (the database went away meanwhile), the connection is given back and
 * the error thrown.
 */
export async function listenOn(
  db: Db,
  channel: string,
  on: { notification: (n: pg.Notification) => void; lost: (listening: Listening, err: Error) => void },
): Promise<Listening> {
  const client = await db.$client.connect();
  let released = false;
  const listening: Listening = {
    client,
    release: (err) => {
      if (released) return;
      released = true;
      client.release(err);
    },
  };
  client.on('notification', on.notification);
  client.on('error', (err) => on.lost(listening, err));
  try {
    await client.query(`listen ${channel}`);
  } catch (e) {
    listening.release(e as Error);
    throw e;
  }
  return listening;
}
