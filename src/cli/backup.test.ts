import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadDemo } from '../demo/organisation.ts';
import { sealAudit, verifyAudit } from '../kernel/audit/chain.ts';
import { loadConfig } from '../kernel/config.ts';
import { openDatabase } from '../kernel/db/database.ts';
import { startEmbedded } from '../kernel/db/embedded.ts';
import { buildApp } from '../kernel/http/app.ts';
import { allModules } from '../modules/index.ts';
import { withDatabase } from '../testing/global-setup.ts';
import { sealEverything, type TestKeel, type TestUser, testKeel } from '../testing/harness.ts';

const run = promisify(execFile);
const node = path.resolve('node_modules/.bin/node');
const keel = path.resolve('src/cli/keel.ts');

async function cli(args: string[], env: Record<string, string>) {
  try {
    const r = await run(node, [keel, ...args], {
      env: { ...process.env, KEEL_LOG_LEVEL: 'warn', ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

/** Every table's row count, and every sequence's position, of the database at `url`. */
async function census(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const tables = await c.query(
      `select schemaname || '.' || relname as t from pg_stat_user_tables where schemaname = 'public' order by 1`,
    );
    const counts: Record<string, number> = {};
    for (const r of tables.rows) {
      counts[r.t] = (await c.query(`select count(*)::int as n from ${r.t}`)).rows[0].n;
    }
    const seqs = await c.query(
      `select schemaname || '.' || sequencename as s, last_value::text as v from pg_sequences where schemaname = 'public' order by 1`,
    );
    const sequences = Object.fromEntries(seqs.rows.map((r) => [r.s, r.v]));
    return { counts, sequences };
  } finally {
    await c.end();
  }
}

async function upload(k: TestKeel, who: TestUser, number: string, content: Buffer) {
  const boundary = '----keelbackup';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="screen.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await k.app.inject({
    method: 'POST',
    url: `/api/v1/work-items/${number}/attachments`,
    headers: { ...who.auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7) % 256)),
]);

let k: TestKeel;
let agent: TestUser;
let attachmentId: string;
const dir = mkdtempSync(path.join(os.tmpdir(), 'keel-backup-'));
const file = path.join(dir, 'keel.tar');

beforeAll(async () => {
  k = await testKeel();
  await loadDemo(k.db);
  agent = await k.user(['service_desk_agent', 'resolver']);
  // some of the audit chain sealed, some not yet: both must come back
  await sealEverything(k.db);
  const item = await k.db.$client.query(`select number from work_items order by number limit 1`);
  attachmentId = await upload(k, agent, item.rows[0].number, png);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('keel backup and keel restore', () => {
  it('both have --help, and restore needs a file', async () => {
    for (const c of ['backup', 'restore']) {
      const r = await cli([c, '--help'], {});
      expect(r.code, c).toBe(0);
      expect(r.stdout).toContain(`keel -- ${c}`);
    }
    const r = await cli(['restore'], { DATABASE_URL: k.url });
    expect(r.stderr).toMatch(/--file is required/);
  }, 90_000);

  it('restores into a new data folder with every record, the attachments and an intact audit chain', async () => {
    const before = await census(k.url);
    const unsealed = await k.db.$client.query(`select count(*)::int as n from audit_log where seq is null`);
    expect(unsealed.rows[0].n).toBeGreaterThan(0);

    const b = await cli(['backup', '--file', file], { DATABASE_URL: k.url });
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/backup written to .*keel\.tar: \d+ tables, \d+ rows/);

    // a folder of its own: the embedded server's user must be able to enter it
    const data = mkdtempSync(path.join(os.tmpdir(), 'keel-restored-'));
    afterAll(() => rmSync(data, { recursive: true, force: true }));
    const r = await cli(['restore', '--file', file], { KEEL_DATA_DIR: data, DATABASE_URL: '' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/restored \d+ tables/);

    const server = await startEmbedded(data);
    try {
      const after = await census(server.url);
      expect(after.counts).toEqual(before.counts);
      expect(after.sequences).toEqual(before.sequences);

      const db = openDatabase(server.url, { max: 3 });
      try {
        // the entries not yet sealed at backup time get sealed on the restored database, and the chain holds
        await sealAudit(db);
        const v = await verifyAudit(db);
        expect(v).toMatchObject({ ok: true, unsealed: 0, sealed: before.counts['public.audit_log'] });

        // Keel works on it: the same token downloads the same attachment
        const app = await buildApp({
          keel: { db, config: loadConfig({ KEEL_DATA_DIR: data, KEEL_LOG_LEVEL: 'silent' }) },
          modules: allModules,
          logger: false,
        });
        try {
          const dl = await app.inject({ url: `/api/v1/attachments/${attachmentId}`, headers: agent.auth });
          expect(dl.statusCode).toBe(200);
          expect(dl.rawPayload.equals(png)).toBe(true);
        } finally {
          await app.close();
        }
      } finally {
        await db.$client.end();
      }
    } finally {
      await server.stop();
    }

    // a second restore into the same folder finds it in use and refuses, changing nothing
    const again = await cli(['restore', '--file', file], { KEEL_DATA_DIR: data, DATABASE_URL: '' });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/refusing to restore: the database is not empty/);
  }, 240_000);

  it('restores as a database owner without superuser rights; a damaged backup restores nothing', async () => {
    const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await admin.connect();
    const name = `keel_t_restore_${Date.now()}`;
    const role = `${name}_owner`;
    await admin.query(`create role "${role}" login password 'restore-owner'`);
    await admin.query(`create database "${name}" owner "${role}"`);
    try {
      const u = new URL(withDatabase(inject('pgAdminUrl'), name));
      u.username = role;
      u.password = 'restore-owner';
      const url = u.toString();
      // flip bytes in the middle of the archive, inside some table's data
      const bytes = readFileSync(file);
      const at = Math.floor(bytes.length * 0.6);
      for (let i = at; i < at + 64; i++) bytes[i] = bytes[i]! ^ 0xff;
      const damaged = path.join(dir, 'damaged.tar');
      writeFileSync(damaged, bytes);
      const r = await cli(['restore', '--file', damaged], { DATABASE_URL: url });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/nothing was written|damaged/);
      expect((await census(url)).counts).toEqual({});

      const notBackup = path.join(dir, 'not.tar');
      writeFileSync(notBackup, 'hello');
      const r2 = await cli(['restore', '--file', notBackup], { DATABASE_URL: url });
      expect(r2.code).not.toBe(0);
      expect(r2.stderr).toMatch(/not a Keel backup/);

      const ok = await cli(['restore', '--file', file], { DATABASE_URL: url });
      expect(ok.code, ok.stderr).toBe(0);
      expect((await census(url)).counts).toEqual((await census(k.url)).counts);
    } finally {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.query(`drop role if exists "${role}"`);
      await admin.end();
    }
  }, 180_000);
});
