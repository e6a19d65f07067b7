import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate, openDatabase } from '../kernel/db/database.ts';
import { type EmbeddedServer, startEmbedded } from '../kernel/db/embedded.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDb: string;
  }
}

export const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/**
 * One PostgreSQL for the whole run: the embedded server in .keel-test/, or the server at
 * KEEL_TEST_DATABASE_URL when KEEL_TEST_TARGET=url. Migrations run once into a template database; each test
 * file gets a fresh copy of it (see harness.ts), so files never see each other's rows.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | null = null;
  let adminUrl = process.env.KEEL_TEST_TARGET === 'url' ? process.env.KEEL_TEST_DATABASE_URL : undefined;
  if (process.env.KEEL_TEST_TARGET === 'url' && !adminUrl)
    throw new Error('KEEL_TEST_DATABASE_URL is not set');
  if (!adminUrl) {
    embedded = await startEmbedded(path.resolve('.keel-test'), () => {}, { preferredPort: 54339 });
    adminUrl = embedded.url;
  }
  const templateDb = `keel_template_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const version = await admin.query('show server_version_num');
  process.stdout.write(
    `Keel tests on PostgreSQL ${version.rows[0].server_version_num} (${embedded ? 'embedded' : 'KEEL_TEST_DATABASE_URL'})\n`,
  );
  // databases left behind by an interrupted earlier run
  const stale = await admin.query(
    `select datname from pg_database where datname like 'keel\\_t%' and datname not like 'keel\\_template\\_%'`,
  );
  for (const r of stale.rows)
    await admin.query(`drop database if exists "${r.datname}" with (force)`).catch(() => {});
  await admin.query(`create database "${templateDb}"`);
  const db = openDatabase(withDatabase(adminUrl, templateDb), { max: 1 });
  await migrate(db);
  await db.$client.end();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('templateDb', templateDb);

  return async () => {
    await admin.query(`drop database if exists "${templateDb}" with (force)`);
    await admin.end();
    await embedded?.stop();
  };
}
