import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { principalOfActor } from '../../kernel/auth/principal.ts';
import { runCommand } from '../../kernel/db/tx.ts';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { proposeImprovement } from './index.ts';

/** The improvement register (10.2): criteria, proposals, scores, decisions, plans and measured benefits. */
let k: TestKeel;
let owner: TestUser; // process owner
let top: TestUser;
let agent: TestUser;
let resolver: TestUser;
let auditor: TestUser;
let customer: TestUser;
let problemManager: TestUser;

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
const post = (url: string, who: TestUser, payload: object = {}, headers: object = {}) =>
  call('POST', url, who, payload, headers);
const get = (url: string, who: TestUser) => call('GET', url, who);

type View = { id: string; code: string; version: number; state: string; score: number | null };

async function propose(over: object = {}, who = agent): Promise<View> {
  const res = await post('/api/v1/improvements', who, {
    title: 'Self-service password reset',
    description: 'A third of calls to the desk are password resets.',
    source: 'idea',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function step(id: string, to: string, who: TestUser, input: object = {}) {
  const current = await get(`/api/v1/improvements/${id}`, who);
  return post(
    `/api/v1/improvements/${id}/transitions`,
    who,
    { to, ...input },
    {
      'if-match': current.headers.etag as string,
    },
  );
}

async function patch(id: string, who: TestUser, body: object) {
  const current = await get(`/api/v1/improvements/${id}`, who);
  return call('PATCH', `/api/v1/improvements/${id}`, who, body, {
    'if-match': current.headers.etag as string,
  });
}

/** Scores every criterion in use, as the evaluators do before deciding. */
const full = { benefit: 4, effort: 2, risk: 1, alignment: 3 };
async function evaluate(id: string) {
  const res = await patch(id, owner, { scores: full });
  expect(res.statusCode, res.body).toBe(200);
}

const openProblem = async (title: string) =>
  expect((await post('/api/v1/problems', problemManager, { title })).statusCode).toBe(201);

beforeAll(async () => {
  k = await testKeel();
  [owner, top, agent, resolver, auditor, customer, problemManager] = await Promise.all([
    k.user(['process_owner']),
    k.user(['top_management']),
    k.user(['service_desk_agent']),
    k.user(['resolver']),
    k.user(['internal_auditor']),
    k.user(['customer']),
    k.user(['problem_manager']),
  ]);
  await k.db.execute(
    sql`insert into sms_processes (key, name, owner_id) values ('incident', 'Incident management', ${owner.id})`,
  );
});

describe('the criteria', () => {
  it('ship four, and are kept by process owners and top management', async () => {
    const list = (await get('/api/v1/improvement-criteria', auditor)).json().items;
    expect(
      list.map((c: { key: string; weight: number; higherIsBetter: boolean }) => [
        c.key,
        c.weight,
        c.higherIsBetter,
      ]),
    ).toEqual([
      ['benefit', 3, true],
      ['effort', 2, false],
      ['risk', 1, false],
      ['alignment', 2, true],
    ]);
    const input = { key: 'urgency', name: 'Urgency', weight: 2 };
    expect((await post('/api/v1/improvement-criteria', agent, input)).statusCode).toBe(403);
    expect((await post('/api/v1/improvement-criteria', auditor, input)).statusCode).toBe(403);
    const added = await post('/api/v1/improvement-criteria', top, input);
    expect(added.statusCode, added.body).toBe(201);
    expect((await post('/api/v1/improvement-criteria', owner, input)).statusCode).toBe(400);
    const retired = await call(
      'PATCH',
      `/api/v1/improvement-criteria/${added.json().id}`,
      owner,
      { retired: true },
      { 'if-match': added.headers.etag as string },
    );
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json()).toMatchObject({ retired: true, version: 2 });
  });
});

describe('the register', () => {
  it('takes proposals from any member of the staff, scored against the criteria', async () => {
    const made = await propose({ scores: { benefit: 5, effort: 2, risk: 1, alignment: 3 } });
    expect(made).toMatchObject({
      code: expect.stringMatching(/^IMP-\d{3}$/),
      state: 'proposed',
      score: 81.3,
    });
    expect((made as unknown as { ownerId: string }).ownerId).toBe(agent.id);
    for (const who of [auditor, customer])
      expect((await post('/api/v1/improvements', who, { title: 'x', source: 'idea' })).statusCode).toBe(403);
    const bad = await post('/api/v1/improvements', agent, {
      title: 'x',
      source: 'idea',
      processKey: 'nope',
      scores: { beauty: 3 },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      problemOf(bad)
        .errors!.map((e) => e.field)
        .sort(),
    ).toEqual(['processKey', 'scores.beauty']);
  });

  it('takes an audit’s opportunity through the face, as audit work', async () => {
    const actor = {
      kind: 'user' as const,
      userId: auditor.id,
      label: auditor.email,
      roles: ['internal_auditor' as const],
    };
    const made = await runCommand(k.db, actor, null, (ctx) =>
      proposeImprovement(ctx, principalOfActor(actor), {
        title: 'Record the CAB’s reasons on every change',
        description: '',
        source: 'audit',
        sourceRef: 'AUD-2026-01-F03',
        processKey: 'incident',
      }),
    );
    const shown = (await get(`/api/v1/improvements/${made.id}`, owner)).json();
    expect(shown).toMatchObject({
      code: made.code,
      source: 'audit',
      sourceRef: 'AUD-2026-01-F03',
      ownerId: null,
    });
    await expect(
      runCommand(k.db, actor, null, (ctx) =>
        proposeImprovement(ctx, principalOfActor(actor), {
          title: 'x',
          description: '',
          source: 'idea',
          sourceRef: '',
        }),
      ),
    ).rejects.toThrow(/proposed by the staff/);
  });

  it('ranks by score, filters by state and source, and pages', async () => {
    await propose({ title: 'Low', scores: { benefit: 1, effort: 5 } });
    await propose({ title: 'High', source: 'feedback', scores: { benefit: 5, effort: 1 } });
    const all = (await get('/api/v1/improvements?limit=200', auditor)).json();
    const scores = all.items.map((i: View) => i.score).filter((s: number | null) => s !== null);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(all.items.at(-1).score).toBeNull();
    const page = (await get('/api/v1/improvements?limit=1&offset=1', auditor)).json();
    expect(page).toMatchObject({ total: all.total, items: [all.items[1]] });
    const feedback = (await get('/api/v1/improvements?source=feedback', auditor)).json();
    expect(feedback.items.map((i: { title: string }) => i.title)).toEqual(['High']);
    expect((await get('/api/v1/improvements', customer)).statusCode).toBe(403);
  });

  it('weighs every score again when a criterion’s weight changes', async () => {
    const made = await propose({ title: 'Reweigh me', scores: { benefit: 5, effort: 5 } });
    // (4·3 + 0·2) / (4·5) = 60
    expect(made.score).toBe(60);
    const effort = (await get('/api/v1/improvement-criteria', top))
      .json()
      .items.find((c: { key: string }) => c.key === 'effort');
    await call(
      'PATCH',
      `/api/v1/improvement-criteria/${effort.id}`,
      top,
      { weight: 3 },
      { 'if-match': `"${effort.version}"` },
    );
    // (4·3 + 0·3) / (4·6) = 50
    expect((await get(`/api/v1/improvements/${made.id}`, top)).json().score).toBe(50);
    await call(
      'PATCH',
      `/api/v1/improvement-criteria/${effort.id}`,
      top,
      { weight: 2 },
      { 'if-match': `"${effort.version + 1}"` },
    );
  });
});

describe('an improvement’s life', () => {
  it('is decided by process owners and top management, with a reason', async () => {
    const made = await propose({ scores: { benefit: 5 } });
    expect((await step(made.id, 'approved', agent, { reason: 'Mine' })).statusCode).toBe(403);
    // a decision rests on the evaluation: every criterion in use scored, by the evaluators
    const unscored = await step(made.id, 'approved', owner, { reason: 'Good' });
    expect(unscored.statusCode).toBe(400);
    expect(problemOf(unscored).errors).toEqual([
      { field: 'scores.effort', message: 'score Effort before deciding' },
      { field: 'scores.risk', message: 'score Risk before deciding' },
      { field: 'scores.alignment', message: 'score Alignment before deciding' },
    ]);
    expect((await patch(made.id, agent, { scores: full })).statusCode).toBe(403);
    await evaluate(made.id);
    const noReason = await step(made.id, 'rejected', owner);
    expect(noReason.statusCode).toBe(400);
    expect(problemOf(noReason).errors).toEqual([{ field: 'reason', message: 'is required to reject' }]);
    const rejected = await step(made.id, 'rejected', owner, {
      reason: 'The new directory does it next year',
    });
    expect(rejected.json()).toMatchObject({
      state: 'rejected',
      decisionReason: 'The new directory does it next year',
      decidedBy: owner.id,
    });
    // whoever proposed it may propose it again
    expect((await step(made.id, 'proposed', agent)).json().state).toBe('proposed');
    expect((await step(made.id, 'realised', owner, { benefits: 'x' })).statusCode).toBe(409);
    const audit = await k.db.execute<{ action: string }>(
      sql`select action from audit_log where record_type = 'improvement' and record_id = ${made.code} order by id`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'improvement.proposed',
      'improvement.updated',
      'improvement.reject',
      'improvement.repropose',
    ]);
  });

  it('is planned, run by its owner, and realised with its benefit measured before and after by the KPI', async () => {
    await openProblem('Password resets pile up');
    await openProblem('Directory sync fails at night');
    const made = await propose({ processKey: 'incident' });
    const kpi = await patch(made.id, agent, { kpiKey: 'open_problems', target: 0 });
    expect(kpi.statusCode, kpi.body).toBe(200);
    expect((await patch(made.id, agent, { kpiKey: 'happiness' })).statusCode).toBe(400);
    await evaluate(made.id);
    const approved = await step(made.id, 'approved', top, { reason: 'Saves a third of desk calls' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'approved', baseline: 2, measured: null });
    // once approved, whoever proposed it no longer rewords it; its owner (the proposer here) runs it
    const action = await post(`/api/v1/improvements/${made.id}/actions`, agent, {
      title: 'Configure the reset portal',
      responsibleId: resolver.id,
      due: '2027-02-01',
    });
    expect(action.statusCode, action.body).toBe(201);
    const a = action.json().actions[0];
    expect((await post(`/api/v1/improvements/${made.id}/actions`, resolver, { title: 'x' })).statusCode).toBe(
      403,
    );
    expect((await step(made.id, 'in_progress', agent)).json().state).toBe('in_progress');
    const early = await step(made.id, 'realised', agent, { benefits: 'Not yet' });
    expect(early.statusCode).toBe(409);
    expect(problemOf(early).detail).toMatch(/has 1 action of its plan not done/);
    const untickedEtag = (await call('GET', `/api/v1/improvements/${made.id}`, agent)).headers.etag;
    const ticked = await call('PATCH', `/api/v1/improvements/${made.id}/actions/${a.id}`, resolver, {
      done: true,
    });
    expect(ticked.statusCode, ticked.body).toBe(200);
    // ticking an action moves the improvement's version on
    expect(ticked.headers.etag).not.toBe(untickedEtag);
    expect((await call('GET', `/api/v1/improvements/${made.id}`, agent)).headers.etag).toBe(
      ticked.headers.etag,
    );
    expect(ticked.json().actions[0]).toMatchObject({ state: 'done', doneAt: expect.any(String) });
    await openProblem('Another one');
    expect((await step(made.id, 'realised', agent)).statusCode).toBe(400);
    // scores stand as decided
    expect((await patch(made.id, top, { scores: full })).statusCode).toBe(409);
    const realised = await step(made.id, 'realised', agent, { benefits: 'Resets by the desk down by 80%' });
    expect(realised.statusCode, realised.body).toBe(200);
    expect(realised.json()).toMatchObject({
      state: 'realised',
      baseline: 2,
      measured: 3,
      benefits: 'Resets by the desk down by 80%',
      realisedAt: expect.any(String),
      abilities: { edit: false, run: false },
    });
    expect((await patch(made.id, top, { title: 'Later' })).statusCode).toBe(409);
  });

  it('takes the value after as given when no KPI measures it', async () => {
    const made = await propose({ title: 'Shorter change forms' });
    await evaluate(made.id);
    await step(made.id, 'approved', owner, { reason: 'Cheap' });
    await patch(made.id, owner, { baseline: 25 });
    expect((await step(made.id, 'in_progress', owner)).json().state).toBe('in_progress');
    const done = await step(made.id, 'realised', owner, {
      benefits: 'Forms take half the time',
      measured: 12,
    });
    expect(done.json()).toMatchObject({ baseline: 25, measured: 12 });
  });

  it('cannot start without an owner, and is withdrawn with a reason', async () => {
    const actor = {
      kind: 'user' as const,
      userId: auditor.id,
      label: auditor.email,
      roles: ['internal_auditor' as const],
    };
    const made = await runCommand(k.db, actor, null, (ctx) =>
      proposeImprovement(ctx, principalOfActor(actor), {
        title: 'Ownerless',
        description: '',
        source: 'audit',
        sourceRef: 'F',
      }),
    );
    await evaluate(made.id);
    await step(made.id, 'approved', top, { reason: 'Yes' });
    const start = await step(made.id, 'in_progress', top);
    expect(start.statusCode).toBe(400);
    expect(problemOf(start).errors).toEqual([
      { field: 'ownerId', message: 'name its owner before starting it' },
    ]);
    expect((await step(made.id, 'withdrawn', resolver, { reason: 'x' })).statusCode).toBe(403);
    // once approved, its proposer no longer withdraws it: the decision is the evaluators' to undo
    const mine = await propose({ title: 'Mine to withdraw' });
    await evaluate(mine.id);
    await step(mine.id, 'approved', owner, { reason: 'Yes' });
    expect((await step(mine.id, 'withdrawn', agent, { reason: 'Changed my mind' })).statusCode).toBe(403);
    const early = await propose({ title: 'Withdrawn while proposed' });
    expect((await step(early.id, 'withdrawn', agent, { reason: 'Duplicate' })).json().state).toBe(
      'withdrawn',
    );
    const gone = await step(made.id, 'withdrawn', top, { reason: 'Overtaken by the new directory' });
    expect(gone.json()).toMatchObject({
      state: 'withdrawn',
      decisionReason: 'Overtaken by the new directory',
    });
  });

  it('refuses a stale version', async () => {
    const made = await propose();
    const res = await call(
      'PATCH',
      `/api/v1/improvements/${made.id}`,
      agent,
      { title: 'New' },
      { 'if-match': '"7"' },
    );
    expect(res.statusCode).toBe(412);
    expect((await call('PATCH', `/api/v1/improvements/${made.id}`, agent, { title: 'New' })).statusCode).toBe(
      428,
    );
  });
});

describe('an improvement’s benefit', () => {
  it('is measured before up to approval, frozen, even when its KPI is named later, and after since approval', async () => {
    // ratings (the customer_satisfaction KPI): 2 and 2 in the 90 days before approval (60 days ago), 5 and 5
    // since; a trailing 90 days would take the second 2 in too (4), since approval it is 5
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    for (const [n, [days, score]] of [
      [100, 2],
      [75, 2],
      [30, 5],
      [10, 5],
    ].entries()) {
      const w = await k.db.execute<{ id: string }>(sql`
        insert into work_items (type, number, title, state, final, created_at)
        values ('incident', ${`INC-9${n}`}, 'Rated', 'closed', true, ${ago(days! + 1)}) returning id`);
      await k.db.execute(sql`insert into work_item_ratings (work_item_id, score, rated_by, rated_at)
        values (${w.rows[0]!.id}, ${score}, ${agent.id}, ${ago(days!)})`);
    }
    const made = await propose({ title: 'Call back within the hour' });
    await evaluate(made.id);
    const approved = await step(made.id, 'approved', top, { reason: 'Guests ask for it' });
    expect(approved.json()).toMatchObject({ baseline: null });
    await k.db.execute(sql`update improvements set decided_at = ${ago(60)} where id = ${made.id}`);
    const named = await patch(made.id, agent, { kpiKey: 'customer_satisfaction' });
    expect(named.statusCode, named.body).toBe(200);
    expect(named.json()).toMatchObject({ kpiKey: 'customer_satisfaction', baseline: 2 });
    // frozen: a rating arriving late for the time before approval does not move it
    await k.db.execute(sql`update work_item_ratings set score = 1 where rated_at < ${ago(90)}`);
    expect((await patch(made.id, agent, { target: 4.5 })).json()).toMatchObject({ baseline: 2 });
    expect((await step(made.id, 'in_progress', agent)).statusCode).toBe(200);
    const realised = await step(made.id, 'realised', agent, { benefits: 'Guests rate us higher' });
    expect(realised.statusCode, realised.body).toBe(200);
    expect(realised.json()).toMatchObject({ baseline: 2, measured: 5 });
  });
});
