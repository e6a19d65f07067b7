// Past 400 lines: every KPI is checked against the same incidents and agreement, whose set-up is half of it.
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../kernel/db/database.ts';
import * as schema from '../../kernel/db/schema.ts';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { listObjectives, presentObjective } from './queries.ts';

/**
 * Objectives measured by KPIs from live work items (figures computed by hand below), by values their
 * owners record with evidence, their status against target and deadline, the plan and the reviews.
 */
let k: TestKeel;
let head: TestUser;
let top: TestUser;
let agent: TestUser;
let customer: TestUser;
let auditor: TestUser;
let serviceId: string;
let agreementId: string;

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
const post = (url: string, who: TestUser, payload: object = {}) => call('POST', url, who, payload);
const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

async function incident(priority: number, opts: { rated?: number } = {}) {
  const res = await post('/api/v1/incidents', agent, {
    title: `P${priority} incident`,
    impact: 2,
    urgency: 2,
    priority,
    serviceId,
    requesterId: customer.id,
  });
  expect(res.statusCode, res.body).toBe(201);
  const { number } = res.json();
  const cur = await call('GET', `/api/v1/incidents/${number}`, agent);
  const done = await call(
    'POST',
    `/api/v1/incidents/${number}/transitions`,
    agent,
    { to: 'resolved', resolutionCode: 'fixed', resolutionText: 'Fixed' },
    { 'if-match': cur.headers.etag as string },
  );
  expect(done.statusCode, done.body).toBe(200);
  if (opts.rated) {
    const r = await post(`/api/v1/work-items/${number}/rating`, customer, { score: opts.rated });
    expect(r.statusCode, r.body).toBe(201);
  }
  return number as string;
}

beforeAll(async () => {
  k = await testKeel();
  [head, top, agent, customer, auditor] = await Promise.all([
    k.user(['process_owner', 'service_level_manager']),
    k.user(['top_management']),
    k.user(['service_desk_agent', 'incident_manager']),
    k.user(['customer']),
    k.user(['internal_auditor']),
  ]);
  const keeper = await k.user(['service_owner', 'service_level_manager', 'administrator']);
  const customerId = (
    await post('/api/v1/customers', keeper, { code: 'ALP', name: 'Hotel Alpenrose' })
  ).json().id;
  await k.db.execute(sql`update users set customer_id = ${customerId} where id = ${customer.id}`);
  serviceId = (
    await post('/api/v1/services', keeper, {
      name: 'Front desk',
      status: 'live',
      criticality: 3,
      customerIds: [customerId],
    })
  ).json().id;
  const calendarId = (
    await post('/api/v1/calendars', keeper, {
      name: 'Always',
      timeZone: 'UTC',
      week: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ start: '00:00', end: '24:00' }]])),
    })
  ).json().id;
  const sla = await post('/api/v1/agreements', keeper, {
    kind: 'sla',
    name: 'Alpenrose',
    customerId,
    calendarId,
    status: 'active',
    serviceIds: [serviceId],
    targets: [1, 3].flatMap((priority) => [
      { metric: 'response', priority, minutes: 60 },
      { metric: 'resolution', priority, minutes: 480 },
    ]),
  });
  expect(sla.statusCode, sla.body).toBe(201);
  agreementId = sla.json().id;

  // four P1 incidents resolved this period, one of them late; two P3, both in time; two ratings: 5 and 2
  const p1 = [await incident(1, { rated: 5 }), await incident(1), await incident(1), await incident(1)];
  await incident(3, { rated: 2 });
  await incident(3);
  await k.db.execute(sql`
    update sla_clocks set breached_at = now() where metric = 'resolution'
       and work_item_id = (select id from work_items where number = ${p1[1]})`);
});

const objective = (over: object = {}) => ({
  code: 'OBJ-01',
  title: 'P1 incidents resolved within the SLA',
  businessGoal: 'Guests never wait for a broken check-in',
  ownerId: head.id,
  target: 95,
  deadline: inAYear,
  measurement: { kind: 'kpi', kpi: 'incidents_resolved_in_sla', priority: 1 },
  ...over,
});

describe('objectives measured by Keel', () => {
  let id: string;

  it('computes "P1 incidents resolved within SLA" from the work items: 3 of 4 is 75%, below 95%, at risk', async () => {
    const res = await post('/api/v1/objectives', head, objective());
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({
      unit: '%',
      direction: 'at_least',
      current: { value: 75 },
      status: 'at_risk',
    });
    expect(res.json().trend.at(-1).value).toBe(75);
    expect(
      res
        .json()
        .trend.slice(0, -1)
        .every((t: { value: number | null }) => t.value === null),
    ).toBe(true);
  });

  it('over every priority: 5 of 6 is 83.3%, above 80%, on track; satisfaction (5 + 2) / 2 = 3.5 below 4', async () => {
    const all = await post(
      '/api/v1/objectives',
      head,
      objective({
        code: 'OBJ-02',
        title: 'All',
        target: 80,
        measurement: { kind: 'kpi', kpi: 'incidents_resolved_in_sla' },
      }),
    );
    expect(all.json()).toMatchObject({ current: { value: 83.3 }, status: 'on_track' });
    const sat = await post(
      '/api/v1/objectives',
      head,
      objective({
        code: 'OBJ-03',
        title: 'Satisfied requesters',
        target: 4,
        measurement: { kind: 'kpi', kpi: 'customer_satisfaction' },
      }),
    );
    expect(sat.json()).toMatchObject({ unit: 'score', current: { value: 3.5 }, status: 'at_risk' });
    const majors = await post(
      '/api/v1/objectives',
      head,
      objective({
        code: 'OBJ-04',
        title: 'Few major incidents',
        target: 1,
        measurement: { kind: 'kpi', kpi: 'major_incidents' },
      }),
    );
    expect(majors.json()).toMatchObject({ direction: 'at_most', current: { value: 0 }, status: 'on_track' });
    const list = (await call('GET', '/api/v1/objectives', auditor)).json().items;
    expect(list.map((o: { code: string; status: string }) => `${o.code}:${o.status}`)).toEqual([
      'OBJ-01:at_risk',
      'OBJ-02:on_track',
      'OBJ-03:at_risk',
      'OBJ-04:on_track',
    ]);
  });

  it('past its deadline an objective is achieved or missed; each review keeps the status of its day', async () => {
    const reviewed = await post(`/api/v1/objectives/${id}/reviews`, top, {
      note: 'Second-line staffing is short',
    });
    expect(reviewed.json().reviews).toMatchObject([
      { status: 'at_risk', value: 75, note: 'Second-line staffing is short' },
    ]);
    const cur = await call('GET', `/api/v1/objectives/${id}`, head);
    const moved = await call(
      'PATCH',
      `/api/v1/objectives/${id}`,
      head,
      { deadline: '2020-01-01' },
      { 'if-match': cur.headers.etag as string },
    );
    expect(moved.json().status).toBe('missed');
    const again = await post(`/api/v1/objectives/${id}/reviews`, head, {
      note: 'Missed; new objective for next year',
    });
    expect(again.json().reviews.map((r: { status: string }) => r.status)).toEqual(['missed', 'at_risk']);
  });

  it('is changed by its owner, whatever their access role, and by no one else on the staff', async () => {
    const made = await post('/api/v1/objectives', head, {
      code: 'OBJ-OWN',
      title: 'Desk answers the phone within 30 seconds',
      ownerId: agent.id,
      target: 90,
      unit: '%',
      deadline: '2030-12-31',
      measurement: { kind: 'recorded' },
    });
    expect(made.statusCode).toBe(201);
    const etag = made.headers.etag as string;
    const other = await k.user(['resolver']);
    const patch = (who: TestUser) =>
      call(
        'PATCH',
        `/api/v1/objectives/${made.json().id}`,
        who,
        { title: 'Phone answered within 20 s' },
        { 'if-match': etag },
      );
    expect((await patch(other)).statusCode).toBe(403);
    const mine = await patch(agent);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ title: 'Phone answered within 20 s', abilities: { keep: true } });
    expect((await call('GET', `/api/v1/objectives/${made.json().id}`, other)).json().abilities).toEqual({
      keep: false,
    });
  });

  it('has a plan of actions with who, what resources and by when', async () => {
    const added = await post(`/api/v1/objectives/${id}/actions`, head, {
      title: 'Hire a second-line engineer',
      responsibleId: agent.id,
      resources: 'Budget for one FTE',
      due: '2020-06-01',
    });
    expect(added.json().actions).toMatchObject([
      { title: 'Hire a second-line engineer', done: false, overdue: true },
    ]);
    const actionId = added.json().actions[0].id;
    const done = await call('PUT', `/api/v1/objectives/${id}/actions/${actionId}/done`, agent, {
      done: true,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().actions[0]).toMatchObject({ done: true, overdue: false });
  });
});

describe('objectives measured by hand', () => {
  it('take the value their owner records, with evidence, for the period', async () => {
    const res = await post('/api/v1/objectives', head, {
      code: 'OBJ-10',
      title: 'Staff trained in ISO/IEC 20000',
      ownerId: head.id,
      target: 90,
      unit: '%',
      period: 'month',
      deadline: inAYear,
      measurement: { kind: 'recorded' },
    });
    expect(res.json()).toMatchObject({ current: { value: null }, status: 'not_measured' });
    const id = res.json().id;
    const noEvidence = await post(`/api/v1/objectives/${id}/values`, head, { value: 92, evidence: ' ' });
    expect(problemOf(noEvidence).errors).toEqual([
      { field: 'evidence', message: 'say where the value comes from' },
    ]);
    const recorded = await post(`/api/v1/objectives/${id}/values`, head, {
      value: 92,
      evidence: 'Training records, HR export',
    });
    expect(recorded.json()).toMatchObject({ current: { value: 92 }, status: 'on_track' });
    expect(recorded.json().recordedValues).toMatchObject([
      { value: 92, evidence: 'Training records, HR export' },
    ]);
    expect(
      (await post(`/api/v1/objectives/${id}/values`, agent, { value: 1, evidence: 'x' })).statusCode,
    ).toBe(403);
    // without a body, each field it needs is named
    const bare = await k.app.inject({
      method: 'POST',
      url: `/api/v1/objectives/${id}/values`,
      headers: head.auth,
    });
    expect(problemOf(bare).errors).toEqual([
      { field: 'value', message: 'must be a number' },
      { field: 'evidence', message: 'say where the value comes from' },
    ]);
  });
});

describe('reading objectives', () => {
  it('lists them with one query per KPI in use and one for all recorded values, however many there are', async () => {
    const queries: string[] = [];
    const counted = drizzle(k.db.$client, {
      schema,
      logger: { logQuery: (q) => queries.push(q) },
    }) as unknown as Queryable;
    const list = await listObjectives(counted);
    expect(list.length).toBeGreaterThanOrEqual(6);
    const inUse = new Set(list.map((o) => (o.measurement.kind === 'kpi' ? o.measurement.kpi : 'recorded')));
    expect([...inUse].sort()).toEqual([
      'customer_satisfaction',
      'incidents_resolved_in_sla',
      'major_incidents',
      'recorded',
    ]);
    expect(queries).toHaveLength(1 + inUse.size);
    // the same figures as one objective at a time
    const byCode = Object.fromEntries(list.map((o) => [o.code, o.current.value]));
    expect(byCode).toMatchObject({ 'OBJ-01': 75, 'OBJ-02': 83.3, 'OBJ-03': 3.5, 'OBJ-04': 0, 'OBJ-10': 92 });

    // one objective's trend over six periods: one query for all of them
    queries.length = 0;
    const one = await presentObjective(counted, list.find((o) => o.code === 'OBJ-02')!.id);
    expect(one.trend).toHaveLength(6);
    expect(one.trend.at(-1)!.value).toBe(83.3);
    expect(queries.filter((q) => q.includes('sla_clocks'))).toHaveLength(1);
  });
});

describe('dates', () => {
  it('keeps a deadline and an action’s due date as the calendar days given (YYYY-MM-DD in and out)', async () => {
    const made = await post('/api/v1/objectives', head, {
      ...objective({ code: 'OBJ-DAY' }),
      deadline: '2026-12-31',
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id;
    expect(made.json().deadline).toBe('2026-12-31');
    const planned = await post(`/api/v1/objectives/${id}/actions`, head, {
      title: 'Year-end',
      due: '2026-12-31',
    });
    expect(planned.json().actions).toMatchObject([{ title: 'Year-end', due: '2026-12-31' }]);
    const read = (await call('GET', `/api/v1/objectives/${id}`, auditor)).json();
    expect(read).toMatchObject({ deadline: '2026-12-31', actions: [{ due: '2026-12-31' }] });
    const listed = (await call('GET', '/api/v1/objectives', auditor)).json().items;
    expect(listed.find((o: { id: string }) => o.id === id).deadline).toBe('2026-12-31');
    const stored = await k.db.execute<{ deadline: string; due: string }>(sql`
      select o.deadline::text, a.due::text from objectives o join objective_actions a on a.objective_id = o.id
       where o.id = ${id}`);
    expect(stored.rows).toEqual([{ deadline: '2026-12-31', due: '2026-12-31' }]);
    expect(
      problemOf(
        await post('/api/v1/objectives', head, {
          ...objective({ code: 'OBJ-NODAY' }),
          deadline: '2026-02-30',
        }),
      ).errors,
    ).toEqual([{ field: 'deadline', message: 'must be a date (YYYY-MM-DD)' }]);
    await k.db.execute(sql`delete from objectives where id = ${id}`);
  });
});

describe('the leadership dashboard', () => {
  it('shows objectives by status with their values and links, for top management and not for agents', async () => {
    const d = (await call('GET', '/api/v1/leadership/dashboard', top)).json();
    expect(d.objectives.counts).toEqual({ on_track: 3, at_risk: 1, missed: 1, achieved: 0, not_measured: 1 });
    expect(d.objectives.items.find((o: { code: string }) => o.code === 'OBJ-02')).toMatchObject({
      value: 83.3,
      target: 80,
      kpi: 'incidents_resolved_in_sla',
      link: expect.stringMatching(/^\/objectives\//),
    });
    expect(d.policies).toEqual({ awaitingApproval: [], reviewsDue: [], coverage: [] });
    expect((await call('GET', '/api/v1/leadership/dashboard', agent)).statusCode).toBe(403);
  });
});

describe('what objectives refuse', () => {
  it('names each field that cannot work', async () => {
    const res = await post('/api/v1/objectives', head, {
      code: 'OBJ-01',
      title: 'x',
      ownerId: head.id,
      target: 120,
      deadline: inAYear,
      measurement: { kind: 'kpi', kpi: 'incidents_resolved_in_sla' },
    });
    expect(problemOf(res).errors).toEqual([
      { field: 'code', message: 'is already in use' },
      { field: 'target', message: 'a percentage is 0–100' },
    ]);
    const noUnit = await post('/api/v1/objectives', head, {
      ...objective({ code: 'OBJ-11' }),
      measurement: { kind: 'recorded' },
    });
    expect(problemOf(noUnit).errors).toEqual([
      { field: 'unit', message: 'say what the recorded value is measured in' },
    ]);
    const kpi = await post(
      '/api/v1/objectives',
      head,
      objective({ code: 'OBJ-12', measurement: { kind: 'kpi', kpi: 'happiness' } }),
    );
    expect(problemOf(kpi).errors![0]!.field).toBe('measurement.kpi');
    expect((await post('/api/v1/objectives', agent, objective({ code: 'OBJ-13' }))).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/objectives', customer)).statusCode).toBe(403);
  });
});

describe('KPIs count targets met as the service level report does', () => {
  it('"P1 incidents answered within the SLA": of 4 answered in time, 1 unanswered past its deadline and 1 still within it, 4 of 5 (80%), the report’s figure', async () => {
    // two P1 incidents nobody has answered: one past its response deadline (no breach recorded yet), one not
    const open = async () =>
      (
        await post('/api/v1/incidents', agent, {
          title: 'Unanswered',
          impact: 2,
          urgency: 2,
          priority: 1,
          serviceId,
          requesterId: customer.id,
        })
      ).json().number as string;
    const late = await open();
    await open();
    await k.db.execute(sql`
      update sla_clocks set deadline = now() - interval '1 minute' where metric = 'response'
         and work_item_id = (select id from work_items where number = ${late})`);
    const res = await post(
      '/api/v1/objectives',
      head,
      objective({
        code: 'OBJ-RESP',
        title: 'P1 incidents answered within the SLA',
        period: 'month',
        measurement: { kind: 'kpi', kpi: 'incidents_responded_in_sla', priority: 1 },
      }),
    );
    expect(res.json()).toMatchObject({ current: { value: 80 }, status: 'at_risk' });
    const day = new Date().toISOString().slice(0, 10);
    const report = await call(
      'GET',
      `/api/v1/agreements/${agreementId}/report?from=${day.slice(0, 8)}01&to=${day}`,
      top,
    );
    expect(report.statusCode, report.body).toBe(200);
    const p1 = report
      .json()
      .targets.find((t: { metric: string; priority: number }) => t.metric === 'response' && t.priority === 1);
    expect(p1).toMatchObject({ met: 4, missed: 1, open: 1, metPercent: 80 });
  });
});
