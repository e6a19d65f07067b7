import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import { type Db, finishWithin, migrate, openDatabase } from './db/database.ts';
import { type EmbeddedServer, startEmbedded } from './db/embedded.ts';

/** A connected, migrated database, embedded or at DATABASE_URL, and how to let go of it. */
export type Opened = { db: Db; embedded: EmbeddedServer | null; url: string; close: () => Promise<void> };

export function makeLogger(config: Config, name = 'keel'): Logger {
  return pino({ name, level: config.logLevel });
}

export async function openKeelDatabase(
  config: Config,
  log: Logger,
  opts: { poolSize?: number; migrate?: boolean } = {},
): Promise<Opened> {
  let embedded: EmbeddedServer | null = null;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbedded(config.dataDir, (m, level = 'info') => log[level](m));
    url = embedded.url;
  }
  const db = openDatabase(url, { max: opts.poolSize, prepare: config.pgPrepare });
  try {
    // backup reads the database as it is; restore brings an empty one to its backup's level itself
    if (opts.migrate !== false) await migrate(db);
  } catch (e) {
    await db.$client.end().catch(() => {});
    await embedded?.stop().catch(() => {});
    throw e;
  }
  return {
    db,
    embedded,
    url,
    close: async () => {
      // a client the database dropped unnoticed would hold the pool's end for ever; the server must still stop
      if (!(await finishWithin(db.$client.end(), 10_000)))
        log.warn('closing the database connections took over 10 s; going on');
      // an owner stops its server; a borrower stops watching it
      await embedded?.stop();
    },
  };
}
