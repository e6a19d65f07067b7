import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';

/**
 * Change management through its API: recording with field errors, the lifecycle with the change authority,
 * the plan frozen once approved, the list, and the change success rate KPI computed from the outcomes.
 * One file on purpose (about 470 lines): every case builds on the same service, CIs and change people, and
 * the KPI counts the changes the lifecycle cases leave behind.
 */
let k: TestKeel;
let manager: TestUser;
let resolver: TestUser;
let agent: TestUser;
let top: TestUser;
let customer: TestUser;
let auditor: TestUser;
let head: TestUser;
let serviceId: string;
let otherServiceId: string;
let ciId: string;

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
const post = (url: string, who: TestUser, payload: object = {}) => call('POST', url, who, payload);

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const planned = {
  plannedStart: inHours(24),
  plannedEnd: inHours(26),
  implementationPlan: 'Upgrade the PMS database in the night window',
  backoutPlan: 'Restore last night’s snapshot',
};

async function record(who: TestUser, over: object = {}) {
  const res = await post('/api/v1/changes', who, {
    title: 'Upgrade the property management system',
    kind: 'normal',
    risk: 'medium',
    serviceId,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { number: string; version: number; state: string };
}

async function move(number: string, who: TestUser, to: string, body: object = {}) {
  const cur = await call('GET', `/api/v1/changes/${number}`, who);
  return call(
    'POST',
    `/api/v1/changes/${number}/transitions`,
    who,
    { to, ...body },
    { 'if-match': cur.headers.etag as string },
  );
}

/** Takes a change through its whole life to the outcome given; the change manager approves. */
async function implemented(outcome: string, over: object = {}) {
  const c = await record(resolver, { ...planned, ...over });
  for (const [to, who, body] of [
    ['assessment', resolver, {}],
    ['approved', manager, {}],
    ['implementing', resolver, {}],
    ['review', resolver, { outcome }],
  ] as const) {
    const res = await move(c.number, who, to, body);
    expect(res.statusCode, res.body).toBe(200);
  }
  return c.number;
}

beforeAll(async () => {
  k = await testKeel();
  [manager, resolver, agent, top, customer, auditor, head] = await Promise.all([
    k.user(['change_manager']),
    k.user(['resolver']),
    k.user(['service_desk_agent']),
    k.user(['top_management']),
    k.user(['customer']),
    k.user(['internal_auditor']),
    k.user(['process_owner']),
  ]);
  const keeper = await k.user(['service_owner', 'configuration_manager']);
  const service = async (name: string) => {
    const res = await post('/api/v1/services', keeper, { name, status: 'live', criticality: 3 });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  serviceId = await service('Property management');
  otherServiceId = await service('Guest Wi-Fi');
  const ci = await post('/api/v1/cis', keeper, { classKey: 'server', name: 'pms-db-01' });
  expect(ci.statusCode, ci.body).toBe(201);
  ciId = ci.json().id;
});

describe('recording a change', () => {
  it('records a normal change in state new with its plan, service and CIs', async () => {
    const res = await post('/api/v1/changes', resolver, {
      title: 'Move the PMS database to new storage',
      kind: 'normal',
      risk: 'high',
      reason: 'The old array is out of support',
      serviceId,
      ciIds: [ciId],
      ...planned,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.location).toMatch(/^\/api\/v1\/changes\/CHG-\d{6}$/);
    expect(res.json()).toMatchObject({
      type: 'change',
      state: 'new',
      kind: 'normal',
      risk: 'high',
      serviceName: 'Property management',
      cis: [{ id: ciId, name: 'pms-db-01' }],
      plannedStart: planned.plannedStart,
      approvedBy: null,
      outcome: null,
    });
    expect(
      res
        .json()
        .transitions.map((t: { to: string }) => t.to)
        .sort(),
    ).toEqual(['assessment', 'cancelled']);
  });

  it('answers bad input with every field at once and writes nothing', async () => {
    const before = await k.db.execute(sql`select count(*)::int as n from work_items where type = 'change'`);
    const shape = await post('/api/v1/changes', resolver, { title: ' ', kind: 'quick', risk: 'medium' });
    expect(shape.statusCode).toBe(400);
    expect(
      problemOf(shape)
        .errors!.map((e) => e.field)
        .sort(),
    ).toEqual(['kind', 'title']);
    const refs = await post('/api/v1/changes', resolver, {
      title: 'x',
      kind: 'normal',
      risk: 'low',
      serviceId: '00000000-0000-4000-8000-000000000000',
      ciIds: ['00000000-0000-4000-8000-000000000001'],
      assigneeId: customer.id,
      plannedStart: inHours(5),
      plannedEnd: inHours(4),
    });
    expect(refs.statusCode, refs.body).toBe(400);
    expect(problemOf(refs).errors).toEqual([
      { field: 'serviceId', message: 'does not exist' },
      { field: 'ciIds', message: 'names a CI that does not exist' },
      { field: 'assigneeId', message: 'is not an active person who works on changes' },
      { field: 'plannedEnd', message: 'must be after the planned start' },
    ]);
    const after = await k.db.execute(sql`select count(*)::int as n from work_items where type = 'change'`);
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it('is for the provider’s staff: a customer may not record one, nor read the list; the auditor reads it', async () => {
    expect(
      (await post('/api/v1/changes', customer, { title: 'x', kind: 'normal', risk: 'low' })).statusCode,
    ).toBe(403);
    expect(
      (await post('/api/v1/changes', auditor, { title: 'x', kind: 'normal', risk: 'low' })).statusCode,
    ).toBe(403);
    expect((await call('GET', '/api/v1/changes', customer)).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/changes', auditor)).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/changes', head)).statusCode).toBe(200);
    const shared = await post('/api/v1/work-items', resolver, { type: 'change', title: 'x' });
    expect(problemOf(shared).errors).toEqual([
      { field: 'type', message: 'is recorded with POST /api/v1/changes' },
    ]);
  });
});

describe('the change lifecycle', () => {
  it('lets only the change authority approve a normal change, and only with its window and plans', async () => {
    const c = await record(resolver);
    const assessed = await move(c.number, resolver, 'assessment');
    expect(assessed.statusCode).toBe(200);
    expect(assessed.json().transitions.map((t: { name: string }) => t.name)).toEqual(['cancel']);
    const bySelf = await move(c.number, resolver, 'approved');
    expect(bySelf.statusCode).toBe(403);
    expect(problemOf(bySelf).detail).toMatch(/change authority/);
    const unplanned = await move(c.number, manager, 'approved');
    expect(unplanned.statusCode).toBe(400);
    expect(problemOf(unplanned).errors!.map((e) => e.field)).toEqual([
      'plannedStart',
      'plannedEnd',
      'implementationPlan',
      'backoutPlan',
    ]);
    const cur = await call('GET', `/api/v1/changes/${c.number}`, resolver);
    const planning = await call('PATCH', `/api/v1/changes/${c.number}`, resolver, planned, {
      'if-match': cur.headers.etag as string,
    });
    expect(planning.statusCode, planning.body).toBe(200);
    // the form sends every field: what did not change is not a change
    const same = await call(
      'PATCH',
      `/api/v1/changes/${c.number}`,
      resolver,
      { ...planned, ciIds: [] },
      {
        'if-match': planning.headers.etag as string,
      },
    );
    expect(same.json().version).toBe(planning.json().version);
    const ok = await move(c.number, manager, 'approved', { note: 'CAB 12 Nov' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'approved', approvedBy: { id: manager.id } });
    expect(ok.json().approvedAt).not.toBeNull();
    const notes = (await call('GET', `/api/v1/work-items/${c.number}/comments`, resolver)).json().items;
    expect(notes.map((n: { body: string }) => n.body)).toContain('Approved: CAB 12 Nov');
  });

  it('never lets the person who asked for a normal change approve it, even the change manager', async () => {
    const c = await record(manager, planned);
    const assessed = await move(c.number, manager, 'assessment');
    expect(assessed.json().transitions.map((t: { name: string }) => t.name)).not.toContain('approve');
    const own = await move(c.number, manager, 'approved');
    expect(own.statusCode).toBe(403);
    expect(problemOf(own).detail).toMatch(/other than the person who asked/);
    const byTop = await move(c.number, top, 'approved');
    expect(byTop.statusCode, byTop.body).toBe(200);
  });

  it('answers with what the reader may do: an auditor reads, a worker edits and attaches', async () => {
    const c = await record(resolver, planned);
    const asWorker = (await call('GET', `/api/v1/changes/${c.number}`, resolver)).json();
    expect(asWorker.abilities).toEqual({
      edit: true,
      comment: true,
      commentInternal: true,
      attach: true,
      link: true,
    });
    const asAuditor = (await call('GET', `/api/v1/changes/${c.number}`, auditor)).json();
    expect(asAuditor.abilities).toEqual({
      edit: false,
      comment: false,
      commentInternal: false,
      attach: false,
      link: false,
    });
    expect(asAuditor.transitions).toEqual([]);
  });

  it('keeps the approved plan: changing it afterwards is refused, moving people is not', async () => {
    const c = await record(resolver, planned);
    await move(c.number, resolver, 'assessment');
    await move(c.number, top, 'approved');
    const cur = await call('GET', `/api/v1/changes/${c.number}`, resolver);
    const etag = cur.headers.etag as string;
    const replan = await call(
      'PATCH',
      `/api/v1/changes/${c.number}`,
      resolver,
      { plannedEnd: inHours(40) },
      { 'if-match': etag },
    );
    expect(replan.statusCode).toBe(409);
    const retitle = await call(
      'PATCH',
      `/api/v1/changes/${c.number}`,
      resolver,
      { title: 'Something else' },
      { 'if-match': etag },
    );
    expect(retitle.statusCode).toBe(409);
    // sending what it already says is no change
    const same = await call(
      'PATCH',
      `/api/v1/changes/${c.number}`,
      resolver,
      { plannedStart: planned.plannedStart },
      { 'if-match': etag },
    );
    expect(same.statusCode, same.body).toBe(200);
    const reassign = await call(
      'PATCH',
      `/api/v1/changes/${c.number}`,
      resolver,
      { assigneeId: resolver.id },
      { 'if-match': etag },
    );
    expect(reassign.statusCode, reassign.body).toBe(200);
    expect(reassign.json().assigneeName).not.toBeNull();
  });

  it('keeps a standard change low risk, and its kind, once submitted, the change authority’s to change', async () => {
    const risky = await post('/api/v1/changes', agent, { title: 'x', kind: 'standard', risk: 'medium' });
    expect(problemOf(risky).errors).toEqual([
      { field: 'risk', message: 'a standard change is low risk; record a riskier one as normal' },
    ]);
    const c = await record(resolver, { risk: 'low', ...planned });
    const assessed = await move(c.number, resolver, 'assessment');
    const relabel = await call(
      'PATCH',
      `/api/v1/changes/${c.number}`,
      resolver,
      { kind: 'standard' },
      {
        'if-match': assessed.headers.etag as string,
      },
    );
    expect(relabel.statusCode).toBe(403);
    const byAuthority = await call(
      'PATCH',
      `/api/v1/changes/${c.number}`,
      manager,
      { kind: 'standard' },
      {
        'if-match': assessed.headers.etag as string,
      },
    );
    expect(byAuthority.statusCode, byAuthority.body).toBe(200);
    expect(byAuthority.json().kind).toBe('standard');
  });

  it('lets anyone who works on changes approve a standard change, pre-authorised', async () => {
    const c = await record(agent, { kind: 'standard', risk: 'low', ...planned, backoutPlan: '' });
    await move(c.number, agent, 'assessment');
    const res = await move(c.number, agent, 'approved');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().approvedBy.id).toBe(agent.id);
  });

  it('needs an outcome to complete, a reason to reject or cancel, and the authority to close the review', async () => {
    const c = await record(resolver, planned);
    await move(c.number, resolver, 'assessment');
    await move(c.number, manager, 'approved');
    await move(c.number, resolver, 'implementing');
    const none = await move(c.number, resolver, 'review');
    expect(none.statusCode).toBe(400);
    const wrong = await move(c.number, resolver, 'review', { outcome: 'partly' });
    expect(problemOf(wrong).errors).toEqual([
      { field: 'outcome', message: 'must be one of: successful, failed, backed_out' },
    ]);
    const done = await move(c.number, resolver, 'review', {
      outcome: 'backed_out',
      outcomeNote: 'Disk errors; rolled back',
    });
    expect(done.json()).toMatchObject({
      state: 'review',
      outcome: 'backed_out',
      outcomeNote: 'Disk errors; rolled back',
    });
    expect((await move(c.number, resolver, 'closed')).statusCode).toBe(403);
    const closed = await move(c.number, manager, 'closed', { note: 'Vendor to fix the firmware first' });
    expect(closed.json()).toMatchObject({ state: 'closed', final: true, transitions: [] });
    const late = await call(
      'PATCH',
      `/api/v1/changes/${c.number}`,
      resolver,
      { title: 'y' },
      { 'if-match': `"${closed.json().version}"` },
    );
    expect(late.statusCode).toBe(409);

    const r = await record(resolver, planned);
    await move(r.number, resolver, 'assessment');
    expect((await move(r.number, manager, 'rejected')).statusCode).toBe(400);
    expect((await move(r.number, manager, 'rejected', { reason: 'Not in peak season' })).json().state).toBe(
      'rejected',
    );
    const x = await record(resolver);
    expect((await move(x.number, resolver, 'cancelled', { reason: 'Duplicate' })).json().state).toBe(
      'cancelled',
    );
    expect((await move(x.number, resolver, 'assessment')).statusCode).toBe(409);
  });

  it('tells the change manager of a normal change submitted, and the requester of its approval', async () => {
    const c = await record(resolver, planned);
    await move(c.number, resolver, 'assessment');
    await move(c.number, manager, 'approved');
    const said = await k.db.execute<{ user_id: string; kind: string }>(sql`
      select user_id, kind from notifications where link = ${`/work-items/${c.number}`} order by id`);
    expect(said.rows).toEqual([
      { user_id: manager.id, kind: 'change.submitted' },
      { user_id: resolver.id, kind: 'change.approved' },
    ]);
  });

  it('audits each step with who took it', async () => {
    const c = await record(resolver, planned);
    await move(c.number, resolver, 'assessment');
    await move(c.number, manager, 'approved');
    const log = await k.db.execute<{ action: string; actor_id: string; after: Record<string, unknown> }>(sql`
      select action, actor_id, after from audit_log where record_id = ${c.number} order by id`);
    expect(log.rows.map((r) => r.action)).toEqual(['change.created', 'change.submit', 'change.approve']);
    expect(log.rows.at(-1)!.actor_id).toBe(manager.id);
    // the record as written, its plan included
    expect(log.rows[0]!.after).toMatchObject({
      number: c.number,
      kind: 'normal',
      risk: 'medium',
      implementationPlan: planned.implementationPlan,
      ciIds: [],
    });
  });
});

describe('the list of changes', () => {
  it('pages newest first and filters by state, kind and openness', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call('GET', `/api/v1/changes?limit=3${cursor ? `&cursor=${cursor}` : ''}`, manager);
      expect(res.statusCode, res.body).toBe(200);
      all.push(...res.json().items.map((i: { number: string }) => i.number));
      cursor = res.json().nextCursor;
    } while (cursor);
    const numbers = await k.db.execute<{ number: string }>(sql`
      select number from work_items where type = 'change' order by created_at desc, id desc`);
    expect(all).toEqual(numbers.rows.map((r) => r.number));
    const standard = (await call('GET', '/api/v1/changes?kind=standard', manager)).json().items;
    expect(standard.length).toBeGreaterThan(0);
    expect(standard.every((i: { kind: string }) => i.kind === 'standard')).toBe(true);
    const closed = (await call('GET', '/api/v1/changes?state=closed,rejected&open=false', auditor)).json()
      .items;
    expect(closed.map((i: { state: string }) => i.state).sort()).toEqual(['closed', 'rejected']);
    const bad = await call('GET', '/api/v1/changes?state=done', manager);
    expect(bad.statusCode).toBe(400);
    const forged = Buffer.from(
      JSON.stringify({ v: 42, id: '00000000-0000-4000-8000-000000000000' }),
    ).toString('base64url');
    const worse = await call('GET', `/api/v1/changes?cursor=${forged}`, manager);
    expect(worse.statusCode).toBe(400);
    expect(problemOf(worse).errors![0]!.field).toBe('querystring.cursor');
  });
});

describe('the change success rate', () => {
  it('is the share of changes with a recorded outcome that succeeded: 3 of 4 is 75%, and per service', async () => {
    await k.db.execute(
      sql`update changes set implemented_at = now() - interval '400 days' where implemented_at is not null`,
    );
    await implemented('successful');
    await implemented('successful');
    await implemented('failed');
    await implemented('successful', { serviceId: otherServiceId });
    // a change approved but not yet carried out does not count
    const pending = await record(resolver, planned);
    await move(pending.number, resolver, 'assessment');
    await move(pending.number, manager, 'approved');
    const objective = (code: string, measurement: object) =>
      post('/api/v1/objectives', head, {
        code,
        title: 'Changes implemented successfully',
        businessGoal: 'Changes never disturb the hotels',
        ownerId: head.id,
        target: 90,
        deadline: new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10),
        measurement,
      });
    const all = await objective('OBJ-CHG', { kind: 'kpi', kpi: 'change_success_rate' });
    expect(all.statusCode, all.body).toBe(201);
    expect(all.json()).toMatchObject({
      unit: '%',
      direction: 'at_least',
      current: { value: 75 },
      status: 'at_risk',
    });
    const one = await objective('OBJ-CHG-PMS', { kind: 'kpi', kpi: 'change_success_rate', serviceId });
    expect(one.json().current.value).toBe(66.7);
  });
});
