import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './demo/organisation.ts';
import { loadConfig } from './kernel/config.ts';
import { openDatabase } from './kernel/db/database.ts';
import { buildApp } from './kernel/http/app.ts';
import { allModules } from './modules/index.ts';
import { type Running, serve } from './server.ts';
import { freshDatabase } from './testing/harness.ts';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let running: Running;
let base: string;

beforeAll(async () => {
  db = await freshDatabase();
  // port 0: the system picks a free one, so the test never collides with a port in use
  running = await serve(
    loadConfig({ DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', KEEL_LOG_LEVEL: 'silent' }),
  );
  base = `http://127.0.0.1:${(running.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await running.stop();
  await db.drop();
});

describe('the Keel process', () => {
  it('seeds the demo organisation on first start and serves it over real HTTP', async () => {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'auditor@keel.example', password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).roles).toEqual(['internal_auditor']);
    expect(res.headers.get('set-cookie')).toMatch(/keel_session=.*HttpOnly/i);
  });

  it("folds the service level report's kept counts at start (the demo's clocks appended a row each)", async () => {
    const counts = await running.opened.db.execute<{
      rows: number;
      groups: number;
      clocks: number;
      total: number;
    }>(`
      select count(*)::int as rows,
             count(distinct (agreement_id, month, metric, priority, service_id, state))::int as groups,
             (select count(*)::int from sla_clocks) as clocks, coalesce(sum(n), 0)::int as total
        from sla_clock_counts`);
    const c = counts.rows[0]!;
    expect(c.clocks).toBeGreaterThan(100);
    expect(c.total).toBe(c.clocks);
    expect(c.rows).toBe(c.groups);
  });

  it('readyz answers 503 when the database does not', async () => {
    const dead = openDatabase('postgres://postgres:x@127.0.0.1:1/none', { max: 1 });
    const app = await buildApp({
      keel: { db: dead, config: loadConfig({ KEEL_LOG_LEVEL: 'silent' }) },
      modules: allModules,
      logger: false,
    });
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    await app.close();
    await dead.$client.end();
  });

  it('stopping lets a request in flight finish, then refuses new ones', async () => {
    // signing in takes a memory-hard hash, long enough to be in flight when the stop begins
    const inFlight = fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@keel.example', password: DEMO_PASSWORD }),
    });
    await new Promise((r) => setTimeout(r, 20));
    // a request whose headers are still arriving when the stop begins is refused as a problem
    const late = connect(Number(new URL(base).port), '127.0.0.1');
    await new Promise((r) => late.once('connect', r));
    late.write('GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\n');
    let answer = '';
    late.on('data', (d) => {
      answer += d;
    });
    const closed = new Promise((r) => late.once('close', r));
    const stopping = running.stop();
    await new Promise((r) => setTimeout(r, 20));
    late.write('\r\n');
    await closed;
    expect(answer).toMatch(/^HTTP\/1.1 503/);
    expect(answer).toContain('application/problem+json');
    expect(answer).toMatch(/retry-after: 5/i);
    expect(answer).toContain('urn:keel:problem:stopping');
    const res = await inFlight;
    expect(res.status).toBe(200);
    await stopping;
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
