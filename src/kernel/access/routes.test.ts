import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, testKeel } from '../../testing/harness.ts';
import type { Access } from './policy.ts';
import { checkDeclaration, denies } from './policy.ts';

let k: TestKeel;
type Route = { method: string; url: string; access: Access | undefined };
const routes: Route[] = [];

beforeAll(async () => {
  k = await testKeel();
});

describe('every route declares who may call it', () => {
  it('walks every registered route and finds a policy on each', () => {
    routes.push(...k.app.registeredRoutes);
    expect(routes.length).toBeGreaterThan(25);
    const missing = routes.filter((r) => !r.access).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('no write route lets the internal auditor write', () => {
    for (const r of routes) expect(() => checkDeclaration(r.method, r.url, r.access)).not.toThrow();
  });

  it('grants a supplier’s contact no route by role: what they may do, they may as anyone signed in', () => {
    const naming = routes
      .filter((r) => r.access?.kind === 'roles' && r.access.roles.includes('supplier'))
      .map((r) => `${r.method} ${r.url}`);
    expect(naming).toEqual([]);
  });

  it('a route registered without a policy stops Keel from starting', async () => {
    const { buildApp } = await import('../http/app.ts');
    const bad = {
      name: 'careless',
      routes: async (app: FastifyInstance) => {
        app.get('/api/v1/careless', async () => ({}));
      },
    };
    await expect(buildApp({ keel: k.app.keel, modules: [bad], logger: false })).rejects.toThrow(
      /declares no access policy/,
    );
  });

  it('only the routes meant to be public answer without credentials', async () => {
    const publicOnes = routes
      .filter((r) => r.access?.kind === 'public' && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`);
    expect(publicOnes.filter((r) => r.includes('/api/v1/')).sort()).toEqual(
      [
        'GET /api/v1/setup',
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/logout',
        'POST /api/v1/auth/set-password',
        'POST /api/v1/setup',
      ].sort(),
    );
    for (const r of routes.filter((x) => x.url.startsWith('/api/v1/') && x.access?.kind !== 'public')) {
      const url = r.url.replace(/:(\w+)/g, (_m, p: string) =>
        p === 'id' || p.endsWith('Id') ? '00000000-0000-4000-8000-000000000000' : 'X',
      );
      const res = await k.app.inject({
        method: r.method as 'GET',
        url,
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });
});

describe('policy decisions', () => {
  it('the internal auditor reads but never writes', () => {
    const auditor = { roles: ['internal_auditor' as const], scopes: ['read', 'write'] };
    expect(denies({ kind: 'signedIn', selfService: false }, 'GET', auditor)).toBeNull();
    expect(denies({ kind: 'signedIn', selfService: false }, 'POST', auditor)).toMatch(/reading only/);
    expect(() => checkDeclaration('POST', '/x', { kind: 'roles', roles: ['internal_auditor'] })).toThrow(
      /read-only/,
    );
  });

  it('a read-scoped token cannot write whatever its roles', () => {
    const reader = { roles: ['administrator' as const], scopes: ['read'] };
    expect(denies({ kind: 'roles', roles: ['administrator'] }, 'GET', reader)).toBeNull();
    expect(denies({ kind: 'roles', roles: ['administrator'] }, 'POST', reader)).toMatch(/only read/);
  });

  it('unknown URLs are 404 problems', async () => {
    const res = await k.app.inject({ url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(problemOf(res).status).toBe(404);
  });
});
