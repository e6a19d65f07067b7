import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';

/**
 * The clocks of the other agreements an incident runs under: the OLA of each group that holds it, and the
 * underpinning contract of the supplier it waits on (clock-rules.ts), beside the customer's SLA.
 */
let k: TestKeel;
let agent: TestUser;
let customer: TestUser;
let slm: TestUser;
let customerId: string;
let serviceId: string;
let deskGroup: string;
let networkGroup: string;
let supplierId: string;
let otherSupplierId: string;
let deskOla: string;
let networkOla: string;
let contract: string;

type Clock = {
  metric: string;
  scope: string;
  state: string;
  pausedFor: string | null;
  agreementName: string;
  agreementKind: string;
  breached: boolean;
  breachReason: string | null;
};
type Incident = {
  number: string;
  clocks: Clock[];
  supplierCiId: string | null;
  names: Record<string, string>;
};

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
const post = (url: string, payload: object, who = slm) => call('POST', url, who, payload);
const get = async (number: string, who = agent): Promise<Incident> =>
  (await call('GET', `/api/v1/incidents/${number}`, who)).json();

async function step(number: string, method: 'PATCH' | 'POST', body: object) {
  const cur = await call('GET', `/api/v1/incidents/${number}`, agent);
  const url = method === 'PATCH' ? `/api/v1/incidents/${number}` : `/api/v1/incidents/${number}/transitions`;
  const res = await call(method, url, agent, body, { 'if-match': cur.headers.etag as string });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Incident;
}

/** scope/metric → state (and the pause reason), for comparing all clocks at once. */
const states = (inc: Incident) =>
  Object.fromEntries(
    inc.clocks.map((c) => [
      `${c.scope}/${c.metric}`,
      c.state === 'paused' ? `paused:${c.pausedFor}` : c.state,
    ]),
  );

beforeAll(async () => {
  k = await testKeel();
  [agent, customer, slm] = await Promise.all([
    k.user(['service_desk_agent']),
    k.user(['customer']),
    k.user(['service_level_manager', 'service_owner', 'incident_manager', 'configuration_manager']),
  ]);
  customerId = (await post('/api/v1/customers', { code: 'SEE', name: 'Seehotel' })).json().id;
  await k.db.execute(`update users set customer_id = '${customerId}' where id = '${customer.id}'`);
  serviceId = (
    await post('/api/v1/services', {
      name: 'Guest Wi-Fi',
      status: 'live',
      criticality: 3,
      customerIds: [customerId],
    })
  ).json().id;
  const calendarId = (
    await post('/api/v1/calendars', {
      name: 'Around the clock',
      timeZone: 'UTC',
      week: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ start: '00:00', end: '24:00' }]])),
    })
  ).json().id;
  const targets = (minutes: number) =>
    [1, 2, 3, 4, 5].flatMap((priority) => [
      { metric: 'response', priority, minutes },
      { metric: 'resolution', priority, minutes: minutes * 8 },
    ]);
  const agreement = async (body: object) => {
    const res = await post('/api/v1/agreements', {
      calendarId,
      status: 'active',
      serviceIds: [serviceId],
      targets: targets(60),
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  [deskGroup, networkGroup] = await Promise.all(
    ['Desk', 'Network'].map(
      async (name) => (await post('/api/v1/groups', { name, memberIds: [agent.id] })).json().id,
    ),
  );
  [supplierId, otherSupplierId] = await Promise.all(
    ['Alpine Fibre', 'Valley Cable'].map(
      async (name) => (await post('/api/v1/cis', { classKey: 'supplier', name })).json().id,
    ),
  );
  await agreement({ kind: 'sla', name: 'Seehotel Wi-Fi', customerId, pauseOn: ['customer', 'supplier'] });
  deskOla = await agreement({ kind: 'ola', name: 'Desk OLA', groupId: deskGroup, pauseOn: ['customer'] });
  networkOla = await agreement({ kind: 'ola', name: 'Network OLA', groupId: networkGroup, pauseOn: [] });
  contract = await agreement({
    kind: 'underpinning_contract',
    name: 'Fibre contract',
    supplierCiId: supplierId,
  });
});

describe('OLA and underpinning contract clocks', () => {
  it("each holding group's OLA measures its share; the supplier's contract runs while the incident waits on it", async () => {
    const created = await post(
      '/api/v1/incidents',
      {
        title: 'Wi-Fi down in the east wing',
        impact: 2,
        urgency: 2,
        customerId,
        serviceId,
        groupId: deskGroup,
      },
      agent,
    );
    expect(created.statusCode, created.body).toBe(201);
    const { number } = created.json() as Incident;
    const ola = (g: string) => `ola:${g}`;
    const uc = `uc:${supplierId}`;
    let inc = await get(number);
    expect(states(inc)).toEqual({
      'sla/response': 'running',
      'sla/resolution': 'running',
      [`${ola(deskGroup)}/response`]: 'running',
      [`${ola(deskGroup)}/resolution`]: 'running',
    });
    expect(inc.clocks.find((c) => c.scope === ola(deskGroup))).toMatchObject({
      agreementName: 'Desk OLA',
      agreementKind: 'ola',
    });

    inc = await step(number, 'POST', { to: 'in_progress' });
    // the network group takes over while work is under way: the desk's clock waits, the network's starts
    // without a response clock (work was already under way when it arrived)
    inc = await step(number, 'PATCH', { groupId: networkGroup });
    expect(states(inc)).toEqual({
      'sla/response': 'stopped',
      'sla/resolution': 'running',
      [`${ola(deskGroup)}/response`]: 'stopped',
      [`${ola(deskGroup)}/resolution`]: 'paused:reassigned',
      [`${ola(networkGroup)}/resolution`]: 'running',
    });

    // waiting on the one supplier under contract for the service: it is taken as the one waited on
    inc = await step(number, 'POST', { to: 'pending', pendingReason: 'supplier' });
    expect(inc.supplierCiId).toBe(supplierId);
    expect(inc.names.supplier).toBe('Alpine Fibre');
    expect(states(inc)).toMatchObject({
      'sla/resolution': 'paused:pending:supplier',
      [`${ola(networkGroup)}/resolution`]: 'running',
      [`${uc}/response`]: 'running',
      [`${uc}/resolution`]: 'running',
    });

    // the supplier answers: its response is given, its resolution waits while the work is back with us
    inc = await step(number, 'POST', { to: 'in_progress' });
    expect(inc.supplierCiId).toBeNull();
    expect(states(inc)).toMatchObject({
      'sla/resolution': 'running',
      [`${uc}/response`]: 'stopped',
      [`${uc}/resolution`]: 'paused:with-provider',
    });

    // back to the desk: its clock runs on from where it stood, the network's waits
    inc = await step(number, 'PATCH', { groupId: deskGroup });
    expect(states(inc)).toMatchObject({
      [`${ola(deskGroup)}/resolution`]: 'running',
      [`${ola(networkGroup)}/resolution`]: 'paused:reassigned',
    });

    inc = await step(number, 'POST', {
      to: 'resolved',
      resolutionCode: 'fixed',
      resolutionText: 'Fibre spliced',
    });
    expect(states(inc)).toEqual({
      'sla/response': 'stopped',
      'sla/resolution': 'paused:resolved',
      [`${ola(deskGroup)}/response`]: 'stopped',
      [`${ola(deskGroup)}/resolution`]: 'paused:resolved',
      [`${ola(networkGroup)}/resolution`]: 'stopped',
      [`${uc}/response`]: 'stopped',
      [`${uc}/resolution`]: 'stopped',
    });

    // the requester sees the SLA they agreed, not the provider's internal agreements
    await k.db.execute(`update work_items set requester_id = '${customer.id}' where number = '${number}'`);
    const theirs = await get(number, customer);
    expect(theirs.clocks.map((c) => c.scope)).toEqual(['sla', 'sla']);
    expect(theirs.supplierCiId).toBeNull();

    // each agreement's report counts its own clocks
    for (const id of [deskOla, networkOla, contract]) {
      const today = new Date().toISOString().slice(0, 10);
      const report = await call('GET', `/api/v1/agreements/${id}/report?from=${today}&to=${today}`, slm);
      expect(report.statusCode, report.body).toBe(200);
      const total = report.json().targets.reduce((n: number, t: { total: number }) => n + t.total, 0);
      expect(total, id).toBeGreaterThan(0);
    }
  });

  it('several suppliers under contract: the one waited on is named, and checked', async () => {
    await post('/api/v1/agreements', {
      kind: 'underpinning_contract',
      name: 'Cable contract',
      supplierCiId: otherSupplierId,
      calendarId: (await call('GET', '/api/v1/calendars', slm)).json().items[0].id,
      status: 'active',
      serviceIds: [serviceId],
      targets: [{ metric: 'resolution', priority: 3, minutes: 600 }],
    });
    const { number } = (
      await post(
        '/api/v1/incidents',
        { title: 'Slow Wi-Fi', impact: 2, urgency: 2, customerId, serviceId, groupId: networkGroup },
        agent,
      )
    ).json() as Incident;
    const options = await call('GET', `/api/v1/incidents/supplier-options?serviceId=${serviceId}`, agent);
    expect(options.json().items.map((o: { name: string }) => o.name)).toEqual([
      'Alpine Fibre',
      'Valley Cable',
    ]);
    expect(
      (await call('GET', `/api/v1/incidents/supplier-options?serviceId=${serviceId}`, customer)).statusCode,
    ).toBe(403);
    // two suppliers could be meant: none is guessed, no contract clock runs
    let inc = await step(number, 'POST', { to: 'pending', pendingReason: 'supplier' });
    expect(inc.supplierCiId).toBeNull();
    expect(inc.clocks.some((c) => c.scope.startsWith('uc:'))).toBe(false);
    inc = await step(number, 'POST', { to: 'in_progress' });

    const cur = await call('GET', `/api/v1/incidents/${number}`, agent);
    const bad = await call(
      'POST',
      `/api/v1/incidents/${number}/transitions`,
      agent,
      { to: 'pending', pendingReason: 'customer', supplierCiId: otherSupplierId },
      { 'if-match': cur.headers.etag as string },
    );
    expect(problemOf(bad).errors).toEqual([
      { field: 'supplierCiId', message: 'is named only when waiting on a supplier' },
    ]);
    const notSupplier = await call(
      'POST',
      `/api/v1/incidents/${number}/transitions`,
      agent,
      { to: 'pending', pendingReason: 'supplier', supplierCiId: serviceId },
      { 'if-match': cur.headers.etag as string },
    );
    expect(problemOf(notSupplier).errors).toEqual([
      { field: 'supplierCiId', message: 'must be a CI of class supplier' },
    ]);

    inc = await step(number, 'POST', {
      to: 'pending',
      pendingReason: 'supplier',
      supplierCiId: otherSupplierId,
    });
    expect(states(inc)).toMatchObject({ [`uc:${otherSupplierId}/resolution`]: 'running' });
    expect(states(inc)[`uc:${otherSupplierId}/response`]).toBeUndefined(); // the contract sets no response target
  });

  it('a missed OLA target is explained under its own scope', async () => {
    const { number } = (
      await post(
        '/api/v1/incidents',
        { title: 'Access point dead', impact: 2, urgency: 2, customerId, serviceId, groupId: deskGroup },
        agent,
      )
    ).json() as Incident;
    await k.db.execute(
      `update sla_clocks set breached_at = now() where scope = 'ola:${deskGroup}' and metric = 'response'
          and work_item_id = (select id from work_items where number = '${number}')`,
    );
    const put = (body: object) =>
      call('PUT', `/api/v1/incidents/${number}/clocks/response/breach-reason`, agent, body);
    expect((await put({ reason: 'Nobody on shift', scope: 'bogus' })).statusCode).toBe(400);
    // the SLA's response target was not missed
    expect((await put({ reason: 'Nobody on shift' })).statusCode).toBe(409);
    const res = await put({ reason: 'Nobody on shift', scope: `ola:${deskGroup}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(
      (res.json() as Incident).clocks.find((c) => c.scope === `ola:${deskGroup}` && c.metric === 'response'),
    ).toMatchObject({ breached: true, breachReason: 'Nobody on shift' });
  });

  it('an OLA is agreed with a group that exists; only an OLA has a group', async () => {
    const calendarId = (await call('GET', '/api/v1/calendars', slm)).json().items[0].id;
    const sla = await post('/api/v1/agreements', {
      kind: 'sla',
      name: 'With a group',
      customerId,
      groupId: deskGroup,
      calendarId,
    });
    expect(problemOf(sla).errors).toEqual([
      { field: 'groupId', message: 'only an OLA is agreed with a group' },
    ]);
    const ola = await post('/api/v1/agreements', {
      kind: 'ola',
      name: 'Ghost group',
      groupId: '00000000-0000-4000-8000-000000000000',
      calendarId,
    });
    expect(problemOf(ola).errors).toEqual([{ field: 'groupId', message: 'no such group' }]);
    const view = (await call('GET', `/api/v1/agreements/${deskOla}`, slm)).json();
    expect(view).toMatchObject({ groupId: deskGroup, groupName: 'Desk' });
  });
});
