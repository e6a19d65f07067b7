import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeople } from '../demo/organisation.ts';
import { startEmbedded } from '../kernel/db/embedded.ts';
import { sealEverything, type TestKeel, testKeel } from '../testing/harness.ts';

const run = promisify(execFile);
const node = path.resolve('node_modules/.bin/node');
const keel = path.resolve('src/cli/keel.ts');

async function cli(args: string[], env: Record<string, string>) {
  try {
    const r = await run(node, [keel, ...args], {
      env: { ...process.env, KEEL_LOG_LEVEL: 'warn', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

let k: TestKeel;
let env: Record<string, string>;
beforeAll(async () => {
  k = await testKeel();
  env = { DATABASE_URL: k.url };
});

describe('keel command line', () => {
  it('every command has --help', async () => {
    for (const c of [
      ['serve'],
      ['migrate'],
      ['demo'],
      ['user', 'create'],
      ['token', 'create'],
      ['audit', 'verify'],
    ]) {
      const r = await cli([...c, '--help'], env);
      expect(r.code, c.join(' ')).toBe(0);
      expect(r.stdout).toContain(`keel -- ${c.join(' ')}`);
    }
    const all = await cli(['--help'], env);
    expect(all.stdout).toContain('token create');
  });

  it('user create makes a user with several roles; bad input is a clear error', async () => {
    const ok = await cli(
      [
        'user',
        'create',
        '--email',
        'cli@test.example',
        '--password',
        'cli password ok',
        '--role',
        'resolver',
        '--role',
        'problem_manager',
      ],
      env,
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect((await k.login('cli@test.example', 'cli password ok')).res.json().roles).toEqual([
      'problem_manager',
      'resolver',
    ]);
    const bad = await cli(
      ['user', 'create', '--email', 'x@test.example', '--password', 'whatever long', '--role', 'king'],
      env,
    );
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/unknown role king/);
    const missing = await cli(['user', 'create', '--email', 'x@test.example'], env);
    expect(missing.stderr).toMatch(/--password are required/);
  });

  it('token create prints only the token, and the token calls the API', async () => {
    const r = await cli(['token', 'create', '--email', 'cli@test.example', '--scope', 'read'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^keel_[\w-]+\n$/);
    const me = await k.app.inject({
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${r.stdout.trim()}` },
    });
    expect(me.json()).toMatchObject({ email: 'cli@test.example', scopes: ['read'] });
  });

  it('audit verify exits 0 on an intact chain and non-zero naming the first bad entry', async () => {
    await sealEverything(k.db);
    const ok = await cli(['audit', 'verify'], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/audit chain intact: \d+ entries sealed, 0 not yet sealed/);
    await k.db.execute(sql`update audit_log set after = '{"forged":true}' where seq = 2`);
    const bad = await cli(['audit', 'verify'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/BROKEN at sequence 2 .*altered/);
  });

  it('a bad setting stops with a message naming it', async () => {
    const r = await cli(['migrate'], { ...env, PORT: 'eighty' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/PORT:/);
  });
});

describe('embedded PostgreSQL in a data folder', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'keel-embedded-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // a fresh cluster (initdb), the migrations and the whole demo twice: slow on a loaded 2-core machine
  it('a command starts and stops its own server when none runs, and reuses the running one otherwise', async () => {
    const alone = await cli(['demo'], { KEEL_DATA_DIR: dir, DATABASE_URL: '' });
    expect(alone.code, alone.stderr).toBe(0);
    expect(alone.stdout).toMatch(new RegExp(`${demoPeople.length} people added`));

    const server = await startEmbedded(dir);
    expect(server.owned).toBe(true);
    try {
      const second = await startEmbedded(dir);
      expect(second.owned).toBe(false);
      // a borrower's stop leaves the server running (and stops watching it)
      await second.stop();
      const r = await cli(
        [
          'user',
          'create',
          '--email',
          'while@test.example',
          '--password',
          'server is running',
          '--role',
          'resolver',
        ],
        {
          KEEL_DATA_DIR: dir,
          DATABASE_URL: '',
        },
      );
      expect(r.code, r.stderr).toBe(0);
      // the command must not have stopped the server it borrowed
      const c = new pg.Client({ connectionString: server.url });
      await c.connect();
      const n = await c.query(`select count(*)::int as n from users`);
      expect(n.rows[0].n).toBe(demoPeople.length + 1);
      // it writes down which pages its buffers hold, to read them back after the next start
      const preload = await c.query(`select current_setting('shared_preload_libraries') as v`);
      expect(preload.rows[0].v).toContain('pg_prewarm');
      await c.end();
    } finally {
      await server.stop();
    }
    expect(existsSync(path.join(dir, 'postgres', 'autoprewarm.blocks'))).toBe(true);
    const again = await cli(['demo'], { KEEL_DATA_DIR: dir, DATABASE_URL: '' });
    expect(again.stdout).toMatch(/0 people added/);
  }, 120_000);
});
