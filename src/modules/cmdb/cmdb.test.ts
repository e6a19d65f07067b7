/**
 * The CMDB's API: classes, CIs, relationships and impact (about 470 lines, one file on purpose): the tests
 * share one started Keel and the classes and CIs each builds on, as a configuration manager's day would.
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { reachable } from './impact.ts';

let k: TestKeel;
let cm: TestUser;
let agent: TestUser;
let customer: TestUser;
let auditor: TestUser;

beforeAll(async () => {
  k = await testKeel();
  [cm, agent, customer, auditor] = await Promise.all([
    k.user(['configuration_manager']),
    k.user(['service_desk_agent']),
    k.user(['customer']),
    k.user(['internal_auditor']),
  ]);
});

const post = (url: string, payload: object, who = cm) =>
  k.app.inject({ method: 'POST', url, headers: who.auth, payload });
const ci = async (classKey: string, name: string, extra: object = {}) => {
  const res = await post('/api/v1/cis', { classKey, name, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; name: string };
};
const relate = async (sourceId: string, typeKey: string, targetId: string) => {
  const res = await post('/api/v1/ci-relationships', { sourceId, targetId, typeKey });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
};

describe('CI classes', () => {
  it('lists the built-in classes with names in three languages', async () => {
    const res = await k.app.inject({ url: '/api/v1/ci-classes', headers: agent.auth });
    const keys = res.json().items.map((c: { key: string }) => c.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'server',
        'virtual_machine',
        'application',
        'database',
        'network_device',
        'site',
        'software',
        'licence',
        'business_service',
      ]),
    );
    const server = res.json().items.find((c: { key: string }) => c.key === 'server');
    expect(server.names).toEqual({ en: 'Server', nl: 'Server', da: 'Server' });
  });

  it('defines a class with typed attributes and refuses bad declarations', async () => {
    const ok = await post('/api/v1/ci-classes', {
      key: 'printer',
      names: { en: 'Printer', nl: 'Printer', da: 'Printer' },
      attributes: [
        { key: 'model', label: 'Model', type: 'text', required: true },
        { key: 'colour', label: 'Colour', type: 'boolean' },
        { key: 'paper', label: 'Paper', type: 'choice', values: ['A4', 'A3'] },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const bad = await post('/api/v1/ci-classes', {
      key: 'Bad Key',
      names: { en: 'x' },
      attributes: [
        { key: 'a', label: 'A', type: 'choice' },
        { key: 'a', label: 'A again', type: 'text' },
      ],
    });
    expect(problemOf(bad).errors).toEqual(
      expect.arrayContaining([
        { field: 'key', message: expect.stringContaining('lower case') },
        { field: 'attributes.0.values', message: 'a choice needs at least one allowed value' },
        { field: 'attributes.1.key', message: '"a" is declared twice' },
      ]),
    );
    expect(
      (await post('/api/v1/ci-classes', { key: 'printer2', names: { en: 'P' } }, agent)).statusCode,
    ).toBe(403);
  });

  it('will not make an attribute required while CIs lack it', async () => {
    await ci('printer', 'PRN-1', { attributes: { model: 'LaserJet' } });
    const read = await k.app.inject({ url: '/api/v1/ci-classes/printer', headers: cm.auth });
    const res = await k.app.inject({
      method: 'PATCH',
      url: '/api/v1/ci-classes/printer',
      headers: { ...cm.auth, 'if-match': read.headers.etag as string },
      payload: {
        attributes: [
          ...read.json().attributes,
          { key: 'location_code', label: 'Room', type: 'text', required: true },
        ],
      },
    });
    expect(problemOf(res).errors).toEqual([
      { field: 'attributes.3.required', message: '1 CI(s) of this class have no location_code yet' },
    ]);
  });
});

describe('class changes that would strand values', () => {
  it('refuses removing an attribute or changing its type while CIs hold values for it', async () => {
    await post('/api/v1/ci-classes', {
      key: 'kiosk',
      names: { en: 'Kiosk' },
      attributes: [{ key: 'screen', label: 'Screen', type: 'text' }],
    });
    const kiosk = (
      await post('/api/v1/cis', { classKey: 'kiosk', name: 'Lobby kiosk', attributes: { screen: '24 inch' } })
    ).json();
    const patch = (attributes: object[]) =>
      k.app.inject({
        method: 'PATCH',
        url: '/api/v1/ci-classes/kiosk',
        headers: { ...cm.auth, 'if-match': '"1"' },
        payload: { attributes },
      });
    expect(problemOf(await patch([])).errors).toEqual([
      { field: 'attributes', message: '1 CI(s) hold a value for screen; clear it before removing it' },
    ]);
    expect(
      problemOf(await patch([{ key: 'screen', label: 'Screen', type: 'integer' }])).errors![0]!.message,
    ).toMatch(/clear it before changing its type/);
    const cleared = await k.app.inject({
      method: 'PATCH',
      url: `/api/v1/cis/${kiosk.id}`,
      headers: { ...cm.auth, 'if-match': '"1"' },
      payload: { attributes: { screen: null } },
    });
    expect(cleared.json().attributes).toEqual({});
    expect((await patch([])).statusCode).toBe(200);
  });
});

describe('configuration items', () => {
  it('creates a CI, validating attributes against its class', async () => {
    const good = await post('/api/v1/cis', {
      classKey: 'server',
      name: 'srv-db-01',
      externalId: 'ASSET-1001',
      status: 'live',
      attributes: {
        hostname: 'srv-db-01.hotel.example',
        cpu_cores: '16',
        memory_gb: 64,
        environment: 'production',
      },
      purchaseDate: '2024-03-01',
      supplier: 'Dell',
      cost: 8450.5,
      warrantyEnd: '2029-03-01',
    });
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json()).toMatchObject({
      classKey: 'server',
      attributes: { cpu_cores: 16, memory_gb: 64, environment: 'production' },
      cost: '8450.50',
      warrantyEnd: '2029-03-01',
    });
    const bad = await post('/api/v1/cis', {
      classKey: 'server',
      name: 'srv-bad',
      attributes: { cpu_cores: 'many', environment: 'staging', colour: 'red' },
    });
    expect(problemOf(bad).errors).toEqual(
      expect.arrayContaining([
        { field: 'attributes.cpu_cores', message: 'must be a whole number' },
        { field: 'attributes.environment', message: expect.stringContaining('must be one of') },
        { field: 'attributes.colour', message: expect.stringContaining('is not an attribute of this class') },
      ]),
    );
    const missing = await post('/api/v1/cis', { classKey: 'database', name: 'db-x' });
    expect(problemOf(missing).errors).toEqual([{ field: 'attributes.engine', message: 'is required' }]);
    const unknownClass = await post('/api/v1/cis', { classKey: 'spaceship', name: 'x' });
    expect(problemOf(unknownClass).errors).toEqual([
      { field: 'classKey', message: 'unknown CI class "spaceship"' },
    ]);
  });

  it('keys are unique: name per class (any case) and external id', async () => {
    await ci('application', 'Booking engine', { externalId: 'APP-7' });
    const dupName = await post('/api/v1/cis', { classKey: 'application', name: 'BOOKING ENGINE' });
    expect(dupName.statusCode).toBe(409);
    expect(problemOf(dupName).errors).toEqual([
      { field: 'name', message: 'a application with this name exists already' },
    ]);
    const otherClass = await post('/api/v1/cis', { classKey: 'software', name: 'Booking engine' });
    expect(otherClass.statusCode).toBe(201);
    const dupExt = await post('/api/v1/cis', { classKey: 'software', name: 'Other', externalId: 'APP-7' });
    expect(problemOf(dupExt).errors).toEqual([
      { field: 'externalId', message: 'another CI has this external id' },
    ]);
  });

  it('follows the status lifecycle, keeps history, needs If-Match, and checks the location is a site', async () => {
    const site = await ci('site', 'Hotel Alpenrose, server room');
    const sw = await ci('network_device', 'core-switch-1', { attributes: { device_type: 'switch' } });
    const patch = (body: object, etag: string) =>
      k.app.inject({
        method: 'PATCH',
        url: `/api/v1/cis/${sw.id}`,
        headers: { ...cm.auth, 'if-match': etag },
        payload: body,
      });
    let res = await patch({ status: 'under_maintenance' }, '"1"');
    expect(problemOf(res).errors![0]!.message).toMatch(/cannot go from planned to under_maintenance/);
    res = await patch({ status: 'live', locationId: site.id, attributes: { ip_address: '10.0.0.2' } }, '"1"');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'live',
      locationName: 'Hotel Alpenrose, server room',
      version: 2,
    });
    expect((await patch({ description: 'x' }, '"1"')).statusCode).toBe(412);
    const notSite = await patch({ locationId: sw.id }, '"2"');
    expect(problemOf(notSite).errors).toEqual([
      { field: 'locationId', message: 'must be a site, not a network_device' },
    ]);
    const cleared = await patch({ attributes: { ip_address: null } }, '"2"');
    expect(cleared.json().attributes).toEqual({ device_type: 'switch' });
    const hist = await k.app.inject({ url: `/api/v1/cis/${sw.id}/history`, headers: auditor.auth });
    const fields = hist.json().items.map((h: { field: string }) => h.field);
    expect(fields).toEqual([
      'attributes.ip_address',
      'attributes.ip_address',
      'locationId',
      'status',
      'created',
    ]);
    expect(hist.json().items[3]).toMatchObject({
      oldValue: 'planned',
      newValue: 'live',
      actorName: expect.any(String),
    });
  });

  it('lists with filters, sorting and cursor pages that neither skip nor repeat', async () => {
    for (let i = 0; i < 25; i++)
      await ci('virtual_machine', `vm-page-${String(i).padStart(2, '0')}`, {
        status: i % 2 ? 'live' : 'planned',
      });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/cis?class=virtual_machine&limit=10${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await k.app.inject({ url, headers: agent.auth });
      expect(page.statusCode, page.body).toBe(200);
      seen.push(...page.json().items.map((c: { name: string }) => c.name));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `vm-page-${String(i).padStart(2, '0')}`));
    const live = await k.app.inject({
      url: '/api/v1/cis?class=virtual_machine&status=live&sort=name&order=desc&limit=3',
      headers: agent.auth,
    });
    expect(live.json().items.map((c: { name: string }) => c.name)).toEqual([
      'vm-page-23',
      'vm-page-21',
      'vm-page-19',
    ]);
    const q = await k.app.inject({ url: '/api/v1/cis?q=page-1&limit=50', headers: agent.auth });
    expect(q.json().items).toHaveLength(10);
    const forged = Buffer.from(
      JSON.stringify({ v: '2024-01-01 00:00+99', id: '00000000-0000-4000-8000-000000000000' }),
    ).toString('base64url');
    const odd = await k.app.inject({
      url: `/api/v1/cis?sort=updatedAt&cursor=${forged}`,
      headers: agent.auth,
    });
    expect(problemOf(odd).errors).toEqual([
      { field: 'querystring.cursor', message: 'is not a cursor this list gave out' },
    ]);
    const byTime: string[] = [];
    let timeCursor: string | null = null;
    do {
      const url: string = `/api/v1/cis?class=virtual_machine&sort=updatedAt&order=desc&limit=7${timeCursor ? `&cursor=${timeCursor}` : ''}`;
      const page = await k.app.inject({ url, headers: agent.auth });
      expect(page.statusCode, page.body).toBe(200);
      byTime.push(...page.json().items.map((c: { name: string }) => c.name));
      timeCursor = page.json().nextCursor;
    } while (timeCursor);
    expect(new Set(byTime).size).toBe(25);
    const badCursor = await k.app.inject({ url: '/api/v1/cis?cursor=garbage', headers: agent.auth });
    expect(problemOf(badCursor).errors).toEqual([
      { field: 'querystring.cursor', message: 'is not a cursor this list gave out' },
    ]);
  });

  it('readers read, editors edit, customers see no CMDB', async () => {
    expect((await k.app.inject({ url: '/api/v1/cis', headers: auditor.auth })).statusCode).toBe(200);
    expect((await post('/api/v1/cis', { classKey: 'site', name: 'x' }, agent)).statusCode).toBe(403);
    expect((await k.app.inject({ url: '/api/v1/cis', headers: customer.auth })).statusCode).toBe(403);
    const owner = await k.user(['service_owner']);
    expect((await post('/api/v1/cis', { classKey: 'site', name: 'Owner site' }, owner)).statusCode).toBe(201);
  });
});

describe('relationships and impact', () => {
  it('refuses self, dangling and duplicate relationships, and unknown types', async () => {
    const a = await ci('application', 'rel-a');
    const b = await ci('application', 'rel-b');
    expect(
      problemOf(
        await post('/api/v1/ci-relationships', { sourceId: a.id, targetId: a.id, typeKey: 'depends_on' }),
      ).errors,
    ).toEqual([{ field: 'targetId', message: 'a CI cannot relate to itself' }]);
    const dangling = await post('/api/v1/ci-relationships', {
      sourceId: a.id,
      targetId: '00000000-0000-4000-8000-000000000000',
      typeKey: 'depends_on',
    });
    expect(problemOf(dangling).errors).toEqual([{ field: 'targetId', message: 'no such CI' }]);
    const badType = await post('/api/v1/ci-relationships', {
      sourceId: a.id,
      targetId: b.id,
      typeKey: 'loves',
    });
    expect(problemOf(badType).errors).toEqual([
      { field: 'typeKey', message: 'unknown relationship type "loves"' },
    ]);
    await relate(a.id, 'depends_on', b.id);
    expect(
      (await post('/api/v1/ci-relationships', { sourceId: a.id, targetId: b.id, typeKey: 'depends_on' }))
        .statusCode,
    ).toBe(409);
    const rels = await k.app.inject({ url: `/api/v1/cis/${b.id}/relationships`, headers: agent.auth });
    expect(rels.json().items).toEqual([
      expect.objectContaining({
        direction: 'incoming',
        label: expect.objectContaining({ en: 'is needed by' }),
        other: expect.objectContaining({ name: 'rel-a' }),
      }),
    ]);
  });

  it('answers "if this database fails, which services and customers are hit?" both ways, through cycles', async () => {
    const db = await ci('database', 'bookings-db', { attributes: { engine: 'PostgreSQL' } });
    const vm = await ci('virtual_machine', 'vm-bookings');
    const host = await ci('server', 'esx-01');
    const app = await ci('application', 'Booking system');
    const web = await ci('application', 'Booking website');
    // a service CI comes with its service, from the portfolio; the CMDB refuses to make one alone
    const alone = await post('/api/v1/cis', { classKey: 'business_service', name: 'Online booking' });
    expect(problemOf(alone).errors![0]!.field).toBe('classKey');
    const owner = await k.user(['service_owner', 'service_level_manager']);
    const cust = await post('/api/v1/customers', { code: 'ALP', name: 'Alpenrose Hotels' }, owner);
    const service = await post(
      '/api/v1/services',
      { name: 'Online booking', status: 'live', criticality: 1, customerIds: [cust.json().id] },
      owner,
    );
    const svc = { id: service.json().ciId as string };
    // its name and status are the service's own: the CMDB does not change them behind the portfolio's back
    const rename = await k.app.inject({
      method: 'PATCH',
      url: `/api/v1/cis/${svc.id}`,
      headers: { ...cm.auth, 'if-match': '"1"' },
      payload: { status: 'retired' },
    });
    expect(problemOf(rename).errors).toEqual([
      { field: 'status', message: "is the service's own: change it in the service portfolio" },
    ]);
    await relate(app.id, 'depends_on', db.id);
    await relate(db.id, 'runs_on', vm.id);
    await relate(vm.id, 'runs_on', host.id);
    await relate(web.id, 'depends_on', app.id);
    await relate(svc.id, 'provided_by', web.id);
    await relate(app.id, 'connects_to', web.id); // a cycle: app → web → app

    const up = await k.app.inject({
      url: `/api/v1/cis/${db.id}/impact?direction=upstream`,
      headers: agent.auth,
    });
    expect(up.statusCode, up.body).toBe(200);
    const byName = Object.fromEntries(
      up.json().items.map((i: { name: string; depth: number }) => [i.name, i.depth]),
    );
    expect(byName).toEqual({ 'Booking system': 1, 'Booking website': 2, 'Online booking': 3 });
    expect(up.json().services).toEqual([expect.objectContaining({ name: 'Online booking', criticality: 1 })]);
    expect(up.json().customers).toEqual([expect.objectContaining({ code: 'ALP', name: 'Alpenrose Hotels' })]);

    const down = await k.app.inject({
      url: `/api/v1/cis/${svc.id}/impact?direction=downstream`,
      headers: agent.auth,
    });
    const path = Object.fromEntries(
      down.json().items.map((i: { name: string; depth: number }) => [i.name, i.depth]),
    );
    expect(path).toEqual({
      'Booking website': 1,
      'Booking system': 2,
      'bookings-db': 3,
      'vm-bookings': 4,
      'esx-01': 5,
    });
    const esx = down.json().items.find((i: { name: string }) => i.name === 'esx-01');
    expect(esx.via).toBe(vm.id);
    const bad = await k.app.inject({
      url: `/api/v1/cis/${db.id}/impact?direction=sideways`,
      headers: agent.auth,
    });
    expect(problemOf(bad).errors![0]!.field).toBe('querystring.direction');
  });

  it('property: impact returns exactly what a plain breadth-first search returns, with its depths', async () => {
    const fresh = await testKeel();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 14 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            edges: fc.uniqueArray(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), {
              maxLength: 40,
              selector: ([a, b]) => `${a}-${b}`,
            }),
            start: fc.nat(n - 1),
            up: fc.boolean(),
          }),
        ),
        async ({ n, edges, start, up }) => {
          const ids = await fresh.db.transaction(async (tx) => {
            await tx.execute(sql`delete from cis`);
            const made = await tx.execute<{ id: string }>(sql`
              insert into cis (class_key, name) select 'application', 'p' || g from generate_series(0, ${n - 1}) g returning id`);
            const list = made.rows.map((r) => r.id);
            for (const [a, b] of edges.filter(([x, y]) => x !== y)) {
              await tx.execute(
                sql`insert into ci_relationships (source_id, target_id, type_key) values (${list[a]!}, ${list[b]!}, 'depends_on')`,
              );
            }
            return list;
          });
          // the plain search
          const depth = new Map<number, number>([[start, 0]]);
          let frontier = [start];
          while (frontier.length) {
            const next: number[] = [];
            for (const f of frontier) {
              for (const [a, b] of edges) {
                const [from, to] = up ? [b, a] : [a, b];
                if (from === f && a !== b && !depth.has(to)) {
                  depth.set(to, depth.get(f)! + 1);
                  next.push(to);
                }
              }
            }
            frontier = next;
          }
          depth.delete(start);
          const got = await reachable(fresh.db, ids[start]!, up ? 'upstream' : 'downstream');
          const expected = [...depth.entries()].map(([i, d]) => `${ids[i]}:${d}`).sort();
          expect(got.map((r) => `${r.id}:${r.depth}`).sort()).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});
