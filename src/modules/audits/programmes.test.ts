import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, testKeel } from '../../testing/harness.ts';
import { caller, type Organisation, organisation } from './audits.fixture.ts';

/** Audit programmes over HTTP: who keeps a programme, and its cycle holding its audits. */
let k: TestKeel;
let o: Organisation;
let http: ReturnType<typeof caller>;

beforeAll(async () => {
  k = await testKeel();
  o = await organisation(k);
  http = caller(k);
});

const programme = (ownerId: string, over: object = {}) => ({
  title: 'Internal audit programme',
  cycleStart: '2026-01-01',
  cycleEnd: '2026-12-31',
  objectives: 'Every clause audited once in the cycle.',
  method: 'Sampling of records, interviews.',
  ownerId,
  ...over,
});

describe('a programme owner who is no planner', () => {
  it('changes the draft and closes the approved programme, as the abilities say', async () => {
    // the owner is a service desk agent: neither a planner nor top management
    const made = await http.post('/api/v1/audit-programmes', o.auditor, programme(o.agent.id));
    expect(made.statusCode, made.body).toBe(201);
    const url = `/api/v1/audit-programmes/${made.json().id}`;
    expect((await http.get(url, o.agent)).json().abilities).toMatchObject({ edit: true, close: false });
    const changed = await http.patch(url, o.agent, { title: 'Programme of the service desk' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ title: 'Programme of the service desk', version: 2 });
    // another agent, not the owner, is let through the route but refused by the programme
    const other = await k.user(['service_desk_agent']);
    expect((await http.patch(url, other, { title: 'Not mine' })).statusCode).toBe(403);
    expect((await http.post(`${url}/approve`, o.top)).statusCode).toBe(200);
    expect((await http.get(url, o.agent)).json().abilities).toMatchObject({ edit: false, close: true });
    expect((await http.post(`${url}/close`, other)).statusCode).toBe(403);
    const closed = await http.post(`${url}/close`, o.agent, { note: 'Cycle done' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'closed' });
    // customers and suppliers still meet the door
    for (const who of [o.customer, o.supplier])
      expect((await http.post(`${url}/close`, who)).statusCode).toBe(403);
  });
});

describe("a programme's cycle and its audits", () => {
  it('keeps its audits inside the cycle and is not closed while one is planned or in progress', async () => {
    const made = await http.post(
      '/api/v1/audit-programmes',
      o.auditor,
      programme(o.head.id, { cycleStart: '2027-01-01', cycleEnd: '2027-12-31' }),
    );
    const id = made.json().id;
    const url = `/api/v1/audit-programmes/${id}`;
    const planned = await http.post('/api/v1/audits', o.auditor, {
      programmeId: id,
      title: 'Incident management',
      scopeClauses: [],
      scopeProcesses: ['incident'],
      criteria: 'ISO/IEC 20000-1:2018',
      leadAuditorId: o.auditor.id,
      plannedStart: '2027-03-02',
      plannedEnd: '2027-03-04',
    });
    expect(planned.statusCode, planned.body).toBe(201);
    const code = planned.json().code;
    const late = await http.patch(url, o.auditor, { cycleStart: '2027-04-01' });
    expect(late.statusCode).toBe(400);
    expect(problemOf(late).errors).toEqual([
      { field: 'cycleStart', message: `audits start before it: ${code}` },
    ]);
    const early = await http.patch(url, o.auditor, { cycleStart: '2026-07-01', cycleEnd: '2027-02-28' });
    expect(problemOf(early).errors).toEqual([
      { field: 'cycleEnd', message: `audits start after it: ${code}` },
    ]);
    // nothing was written: the cycle is still the one planned
    expect((await http.get(url, o.auditor)).json()).toMatchObject({
      cycleStart: '2027-01-01',
      cycleEnd: '2027-12-31',
      version: 1,
    });
    // a cycle that still holds the audit is fine
    expect((await http.patch(url, o.auditor, { cycleEnd: '2027-06-30' })).statusCode).toBe(200);

    expect((await http.post(`${url}/approve`, o.top)).statusCode).toBe(200);
    const refused = await http.post(`${url}/close`, o.head, { note: 'Done' });
    expect(refused.statusCode).toBe(409);
    expect(problemOf(refused).detail).toContain(code);
    const auditUrl = `/api/v1/audits/${planned.json().id}`;
    expect((await http.post(`${auditUrl}/start`, o.auditor)).statusCode).toBe(200);
    expect((await http.post(`${url}/close`, o.head)).statusCode).toBe(409);
    expect(
      (await http.post(`${auditUrl}/cancel`, o.auditor, { reason: 'Moved to next year' })).statusCode,
    ).toBe(200);
    const closed = await http.post(`${url}/close`, o.head, { note: 'Done' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'closed' });
  });
});
