/**
 * Management reviews over the API (about 420 lines, one file on purpose: one review is followed from its plan
 * through holding and approval to its actions' closure, each case building on the one before).
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../kernel/days.ts';
import { JobWorker } from '../../kernel/jobs/worker.ts';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { REMINDER_JOB, reviewJobs } from './commands/schedule.ts';
import { reviewInputKeys } from './lifecycle.ts';

/**
 * The head of service management plans and prepares, top management holds,
 * records attendance, decisions and actions and approves the minutes; the inputs are frozen when held;
 * actions are ticked off by their responsible people and show on the leadership dashboard; reminders.
 */
let k: TestKeel;
let head: TestUser;
let top: TestUser;
let auditor: TestUser;
let resolver: TestUser;
let customer: TestUser;

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
const post = (url: string, who: TestUser, payload: object = {}, headers: object = {}) =>
  call('POST', url, who, payload, headers);
const ifMatch = (etag: unknown) => ({ 'if-match': String(etag) });

beforeAll(async () => {
  k = await testKeel();
  [head, top, auditor, resolver, customer] = await Promise.all([
    k.user(['process_owner']),
    k.user(['top_management']),
    k.user(['internal_auditor']),
    k.user(['resolver']),
    k.user(['customer']),
  ]);
});

const plan = (over: object = {}) => ({
  title: 'Management review Q1',
  periodFrom: '2026-01-01',
  periodTo: '2026-03-31',
  meetingOn: addDays(today(), 30),
  location: 'Board room',
  chairId: top.id,
  ...over,
});

describe('planning a review', () => {
  it('is the head of service management’s, with its plan checked', async () => {
    expect((await post('/api/v1/management-reviews', top, plan())).statusCode).toBe(403);
    expect((await post('/api/v1/management-reviews', auditor, plan())).statusCode).toBe(403);
    const bad = await post(
      '/api/v1/management-reviews',
      head,
      plan({ periodTo: '2025-12-31', meetingOn: '2025-06-01', chairId: resolver.id }),
    );
    expect(problemOf(bad).errors).toEqual([
      { field: 'periodTo', message: 'must not be before periodFrom' },
      { field: 'meetingOn', message: 'must not be before the period it reviews begins' },
      { field: 'chairId', message: 'must be an active member of top management' },
    ]);
    const long = await post('/api/v1/management-reviews', head, plan({ periodFrom: '2020-01-01' }));
    expect(problemOf(long).errors).toEqual([
      { field: 'periodTo', message: 'a review looks back on three years at most' },
    ]);
    const made = await post('/api/v1/management-reviews', head, plan());
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({
      code: 'MR-001',
      state: 'planned',
      chair: { id: top.id },
      transitions: ['prepare', 'cancel'],
      abilities: { edit: true, attend: false, decide: false },
    });
    expect(made.headers.etag).toBe('"1"');
  });

  it('is read by top management, process owners and auditors, never by customers', async () => {
    const list = await call('GET', '/api/v1/management-reviews', auditor);
    expect(list.json()).toMatchObject({ total: 1, limit: 50, offset: 0, items: [{ code: 'MR-001' }] });
    expect((await call('GET', '/api/v1/management-reviews', customer)).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/management-reviews', resolver)).statusCode).toBe(403);
    const id = list.json().items[0].id;
    expect((await call('GET', `/api/v1/management-reviews/${id}/inputs`, customer)).statusCode).toBe(403);
  });
});

describe('preparing, holding and approving a review', () => {
  let id: string;
  let etag: string;
  beforeAll(async () => {
    const made = await post('/api/v1/management-reviews', head, plan({ title: 'Management review H1' }));
    id = made.json().id;
    etag = made.headers.etag as string;
  });

  it('takes the preparer’s commentary per input while it is prepared, with If-Match', async () => {
    const url = `/api/v1/management-reviews/${id}`;
    expect((await call('PATCH', url, head, { commentary: { risks: 'x' } })).statusCode).toBe(428);
    const unknown = await call('PATCH', url, head, { commentary: { weather: 'fine' } }, ifMatch(etag));
    expect(unknown.statusCode).toBe(400);
    expect((await call('PATCH', url, top, { commentary: { risks: 'x' } }, ifMatch(etag))).statusCode).toBe(
      403,
    );
    const commented = await call(
      'PATCH',
      url,
      head,
      { commentary: { risks: 'Two high risks remain; both have treatment.', workload: 'Steady.' } },
      ifMatch(etag),
    );
    expect(commented.statusCode, commented.body).toBe(200);
    expect((await call('PATCH', url, head, { location: 'x' }, ifMatch(etag))).statusCode).toBe(412);
    const cleared = await call(
      'PATCH',
      url,
      head,
      { commentary: { workload: '' } },
      ifMatch(commented.headers.etag),
    );
    expect(cleared.json().commentary).toEqual({ risks: 'Two high risks remain; both have treatment.' });
    etag = cleared.headers.etag as string;
    const inputs = await call('GET', `${url}/inputs`, auditor);
    expect(inputs.statusCode, inputs.body).toBe(200);
    expect(inputs.json()).toMatchObject({
      frozen: false,
      period: { from: '2026-01-01', to: '2026-03-31' },
      previousPeriod: { from: '2025-10-01', to: '2025-12-31' },
      commentary: { risks: 'Two high risks remain; both have treatment.' },
    });
    expect(Object.keys(inputs.json().inputs)).toEqual([...reviewInputKeys]);
    expect(inputs.json().inputs.customer_satisfaction.complaints).toEqual({
      recorded: true,
      count: 0,
      items: [],
      note: expect.stringContaining('Keel has no complaints process of its own yet'),
    });
  });

  it('is held by top management on its day, which freezes the inputs', async () => {
    const url = `/api/v1/management-reviews/${id}`;
    const prepared = await post(`${url}/prepare`, head, {}, ifMatch(etag));
    expect(prepared.statusCode, prepared.body).toBe(200);
    expect(prepared.json()).toMatchObject({ state: 'prepared', preparedBy: { id: head.id } });
    expect((await post(`${url}/hold`, head, {}, ifMatch(prepared.headers.etag))).statusCode).toBe(403);
    const early = await post(`${url}/hold`, top, {}, ifMatch(prepared.headers.etag));
    expect(early.statusCode).toBe(409);
    // invitations before the meeting carry no attendance
    const invited = await call(
      'PUT',
      `${url}/attendees`,
      top,
      { attendees: [{ userId: top.id, attended: true }] },
      ifMatch(prepared.headers.etag),
    );
    expect(problemOf(invited).errors?.[0]?.field).toBe('attendees.0.attended');
    const invite = await call(
      'PUT',
      `${url}/attendees`,
      top,
      { attendees: [{ userId: top.id }, { userId: head.id }, { userId: auditor.id }] },
      ifMatch(prepared.headers.etag),
    );
    expect(invite.statusCode, invite.body).toBe(200);
    // the meeting is moved to today (the preparer's plan), then held
    const moved = await call('PATCH', url, head, { meetingOn: today() }, ifMatch(invite.headers.etag));
    expect(moved.statusCode, moved.body).toBe(200);
    const before = (await call('GET', `${url}/inputs`, top)).json();
    const heldRes = await post(`${url}/hold`, top, {}, ifMatch(moved.headers.etag));
    expect(heldRes.statusCode, heldRes.body).toBe(200);
    expect(heldRes.json()).toMatchObject({
      state: 'held',
      inputsFrozen: true,
      transitions: ['approve'],
      abilities: { edit: false, attend: true, decide: true },
    });
    // a risk recorded after the meeting does not change what the meeting saw
    const risk = await post('/api/v1/risks', head, {
      kind: 'risk',
      title: 'Data centre floods',
      ownerId: head.id,
      inherentLikelihood: 5,
      inherentImpact: 5,
      residualLikelihood: 5,
      residualImpact: 5,
      treatment: 'reduce',
      reviewDue: '2027-01-01',
    });
    expect(risk.statusCode, risk.body).toBe(201);
    const frozen = (await call('GET', `${url}/inputs`, auditor)).json();
    expect(frozen.frozen).toBe(true);
    expect(frozen.inputs.risks).toEqual(before.inputs.risks);
    expect(frozen.inputs.risks.aboveAcceptable).toEqual([]);
    const live = await call(
      'PATCH',
      url,
      head,
      { commentary: { risks: 'late' } },
      ifMatch(heldRes.headers.etag),
    );
    expect(live.statusCode).toBe(409);
    // the audit log holds the frozen figures
    const entry = await k.db.execute<{ after: { inputs: { inputs: object } } }>(
      sql`select after from audit_log where action = 'review.hold' and record_id = ${heldRes.json().code}`,
    );
    expect(entry.rows[0]!.after.inputs.inputs).toEqual(before.inputs);
    etag = heldRes.headers.etag as string;
  });

  it('records attendance, decisions and actions, then approves the minutes', async () => {
    const url = `/api/v1/management-reviews/${id}`;
    const noMinutes = await post(`${url}/approve`, top, {}, ifMatch(etag));
    expect(problemOf(noMinutes).errors).toEqual([{ field: 'minutes', message: 'is required' }]);
    const unattended = await post(`${url}/approve`, top, { minutes: 'Discussed.' }, ifMatch(etag));
    expect(problemOf(unattended).errors).toEqual([
      { field: 'attendees', message: 'record who attended before approving the minutes' },
    ]);
    const attended = await call(
      'PUT',
      `${url}/attendees`,
      top,
      {
        attendees: [
          { userId: top.id, attended: true },
          { userId: head.id, attended: true },
          { userId: auditor.id, attended: false },
        ],
      },
      ifMatch(etag),
    );
    expect(attended.statusCode, attended.body).toBe(200);
    const outsider = await call(
      'PUT',
      `${url}/attendees`,
      top,
      { attendees: [{ userId: customer.id, attended: true }] },
      ifMatch(attended.headers.etag),
    );
    expect(problemOf(outsider).errors).toEqual([
      { field: 'attendees.0.userId', message: 'must be an active person inside the provider' },
    ]);
    expect((await post(`${url}/decisions`, head, { text: 'x' })).statusCode).toBe(403);
    const decided = await post(`${url}/decisions`, top, {
      text: 'Add a second on-call resolver at weekends',
      topic: 'resources',
    });
    expect(decided.statusCode, decided.body).toBe(201);
    // a decision is part of the review: its ETag moves on
    expect(decided.headers.etag).not.toBe(attended.headers.etag);
    const decisionId = decided.json().decisions[0].id;
    const badAction = await post(`${url}/actions`, top, {
      title: 'x',
      responsibleId: customer.id,
      decisionId: '00000000-0000-4000-8000-000000000000',
    });
    expect(problemOf(badAction).errors).toEqual([
      { field: 'responsibleId', message: 'must be an active member of the staff' },
      { field: 'decisionId', message: 'is not a decision of MR-002' },
    ]);
    const acted = await post(`${url}/actions`, top, {
      title: 'Draft the weekend rota',
      responsibleId: resolver.id,
      due: addDays(today(), -1),
      decisionId,
    });
    expect(acted.statusCode, acted.body).toBe(201);
    expect(acted.headers.etag).not.toBe(decided.headers.etag);
    // approving on the ETag read before the decision and action were added is refused
    const stale = await post(`${url}/approve`, top, { minutes: 'x' }, ifMatch(attended.headers.etag));
    expect(stale.statusCode).toBe(412);
    expect(acted.json().actions).toMatchObject([
      {
        title: 'Draft the weekend rota',
        responsible: { id: resolver.id },
        done: false,
        overdue: true,
        decisionId,
      },
    ]);
    const approved = await post(
      `${url}/approve`,
      top,
      { minutes: 'The review found the weekend cover short.' },
      ifMatch(acted.headers.etag),
    );
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      state: 'approved',
      approvedBy: { id: top.id },
      minutes: 'The review found the weekend cover short.',
      transitions: [],
    });
    expect((await post(`${url}/decisions`, top, { text: 'Later' })).statusCode).toBe(409);
    expect((await post(`${url}/actions`, top, { title: 'Later' })).statusCode).toBe(409);
  });

  it('prints the minutes', async () => {
    const pdf = await call('GET', `/api/v1/management-reviews/${id}/minutes.pdf`, auditor);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('tracks its actions to closure: the responsible person ticks theirs off; they show on the dashboard', async () => {
    const mine = await call('GET', '/api/v1/review-actions?open=true', resolver);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({
      total: 1,
      items: [{ title: 'Draft the weekend rota', overdue: true }],
    });
    expect((await call('GET', '/api/v1/review-actions', customer)).statusCode).toBe(403);
    const dash = (await call('GET', '/api/v1/leadership/dashboard', top)).json();
    expect(dash.reviews.openActions).toMatchObject([
      {
        reviewCode: 'MR-002',
        title: 'Draft the weekend rota',
        overdue: true,
        link: `/management-reviews/${id}`,
      },
    ]);
    expect(dash.reviews.readable).toBe(true);
    // the administrator sees the dashboard but does not read reviews: no actions, no links into them
    const admin = await k.user(['administrator']);
    const adminDash = (await call('GET', '/api/v1/leadership/dashboard', admin)).json();
    expect(adminDash.reviews).toEqual({ readable: false, openActions: [] });
    const actionId = mine.json().items[0].id;
    const url = `/api/v1/management-reviews/${id}/actions/${actionId}`;
    const other = await k.user(['resolver']);
    expect((await call('PATCH', url, other, { done: true })).statusCode).toBe(403);
    expect((await call('PATCH', url, auditor, { done: true })).statusCode).toBe(403);
    const etagOf = async () => (await call('GET', `/api/v1/management-reviews/${id}`, top)).headers.etag;
    const before = await etagOf();
    const done = await call('PATCH', url, resolver, { done: true, note: 'Rota agreed with the team' });
    expect(done.statusCode, done.body).toBe(200);
    expect(await etagOf()).not.toBe(before);
    expect(done.json()).toMatchObject({ done: true, doneNote: 'Rota agreed with the team', overdue: false });
    expect((await call('GET', '/api/v1/review-actions?open=true', top)).json().total).toBe(0);
    const reopened = await call('PATCH', url, head, { done: false });
    expect(reopened.json()).toMatchObject({ done: false });
    const entries = await k.db.execute<{ action: string }>(
      sql`select action from audit_log where action like 'review.action_%' order by id`,
    );
    expect(entries.rows.map((e) => e.action)).toEqual([
      'review.action_added',
      'review.action_done',
      'review.action_reopened',
    ]);
  });

  it('is cancelled before it is held, with a reason', async () => {
    const made = await post('/api/v1/management-reviews', head, plan({ title: 'Called off' }));
    const url = `/api/v1/management-reviews/${made.json().id}`;
    const bare = await post(`${url}/cancel`, head, {}, ifMatch(made.headers.etag));
    expect(problemOf(bare).errors).toEqual([{ field: 'reason', message: 'is required' }]);
    const cancelled = await post(
      `${url}/cancel`,
      top,
      { reason: 'Merged into H1' },
      ifMatch(made.headers.etag),
    );
    expect(cancelled.json()).toMatchObject({ state: 'cancelled', cancelReason: 'Merged into H1' });
    expect((await post(`${url}/hold`, top, {}, ifMatch(cancelled.headers.etag))).statusCode).toBe(409);
  });
});

describe('the review schedule and its reminders', () => {
  const worker = () => {
    const w = new JobWorker(k.db);
    for (const [kind, h] of Object.entries(reviewJobs)) w.register(kind, h);
    return w;
  };
  const jobsOf = async (reviewId: string) =>
    (
      await k.db.execute<{ due_at: string; payload: { meetingOn: string; remindDays: number } }>(sql`
        select due_at::text, payload from jobs
         where kind = ${REMINDER_JOB} and state = 'queued' and payload->>'reviewId' = ${reviewId} order by id`)
    ).rows;

  it('starts from Keel’s defaults and is set with If-Match', async () => {
    const s = await call('GET', '/api/v1/management-review-schedule', auditor);
    expect(s.json()).toMatchObject({
      everyMonths: 12,
      remindDays: 14,
      version: 0,
      lastHeld: { code: 'MR-002', meetingOn: today() },
      overdue: false,
    });
    expect(s.json().nextPlanned).toMatchObject({ code: 'MR-001' });
    const body = { everyMonths: 6, remindDays: 7 };
    expect(
      (await call('PUT', '/api/v1/management-review-schedule', auditor, body, ifMatch('"0"'))).statusCode,
    ).toBe(403);
    const set = await call('PUT', '/api/v1/management-review-schedule', top, body, ifMatch('"0"'));
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ everyMonths: 6, remindDays: 7, version: 1 });
    expect(
      (await call('PUT', '/api/v1/management-review-schedule', top, body, ifMatch('"0"'))).statusCode,
    ).toBe(412);
  });

  it('reminds the chair and the preparer once, before the meeting, and anew when the meeting moves', async () => {
    const made = await post(
      '/api/v1/management-reviews',
      head,
      plan({ title: 'Reminded', meetingOn: addDays(today(), 20) }),
    );
    const id = made.json().id;
    expect((await jobsOf(id)).map((j) => [j.due_at.slice(0, 10), j.payload.remindDays])).toEqual([
      [addDays(today(), 13), 7],
    ]);
    const moved = await call(
      'PATCH',
      `/api/v1/management-reviews/${id}`,
      head,
      { meetingOn: addDays(today(), 5) },
      ifMatch(made.headers.etag),
    );
    expect(moved.statusCode).toBe(200);
    // within the lead time already: reminded at once; the first job finds the meeting moved and stays quiet
    await k.db.execute(sql`update jobs set due_at = now() where kind = ${REMINDER_JOB} and state = 'queued'`);
    expect(await worker().drain()).toBeGreaterThan(0);
    const told = await k.db.execute<{ user_id: string; text: string }>(sql`
      select user_id, text from notifications where kind = 'review.reminder' and params->>'title' = 'Reminded' order by user_id`);
    expect(told.rows.map((n) => n.user_id).sort()).toEqual([top.id, head.id].sort());
    expect(told.rows[0]!.text).toContain(addDays(today(), 5));
    const r = (await call('GET', `/api/v1/management-reviews/${id}`, top)).json();
    expect(r.remindedAt).not.toBeNull();
    // a job planned again for the same meeting does not remind twice
    await k.db.execute(sql`
      insert into jobs (kind, payload, due_at) values (${REMINDER_JOB},
        ${JSON.stringify({ reviewId: id, meetingOn: addDays(today(), 5), remindDays: 7 })}::jsonb, now())`);
    await worker().drain();
    const again = await k.db.execute(
      sql`select 1 from notifications where kind = 'review.reminder' and params->>'title' = 'Reminded'`,
    );
    expect(again.rows.length).toBe(2);
  });
});
