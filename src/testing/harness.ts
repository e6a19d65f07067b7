import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import type { Role } from '../kernel/access/roles.ts';
import { sealAudit } from '../kernel/audit/chain.ts';
import { createApiToken, createUser } from '../kernel/auth/users.ts';
import { type Config, loadConfig } from '../kernel/config.ts';
import { type Db, openDatabase } from '../kernel/db/database.ts';
import { runCommand, systemActor } from '../kernel/db/tx.ts';
import { buildApp, type KeelModule } from '../kernel/http/app.ts';
import { allModules } from '../modules/index.ts';
import { withDatabase } from './global-setup.ts';

export const TEST_PASSWORD = 'correct horse battery';

/** A database of its own for one test file, copied from the migrated template. */
export async function freshDatabase(): Promise<{ db: Db; url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `keel_t${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database "${name}" template "${inject('templateDb')}"`);
      break;
    } catch (e) {
      // another file copying the template at this very moment: wait and try again
      if ((e as { code?: string }).code !== '55006' || attempt > 50) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const db = openDatabase(url, { max: 5 });
  return {
    db,
    url,
    drop: async () => {
      await db.$client.end();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

export type TestUser = { id: string; email: string; token: string; auth: { authorization: string } };

export type TestKeel = {
  app: FastifyInstance;
  db: Db;
  url: string;
  config: Config;
  /** A person with these roles and an API token (read and write unless scopes say otherwise). */
  user: (roles: Role[], opts?: { scopes?: Array<'read' | 'write'>; email?: string }) => Promise<TestUser>;
  /** Signs in through the API; returns the cookie header and the CSRF token. */
  login: (
    email: string,
    password?: string,
  ) => Promise<{ cookie: string; csrf: string; res: LightMyRequestResponse }>;
};

/** Keel on its own database, with its full module list (plus any test modules), closed after the file. */
export async function testKeel(
  opts: { modules?: KeelModule[]; env?: Record<string, string> } = {},
): Promise<TestKeel> {
  const { db, url, drop } = await freshDatabase();
  const config = loadConfig({ KEEL_DATA_DIR: '.keel-test/unused', KEEL_LOG_LEVEL: 'silent', ...opts.env });
  const app = await buildApp({
    keel: { db, config },
    modules: [...allModules, ...(opts.modules ?? [])],
    logger: false,
  });
  await app.ready();
  afterAll(async () => {
    await app.close();
    await drop();
  });
  let n = 0;
  return {
    app,
    db,
    url,
    config,
    user: async (roles, o = {}) => {
      n += 1;
      const email =
        o.email ?? `${roles.join('-') || 'nobody'}-${n}-${randomBytes(3).toString('hex')}@test.example`;
      return runCommand(db, systemActor('test'), null, async (ctx) => {
        const { user } = await createUser(ctx, {
          email,
          name: `Test ${roles.join(' ')} ${n}`,
          password: TEST_PASSWORD,
          roles,
        });
        const { token } = await createApiToken(ctx, {
          userId: user.id,
          name: 'test',
          scopes: o.scopes ?? ['read', 'write'],
        });
        return { id: user.id, email, token, auth: { authorization: `Bearer ${token}` } };
      });
    },
    login: async (email, password = TEST_PASSWORD) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password },
      });
      const set = res.cookies.find((c) => c.name === 'keel_session');
      return { cookie: set ? `keel_session=${set.value}` : '', csrf: res.json().csrfToken, res };
    },
  };
}

/**
 * Seals the audit log until nothing is left unsealed. The sealer waits for every older transaction in the
 * whole PostgreSQL cluster (pg_snapshot_xmin), so a transaction open in another test file's database holds it
 * back for a moment: wait, as the server's sealer does every second.
 */
export async function sealEverything(db: Db, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await sealAudit(db);
    const left = await db.$client.query<{ n: number }>(
      'select count(*)::int as n from audit_log where seq is null',
    );
    if (left.rows[0]!.n === 0) return;
    if (Date.now() > deadline) throw new Error(`${left.rows[0]!.n} audit entries still unsealed`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Asserts an RFC 9457 problem and returns it. */
export function problemOf(res: LightMyRequestResponse) {
  if (!String(res.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(
      `expected problem+json, got ${res.headers['content-type']} ${res.statusCode}: ${res.body}`,
    );
  }
  return res.json() as {
    type: string;
    title: string;
    status: number;
    detail: string;
    errors?: Array<{ field: string; message: string }>;
  };
}
