import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';

/**
 * The service desk every incident test file works in: Keel on its own database, the desk's people, a
 * customer with two services (one critical), SLAs on a business calendar, two groups; and the calls the
 * tests make. Each file calls setUpDesk in its beforeAll; the bindings below are live, so they hold the
 * file's own desk once it is set up.
 */
export let k: TestKeel;
export let agent: TestUser;
export let resolver: TestUser;
export let manager: TestUser;
export let top: TestUser;
export let customer: TestUser;
export let otherCustomer: TestUser;
export let auditor: TestUser;
export let customerId: string;
export let serviceId: string;
export let serviceCiId: string;
export let criticalServiceId: string;
export let slaId: string;
export let strictSlaId: string;
export let groupId: string;
export let networkGroupId: string;
export const M = 60_000;

export const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
export const post = (url: string, payload: object, who = agent) => call('POST', url, who, payload);

export async function record(payload: object = {}, who = agent) {
  const res = await post(
    '/api/v1/incidents',
    { title: 'Check-in terminal frozen', impact: 2, urgency: 2, customerId, serviceId, ...payload },
    who,
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function move(number: string, body: object, who = agent) {
  const cur = await call('GET', `/api/v1/incidents/${number}`, who);
  return call('POST', `/api/v1/incidents/${number}/transitions`, who, body, {
    'if-match': cur.headers.etag as string,
  });
}

export async function patch(number: string, body: object, who = agent) {
  const cur = await call('GET', `/api/v1/incidents/${number}`, who);
  return call('PATCH', `/api/v1/incidents/${number}`, who, body, { 'if-match': cur.headers.etag as string });
}

export const clock = (inc: { clocks: Array<{ metric: string }> }, metric: string) =>
  inc.clocks.find((c) => c.metric === metric) as unknown as {
    state: string;
    deadline: string | null;
    pausedFor: string | null;
    priority: number;
    agreementId: string;
    elapsedMs: number;
    events: Array<{ kind: string; at: number }>;
  };

export async function setUpDesk() {
  k = await testKeel();
  const slm = await k.user(['service_level_manager', 'service_owner', 'incident_manager']);
  [agent, resolver, manager, top, auditor] = await Promise.all([
    k.user(['service_desk_agent']),
    k.user(['resolver']),
    k.user(['incident_manager']),
    k.user(['top_management']),
    k.user(['internal_auditor']),
  ]);
  customerId = (await post('/api/v1/customers', { code: 'ALP', name: 'Hotel Alpenrose' }, slm)).json().id;
  [customer, otherCustomer] = await Promise.all([k.user(['customer']), k.user(['customer'])]);
  await k.db.execute(
    sql`update users set customer_id = ${customerId} where id in (${customer.id}, ${otherCustomer.id})`,
  );
  const svc = (
    await post(
      '/api/v1/services',
      { name: 'Front desk', status: 'live', criticality: 3, customerIds: [customerId] },
      slm,
    )
  ).json();
  serviceId = svc.id;
  serviceCiId = svc.ciId;
  criticalServiceId = (
    await post(
      '/api/v1/services',
      { name: 'Door locks', status: 'live', criticality: 1, customerIds: [customerId] },
      slm,
    )
  ).json().id;
  const calendarId = (
    await post(
      '/api/v1/calendars',
      {
        name: 'Always',
        timeZone: 'UTC',
        week: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ start: '00:00', end: '24:00' }]])),
      },
      slm,
    )
  ).json().id;
  const targets = (response: number, resolution: number) =>
    [1, 2, 3, 4, 5].flatMap((priority) => [
      { metric: 'response', priority, minutes: response * priority },
      { metric: 'resolution', priority, minutes: resolution * priority },
    ]);
  const sla = await post(
    '/api/v1/agreements',
    {
      kind: 'sla',
      name: 'Alpenrose standard',
      customerId,
      calendarId,
      status: 'active',
      serviceIds: [serviceId, criticalServiceId],
      targets: targets(30, 240),
      pauseOn: ['customer'],
    },
    slm,
  );
  expect(sla.statusCode, sla.body).toBe(201);
  slaId = sla.json().id;
  strictSlaId = (
    await post(
      '/api/v1/agreements',
      {
        kind: 'sla',
        name: 'Alpenrose premium',
        customerId,
        calendarId,
        status: 'draft',
        serviceIds: [serviceId],
        targets: targets(15, 120),
      },
      slm,
    )
  ).json().id;
  const g = await post(
    '/api/v1/groups',
    { name: 'Front office IT', serviceIds: [serviceId], memberIds: [agent.id, resolver.id] },
    manager,
  );
  expect(g.statusCode, g.body).toBe(201);
  groupId = g.json().id;
  networkGroupId = (
    await post(
      '/api/v1/groups',
      { name: 'Network', categories: ['network'], memberIds: [resolver.id] },
      manager,
    )
  ).json().id;
}
