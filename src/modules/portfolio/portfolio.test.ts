import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';

let k: TestKeel;
let owner: TestUser;
let slm: TestUser;
let agent: TestUser;
let admin: TestUser;
let alpenrose: string;
let edelweiss: string;

beforeAll(async () => {
  k = await testKeel();
  [owner, slm, agent, admin] = await Promise.all([
    k.user(['service_owner']),
    k.user(['service_level_manager']),
    k.user(['service_desk_agent']),
    k.user(['administrator']),
  ]);
  const mk = async (code: string, name: string) => {
    const r = await k.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: slm.auth,
      payload: { code, name },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  alpenrose = await mk('ALP', 'Hotel Alpenrose');
  edelweiss = await mk('EDW', 'Hotel Edelweiss');
});

const post = (payload: object, who = owner) =>
  k.app.inject({ method: 'POST', url: '/api/v1/services', headers: who.auth, payload });

describe('customers', () => {
  it('codes are unique; only administrators and service level managers add them', async () => {
    const dup = await k.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: admin.auth,
      payload: { code: 'alp', name: 'Again' },
    });
    expect(problemOf(dup).errors).toEqual([{ field: 'code', message: 'is already in use' }]);
    expect(
      (
        await k.app.inject({
          method: 'POST',
          url: '/api/v1/customers',
          headers: agent.auth,
          payload: { code: 'X', name: 'X' },
        })
      ).statusCode,
    ).toBe(403);
    const list = await k.app.inject({ url: '/api/v1/customers', headers: agent.auth });
    expect(list.json().items.map((c: { code: string }) => c.code)).toEqual(['ALP', 'EDW']);
  });
});

describe('the service portfolio', () => {
  it('a service is created with its CI, customers and catalogue entry', async () => {
    const res = await post({
      name: 'Guest Wi-Fi',
      status: 'live',
      criticality: 2,
      requirements: 'Coverage in every room and the spa; 50 Mbit/s per guest.',
      hoursOfService: '24×7',
      customerIds: [alpenrose, edelweiss],
      published: true,
      catalogue: {
        en: { name: 'Guest Wi-Fi', description: 'Internet for hotel guests' },
        nl: { name: 'Gasten-wifi', description: 'Internet voor hotelgasten' },
        da: { name: 'Gæste-wifi', description: 'Internet til hotelgæster' },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const svc = res.json();
    expect(svc).toMatchObject({
      name: 'Guest Wi-Fi',
      kind: 'business',
      status: 'live',
      criticality: 2,
      published: true,
    });
    expect(svc.customers.map((c: { code: string }) => c.code)).toEqual(['ALP', 'EDW']);
    const ci = await k.app.inject({ url: `/api/v1/cis/${svc.ciId}`, headers: agent.auth });
    expect(ci.json()).toMatchObject({
      classKey: 'business_service',
      name: 'Guest Wi-Fi',
      status: 'live',
      serviceId: svc.id,
    });
  });

  it('bad input names its field: criticality, unknown customer, publishing without catalogue text', async () => {
    const res = await post({
      name: 'X',
      criticality: 7,
      customerIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(problemOf(res).errors).toEqual([{ field: 'criticality', message: 'must be 1 (highest) to 4' }]);
    const ghost = await post({ name: 'X', customerIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(problemOf(ghost).errors).toEqual([
      { field: 'customerIds', message: 'no customer 00000000-0000-4000-8000-000000000000' },
    ]);
    const bare = await post({ name: 'X', published: true });
    expect(problemOf(bare).errors).toEqual([
      {
        field: 'catalogue.en.name',
        message: 'a published service needs its catalogue name (English at least)',
      },
    ]);
    const dup = await post({ name: 'guest wi-fi' });
    expect(dup.statusCode).toBe(409);
  });

  it('status moves along its lifecycle and the CI follows; changes need If-Match', async () => {
    const svc = (await post({ name: 'Conference room booking', customerIds: [alpenrose] }, slm)).json();
    const patch = (body: object, etag: string) =>
      k.app.inject({
        method: 'PATCH',
        url: `/api/v1/services/${svc.id}`,
        headers: { ...slm.auth, 'if-match': etag },
        payload: body,
      });
    const live = await patch({ status: 'live', name: 'Meeting room booking' }, '"1"');
    expect(live.statusCode, live.body).toBe(200);
    expect(
      (await k.app.inject({ url: `/api/v1/cis/${svc.ciId}`, headers: agent.auth })).json(),
    ).toMatchObject({ status: 'live', name: 'Meeting room booking' });
    const back = await patch({ status: 'pipeline' }, '"2"');
    expect(problemOf(back).errors).toEqual([{ field: 'status', message: 'cannot go from live to pipeline' }]);
    expect((await patch({ criticality: 1 }, '"1"')).statusCode).toBe(412);
    expect((await post({ name: 'Nope' }, agent)).statusCode).toBe(403);
  });

  it('reads one service with its ETag; an unknown one is a 404', async () => {
    const list = (await k.app.inject({ url: '/api/v1/services?q=Guest', headers: agent.auth })).json().items;
    const one = await k.app.inject({ url: `/api/v1/services/${list[0].id}`, headers: agent.auth });
    expect(one.json()).toMatchObject({ name: 'Guest Wi-Fi', catalogue: { nl: { name: 'Gasten-wifi' } } });
    expect(one.headers.etag).toBe(`"${one.json().version}"`);
    expect(
      (
        await k.app.inject({
          url: '/api/v1/services/00000000-0000-4000-8000-000000000000',
          headers: agent.auth,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('lists by status and customer, cursor-paged', async () => {
    for (const n of ['Point of sale', 'E-mail', 'Booking system'])
      await post({ name: n, status: 'live', customerIds: [edelweiss] });
    const forEdw = await k.app.inject({
      url: `/api/v1/services?customerId=${edelweiss}&limit=2`,
      headers: agent.auth,
    });
    expect(forEdw.json().items.map((s: { name: string }) => s.name)).toEqual(['Booking system', 'E-mail']);
    const next = await k.app.inject({
      url: `/api/v1/services?customerId=${edelweiss}&limit=2&cursor=${forEdw.json().nextCursor}`,
      headers: agent.auth,
    });
    expect(next.json().items.map((s: { name: string }) => s.name)).toEqual(['Guest Wi-Fi', 'Point of sale']);
    expect(next.json().nextCursor).toBeNull();
  });

  it('the technical view lists components and supporting services below a service', async () => {
    const email = (await k.app.inject({ url: '/api/v1/services?q=E-mail', headers: agent.auth })).json()
      .items[0];
    const dir = (await post({ name: 'Directory', kind: 'technical', status: 'live' })).json();
    const cm = await k.user(['configuration_manager']);
    const mkCi = async (payload: object) =>
      (await k.app.inject({ method: 'POST', url: '/api/v1/cis', headers: cm.auth, payload })).json();
    const mail = await mkCi({ classKey: 'application', name: 'Mail server' });
    const rel = (sourceId: string, typeKey: string, targetId: string) =>
      k.app.inject({
        method: 'POST',
        url: '/api/v1/ci-relationships',
        headers: cm.auth,
        payload: { sourceId, targetId, typeKey },
      });
    await rel(email.ciId, 'provided_by', mail.id);
    await rel(mail.id, 'depends_on', dir.ciId);
    const view = await k.app.inject({
      url: `/api/v1/services/${email.id}/technical-view`,
      headers: agent.auth,
    });
    expect(view.json()).toEqual({
      components: [expect.objectContaining({ name: 'Mail server', depth: 1 })],
      supportingServices: [expect.objectContaining({ name: 'Directory', depth: 2, serviceId: dir.id })],
    });
  });
});

describe('the customer-facing catalogue', () => {
  it('a customer sees the published services offered to their organisation, in their language', async () => {
    const res = await k.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.auth,
      payload: {
        email: 'guest-relations@alpenrose.example',
        name: 'Greta',
        roles: ['customer'],
        language: 'da',
        customerId: alpenrose,
        password: 'alpenrose guest relations',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { cookie } = await k.login('guest-relations@alpenrose.example', 'alpenrose guest relations');
    const cat = await k.app.inject({ url: '/api/v1/catalogue', headers: { cookie } });
    expect(cat.json().items).toEqual([
      {
        id: expect.any(String),
        name: 'Gæste-wifi',
        description: 'Internet til hotelgæster',
        hoursOfService: '24×7',
        status: 'live',
        language: 'da',
        requestItems: [],
      },
    ]);
    const edw = await k.user(['customer']);
    expect((await k.app.inject({ url: '/api/v1/catalogue', headers: edw.auth })).json().items).toEqual([]);
    expect((await k.app.inject({ url: '/api/v1/services', headers: { cookie } })).statusCode).toBe(403);
    const staff = await k.app.inject({ url: '/api/v1/catalogue?language=nl', headers: agent.auth });
    expect(staff.json().items.map((i: { name: string }) => i.name)).toEqual(['Gasten-wifi']);
  });
});

describe('renaming a customer', () => {
  it('needs If-Match and keeps codes unique', async () => {
    const list = (await k.app.inject({ url: '/api/v1/customers', headers: slm.auth })).json().items;
    const glb = list.find((c: { code: string }) => c.code === 'EDW');
    const renamed = await k.app.inject({
      method: 'PATCH',
      url: `/api/v1/customers/${glb.id}`,
      headers: { ...slm.auth, 'if-match': `"${glb.version}"` },
      payload: { name: 'Hotel Edelweiss & Spa' },
    });
    expect(renamed.json()).toMatchObject({ name: 'Hotel Edelweiss & Spa', version: glb.version + 1 });
    const clash = await k.app.inject({
      method: 'PATCH',
      url: `/api/v1/customers/${glb.id}`,
      headers: { ...slm.auth, 'if-match': `"${glb.version + 1}"` },
      payload: { code: 'ALP' },
    });
    expect(problemOf(clash).errors).toEqual([{ field: 'code', message: 'is already in use' }]);
  });
});
