/**
 * The management review's inputs against figures worked out by hand (issue 25: "Management review inputs
 * hand-computed from seeded data (objectives, SLA met %, complaints, NCs) equal what Keel assembles"). The
 * seed is written out below with the arithmetic beside it, and the expected inputs are literal numbers.
 * Periods are fixed days of 2026 in the past, so the figures never depend on the day the test runs. About
 * 500 lines, one file on purpose: the seed, the arithmetic beside it and the literal figures it must give are
 * read together.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand, systemActor } from '../../kernel/db/tx.ts';
import { defineLifecycle } from '../../kernel/records/lifecycle.ts';
import { registerWorkItemType, type WorkItem } from '../../kernel/records/registry.ts';
import { type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { moveClock, startClock } from '../agreements/index.ts';
import { previousPeriod } from './inputs/periods.ts';

// a minimal work-item type carries the SLA clocks and the ratings; the inputs do not care which type it is
registerWorkItemType({
  type: 'review_seed',
  prefix: 'RVS',
  createRoles: ['service_desk_agent'],
  lifecycle: defineLifecycle<WorkItem>({ initial: 'new', states: ['new'], final: [], transitions: [] }),
  canWrite: () => true,
  canSeeInternal: () => true,
});

let k: TestKeel;
let head: TestUser;
let top: TestUser;
let agent: TestUser;
let resolver: TestUser;
const ids: Record<string, string> = {};

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
const post = async (url: string, who: TestUser, payload: object = {}, headers: object = {}) => {
  const res = await call('POST', url, who, payload, headers);
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return res;
};
const run = <T>(fn: Parameters<typeof runCommand<T>>[3]) => runCommand(k.db, systemActor('test'), null, fn);
const exec = (q: ReturnType<typeof sql>) => k.db.execute(q);

type Outcome = 'met' | 'missed' | 'open';
/** A work item recorded at `at` whose response and resolution clocks end as given, rated `score` at `ratedAt`. */
async function seedItem(at: string, response: Outcome, resolution: Outcome, score: number, ratedAt: string) {
  const item = (await post('/api/v1/work-items', agent, { type: 'review_seed', title: 'Seeded' })).json();
  await exec(sql`update work_items set created_at = ${at} where id = ${item.id}`);
  for (const [metric, outcome] of [
    ['response', response],
    ['resolution', resolution],
  ] as const) {
    await run((ctx) => startClock(ctx, { workItemId: item.id, metric, agreementId: ids.sla!, priority: 2 }));
    if (outcome === 'open') continue;
    await run((ctx) => moveClock(ctx, item.id, metric, { kind: 'stop' }));
    // what the breach job writes of a clock that ran past its deadline
    if (outcome === 'missed')
      await exec(
        sql`update sla_clocks set breached_at = ${at} where work_item_id = ${item.id} and metric = ${metric}`,
      );
  }
  await exec(sql`
    insert into work_item_ratings (work_item_id, score, rated_by, rated_at) values (${item.id}, ${score}, ${agent.id}, ${ratedAt})`);
}

/** A nonconformity as the nonconformities module writes one (its commands are on another branch). */
async function seedNc(
  n: number,
  severity: 'major' | 'minor',
  state: string,
  createdAt: string,
  closedAt?: string,
  source = 'audit',
) {
  const r = await exec(sql`
    insert into work_items (type, number, title, state, final, created_at)
    values ('nonconformity', ${`NC-00000${n}`}, ${`Nonconformity ${n}`}, ${state}, ${state === 'closed'}, ${createdAt})
    returning id`);
  const id = (r.rows[0] as { id: string }).id;
  await exec(sql`
    insert into nonconformities (work_item_id, source, severity, closed_at)
    values (${id}, ${source}, ${severity}, ${closedAt ?? null})`);
  return id;
}

beforeAll(async () => {
  k = await testKeel();
  [head, top, agent, resolver] = await Promise.all([
    k.user(['process_owner', 'service_level_manager', 'service_owner']),
    k.user(['top_management']),
    k.user(['service_desk_agent']),
    k.user(['resolver']),
  ]);

  // an SLA measured around the clock in UTC, so its months are the review's months
  const calendarId = (
    await post('/api/v1/calendars', head, {
      name: 'Always',
      timeZone: 'UTC',
      week: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ start: '00:00', end: '24:00' }]])),
    })
  ).json().id;
  const customerId = (await post('/api/v1/customers', head, { code: 'ALP', name: 'Hotel Alpenrose' })).json()
    .id;
  ids.sla = (
    await post('/api/v1/agreements', head, {
      kind: 'sla',
      name: 'Hotel SLA',
      customerId,
      calendarId,
      status: 'active',
      targets: [
        { metric: 'response', priority: 2, minutes: 100_000 },
        { metric: 'resolution', priority: 2, minutes: 200_000 },
      ],
    })
  ).json().id;

  // the review period, Q3 2026: response met 3 missed 1; resolution met 2 missed 1 open 1
  //   → met 5, missed 2, open 1 → 5 / 7 = 71.43 % → 71.4; response 3 / 4 = 75.0; resolution 2 / 3 = 66.7
  // ratings 5, 4, 4, 2 → 4 ratings, mean 15 / 4 = 3.75
  await seedItem('2026-08-10T09:00:00Z', 'met', 'met', 5, '2026-08-20T10:00:00Z');
  await seedItem('2026-08-10T09:00:00Z', 'met', 'missed', 4, '2026-08-20T10:00:00Z');
  await seedItem('2026-09-10T09:00:00Z', 'missed', 'met', 4, '2026-09-20T10:00:00Z');
  await seedItem('2026-09-29T09:00:00Z', 'met', 'open', 2, '2026-09-30T10:00:00Z');
  // the period before, Q2 2026: met 3, missed 1 → 75.0 (so Q3 is worse); ratings 3, 5 → mean 4
  await seedItem('2026-05-05T09:00:00Z', 'met', 'met', 3, '2026-05-20T10:00:00Z');
  await seedItem('2026-06-05T09:00:00Z', 'met', 'missed', 5, '2026-06-20T10:00:00Z');
  // after the period: counts nowhere
  await seedItem('2026-10-05T09:00:00Z', 'missed', 'missed', 1, '2026-10-06T10:00:00Z');

  // objectives: customer satisfaction (a KPI, quarterly) reads the Q3 ratings: 3.75, below 4 → at risk;
  // documented changes (recorded monthly): 96, 90, 97; the last, 97, meets 95 on the deadline → on track
  ids.csat = (
    await post('/api/v1/objectives', head, {
      code: 'OBJ-CSAT',
      title: 'Guests are satisfied',
      ownerId: head.id,
      target: 4,
      direction: 'at_least',
      unit: 'score',
      period: 'quarter',
      deadline: '2026-12-31',
      measurement: { kind: 'kpi', kpi: 'customer_satisfaction' },
    })
  ).json().id;
  ids.doc = (
    await post('/api/v1/objectives', head, {
      code: 'OBJ-DOC',
      title: 'Changes are documented',
      ownerId: head.id,
      target: 95,
      direction: 'at_least',
      unit: '%',
      period: 'month',
      deadline: '2026-09-30',
      measurement: { kind: 'recorded' },
    })
  ).json().id;
  for (const [value, at] of [
    [96, '2026-07-15'],
    [90, '2026-08-15'],
    [97, '2026-09-15'],
    [50, '2026-10-15'],
  ] as const)
    await post(`/api/v1/objectives/${ids.doc}/values`, head, {
      value,
      evidence: 'Sample of ten changes',
      at,
    });

  // incidents: two recorded in Q3, one of them closed in Q3; one recorded in Q2 and closed in Q3
  const incident = async (createdAt: string, closedAt: string | null) => {
    const inc = (await post('/api/v1/incidents', agent, { title: 'Printer', impact: 3, urgency: 3 })).json();
    await exec(sql`update work_items set created_at = ${createdAt} where id = ${inc.id}`);
    await exec(sql`update incidents set closed_at = ${closedAt} where work_item_id = ${inc.id}`);
  };
  await incident('2026-07-03T08:00:00Z', '2026-07-09T08:00:00Z');
  await incident('2026-09-03T08:00:00Z', null);
  await incident('2026-06-03T08:00:00Z', '2026-07-02T08:00:00Z');

  // nonconformities: recorded in Q3 one major (closed in Q3) and one minor (open, one action overdue);
  // one minor from Q2 still open (its action not yet due); one recorded after the period
  //   → opened 2 (major 1, minor 1), closed 1, open now 3, one overdue action
  // NC 2, 3 and 4 came from complaints: only NC 2 was raised in Q3 → one complaint
  await seedNc(1, 'major', 'closed', '2026-07-20T08:00:00Z', '2026-09-10T08:00:00Z');
  const nc2 = await seedNc(2, 'minor', 'action', '2026-08-05T08:00:00Z', undefined, 'complaint');
  const nc3 = await seedNc(3, 'minor', 'analysis', '2026-05-01T08:00:00Z', undefined, 'complaint');
  await seedNc(4, 'minor', 'new', '2026-10-02T08:00:00Z', undefined, 'complaint');
  await exec(sql`
    insert into corrective_actions (work_item_id, title, responsible_id, due, done_at) values
      (${nc2}, 'Retrain the night shift', ${resolver.id}, '2026-08-31', null),
      (${nc2}, 'Update the checklist', ${resolver.id}, '2026-09-15', '2026-09-14T08:00:00Z'),
      (${nc3}, 'Replace the backup job', ${resolver.id}, '2999-01-01', null)`);

  // audits: one completed in Q3 with a major NC and two OFIs, one completed in Q2 (not counted), one
  // planned to start in Q3 and not yet done
  await exec(sql`
    insert into audits (id, code, title, lead_auditor_id, planned_start, planned_end, state, approved_at) values
      ('00000000-0000-4000-8000-0000000000a1', 'AUD-001', 'Incident management', ${top.id}, '2026-09-01', '2026-09-02', 'completed', '2026-09-20T08:00:00Z'),
      ('00000000-0000-4000-8000-0000000000a2', 'AUD-002', 'Change management', ${top.id}, '2026-05-01', '2026-05-02', 'completed', '2026-05-10T08:00:00Z'),
      ('00000000-0000-4000-8000-0000000000a3', 'AUD-003', 'Service level management', ${top.id}, '2026-08-15', '2026-08-16', 'planned', null)`);
  await exec(sql`
    insert into findings (code, audit_id, kind, clause, title, raised_at) values
      ('F-001', '00000000-0000-4000-8000-0000000000a1', 'major_nc', '8.6.1', 'No major incident review', '2026-09-18T08:00:00Z'),
      ('F-002', '00000000-0000-4000-8000-0000000000a1', 'ofi', '8.6.1', 'Templates', '2026-09-18T08:00:00Z'),
      ('F-003', '00000000-0000-4000-8000-0000000000a1', 'ofi', '8.6.1', 'Categories', '2026-09-18T08:00:00Z'),
      ('F-004', '00000000-0000-4000-8000-0000000000a2', 'minor_nc', '8.5.1', 'CAB minutes', '2026-05-08T08:00:00Z')`);

  // improvements: proposed in Q3, realised in Q3 (proposed earlier), approved in Q2
  await exec(sql`
    insert into improvements (id, code, title, source, state, created_at, realised_at) values
      ('00000000-0000-4000-8000-0000000000b1', 'IMP-001', 'Self-service password reset', 'idea', 'proposed', '2026-08-01T08:00:00Z', null),
      ('00000000-0000-4000-8000-0000000000b2', 'IMP-002', 'Chat on the portal', 'feedback', 'realised', '2026-03-01T08:00:00Z', '2026-09-05T08:00:00Z'),
      ('00000000-0000-4000-8000-0000000000b3', 'IMP-003', 'Spare printers per hotel', 'problem', 'approved', '2026-06-01T08:00:00Z', null)`);

  // context: an issue added in Q3, one changed in Q3, a party untouched since 2025
  ids.added = (
    await post('/api/v1/context/issues', head, { kind: 'external', title: 'New data protection law' })
  ).json().id;
  ids.changed = (
    await post('/api/v1/context/issues', head, {
      kind: 'internal',
      title: 'Staff turnover',
      climateRelated: false,
    })
  ).json().id;
  const party = (
    await post('/api/v1/context/parties', head, { name: 'Hotel guests', kind: 'customer' })
  ).json();
  await exec(
    sql`update context_issues set created_at = '2026-08-01T08:00:00Z', updated_at = '2026-08-01T08:00:00Z' where id = ${ids.added}`,
  );
  await exec(
    sql`update context_issues set created_at = '2025-01-01T08:00:00Z', updated_at = '2026-09-01T08:00:00Z' where id = ${ids.changed}`,
  );
  await exec(
    sql`update interested_parties set created_at = '2025-01-01T08:00:00Z', updated_at = '2025-02-01T08:00:00Z' where id = ${party.id}`,
  );

  // risks: one above the acceptable level (4 × 4 = 16 > 6), one below, one opportunity
  const risk = (title: string, kind: string, l: number, i: number, treatment: string) =>
    post('/api/v1/risks', head, {
      kind,
      title,
      ownerId: head.id,
      inherentLikelihood: l,
      inherentImpact: i,
      residualLikelihood: l,
      residualImpact: i,
      treatment,
      reviewDue: '2027-06-30',
    });
  ids.high = (await risk('Booking database fails', 'risk', 4, 4, 'reduce')).json().id;
  await risk('Printer toner runs out', 'risk', 2, 1, 'accept');
  await risk('Move mail to the cloud', 'opportunity', 3, 3, 'exploit');

  // a role nobody holds
  ids.role = (
    await post('/api/v1/roles', head, { key: 'problem-manager', name: 'Problem manager' })
  ).json().id;

  // the previous review (Q1), held, with three actions: one open and overdue, one done now (during the
  // period under review or after it: still reported), one done before Q3 began (no longer reported)
  const previous = await post('/api/v1/management-reviews', head, {
    title: 'Review Q1',
    periodFrom: '2026-01-01',
    periodTo: '2026-03-31',
    meetingOn: '2026-04-10',
    chairId: top.id,
  });
  ids.previous = previous.json().id;
  await post(
    `/api/v1/management-reviews/${ids.previous}/hold`,
    top,
    {},
    { 'if-match': previous.headers.etag },
  );
  for (const [title, due] of [
    ['Hire a second resolver', '2026-08-15'],
    ['Publish the SLA report monthly', '2026-06-30'],
    ['Renew the PMS contract', '2026-05-31'],
  ])
    await post(`/api/v1/management-reviews/${ids.previous}/actions`, top, {
      title,
      responsibleId: resolver.id,
      due,
    });
  const actions = (await call('GET', `/api/v1/management-reviews/${ids.previous}`, top)).json().actions as {
    id: string;
    title: string;
  }[];
  ids.openAction = actions.find((a) => a.title === 'Hire a second resolver')!.id;
  ids.doneAction = actions.find((a) => a.title === 'Publish the SLA report monthly')!.id;
  const contract = actions.find((a) => a.title === 'Renew the PMS contract')!.id;
  for (const a of [ids.doneAction, contract])
    await call('PATCH', `/api/v1/management-reviews/${ids.previous}/actions/${a}`, resolver, { done: true });
  await exec(
    sql`update management_review_actions set done_at = '2026-06-20T08:00:00Z' where id = ${contract}`,
  );

  ids.review = (
    await post('/api/v1/management-reviews', head, {
      title: 'Review Q3',
      periodFrom: '2026-07-01',
      periodTo: '2026-09-30',
      meetingOn: '2026-10-15',
      chairId: top.id,
    })
  ).json().id;
}, 60_000);

describe('the inputs of a management review', () => {
  it('reckon the period before a quarter as the quarter before, and other periods by their days', () => {
    expect(previousPeriod({ from: '2026-07-01', to: '2026-09-30' })).toEqual({
      from: '2026-04-01',
      to: '2026-06-30',
    });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-12-31' })).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(previousPeriod({ from: '2026-07-10', to: '2026-07-19' })).toEqual({
      from: '2026-06-30',
      to: '2026-07-09',
    });
  });

  it('equal the figures worked out by hand from the seeded records', async () => {
    const res = await call('GET', `/api/v1/management-reviews/${ids.review}/inputs`, top);
    expect(res.statusCode, res.body).toBe(200);
    const got = res.json();
    expect(got.frozen).toBe(false);
    expect(got.period).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(got.previousPeriod).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    const i = got.inputs;

    expect(i.performance.asOf).toBe('2026-09-30T23:59:59.999Z');
    expect(i.performance.objectives).toEqual([
      {
        id: ids.csat,
        code: 'OBJ-CSAT',
        title: 'Guests are satisfied',
        target: 4,
        direction: 'at_least',
        unit: 'score',
        status: 'at_risk',
        latest: 3.75,
        values: [{ periodStart: '2026-07-01T00:00:00.000Z', value: 3.75 }],
      },
      {
        id: ids.doc,
        code: 'OBJ-DOC',
        title: 'Changes are documented',
        target: 95,
        direction: 'at_least',
        unit: '%',
        status: 'on_track',
        latest: 97,
        values: [
          { periodStart: '2026-07-01T00:00:00.000Z', value: 96 },
          { periodStart: '2026-08-01T00:00:00.000Z', value: 90 },
          { periodStart: '2026-09-01T00:00:00.000Z', value: 97 },
        ],
      },
    ]);
    expect(i.performance.byStatus).toEqual({ at_risk: 1, on_track: 1 });

    expect(i.service_levels.agreements).toEqual([
      {
        id: ids.sla,
        name: 'Hotel SLA',
        kind: 'sla',
        met: 5,
        missed: 2,
        open: 1,
        metPercent: 71.4,
        byMetric: [
          { metric: 'resolution', met: 2, missed: 1, open: 1, metPercent: 66.7 },
          { metric: 'response', met: 3, missed: 1, open: 0, metPercent: 75 },
        ],
        previous: { met: 3, missed: 1, metPercent: 75 },
        trend: 'worse',
      },
    ]);

    expect(i.customer_satisfaction).toEqual({
      ratings: 4,
      mean: 3.75,
      byScore: [0, 1, 0, 2, 1],
      previous: { ratings: 2, mean: 4 },
      complaints: {
        recorded: true,
        count: 1,
        items: [{ number: 'NC-000002', title: 'Nonconformity 2', state: 'action' }],
        note: 'Counted from the nonconformities raised from a complaint. Keel has no complaints process of its own yet: complaints handled outside Keel must be brought to the review by hand.',
      },
    });

    expect(i.nonconformities).toEqual({
      opened: 2,
      openedBySeverity: { major: 1, minor: 1 },
      closed: 1,
      open: 3,
      overdueActions: [
        {
          number: 'NC-000002',
          title: 'Retrain the night shift',
          responsible: expect.any(String),
          due: '2026-08-31',
        },
      ],
    });

    expect(i.workload).toEqual({
      incidents: { opened: 2, closed: 2 },
      requests: { opened: 0, closed: 0 },
      changes: { opened: 0, closed: 0 },
      previous: {
        incidents: { opened: 1, closed: 0 },
        requests: { opened: 0, closed: 0 },
        changes: { opened: 0, closed: 0 },
      },
    });

    expect(i.audits).toEqual({
      completed: [
        {
          id: '00000000-0000-4000-8000-0000000000a1',
          code: 'AUD-001',
          title: 'Incident management',
          completedAt: '2026-09-20T08:00:00.000Z',
          findings: { major_nc: 1, minor_nc: 0, observation: 0, ofi: 2 },
        },
      ],
      findingsRaised: { major_nc: 1, minor_nc: 0, observation: 0, ofi: 2 },
      planned: 1,
    });

    expect(i.improvements).toEqual({
      byState: { approved: 1, proposed: 1, realised: 1 },
      proposedInPeriod: 1,
      realisedInPeriod: [
        { id: '00000000-0000-4000-8000-0000000000b2', code: 'IMP-002', title: 'Chat on the portal' },
      ],
    });

    expect(i.context_changes).toMatchObject({
      issues: [
        { id: ids.added, title: 'New data protection law', change: 'added' },
        { id: ids.changed, title: 'Staff turnover', change: 'changed' },
      ],
      parties: [],
      scopeVersions: [],
    });

    expect(i.risks).toEqual({
      aboveAcceptable: [
        {
          id: ids.high,
          code: 'RSK-001',
          title: 'Booking database fails',
          score: 16,
          treatment: 'reduce',
          acceptedAt: null,
        },
      ],
      openRisks: 2,
      openOpportunities: 1,
    });

    expect(i.resources).toEqual({
      vacancies: [{ roleId: ids.role, role: 'Problem manager' }],
      competenceGaps: [],
      otherGaps: { withoutDeputy: 0, appointmentsEnding: 0, processesWithoutOwner: 0 },
    });

    expect(i.previous_actions).toMatchObject({ open: 1, done: 1, overdue: 1 });
    expect(i.previous_actions.actions).toMatchObject([
      { id: ids.doneAction, reviewCode: 'MR-001', done: true, overdue: false },
      { id: ids.openAction, reviewCode: 'MR-001', due: '2026-08-15', done: false, overdue: true },
    ]);

    expect(i.suppliers.underpinningContracts).toEqual([]);
    expect(i.suppliers.note).toContain('Keel has no supplier register yet');
    expect(i.suppliers.noteKey).toBe('noSupplierRegister');
  });

  it('are frozen as assembled when the review is held, and stay so when the records change', async () => {
    const live = (await call('GET', `/api/v1/management-reviews/${ids.review}/inputs`, top)).json();
    const r = await call('GET', `/api/v1/management-reviews/${ids.review}`, top);
    const held = await post(
      `/api/v1/management-reviews/${ids.review}/hold`,
      top,
      {},
      { 'if-match': r.headers.etag },
    );
    expect(held.json().inputsFrozen).toBe(true);
    // a rating given late for Q3 moves the live figure, not the frozen one
    await exec(sql`update work_item_ratings set score = 1 where score = 5 and rated_at < '2026-09-01'`);
    const frozen = (await call('GET', `/api/v1/management-reviews/${ids.review}/inputs`, top)).json();
    expect(frozen.frozen).toBe(true);
    expect({ ...frozen.inputs, previous_actions: null }).toEqual({ ...live.inputs, previous_actions: null });
    expect(frozen.inputs.customer_satisfaction.mean).toBe(3.75);
  });
});
