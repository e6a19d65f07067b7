import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';

const TOKEN = 'scrape-me-with-this-token';
let closed: TestKeel;
let withToken: TestKeel;
let open: TestKeel;
let agent: TestUser;

beforeAll(async () => {
  [closed, withToken, open] = await Promise.all([
    testKeel(),
    testKeel({ env: { KEEL_METRICS_TOKEN: TOKEN } }),
    testKeel({ env: { KEEL_METRICS_PUBLIC: 'true', KEEL_API_DOCS_PUBLIC: 'true' } }),
  ]);
  agent = await closed.user(['service_desk_agent']);
});

describe('/metrics', () => {
  it('is closed by default: 401 problem, whether or not a token is configured', async () => {
    for (const k of [closed, withToken]) {
      const res = await k.app.inject({ url: '/metrics' });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(problemOf(res).detail).toMatch(/KEEL_METRICS_TOKEN/);
    }
  });

  it('answers the scraper that sends the metrics token, and no other token', async () => {
    const ok = await withToken.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('keel_http_request_duration_seconds');
    for (const authorization of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, TOKEN, 'Bearer ']) {
      const res = await withToken.app.inject({ url: '/metrics', headers: { authorization } });
      expect(res.statusCode, authorization).toBe(401);
    }
    // an API token of a person is not a metrics token
    expect((await closed.app.inject({ url: '/metrics', headers: agent.auth })).statusCode).toBe(401);
  });

  it('KEEL_METRICS_PUBLIC opens it for a Prometheus that cannot send a token', async () => {
    expect((await open.app.inject({ url: '/metrics' })).statusCode).toBe(200);
  });

  it('the API description says which: the metrics token, or nothing when opened', () => {
    const security = (k: TestKeel) =>
      (k.app.swagger() as unknown as { paths: Record<string, { get: { security: unknown } }> }).paths[
        '/metrics'
      ]?.get.security;
    expect(security(closed)).toEqual([{ metricsToken: [] }]);
    expect(security(open)).toEqual([]);
  });
});

describe('the API description', () => {
  it('needs a signed-in person or an API token by default', async () => {
    for (const url of ['/api/docs/', '/api/docs/json', '/api/openapi.json']) {
      const anonymous = await closed.app.inject({ url });
      expect(anonymous.statusCode, url).toBe(401);
      expect(problemOf(anonymous).status).toBe(401);
      expect((await closed.app.inject({ url, headers: agent.auth })).statusCode, url).toBe(200);
    }
    const { cookie } = await closed.login(agent.email);
    expect((await closed.app.inject({ url: '/api/docs/', headers: { cookie } })).statusCode).toBe(200);
  });

  it('KEEL_API_DOCS_PUBLIC shows it to anyone', async () => {
    for (const url of ['/api/docs/', '/api/openapi.json'])
      expect((await open.app.inject({ url })).statusCode, url).toBe(200);
  });
});

describe('caching', () => {
  it('no API answer may be stored by a browser or proxy, errors included', async () => {
    const answers = await Promise.all([
      closed.app.inject({ url: '/api/v1/me', headers: agent.auth }),
      closed.app.inject({ url: '/api/v1/me' }),
      closed.app.inject({ url: '/api/v1/incidents/INC-999999', headers: agent.auth }),
      closed.app.inject({ url: '/api/v1/no-such-route' }),
      closed.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'x' } }),
      closed.app.inject({ url: '/api/openapi.json', headers: agent.auth }),
      closed.app.inject({ url: '/metrics' }),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 401, 404, 404, 400, 200, 401]);
    for (const r of answers) expect(r.headers['cache-control'], r.body.slice(0, 80)).toBe('no-store');
  });

  it('the web app keeps its own caching', async () => {
    const page = await closed.app.inject({ url: '/' });
    expect(page.headers['cache-control']).not.toBe('no-store');
  });
});
