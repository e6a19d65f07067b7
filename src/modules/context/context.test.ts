import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';

/** Context and the scope with its warnings. */
let k: TestKeel;
let head: TestUser;
let top: TestUser;
let agent: TestUser;
let auditor: TestUser;
let customer: TestUser;
const svc: Record<string, string> = {};

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
const post = (url: string, who: TestUser, payload: object = {}) => call('POST', url, who, payload);
const get = (url: string, who: TestUser) => call('GET', url, who);

beforeAll(async () => {
  k = await testKeel();
  [head, top, agent, auditor, customer] = await Promise.all([
    k.user(['process_owner']),
    k.user(['top_management']),
    k.user(['service_desk_agent']),
    k.user(['internal_auditor']),
    k.user(['customer']),
  ]);
  const keeper = await k.user(['service_owner']);
  for (const [name, status] of [
    ['Booking', 'live'],
    ['Wi-Fi', 'live'],
    ['Fax', 'retired'],
  ] as const)
    svc[name] = (await post('/api/v1/services', keeper, { name, status, criticality: 2 })).json().id;
});

describe('context', () => {
  it('keeps issues and interested parties, written by top management and process owners', async () => {
    const issue = await post('/api/v1/context/issues', head, {
      kind: 'external',
      title: 'Heat waves in the alpine summer',
      effect: 'Server room cooling at the Zermatt hotel',
      climateRelated: true,
    });
    expect(issue.statusCode).toBe(201);
    expect((await post('/api/v1/context/issues', agent, { kind: 'internal', title: 'x' })).statusCode).toBe(
      403,
    );
    expect(
      problemOf(await post('/api/v1/context/issues', head, { kind: 'sideways', title: ' ' })).errors!.map(
        (e) => e.field,
      ),
    ).toEqual(['kind', 'title']);
    const changed = await call(
      'PATCH',
      `/api/v1/context/issues/${issue.json().id}`,
      top,
      { status: 'closed' },
      { 'if-match': issue.headers.etag as string },
    );
    expect(changed.json()).toMatchObject({
      status: 'closed',
      title: 'Heat waves in the alpine summer',
      version: 2,
    });
    const party = await post('/api/v1/context/parties', head, {
      name: 'Hotel guests',
      kind: 'user',
      requirements: 'Wi-Fi that works in every room',
      howAddressed: 'Wi-Fi service with a 99.5% availability target',
    });
    expect(party.statusCode).toBe(201);
    const ctx = (await get('/api/v1/context', auditor)).json();
    expect(ctx.issues).toHaveLength(1);
    expect(ctx.parties).toMatchObject([{ name: 'Hotel guests' }]);
    expect(ctx.climate).toBeNull();
    expect((await get('/api/v1/context', customer)).statusCode).toBe(403);
  });
});

describe('the scope', () => {
  it('warns before it exists, requires the climate decision, and warns where it and the services disagree', async () => {
    expect((await get('/api/v1/scope', agent)).json()).toMatchObject({
      current: null,
      warnings: [{ kind: 'no_scope' }],
    });
    const missing = await post('/api/v1/scope', head, {
      statement: ' ',
      serviceIds: [svc.Booking, '00000000-0000-4000-8000-000000000000'],
      climateRelevant: false,
      climateReasoning: '',
    });
    expect(problemOf(missing).errors).toEqual([
      { field: 'statement', message: 'is required' },
      { field: 'climateReasoning', message: 'say why climate change is or is not relevant' },
      { field: 'serviceIds', message: 'no services 00000000-0000-4000-8000-000000000000' },
    ]);
    const first = await post('/api/v1/scope', head, {
      statement: 'The SMS of Alpine Hotels IT covers the services it provides to the group’s hotels.',
      serviceIds: [svc.Booking, svc.Fax],
      units: ['IT department'],
      locations: ['Zermatt', 'Davos'],
      climateRelevant: true,
      climateReasoning: 'Heat waves threaten the cooling of the hotel server rooms.',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json().current).toMatchObject({
      number: 1,
      locations: ['Zermatt', 'Davos'],
      climateRelevant: true,
    });
    expect(first.json().warnings).toEqual([
      { kind: 'retired_service_in_scope', serviceId: svc.Fax, name: 'Fax' },
      { kind: 'live_service_outside_scope', serviceId: svc['Wi-Fi'], name: 'Wi-Fi' },
    ]);
    expect(
      problemOf(await post('/api/v1/scope', head, { ...first.json().current, serviceIds: [svc.Booking] }))
        .errors,
    ).toEqual([{ field: 'reason', message: 'say why the scope changes' }]);
    const second = await post('/api/v1/scope', top, {
      statement: 'The SMS covers the services to the group’s hotels.',
      serviceIds: [svc.Booking, svc['Wi-Fi']],
      climateRelevant: true,
      climateReasoning: 'Heat waves threaten the cooling of the hotel server rooms.',
      reason: 'Fax retired; Wi-Fi went live',
    });
    expect(second.json()).toMatchObject({
      current: { number: 2, services: [{ name: 'Booking' }, { name: 'Wi-Fi' }] },
      warnings: [],
      versions: [{ number: 2, reason: 'Fax retired; Wi-Fi went live' }, { number: 1 }],
    });
    expect((await get('/api/v1/scope/versions/1', auditor)).json()).toMatchObject({
      number: 1,
      serviceIds: [svc.Booking, svc.Fax],
    });
    expect((await post('/api/v1/scope', agent, second.json().current)).statusCode).toBe(403);
    expect((await get('/api/v1/context', head)).json().climate).toMatchObject({ number: 2, relevant: true });
    const audit = await k.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'scope.versioned'`,
    );
    expect(audit.rows[0]!.n).toBe(2);
  });
});
