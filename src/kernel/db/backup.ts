import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import tar from 'tar-stream';
import { appliedMigrations, applyMigrations, migrationFiles } from './migrations.ts';

/**
 * `keel backup` and `keel restore`: a logical backup of Keel's database, written by Keel itself.
 *
 * Why not pg_dump: the embedded PostgreSQL 18 ships only initdb, pg_ctl and postgres; Debian's pg_dump 15
 * refuses a newer server; no npm package ships pg_dump 18, and Keel fetches nothing at install or run time
 * beyond npm and Debian packages. The schema is Keel's own and comes from its migrations, so a backup needs
 * only the rows and the migration level: restore rebuilds the schema by migrating an empty database to that
 * level, loads the rows, then runs the migrations that came after (docs/operations.md).
 *
 * The archive is a tar file: `manifest.json` first (Keel version, migrations applied, per table its
 * columns, row count and SHA-256 of its data, sequences' positions), then one gzipped `COPY ... TO STDOUT`
 * text stream per table, in an order where every table comes after the tables its foreign keys reference.
 * All of it is read in one repeatable-read snapshot, so the backup is consistent while Keel keeps working.
 * Attachments are rows (bytea) and come along.
 */

export const BACKUP_FORMAT = 'keel-backup';
export const BACKUP_FORMAT_VERSION = 1;

export type TableEntry = {
  schema: string;
  name: string;
  columns: string[];
  rows: number;
  sha256: string;
  file: string;
};
export type SequenceEntry = { schema: string; name: string; lastValue: string; isCalled: boolean };
export type Manifest = {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  keelVersion: string;
  createdAt: string;
  postgresVersion: string;
  migrations: Array<{ tag: string | null; hash: string; createdAt: number }>;
  lastMigration: string | null;
  tables: TableEntry[];
  sequences: SequenceEntry[];
};

/** A backup or restore that cannot go ahead, with a message for the operator. */
export class BackupError extends Error {}

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
const qualified = (t: { schema: string; name: string }) => `${ident(t.schema)}.${ident(t.name)}`;

function keelVersion(): string {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

// Keel's tables: ordinary tables in every schema of the database except PostgreSQL's own, drizzle's
// record of migrations (rebuilt by migrating) and those of extensions.
const userSchemas = `n.nspname not in ('pg_catalog', 'information_schema', 'drizzle') and n.nspname not like 'pg\\_%'`;
const notExtension = `not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')`;

type Table = { schema: string; name: string; oid: number; partitioned: boolean };

async function listTables(client: pg.ClientBase): Promise<Table[]> {
  const { rows } = await client.query(
    `select n.nspname as schema, c.relname as name, c.oid::int as oid, c.relkind = 'p' as partitioned
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and not c.relispartition and ${userSchemas} and ${notExtension}
      order by 1, 2`,
  );
  return rows;
}

/** Tables ordered so that each comes after every table its foreign keys reference (self-references aside). */
async function inDependencyOrder(client: pg.ClientBase, tables: Table[]): Promise<Table[]> {
  const { rows } = await client.query(
    `select conrelid::int as child, confrelid::int as parent from pg_constraint where contype = 'f'`,
  );
  const byOid = new Map(tables.map((t) => [t.oid, t]));
  const parents = new Map<number, Set<number>>(tables.map((t) => [t.oid, new Set()]));
  for (const r of rows as Array<{ child: number; parent: number }>)
    if (r.child !== r.parent && byOid.has(r.child) && byOid.has(r.parent))
      parents.get(r.child)!.add(r.parent);
  const ordered: Table[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (oid: number, trail: number[]) => {
    if (state.get(oid) === 'done') return;
    if (state.get(oid) === 'visiting') {
      const names = [...trail, oid].map((o) => byOid.get(o)!.name).join(' → ');
      throw new BackupError(`foreign keys form a cycle (${names}); restore cannot order these tables`);
    }
    state.set(oid, 'visiting');
    for (const p of [...parents.get(oid)!].sort((a, b) => a - b)) visit(p, [...trail, oid]);
    state.set(oid, 'done');
    ordered.push(byOid.get(oid)!);
  };
  for (const t of tables) visit(t.oid, []);
  return ordered;
}

/** Stored columns in table order (generated columns are computed again on restore). */
async function columnsOf(client: pg.ClientBase, t: Table): Promise<string[]> {
  const { rows } = await client.query(
    `select attname from pg_attribute
      where attrelid = $1 and attnum > 0 and not attisdropped and attgenerated = ''
      order by attnum`,
    [t.oid],
  );
  return rows.map((r: { attname: string }) => r.attname);
}

async function sequencesOf(client: pg.ClientBase): Promise<SequenceEntry[]> {
  const { rows } = await client.query(
    `select n.nspname as schema, c.relname as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'S' and ${userSchemas} and ${notExtension}
      order by 1, 2`,
  );
  const out: SequenceEntry[] = [];
  for (const s of rows as Array<{ schema: string; name: string }>) {
    const v = await client.query(`select last_value::text as v, is_called from ${qualified(s)}`);
    out.push({ ...s, lastValue: v.rows[0].v, isCalled: v.rows[0].is_called });
  }
  return out;
}

/** Passes bytes through while hashing them. */
function hasher(): Transform & { digest: () => string } {
  const h = createHash('sha256');
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      h.update(chunk);
      cb(null, chunk);
    },
  }) as Transform & { digest: () => string };
  t.digest = () => h.digest('hex');
  return t;
}

export type BackupSummary = { file: string; manifest: Manifest; bytes: number };

/**
 * Writes a backup of the database at `url` to `file` (first to a temporary name beside it, renamed when
 * complete, so a failed backup never leaves a file that looks whole).
 */
export async function backupDatabase(url: string, file: string): Promise<BackupSummary> {
  const target = path.resolve(file);
  const work = await mkdtemp(`${target}.parts-`);
  const client = new pg.Client({ connectionString: url, application_name: 'keel-backup' });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const tables = await inDependencyOrder(client, await listTables(client));
    if (tables.length === 0) throw new BackupError('the database holds no tables: nothing to back up');
    // as pg_dump does: no migration may alter or drop a table while it is being read
    await client.query(`lock table ${tables.map(qualified).join(', ')} in access share mode`);
    const known = new Map(migrationFiles().map((m) => [m.hash, m.tag]));
    const migrations = (await appliedMigrations(client)).map((m) => ({
      tag: known.get(m.hash) ?? null,
      ...m,
    }));
    const entries: TableEntry[] = [];
    for (const [i, t] of tables.entries()) {
      const columns = await columnsOf(client, t);
      const fileName = `tables/${String(i).padStart(4, '0')}-${t.schema}.${t.name}.copy.gz`;
      const h = hasher();
      const list = columns.map(ident).join(', ');
      // a partitioned table is read through a query (its partitions' rows); COPY FROM routes them back
      const copy = client.query(
        copyTo(
          t.partitioned
            ? `copy (select ${list} from ${qualified(t)}) to stdout`
            : `copy ${qualified(t)} (${list}) to stdout`,
        ),
      );
      await pipeline(copy, h, createGzip(), createWriteStream(path.join(work, String(i))));
      entries.push({
        schema: t.schema,
        name: t.name,
        columns,
        rows: copy.rowCount,
        sha256: h.digest(),
        file: fileName,
      });
    }
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      keelVersion: keelVersion(),
      createdAt: new Date().toISOString(),
      postgresVersion: (await client.query('show server_version')).rows[0].server_version,
      migrations,
      lastMigration: migrations.at(-1)?.tag ?? null,
      tables: entries,
      sequences: await sequencesOf(client),
    };
    await client.query('commit');

    const pack = tar.pack();
    const partial = `${target}.partial`;
    // it holds every record, password hashes included: readable by its owner only
    const written = pipeline(pack, createWriteStream(partial, { mode: 0o600 }));
    const addEntry = async (name: string, source: string | Buffer) => {
      if (Buffer.isBuffer(source)) {
        await new Promise<void>((resolve, reject) =>
          pack.entry({ name, size: source.length }, source, (e) => (e ? reject(e) : resolve())),
        );
        return;
      }
      const { size } = await stat(source);
      await pipeline(createReadStream(source), pack.entry({ name, size }));
    };
    await addEntry('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    for (const [i, e] of entries.entries()) await addEntry(e.file, path.join(work, String(i)));
    pack.finalize();
    await written;
    await rename(partial, target);
    return { file: target, manifest, bytes: (await stat(target)).size };
  } catch (e) {
    await client.query('rollback').catch(() => {});
    await rm(`${target}.partial`, { force: true });
    throw e;
  } finally {
    await client.end().catch(() => {});
    await rm(work, { recursive: true, force: true });
  }
}

export type RestoreSummary = { manifest: Manifest; migratedFrom: string | null; migratedTo: string | null };

/** Tables of Keel's (or anyone's) already in the database: a restore goes only into an empty one. */
async function occupied(client: pg.ClientBase): Promise<string[]> {
  const tables = await listTables(client);
  const applied = await appliedMigrations(client);
  return [...tables.map(qualified), ...(applied.length ? ['drizzle.__drizzle_migrations'] : [])];
}

function checkManifest(m: Partial<Manifest>): asserts m is Manifest {
  if (m.format !== BACKUP_FORMAT)
    throw new BackupError('this file is not a Keel backup (its manifest is not one)');
  if (m.formatVersion !== BACKUP_FORMAT_VERSION)
    throw new BackupError(
      `this backup has format version ${m.formatVersion}; this Keel reads version ${BACKUP_FORMAT_VERSION}`,
    );
}

/**
 * Restores a backup into the empty database at `url`: in one transaction, migrates it to the backup's level,
 * loads every table (user triggers off, so the rows come back exactly as they were), puts the sequences
 * where they were and checks each table's row count and checksum; then applies the migrations that came
 * after. Any mismatch rolls everything back and leaves the database empty.
 */
export async function restoreDatabase(url: string, file: string): Promise<RestoreSummary> {
  const client = new pg.Client({ connectionString: url, application_name: 'keel-restore' });
  await client.connect();
  let manifest: Manifest | null = null;
  const extract = tar.extract();
  let source: ReturnType<typeof createReadStream> | null = null;
  try {
    const present = await occupied(client);
    if (present.length > 0) {
      throw new BackupError(
        `refusing to restore: the database is not empty (it holds ${present.length} table${present.length === 1 ? '' : 's'}, e.g. ${present.slice(0, 3).join(', ')}). ` +
          'Restore into a new, empty database (DATABASE_URL) or a new data folder (KEEL_DATA_DIR).',
      );
    }
    source = createReadStream(path.resolve(file));
    source.on('error', (e) => extract.destroy(e));
    source.pipe(extract);
    const done = new Set<string>();
    let byFile = new Map<string, TableEntry>();
    const files = migrationFiles();
    for await (const entry of extract) {
      const name = entry.header.name;
      if (!manifest) {
        if (name !== 'manifest.json')
          throw new BackupError('this file is not a Keel backup (no manifest first)');
        const chunks: Buffer[] = [];
        for await (const c of entry) chunks.push(c as Buffer);
        const m = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Partial<Manifest>;
        checkManifest(m);
        manifest = m;
        m.migrations.forEach((bm, i) => {
          const ours = files[i];
          if (!ours)
            throw new BackupError(
              `this backup was made by a newer Keel (${m.keelVersion}, migration ${bm.tag ?? bm.hash}); restore it with that version or later`,
            );
          if (ours.hash !== bm.hash)
            throw new BackupError(
              `migration ${i + 1} of the backup (${bm.tag ?? bm.hash}) differs from this Keel's ${ours.tag}`,
            );
        });
        byFile = new Map(m.tables.map((t) => [t.file, t]));
        await client.query('begin');
        await applyMigrations(client, files.slice(0, m.migrations.length));
        const tables = await listTables(client);
        const expected = new Set(m.tables.map(qualified));
        const unknown = tables.map(qualified).filter((t) => !expected.has(t));
        const missing = [...expected].filter((t) => !tables.some((x) => qualified(x) === t));
        if (unknown.length || missing.length)
          throw new BackupError(
            `the backup's tables do not match its migration level (${[...missing.map((t) => `missing ${t}`), ...unknown.map((t) => `not in backup ${t}`)].join(', ')})`,
          );
        for (const t of tables) await client.query(`alter table ${qualified(t)} disable trigger user`);
        // rows the migrations themselves wrote (built-in CI classes and the like) come back from the backup
        await client.query(`truncate ${tables.map(qualified).join(', ')}`);
        continue;
      }
      const t = byFile.get(name);
      if (!t) throw new BackupError(`unexpected entry ${name} in the backup`);
      const h = hasher();
      const copy = client.query(
        copyFrom(`copy ${qualified(t)} (${t.columns.map(ident).join(', ')}) from stdin`),
      );
      await pipeline(entry, createGunzip(), h, copy);
      const sum = h.digest();
      if (sum !== t.sha256 || copy.rowCount !== t.rows)
        throw new BackupError(
          `table ${qualified(t)} did not come back whole (${copy.rowCount} of ${t.rows} rows${sum === t.sha256 ? '' : ', checksum differs'}): the backup file is damaged`,
        );
      done.add(name);
    }
    if (!manifest) throw new BackupError('this file is not a Keel backup (it is empty)');
    const lost = manifest.tables.filter((t) => !done.has(t.file));
    if (lost.length)
      throw new BackupError(
        `the backup file is incomplete: ${lost.length} table(s) missing, e.g. ${qualified(lost[0]!)}`,
      );
    for (const s of manifest.sequences)
      await client.query('select setval($1::regclass, $2::bigint, $3)', [
        qualified(s),
        s.lastValue,
        s.isCalled,
      ]);
    // Audit entries not yet sealed carry the id of the transaction that wrote them in the old cluster, which
    // may lie ahead of this one's: the sealer would wait for them for ever. They were committed when the
    // backup was taken, so they count as written by this restore.
    if (manifest.tables.some((t) => t.schema === 'public' && t.name === 'audit_log'))
      await client.query('update audit_log set tx_id = pg_current_xact_id() where seq is null');
    for (const t of manifest.tables) await client.query(`alter table ${qualified(t)} enable trigger user`);
    // the migrations written after the backup was made, as any start of Keel would run them, in the same
    // transaction: if one fails, nothing was restored and the restore can simply be run again
    await applyMigrations(client, files.slice(manifest.migrations.length));
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => {});
    if (e instanceof BackupError) throw e;
    if (!manifest) throw new BackupError(`this file is not a Keel backup (${(e as Error).message})`);
    throw new BackupError(`the backup could not be restored, nothing was written: ${(e as Error).message}`);
  } finally {
    source?.destroy();
    extract.destroy();
    await client.end().catch(() => {});
  }
  return {
    manifest,
    migratedFrom: manifest.lastMigration,
    migratedTo: migrationFiles().at(-1)?.tag ?? null,
  };
}
