import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type TestKeel, testKeel } from '../../testing/harness.ts';
import { access } from '../access/policy.ts';
import { buildApp, routesWithoutAnswerShape } from './app.ts';

let k: TestKeel;
beforeAll(async () => {
  // who may read the description and the metrics is safe-defaults.test.ts's subject; here, what they say
  k = await testKeel({ env: { KEEL_API_DOCS_PUBLIC: 'true', KEEL_METRICS_PUBLIC: 'true' } });
});

type Operation = {
  security?: unknown[];
  responses?: Record<string, unknown>;
  requestBody?: unknown;
  parameters?: unknown[];
};

describe('the API description', () => {
  it('is OpenAPI 3.1 and describes every /api/v1 route with responses and security', async () => {
    const res = await k.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, Operation>> };
    expect(doc.openapi).toBe('3.1.0');
    const described = new Set(
      Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)),
    );
    const routes = k.app.registeredRoutes.filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD');
    for (const r of routes) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      expect(described, `${r.method} ${path}`).toContain(`${r.method} ${path}`);
      const op = doc.paths[path]![r.method.toLowerCase()]!;
      expect(op.security, `${r.method} ${path} security`).toBeDefined();
      expect(Object.keys(op.responses ?? {}).length, `${r.method} ${path} responses`).toBeGreaterThan(0);
      if (r.access.kind === 'public') expect(op.security).toEqual([]);
      else expect(op.security).toEqual([{ session: [] }, { bearer: [] }]);
    }
    const login = doc.paths['/api/v1/auth/login']!.post!;
    expect(JSON.stringify(login.requestBody)).toContain('email');
  });

  it('names every operation, sums it up, says who may call it, and declares its errors as problem+json', async () => {
    const doc = (await k.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, Operation & { operationId?: string; summary?: string }>>;
    };
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const name = `${method.toUpperCase()} ${path}`;
        expect(op.operationId, name).toMatch(/^[a-z][A-Za-z0-9]*$/);
        expect(ids.has(op.operationId!), `${name}: operationId ${op.operationId} twice`).toBe(false);
        ids.add(op.operationId!);
        expect(op.summary, name).toBeTruthy();
        expect(op.security, name).toBeDefined();
        for (const [code, answer] of Object.entries(op.responses ?? {})) {
          const types = Object.keys((answer as { content?: object }).content ?? {});
          if (/^[45]/.test(code)) expect(types, `${name} ${code}`).toEqual(['application/problem+json']);
          else expect(types, `${name} ${code}`).not.toContain('application/problem+json');
        }
      }
    }
    expect(doc.paths['/api/v1/incidents/{number}']!.get!.operationId).toBe('getIncidentsByNumber');
    for (const health of ['/healthz', '/readyz']) expect(doc.paths[health]!.get!.security).toEqual([]);
    expect(JSON.stringify(doc)).not.toContain('"anyOf":[]');
  });

  it('describes the body of an attachment upload: a file in the multipart field "file"', async () => {
    const doc = (await k.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    const upload = doc.paths['/api/v1/work-items/{ref}/attachments']!.post!;
    expect(upload.requestBody).toMatchObject({
      required: true,
      content: {
        'multipart/form-data': {
          schema: { type: 'object', required: ['file'], properties: { file: { format: 'binary' } } },
        },
      },
    });
  });

  it('declares the shape of every successful answer of every route', () => {
    expect(routesWithoutAnswerShape(k.app.registeredRoutes)).toEqual([]);
  });

  it('the route walk names a route without an answer shape, or with one that says nothing', async () => {
    const app = await buildApp({
      keel: k.app.keel,
      modules: [
        {
          name: 'shapes',
          routes: async (a) => {
            const signedIn = { access: access.signedIn() };
            a.get('/api/v1/shapeless', { config: signedIn }, async () => ({}));
            a.get(
              '/api/v1/vague',
              { config: signedIn, schema: { response: { 200: z.unknown() } } },
              async () => ({}),
            );
            a.get(
              '/api/v1/errors-only',
              { config: signedIn, schema: { response: { 404: z.object({}) } } },
              async () => ({}),
            );
            a.get(
              '/api/v1/shaped',
              { config: signedIn, schema: { response: { 200: z.object({ ok: z.boolean() }) } } },
              async () => ({ ok: true }),
            );
            a.delete(
              '/api/v1/shaped',
              { config: signedIn, schema: { response: { 204: z.null() } } },
              async () => null,
            );
          },
        },
      ],
    });
    expect(routesWithoutAnswerShape(app.registeredRoutes)).toEqual([
      'GET /api/v1/shapeless',
      'GET /api/v1/vague',
      'GET /api/v1/errors-only',
    ]);
    await app.close();
  });

  it('renders the documentation page', async () => {
    const res = await k.app.inject({ url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html');
  });

  it('health, readiness and metrics', async () => {
    expect((await k.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await k.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
    await k.app.inject({ url: '/api/v1/me' });
    const m = await k.app.inject({ url: '/metrics' });
    expect(m.body).toContain('keel_http_request_duration_seconds_bucket');
    expect(m.body).toContain('route="/api/v1/me",status="401"');
  });

  it('sends security headers on every answer: a success, a refusal, an unknown address', async () => {
    for (const url of ['/healthz', '/api/v1/me', '/api/v1/no-such-thing']) {
      const res = await k.app.inject({ url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['content-security-policy'], url).toContain("script-src 'self'");
      expect(res.headers['content-security-policy'], url).toContain("style-src 'self' 'unsafe-inline'");
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      // Keel here is on plain http: no promise of https to browsers
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
      expect(res.headers['x-powered-by'], url).toBeUndefined();
    }
  });
});

describe('Keel behind https', () => {
  let secure: TestKeel;
  beforeAll(async () => {
    secure = await testKeel({ env: { KEEL_PUBLIC_URL: 'https://desk.example' } });
  });

  it('tells browsers to keep to https', async () => {
    const res = await secure.app.inject({ url: '/healthz' });
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
  });
});
