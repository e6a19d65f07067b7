import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type pg from 'pg';

/**
 * Keel's migrations as drizzle-kit wrote them (drizzle/), and a way to apply only the first few of them
 * inside a transaction of the caller's: a restore brings an empty database to the level its backup was
 * made at, in the same transaction that loads the rows, and the upgrade test builds the previous release's
 * schema. Everything else migrates with `migrate` in database.ts.
 */
export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../drizzle',
);

export type Migration = { tag: string; hash: string; createdAt: number; statements: string[] };

export function migrationFiles(): Migration[] {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: Array<{ tag: string; when: number }>;
  };
  const files = readMigrationFiles({ migrationsFolder });
  return files.map((f, i) => ({
    tag: journal.entries[i]!.tag,
    hash: f.hash,
    createdAt: f.folderMillis,
    statements: f.sql,
  }));
}

/** The migrations applied to the database the client is connected to, oldest first (none: empty list). */
export async function appliedMigrations(
  client: pg.ClientBase,
): Promise<Array<{ hash: string; createdAt: number }>> {
  const exists = await client.query(`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`);
  if (!exists.rows[0].ok) return [];
  const { rows } = await client.query(
    'select hash, created_at::text as at from drizzle.__drizzle_migrations order by created_at, id',
  );
  return rows.map((r: { hash: string; at: string }) => ({ hash: r.hash, createdAt: Number(r.at) }));
}

/**
 * Applies the given migrations in the client's current transaction, recording each as drizzle's migrator
 * does (same schema, table and columns), so that `migrate` later carries on from there.
 */
export async function applyMigrations(client: pg.ClientBase, migrations: Migration[]): Promise<void> {
  await client.query('create schema if not exists drizzle');
  await client.query(
    'create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)',
  );
  for (const m of migrations) {
    for (const s of m.statements) if (s.trim()) await client.query(s);
    await client.query('insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)', [
      m.hash,
      m.createdAt,
    ]);
  }
}
