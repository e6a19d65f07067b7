import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { JobWorker } from '../../kernel/jobs/worker.ts';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { riskJobs } from './commands.ts';

/** Risks and opportunities: criteria set by top management, scores, acceptance above the level, the heat map. */
let k: TestKeel;
let head: TestUser;
let top: TestUser;
let agent: TestUser;
let auditor: TestUser;
let serviceId: string;

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
const post = (url: string, who: TestUser, payload: object = {}) => call('POST', url, who, payload);

beforeAll(async () => {
  k = await testKeel();
  [head, top, agent, auditor] = await Promise.all([
    k.user(['process_owner']),
    k.user(['top_management']),
    k.user(['service_desk_agent']),
    k.user(['internal_auditor']),
  ]);
  const keeper = await k.user(['service_owner']);
  serviceId = (
    await post('/api/v1/services', keeper, { name: 'Booking system', status: 'live', criticality: 1 })
  ).json().id;
});

const risk = (over: object = {}) => ({
  kind: 'risk',
  title: 'Booking system database fails',
  causes: 'Single server, no replica',
  serviceIds: [serviceId],
  ownerId: head.id,
  inherentLikelihood: 3,
  inherentImpact: 5,
  residualLikelihood: 2,
  residualImpact: 3,
  treatment: 'reduce',
  reviewDue: '2027-03-31',
  ...over,
});

describe('risk criteria', () => {
  it('are set by top management only, and start from Keel’s defaults', async () => {
    const first = await call('GET', '/api/v1/risks/criteria', auditor);
    expect(first.json()).toMatchObject({
      acceptable: 6,
      version: 0,
      likelihood: ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'],
    });
    const body = {
      likelihood: ['Rare', 'Unlikely', 'Possible', 'Likely', 'Certain'],
      impact: ['None', 'Minor', 'Moderate', 'Major', 'Critical'],
      acceptable: 8,
    };
    expect((await call('PUT', '/api/v1/risks/criteria', head, body, { 'if-match': '"0"' })).statusCode).toBe(
      403,
    );
    const short = await call(
      'PUT',
      '/api/v1/risks/criteria',
      top,
      { ...body, impact: ['Low', 'High'] },
      { 'if-match': '"0"' },
    );
    expect(problemOf(short).errors).toEqual([
      { field: 'impact', message: 'name the five levels, lowest first' },
    ]);
    const set = await call('PUT', '/api/v1/risks/criteria', top, body, { 'if-match': '"0"' });
    expect(set.statusCode, set.body).toBe(200);
    expect((await call('PUT', '/api/v1/risks/criteria', top, body, { 'if-match': '"0"' })).statusCode).toBe(
      412,
    );
  });
});

describe('risk criteria changed by two people at once', () => {
  it('are not lost: both read the same version, one change wins and the other is told they changed', async () => {
    const cur = await call('GET', '/api/v1/risks/criteria', top);
    const { likelihood, impact, acceptable, version } = cur.json();
    const put = (last: string) =>
      call(
        'PUT',
        '/api/v1/risks/criteria',
        top,
        { likelihood: [...likelihood.slice(0, 4), last], impact, acceptable },
        { 'if-match': cur.headers.etag as string },
      );
    // hold the row, so that both changes are under way (past reading it) before either can write
    const blocker = await k.db.$client.connect();
    try {
      await blocker.query('begin');
      await blocker.query('select 1 from risk_criteria where id = 1 for update');
      const both = Promise.all([put('Certain'), put('Almost certain')]);
      for (let i = 0; ; i++) {
        const waiting = await k.db.execute<{ n: number }>(sql`
          select count(*)::int as n from pg_stat_activity
           where datname = current_database() and wait_event_type = 'Lock'`);
        if (waiting.rows[0]!.n >= 2) break;
        if (i > 250) throw new Error('the two changes never reached the criteria row');
        await new Promise((r) => setTimeout(r, 20));
      }
      await blocker.query('commit');
      const codes = (await both).map((r) => r.statusCode).sort();
      expect(codes).toEqual([200, 412]);
    } finally {
      blocker.release();
    }
    const after = (await call('GET', '/api/v1/risks/criteria', top)).json();
    expect(after).toMatchObject({ version: version + 1, acceptable });
  });
});

describe('the register', () => {
  it('scores a risk before and after treatment against the acceptable level', async () => {
    const res = await post('/api/v1/risks', head, risk());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      code: 'RSK-001',
      inherent: { score: 15 },
      residual: { score: 6 },
      high: false,
      services: [{ id: serviceId, name: 'Booking system' }],
    });
    const opp = await post(
      '/api/v1/risks',
      head,
      risk({
        kind: 'opportunity',
        title: 'Move to managed database',
        treatment: 'exploit',
        residualLikelihood: 4,
        residualImpact: 4,
      }),
    );
    expect(opp.json()).toMatchObject({ code: 'OPP-001', high: false });
  });

  it('refuses what cannot be, naming each field', async () => {
    const res = await post(
      '/api/v1/risks',
      head,
      risk({
        treatment: 'exploit',
        residualLikelihood: 5,
        residualImpact: 5,
        serviceIds: ['00000000-0000-4000-8000-000000000000'],
      }),
    );
    expect(problemOf(res).errors).toEqual([
      { field: 'treatment', message: 'for a risk: avoid, reduce, transfer, accept' },
      { field: 'residualLikelihood', message: 'treatment cannot make a risk worse than it was' },
      { field: 'serviceIds', message: 'no services 00000000-0000-4000-8000-000000000000' },
    ]);
    const scale = await post('/api/v1/risks', head, risk({ inherentImpact: 6 }));
    expect(problemOf(scale).errors).toEqual([{ field: 'inherentImpact', message: 'must be 1–5' }]);
  });

  it('accepts a residual score above the level only by the word of top management, recorded', async () => {
    const above = risk({
      title: 'Key supplier goes bankrupt',
      residualLikelihood: 3,
      residualImpact: 4,
      treatment: 'accept',
    });
    const refused = await post('/api/v1/risks', head, above);
    expect(problemOf(refused).errors).toEqual([
      {
        field: 'treatment',
        message: 'a residual score above 8 is accepted only by top management; reduce, avoid or transfer it',
      },
    ]);
    const accepted = await post('/api/v1/risks', top, above);
    expect(accepted.json()).toMatchObject({ code: 'RSK-002', high: true, treatment: 'accept' });
    expect((await call('GET', `/api/v1/risks/${accepted.json().id}`, agent)).json().abilities).toEqual({
      edit: false,
    });
    expect((await call('GET', `/api/v1/risks/${accepted.json().id}`, head)).json().abilities).toEqual({
      edit: true,
    });
    expect(accepted.json().acceptedBy).not.toBeNull();
    // its owner may change its text without losing the acceptance, but not raise its score past it
    const cur = await call('GET', `/api/v1/risks/${accepted.json().id}`, head);
    const edited = await call(
      'PATCH',
      `/api/v1/risks/${accepted.json().id}`,
      head,
      { causes: 'One supplier for all PMS licences' },
      { 'if-match': cur.headers.etag as string },
    );
    expect(edited.json().acceptedAt).toBe(accepted.json().acceptedAt);
    const worse = await call(
      'PATCH',
      `/api/v1/risks/${accepted.json().id}`,
      head,
      { residualImpact: 5, inherentImpact: 5 },
      { 'if-match': edited.headers.etag as string },
    );
    expect(worse.statusCode).toBe(400);
    expect((await post('/api/v1/risks', auditor, risk())).statusCode).toBe(403);
  });

  it('shows open risks on a heat map, and the high ones on the leadership dashboard', async () => {
    const map = (await call('GET', '/api/v1/risks/heatmap', agent)).json();
    expect(map.residual[1][2]).toMatchObject({
      likelihood: 2,
      impact: 3,
      acceptable: true,
      risks: ['RSK-001'],
    });
    expect(map.residual[2][3]).toMatchObject({
      likelihood: 3,
      impact: 4,
      acceptable: false,
      risks: ['RSK-002'],
    });
    expect(map.inherent[2][4].risks.sort()).toEqual(['RSK-001', 'RSK-002']);
    const high = (await call('GET', '/api/v1/risks?high=true', agent)).json().items;
    expect(high.map((r: { code: string }) => r.code)).toEqual(['RSK-002']);
    const dash = (await call('GET', '/api/v1/leadership/dashboard', top)).json();
    expect(dash.risks.high).toMatchObject([{ code: 'RSK-002', score: 12, treatment: 'accept' }]);
  });

  it('tells the owner on the review date, and only for the date in force', async () => {
    const made = await post('/api/v1/risks', head, risk({ title: 'Review me', reviewDue: '2027-05-01' }));
    const moved = await call(
      'PATCH',
      `/api/v1/risks/${made.json().id}`,
      head,
      { reviewDue: '2027-06-01' },
      {
        'if-match': made.headers.etag as string,
      },
    );
    expect(moved.statusCode).toBe(200);
    await k.db.execute(
      sql`update jobs set due_at = now() where kind = 'risk.review_due' and state = 'queued'`,
    );
    const worker = new JobWorker(k.db);
    for (const [kind, h] of Object.entries(riskJobs)) worker.register(kind, h);
    expect(await worker.drain()).toBeGreaterThan(0);
    const notes = await k.db.execute<{ text: string }>(
      sql`select text from notifications where user_id = ${head.id} and text like '%Review me%'`,
    );
    expect(notes.rows.map((n) => n.text)).toEqual([
      `${made.json().code} Review me is due for its review (2027-06-01).`,
    ]);
  });

  it('keeps the review date and an action’s due date as the calendar days given, and reminds on that day', async () => {
    const made = await post(
      '/api/v1/risks',
      head,
      risk({ title: 'Year-end freeze', reviewDue: '2026-12-31' }),
    );
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().reviewDue).toBe('2026-12-31');
    const id = made.json().id;
    const planned = await post(`/api/v1/risks/${id}/actions`, head, {
      title: 'Freeze changes',
      due: '2026-12-31',
    });
    expect(planned.json()).toMatchObject({ reviewDue: '2026-12-31', actions: [{ due: '2026-12-31' }] });
    const listed = (await call('GET', '/api/v1/risks', agent)).json().items;
    expect(listed.find((r: { id: string }) => r.id === id).reviewDue).toBe('2026-12-31');
    const job = await k.db.execute<{ due_at: Date; payload: { due: string } }>(sql`
      select due_at, payload from jobs where kind = 'risk.review_due' and payload->>'riskId' = ${id}`);
    expect(job.rows.map((j) => [new Date(j.due_at).toISOString(), j.payload.due])).toEqual([
      ['2026-12-31T07:00:00.000Z', '2026-12-31'],
    ]);
    await k.db.execute(sql`delete from jobs where kind = 'risk.review_due' and payload->>'riskId' = ${id}`);
    await k.db.execute(sql`delete from risks where id = ${id}`);
  });

  it('has treatment actions', async () => {
    const [r] = (await call('GET', '/api/v1/risks?kind=risk', head)).json().items;
    const res = await post(`/api/v1/risks/${r.id}/actions`, head, {
      title: 'Add a replica',
      responsibleId: agent.id,
      due: '2027-01-31',
    });
    expect(res.json().actions).toMatchObject([{ title: 'Add a replica', done: false }]);
    // planning treatment is for the risk's keepers; the responsible person must be on the staff
    expect((await post(`/api/v1/risks/${r.id}/actions`, agent, { title: 'x' })).statusCode).toBe(403);
    const outsider = await k.user(['customer']);
    expect(
      problemOf(await post(`/api/v1/risks/${r.id}/actions`, head, { title: 'x', responsibleId: outsider.id }))
        .errors,
    ).toEqual([{ field: 'responsibleId', message: 'must be an active member of the staff' }]);
    // the responsible person ticks it off; someone else on the staff may not
    const actionId = res.json().actions[0].id;
    const other = await k.user(['resolver']);
    const tick = (who: TestUser, done: boolean) =>
      call('PUT', `/api/v1/risks/${r.id}/actions/${actionId}/done`, who, { done });
    expect((await tick(other, true)).statusCode).toBe(403);
    expect((await tick(agent, true)).json().actions).toMatchObject([{ title: 'Add a replica', done: true }]);
    expect((await tick(head, false)).json().actions).toMatchObject([{ done: false }]);
  });
});
