import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';

let k: TestKeel;
let slm: TestUser;
let cm: TestUser;
let agent: TestUser;
let calendarId: string;
let customerId: string;
let serviceId: string;
let serviceCiId: string;

beforeAll(async () => {
  k = await testKeel();
  [slm, cm, agent] = await Promise.all([
    k.user(['service_level_manager', 'service_owner']),
    k.user(['configuration_manager']),
    k.user(['service_desk_agent']),
  ]);
  customerId = (
    await k.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: slm.auth,
      payload: { code: 'ALP', name: 'Hotel Alpenrose' },
    })
  ).json().id;
  const svc = (
    await k.app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: slm.auth,
      payload: { name: 'Booking system', status: 'live', customerIds: [customerId] },
    })
  ).json();
  serviceId = svc.id;
  serviceCiId = svc.ciId;
});

const post = (url: string, payload: object, who = slm) =>
  k.app.inject({ method: 'POST', url, headers: who.auth, payload });

describe('business calendars', () => {
  it('records weekly hours, holidays and a time zone, and names what is wrong', async () => {
    const bad = await post('/api/v1/calendars', {
      name: 'X',
      timeZone: 'Europe/Atlantis',
      week: { 1: [{ start: '17:00', end: '08:00' }] },
    });
    expect(problemOf(bad).errors!.map((e) => e.field)).toEqual(['timeZone', 'week.1.0']);
    const res = await post('/api/v1/calendars', {
      name: 'Office hours Zermatt',
      timeZone: 'Europe/Zurich',
      week: Object.fromEntries(
        [1, 2, 3, 4, 5].map((d) => [
          d,
          [
            { start: '08:00', end: '12:00' },
            { start: '13:00', end: '17:00' },
          ],
        ]),
      ),
      holidays: [
        { date: '2026-12-25', name: 'Christmas' },
        { date: '2026-12-24', closed: [{ start: '12:00', end: '24:00' }] },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    calendarId = res.json().id;
    expect(
      (await post('/api/v1/calendars', { name: 'office hours zermatt', timeZone: 'UTC', week: {} }))
        .statusCode,
    ).toBe(409);
  });
});

describe('agreements', () => {
  it('an SLA with a customer, covering a service, with targets per priority', async () => {
    const res = await post('/api/v1/agreements', {
      kind: 'sla',
      name: 'SLA Booking system – Alpenrose',
      customerId,
      calendarId,
      status: 'active',
      validFrom: '2026-01-01',
      serviceIds: [serviceId],
      targets: [
        { metric: 'response', priority: 1, minutes: 15 },
        { metric: 'resolution', priority: 1, minutes: 240, warnPercent: 50 },
      ],
      workloadLimits: 'Up to 200 incidents a month',
      exceptions: 'Planned maintenance Tuesdays 02:00–04:00',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'sla',
      customerName: 'Hotel Alpenrose',
      calendarName: 'Office hours Zermatt',
      services: [{ id: serviceId, name: 'Booking system' }],
      targets: [
        { metric: 'resolution', priority: 1, minutes: 240, warnPercent: 50 },
        { metric: 'response', priority: 1, minutes: 15, warnPercent: 75 },
      ],
    });
  });

  it('each kind needs its party; targets are not set twice; unknown services are named', async () => {
    const sla = await post('/api/v1/agreements', { kind: 'sla', name: 'A', calendarId });
    expect(problemOf(sla).errors).toEqual([
      { field: 'customerId', message: 'an SLA is agreed with a customer' },
    ]);
    const ola = await post('/api/v1/agreements', { kind: 'ola', name: 'B', calendarId });
    expect(problemOf(ola).errors).toEqual([
      {
        field: 'internalParty',
        message: 'an OLA is agreed with an internal party: name it, or its group (groupId)',
      },
    ]);
    const notSupplier = (await post('/api/v1/cis', { classKey: 'site', name: 'Not a supplier' }, cm)).json();
    const uc = await post('/api/v1/agreements', {
      kind: 'underpinning_contract',
      name: 'C',
      calendarId,
      supplierCiId: notSupplier.id,
    });
    expect(problemOf(uc).errors).toEqual([
      { field: 'supplierCiId', message: 'must be a CI of class supplier' },
    ]);
    const twice = await post('/api/v1/agreements', {
      kind: 'ola',
      name: 'D',
      internalParty: 'Network team',
      calendarId,
      serviceIds: ['00000000-0000-4000-8000-000000000000'],
      targets: [
        { metric: 'resolution', priority: 2, minutes: 60 },
        { metric: 'resolution', priority: 2, minutes: 90 },
      ],
    });
    expect(problemOf(twice).errors).toEqual([
      { field: 'targets.1', message: 'resolution for priority 2 is set twice' },
      { field: 'serviceIds', message: 'no service 00000000-0000-4000-8000-000000000000' },
    ]);
    const noCal = await post('/api/v1/agreements', {
      kind: 'ola',
      name: 'E',
      internalParty: 'x',
      calendarId: '00000000-0000-4000-8000-000000000000',
    });
    expect(problemOf(noCal).errors).toEqual([
      { field: 'calendarId', message: 'refers to a record that does not exist' },
    ]);
    expect(
      (await post('/api/v1/agreements', { kind: 'ola', name: 'F', internalParty: 'x', calendarId }, agent))
        .statusCode,
    ).toBe(403);
  });

  it('an underpinning contract with a supplier; changes need If-Match and replace targets', async () => {
    const supplier = (await post('/api/v1/cis', { classKey: 'supplier', name: 'Swisscom' }, cm)).json();
    const uc = (
      await post('/api/v1/agreements', {
        kind: 'underpinning_contract',
        name: 'WAN contract',
        supplierCiId: supplier.id,
        calendarId,
        serviceIds: [serviceId],
      })
    ).json();
    expect(uc.supplierName).toBe('Swisscom');
    const patch = (body: object, etag: string) =>
      k.app.inject({
        method: 'PATCH',
        url: `/api/v1/agreements/${uc.id}`,
        headers: { ...slm.auth, 'if-match': etag },
        payload: body,
      });
    const changed = await patch(
      { status: 'active', targets: [{ metric: 'resolution', priority: 1, minutes: 120 }] },
      '"1"',
    );
    expect(changed.json()).toMatchObject({
      status: 'active',
      targets: [{ metric: 'resolution', priority: 1, minutes: 120 }],
    });
    expect((await patch({ status: 'expired' }, '"1"')).statusCode).toBe(412);
    const dates = await patch({ validFrom: '2026-06-01', validTo: '2026-01-01' }, '"2"');
    expect(problemOf(dates).errors).toEqual([{ field: 'validTo', message: 'must not be before validFrom' }]);
    const list = await k.app.inject({
      url: `/api/v1/agreements?kind=underpinning_contract&serviceId=${serviceId}`,
      headers: agent.auth,
    });
    expect(list.json().items.map((a: { name: string }) => a.name)).toEqual(['WAN contract']);
  });

  it('impact upstream names the agreements covering the services reached', async () => {
    const app = (await post('/api/v1/cis', { classKey: 'application', name: 'PMS' }, cm)).json();
    await post(
      '/api/v1/ci-relationships',
      { sourceId: serviceCiId, targetId: app.id, typeKey: 'provided_by' },
      cm,
    );
    const impact = await k.app.inject({
      url: `/api/v1/cis/${app.id}/impact?direction=upstream`,
      headers: agent.auth,
    });
    expect(
      impact.json().agreements.map((a: { name: string; partyName: string }) => [a.name, a.partyName]),
    ).toEqual([
      ['SLA Booking system – Alpenrose', 'Hotel Alpenrose'],
      ['WAN contract', 'Swisscom'],
    ]);
  });

  it('reads one agreement and the calendars, and changes a calendar with If-Match', async () => {
    const list = (await k.app.inject({ url: '/api/v1/agreements', headers: agent.auth })).json().items;
    const one = await k.app.inject({ url: `/api/v1/agreements/${list[0].id}`, headers: agent.auth });
    expect(one.headers.etag).toBe(`"${one.json().version}"`);
    expect(
      (
        await k.app.inject({
          url: '/api/v1/agreements/00000000-0000-4000-8000-000000000000',
          headers: agent.auth,
        })
      ).statusCode,
    ).toBe(404);
    const cals = (await k.app.inject({ url: '/api/v1/calendars', headers: agent.auth })).json().items;
    expect(cals.map((c: { name: string }) => c.name)).toEqual(['Office hours Zermatt']);
    const patch = (body: object, etag: string) =>
      k.app.inject({
        method: 'PATCH',
        url: `/api/v1/calendars/${calendarId}`,
        headers: { ...slm.auth, 'if-match': etag },
        payload: body,
      });
    const changed = await patch({ week: { 6: [{ start: '09:00', end: '13:00' }] } }, `"${cals[0].version}"`);
    expect(changed.json()).toMatchObject({
      week: { 6: [{ start: '09:00', end: '13:00' }] },
      version: cals[0].version + 1,
    });
    expect((await patch({ name: 'x' }, `"${cals[0].version}"`)).statusCode).toBe(412);
    const bad = await patch({ holidays: [{ date: '2026-02-30' }] }, `"${cals[0].version + 1}"`);
    expect(problemOf(bad).errors).toEqual([
      { field: 'holidays.0.date', message: 'must be a date (YYYY-MM-DD)' },
    ]);
  });

  it('lists live business services without an active SLA', async () => {
    await post('/api/v1/services', { name: 'Guest Wi-Fi', status: 'live' });
    const res = await k.app.inject({ url: '/api/v1/agreements/services-without-sla', headers: agent.auth });
    expect(res.json().items.map((s: { name: string }) => s.name)).toEqual(['Guest Wi-Fi']);
  });
});
