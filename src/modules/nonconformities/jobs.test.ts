import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../kernel/days.ts';
import { JobWorker } from '../../kernel/jobs/worker.ts';
import { type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { nonconformityJobs } from './jobs.ts';

/** The durable jobs of nonconformities: an overdue corrective action escalates once; the effectiveness reminder. */
let k: TestKeel;
let owner: TestUser; // owner of change management in the register
let otherOwner: TestUser;
let agent: TestUser; // responsible for the actions

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
const post = (url: string, who: TestUser, payload: object = {}) => call('POST', url, who, payload);
const get = (url: string, who: TestUser) => call('GET', url, who);

async function raise(over: object = {}) {
  const res = await post('/api/v1/nonconformities', owner, {
    title: 'Emergency changes implemented without retrospective approval',
    severity: 'minor',
    source: 'incident',
    processKey: 'change',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { number: string; id: string };
}

async function addAction(number: string, over: object = {}) {
  const res = await post(`/api/v1/nonconformities/${number}/actions`, owner, {
    title: 'Add a retrospective approval step to the emergency change procedure',
    responsibleId: agent.id,
    due: addDays(today(), 14),
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; due: string };
}

const tick = (number: string, a: { id: string; version: number }, who: TestUser, body: object) =>
  call('PATCH', `/api/v1/nonconformities/${number}/actions/${a.id}`, who, body, {
    'if-match': `"${a.version}"`,
  });

const worker = () => {
  const w = new JobWorker(k.db);
  for (const [kind, h] of Object.entries(nonconformityJobs)) w.register(kind, h);
  return w;
};

beforeAll(async () => {
  k = await testKeel();
  [owner, otherOwner, agent] = await Promise.all([
    k.user(['process_owner']),
    k.user(['process_owner']),
    k.user(['service_desk_agent']),
  ]);
  await k.db.execute(
    sql`insert into sms_processes (key, name, owner_id) values ('change', 'Change management', ${owner.id})`,
  );
});

describe('overdue corrective actions', () => {
  const escalations = (number: string) =>
    k.db.execute<{ user_id: string }>(sql`
      select user_id from notifications where kind = 'nonconformity.action_overdue' and link = ${`/work-items/${number}`}
       order by user_id`);

  it('escalates once: the owner, the process owner and the responsible person are told', async () => {
    const { number } = await raise({ ownerId: otherOwner.id });
    const a = await addAction(number, { due: addDays(today(), 3) });
    const jobs = await k.db.execute<{ due_at: Date }>(sql`
      select due_at from jobs where kind = 'nonconformity.action_overdue' and payload->>'actionId' = ${a.id}`);
    expect(jobs.rows.map((j) => new Date(j.due_at).toISOString())).toEqual([
      `${addDays(today(), 4)}T07:00:00.000Z`,
    ]);
    // time passes: the action is past its due date and still open
    await k.db.execute(
      sql`update corrective_actions set due = ${addDays(today(), -1)}::date where id = ${a.id}`,
    );
    await k.db.execute(sql`
      update jobs set due_at = now(), payload = jsonb_set(payload, '{due}', to_jsonb(${addDays(today(), -1)}::text))
       where kind = 'nonconformity.action_overdue' and payload->>'actionId' = ${a.id}`);
    expect(await worker().drain()).toBeGreaterThan(0);
    const told = await escalations(number);
    expect(told.rows.map((r) => r.user_id).sort()).toEqual([agent.id, otherOwner.id, owner.id].sort());
    const shown = (await get(`/api/v1/nonconformities/${number}`, owner)).json();
    expect(shown.actions[0]).toMatchObject({ overdue: true, escalatedAt: expect.any(String) });
    // the job again (a retry, a second worker): nobody is told twice
    await k.db.execute(sql`
      insert into jobs (kind, payload, due_at)
      values ('nonconformity.action_overdue', ${JSON.stringify({ actionId: a.id, due: addDays(today(), -1) })}::jsonb, now())`);
    expect(await worker().drain()).toBeGreaterThan(0);
    expect((await escalations(number)).rows).toHaveLength(3);
    const audit = await k.db.execute(sql`
      select 1 from audit_log where action = 'nonconformity.action_escalated' and record_id = ${number}`);
    expect(audit.rows).toHaveLength(1);
    const listed = (await get('/api/v1/nonconformities?overdue=true&limit=200', owner)).json();
    expect(listed.items.map((r: { number: string }) => r.number)).toContain(number);
  });

  it('follows a moved due date, and leaves a done action alone', async () => {
    const { number } = await raise();
    const a = await addAction(number, { due: addDays(today(), 2) });
    const moved = await tick(number, a, owner, { due: addDays(today(), 10) });
    expect(moved.statusCode, moved.body).toBe(200);
    const jobs = await k.db.execute<{ due: string }>(sql`
      select payload->>'due' as due from jobs where kind = 'nonconformity.action_overdue'
         and payload->>'actionId' = ${a.id} order by due_at`);
    expect(jobs.rows.map((j) => j.due)).toEqual([addDays(today(), 2), addDays(today(), 10)]);
    // the old date's job finds the date moved; the new one finds the action done
    await tick(number, moved.json(), agent, { done: true, note: 'Done early' });
    await k.db.execute(sql`update jobs set due_at = now() where payload->>'actionId' = ${a.id}`);
    expect(await worker().drain()).toBeGreaterThan(0);
    const left = await k.db.execute(
      sql`select 1 from jobs where payload->>'actionId' = ${a.id} and state = 'queued'`,
    );
    expect(left.rows).toHaveLength(0);
    expect((await escalations(number)).rows).toHaveLength(0);
  });

  it('escalates an action opened again after its date at once', async () => {
    const { number } = await raise({ ownerId: otherOwner.id });
    const a = await addAction(number, { due: addDays(today(), 2) });
    const done = await tick(number, a, agent, { done: true, note: 'Done early' });
    expect(done.statusCode, done.body).toBe(200);
    // time passes: its date's job runs and finds it done
    const past = addDays(today(), -1);
    await k.db.execute(sql`update corrective_actions set due = ${past}::date where id = ${a.id}`);
    await k.db.execute(sql`
      update jobs set due_at = now(), payload = jsonb_set(payload, '{due}', to_jsonb(${past}::text))
       where kind = 'nonconformity.action_overdue' and payload->>'actionId' = ${a.id}`);
    await worker().drain();
    expect((await escalations(number)).rows).toHaveLength(0);
    // it was not done after all
    const reopened = await tick(number, done.json(), owner, { done: false });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(await worker().drain()).toBeGreaterThan(0);
    const told = await escalations(number);
    expect(told.rows.map((r) => r.user_id).sort()).toEqual([agent.id, otherOwner.id, owner.id].sort());
  });
});

describe('the effectiveness reminder', () => {
  it('tells the owner on the day the check is due, unless it was recorded or the date moved', async () => {
    const { number } = await raise({ ownerId: otherOwner.id });
    const step = async (to: string, input: object = {}) => {
      const current = await get(`/api/v1/nonconformities/${number}`, owner);
      const res = await call(
        'POST',
        `/api/v1/nonconformities/${number}/transitions`,
        owner,
        { to, ...input },
        {
          'if-match': current.headers.etag as string,
        },
      );
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    await step('analysis', { correction: 'Approved the changes afterwards' });
    const a = await addAction(number);
    await step('action', { rootCause: 'No step in the procedure' });
    await tick(number, a, agent, { done: true, note: 'Step added' });
    const v = await step('verification', { effectivenessDue: addDays(today(), 30) });
    expect(v.effectivenessDue).toBe(addDays(today(), 30));
    // moved: the first date's job stays quiet, the second one's tells the owner once
    const moved = await call(
      'PATCH',
      `/api/v1/nonconformities/${number}`,
      owner,
      { effectivenessDue: addDays(today(), 40) },
      {
        'if-match': `"${v.version}"`,
      },
    );
    expect(moved.statusCode, moved.body).toBe(200);
    await k.db.execute(sql`update jobs set due_at = now() where kind = 'nonconformity.effectiveness_due'`);
    expect(await worker().drain()).toBeGreaterThan(0);
    const told = await k.db.execute<{ user_id: string; text: string }>(sql`
      select user_id, text from notifications where kind = 'nonconformity.effectiveness_due'`);
    expect(told.rows).toEqual([
      {
        user_id: otherOwner.id,
        text: `The effectiveness of the corrective actions of ${number} is due to be checked (${addDays(today(), 40)}): Emergency changes implemented without retrospective approval`,
      },
    ]);
  });
});
