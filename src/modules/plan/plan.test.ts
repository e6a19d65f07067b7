import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';

/** The service management plan: assembled from the records, approved like a policy, exported to PDF. */
let k: TestKeel;
let head: TestUser;
let top: TestUser;
let agent: TestUser;
let customer: TestUser;

const call = (method: string, url: string, who: TestUser, payload?: object) =>
  k.app.inject({ method: method as 'GET', url, headers: who.auth, payload });
const post = (url: string, who: TestUser, payload: object = {}) => call('POST', url, who, payload);

beforeAll(async () => {
  k = await testKeel();
  [head, top, agent, customer] = await Promise.all([
    k.user(['process_owner']),
    k.user(['top_management']),
    k.user(['service_desk_agent']),
    k.user(['customer']),
  ]);
  const keeper = await k.user(['service_owner']);
  const svc = (
    await post('/api/v1/services', keeper, {
      name: 'Booking system',
      status: 'live',
      criticality: 1,
      requirements: 'Available during check-in peaks',
    })
  ).json().id;
  await post('/api/v1/scope', head, {
    statement: 'All IT services to the hotels of the group.',
    serviceIds: [svc],
    locations: ['Zermatt'],
    climateRelevant: false,
    climateReasoning: 'Our rooms are cooled by glacier water & <never> overheat.',
  });
  await post('/api/v1/roles', top, {
    key: 'change-manager',
    name: 'Change manager <CAB>',
    responsibilities: ['Chairs the CAB'],
    accessRole: 'change_manager',
  });
});

const plan = {
  identifier: 'PLAN-SMS',
  title: 'Service management plan',
  kind: 'plan',
  approverRoles: ['top_management'],
  audience: { everyone: true, roles: [], groupIds: [], customers: false },
};

describe('the service management plan', () => {
  it('is one document, approved by top management, assembled from the records and the author’s notes', async () => {
    expect(
      problemOf(
        await post('/api/v1/policies', head, { ...plan, ownerId: head.id, approverRoles: ['process_owner'] }),
      ).errors,
    ).toEqual([
      { field: 'approverRoles', message: 'the service management plan is approved by top management' },
    ]);
    const made = await post('/api/v1/policies', head, { ...plan, ownerId: head.id });
    expect(made.statusCode).toBe(201);
    const id = made.json().id;
    expect(
      problemOf(await post('/api/v1/policies', head, { ...plan, identifier: 'PLAN-2', ownerId: head.id }))
        .errors,
    ).toEqual([{ field: 'kind', message: 'there is one service management plan; give it a new version' }]);
    const notes = {
      limitations: 'No second data centre until 2027.',
      resources: 'Two more agents in winter.',
    };
    expect((await post(`/api/v1/policies/${id}/assemble`, agent, { notes })).statusCode).toBe(403);
    const assembled = await post(`/api/v1/policies/${id}/assemble`, head, { notes });
    expect(assembled.statusCode).toBe(200);
    const body: string = assembled.json().versions.at(-1).body;
    expect(body).toContain('<h2>1. Scope and context</h2><p>All IT services to the hotels of the group.</p>');
    expect(body).toContain(
      'Climate change is not a relevant issue: Our rooms are cooled by glacier water &amp; &lt;never&gt; overheat.',
    );
    expect(body).toContain('<b>Booking system</b>: Available during check-in peaks');
    expect(body).toContain('<b>Change manager &lt;CAB&gt;</b>: —. Chairs the CAB');
    expect(body).toContain('<h2>4. Known limitations</h2><p>No second data centre until 2027.</p>');
    expect(body).toContain('Two more agents in winter.');
    const view = (await call('GET', '/api/v1/plan', agent)).json();
    expect(view).toMatchObject({ policyId: id, notes });
    expect(view.preview).toContain('No second data centre until 2027.');

    // approved and published like a policy, then exported with its approval
    await post(`/api/v1/policies/${id}/submit`, head);
    expect(
      (await post(`/api/v1/policies/${id}/decisions`, top, { approved: true, comment: 'Agreed' })).statusCode,
    ).toBe(200);
    await post(`/api/v1/policies/${id}/publish`, head);
    const pdf = await call('GET', `/api/v1/policies/${id}/versions/1/pdf`, agent);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="PLAN-SMS-v1.pdf"');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(5000);
    expect((await call('GET', `/api/v1/policies/${id}/versions/1/pdf`, customer)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/policies/${id}/versions/9/pdf`, agent)).statusCode).toBe(404);
  });
});
