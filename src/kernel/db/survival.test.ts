import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, createUser } from '../auth/users.ts';
import { migrate, openDatabase } from './database.ts';
import { type EmbeddedServer, freePort, processAlive, startEmbedded } from './embedded.ts';
import { runCommand, systemActor } from './tx.ts';

/**
 * Keel is a service desk: a database restart, a failover or an administrator terminating connections must
 * not stop it. Each test runs Keel as its own process (`keel serve`, as in production), puts it under
 * create load, takes the database away underneath it, and checks that the process is still there, answers
 * again within 10 seconds, and that every incident it acknowledged with a 201 exists.
 */

const run = promisify(execFile);
const node = path.resolve('node_modules/.bin/node');
const keelCli = path.resolve('src/cli/keel.ts');

// KEEL_SURVIVAL_LOG=debug shows Keel's own log (each step of its stop, say) in a failure's message
type Keel = { base: string; child: ChildProcess; exited: Promise<number | null>; output: () => string };

async function startKeel(env: Record<string, string>): Promise<Keel> {
  const port = await freePort(0);
  let out = '';
  const child = spawn(node, [keelCli, 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      KEEL_DEMO: 'false',
      KEEL_LOG_LEVEL: process.env.KEEL_SURVIVAL_LOG ?? 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`keel serve exited early:\n${out}`);
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`keel serve did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, child, exited, output: () => out };
}

async function stopKeel(k: Keel) {
  if (k.child.exitCode === null) k.child.kill('SIGTERM');
  return k.exited;
}

/** Clients creating incidents as fast as they can; remembers every number acknowledged with a 201. */
function createLoad(base: string, token: string, clients = 4) {
  const acknowledged: string[] = [];
  const statuses = new Map<number, number>();
  let running = true;
  const loops = Array.from({ length: clients }, async (_, c) => {
    let i = 0;
    while (running) {
      i += 1;
      try {
        const res = await fetch(`${base}/api/v1/incidents`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ title: `load ${c}-${i}`, impact: 3, urgency: 3 }),
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const body = (await res.json()) as { number?: string };
        if (res.status === 201 && body.number) acknowledged.push(body.number);
        else if (res.status !== 503) await new Promise((r) => setTimeout(r, 50));
      } catch {
        // the connection itself failed: Keel is gone (the test then fails on the process check)
        statuses.set(0, (statuses.get(0) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  });
  return {
    acknowledged,
    statuses,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Waits until Keel creates an incident again; returns how long that took. */
async function answersAgain(base: string, token: string, since: number, limitMs: number) {
  for (;;) {
    const res = await fetch(`${base}/api/v1/incidents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'after the outage', impact: 3, urgency: 3 }),
    }).catch(() => null);
    if (res?.status === 201) return Date.now() - since;
    if (Date.now() - since > limitMs) return Date.now() - since;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function missing(client: pg.Client, numbers: string[]) {
  const found = await client.query<{ number: string }>(
    'select number from work_items where number = any($1)',
    [numbers],
  );
  const have = new Set(found.rows.map((r) => r.number));
  return numbers.filter((n) => !have.has(n));
}

describe('Keel on a PostgreSQL server of its own (DATABASE_URL)', () => {
  let dataDir: string;
  let server: EmbeddedServer;
  let url: string;
  let token: string;
  beforeAll(async () => {
    // a server for this test alone, standing in for the organisation's own: it is stopped and started
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'keel-dburl-'));
    process.env.KEEL_PG_SHARED_BUFFERS = '32';
    server = await startEmbedded(dataDir);
    url = server.url;
    const db = openDatabase(url, { max: 1 });
    await migrate(db);
    token = await runCommand(db, systemActor('test'), null, async (ctx) => {
      const { user } = await createUser(ctx, {
        email: 'agent@dburl.example',
        name: 'Agent',
        password: 'a long enough password',
        roles: ['service_desk_agent'],
      });
      return (await createApiToken(ctx, { userId: user.id, name: 'load', scopes: ['read', 'write'] })).token;
    });
    await db.$client.end();
  }, 120_000);
  afterAll(async () => {
    await server.stop('fast').catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps running when every connection is terminated and the server restarted under load, and loses nothing', async () => {
    const keel = await startKeel({ DATABASE_URL: url });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const load = createLoad(keel.base, token);
      await new Promise((r) => setTimeout(r, 1500));
      const before = load.acknowledged.length;
      expect(before).toBeGreaterThan(0);
      // every connection Keel holds, busy or idle, in a transaction or listening (the statement)
      const killed = await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
          where backend_type = 'client backend' and pid <> pg_backend_pid()`,
      );
      expect(killed.rowCount).toBeGreaterThan(0);
      let since = Date.now();
      expect(await answersAgain(keel.base, token, since, 10_000)).toBeLessThan(10_000);
      expect(keel.child.exitCode, keel.output()).toBeNull();
      const afterTerminate = load.acknowledged.length;

      // the server goes away: Keel says so, with when to try again, and changes nothing
      await admin.end();
      await server.stop('fast');
      const ready = await fetch(`${keel.base}/readyz`);
      expect(ready.status).toBe(503);
      expect(ready.headers.get('retry-after')).toBe('5');
      const refused = await fetch(`${keel.base}/api/v1/incidents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'while the database is away', impact: 3, urgency: 3 }),
      });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(((await refused.json()) as { type: string }).type).toBe('urn:keel:problem:database-unavailable');
      await new Promise((r) => setTimeout(r, 1000));

      // and comes back: Keel answers again by itself
      server = await startEmbedded(dataDir);
      since = Date.now();
      expect(await answersAgain(keel.base, token, since, 10_000)).toBeLessThan(10_000);
      await new Promise((r) => setTimeout(r, 1000));
      await load.stop();
      expect(keel.child.exitCode, keel.output()).toBeNull();
      expect(load.acknowledged.length).toBeGreaterThan(afterTerminate);
      // every answer was a 201 or a 503 problem: no connection dropped by Keel, no 500
      expect([...load.statuses.keys()].filter((s) => s !== 201 && s !== 503)).toEqual([]);
      const check = new pg.Client({ connectionString: url });
      await check.connect();
      try {
        expect(await missing(check, load.acknowledged)).toEqual([]);
        // the job worker runs again: a job of a kind nobody handles is tried (and given up), woken by the
        // NOTIFY or at the latest by the worker's idle poll (30 s), which is all the worker promises after its
        // LISTEN connection was cut (a NOTIFY between the cut and the new LISTEN is not heard)
        const job = await check.query<{ id: string }>(
          `insert into jobs (kind, max_attempts) values ('survival.probe', 1) returning id`,
        );
        await check.query(`select pg_notify('keel_jobs', '')`);
        const deadline = Date.now() + 40_000;
        let state = 'queued';
        while (state === 'queued' && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 200));
          state = (await check.query('select state from jobs where id = $1', [job.rows[0]?.id])).rows[0]
            .state;
        }
        expect(state, keel.output()).toBe('failed');
      } finally {
        await check.end();
      }
      expect((await fetch(`${keel.base}/readyz`)).status).toBe(200);
      // the live-update stream listens again (its LISTEN connection was among the terminated ones)
      const events = await fetch(`${keel.base}/api/v1/events`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(events.status).toBe(200);
      await events.body?.cancel();
    } finally {
      await admin.end().catch(() => {});
      expect(await stopKeel(keel)).toBe(0);
    }
  }, 120_000);
});

describe('Keel on its embedded PostgreSQL', () => {
  let dataDir: string;
  let token: string;
  const env = () => ({ KEEL_DATA_DIR: dataDir, KEEL_PG_SHARED_BUFFERS: '32' });
  const settings = () =>
    JSON.parse(readFileSync(path.join(dataDir, 'embedded-postgres.json'), 'utf8')) as {
      port: number;
      password: string;
    };
  const postmasterPid = () => {
    const file = path.join(dataDir, 'postgres', 'postmaster.pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
  };
  const serverLog = () => {
    const file = path.join(dataDir, 'postgres', 'server.log');
    return existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .filter((l) => /LOG:|lock file|could not/.test(l) && !/checkpoint|autoprewarm/.test(l))
          .slice(-40)
          .join('\n')
      : '';
  };
  /** Running, and not a zombie that nobody reaped yet (the sandbox's process 1 may not reap at once). */
  const alive = (pid: number | null) => !!pid && processAlive(pid);
  const cli = (args: string[]) =>
    run(node, [keelCli, ...args], { env: { ...process.env, KEEL_LOG_LEVEL: 'warn', ...env() } });

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'keel-survival-'));
    await cli([
      'user',
      'create',
      '--email',
      'agent@survival.example',
      '--password',
      'a long enough password',
      '--role',
      'service_desk_agent',
    ]);
    token = (await cli(['token', 'create', '--email', 'agent@survival.example'])).stdout.trim();
  }, 120_000);
  afterAll(async () => {
    const pid = postmasterPid();
    if (alive(pid)) process.kill(pid as number, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts an embedded PostgreSQL that died under load, and loses no acknowledged write', async () => {
    const keel = await startKeel(env());
    try {
      const load = createLoad(keel.base, token);
      await new Promise((r) => setTimeout(r, 1500));
      const before = load.acknowledged.length;
      expect(before).toBeGreaterThan(0);
      const pid = postmasterPid();
      expect(alive(pid)).toBe(true);
      process.kill(pid as number, 'SIGKILL');
      const since = Date.now();
      const took = await answersAgain(keel.base, token, since, 10_000);
      await new Promise((r) => setTimeout(r, 1000));
      await load.stop();
      expect(keel.child.exitCode, keel.output()).toBeNull();
      expect(took).toBeLessThan(10_000);
      expect(postmasterPid()).not.toBe(pid);
      expect(load.acknowledged.length).toBeGreaterThan(before);
      expect([...load.statuses.keys()].filter((s) => s !== 201 && s !== 503)).toEqual([]);
      const s = settings();
      const client = new pg.Client({
        connectionString: `postgres://postgres:${s.password}@127.0.0.1:${s.port}/postgres`,
      });
      await client.connect();
      try {
        expect(await missing(client, load.acknowledged)).toEqual([]);
      } finally {
        await client.end();
      }
    } finally {
      expect(await stopKeel(keel), keel.output()).toBe(0);
    }
    // a clean stop stops the server Keel restarted (its last processes may take a moment to end)
    for (let i = 0; i < 50 && alive(postmasterPid()); i++) await new Promise((r) => setTimeout(r, 200));
    expect(alive(postmasterPid()), `${keel.output()}\n${serverLog()}`).toBe(false);
  }, 90_000);

  it('a Keel that borrowed the server from a command takes it over when the command stops it', async () => {
    // a command (keel backup, say) started the server and owns it; Keel starts meanwhile and borrows it
    const command = await startEmbedded(dataDir);
    expect(command.owned).toBe(true);
    const keel = await startKeel(env());
    try {
      await command.stop('fast');
      const since = Date.now();
      expect(await answersAgain(keel.base, token, since, 10_000)).toBeLessThan(10_000);
      expect(keel.child.exitCode, keel.output()).toBeNull();
    } finally {
      expect(await stopKeel(keel)).toBe(0);
    }
    // Keel took it over, so its clean stop stopped it
    expect(alive(postmasterPid())).toBe(false);
  }, 90_000);

  it('after Keel itself crashed, the next Keel takes over the running server and stops it cleanly', async () => {
    const first = await startKeel(env());
    first.child.kill('SIGKILL');
    await first.exited;
    const orphan = postmasterPid();
    expect(alive(orphan)).toBe(true);
    const second = await startKeel(env());
    expect((await fetch(`${second.base}/readyz`)).status).toBe(200);
    expect(await stopKeel(second)).toBe(0);
    expect(alive(orphan)).toBe(false);
  }, 90_000);
});
