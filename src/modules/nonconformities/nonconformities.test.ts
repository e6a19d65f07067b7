import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { principalOfActor } from '../../kernel/auth/principal.ts';
import { addDays, today } from '../../kernel/days.ts';
import { runCommand } from '../../kernel/db/tx.ts';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { raiseNonconformity } from './index.ts';

/** Nonconformities (10.1): raising, the lifecycle's guards, corrective actions, the effectiveness check, escalation. */
let k: TestKeel;
let owner: TestUser; // process owner of change management (register and role)
let otherOwner: TestUser; // holds the process-owner role, owns no process in the register
let top: TestUser;
let incidentManager: TestUser;
let agent: TestUser; // responsible for corrective actions
let bystander: TestUser;
let auditor: TestUser;
let customer: TestUser;

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
const post = (url: string, who: TestUser, payload: object = {}, headers: object = {}) =>
  call('POST', url, who, payload, headers);
const get = (url: string, who: TestUser) => call('GET', url, who);

const nc = (over: object = {}) => ({
  title: 'Emergency changes implemented without retrospective approval',
  description: 'Three emergency changes in March had no CAB review afterwards.',
  severity: 'minor',
  source: 'incident',
  sourceRef: 'INC-000123',
  clause: '8.5.1.3',
  processKey: 'change',
  ...over,
});

async function raise(over: object = {}, who = owner) {
  const res = await post('/api/v1/nonconformities', who, nc(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { number: string; version: number; id: string; state: string };
}

/** Fires a step with the current version (read first), as a screen would. */
async function step(number: string, to: string, who: TestUser, input: object = {}) {
  const current = await get(`/api/v1/nonconformities/${number}`, who);
  return post(
    `/api/v1/nonconformities/${number}/transitions`,
    who,
    { to, ...input },
    {
      'if-match': current.headers.etag as string,
    },
  );
}

async function addAction(number: string, over: object = {}, who = owner) {
  const res = await post(`/api/v1/nonconformities/${number}/actions`, who, {
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

/** Takes a nonconformity to verification: correction, cause, one action done. */
async function toVerification(number: string) {
  expect(
    (await step(number, 'correction', owner, { correction: 'Approved the three changes' })).statusCode,
  ).toBe(200);
  expect((await step(number, 'analysis', owner)).statusCode).toBe(200);
  const a = await addAction(number);
  expect((await step(number, 'action', owner, { rootCause: 'The procedure names no step' })).statusCode).toBe(
    200,
  );
  expect((await tick(number, a, agent, { done: true, note: 'Procedure v4 has the step' })).statusCode).toBe(
    200,
  );
  const v = await step(number, 'verification', owner);
  expect(v.statusCode, v.body).toBe(200);
  return v.json();
}

/** Moves a nonconformity's effectiveness check to today, as if the time given to its actions had passed. */
const dueToday = (number: string) =>
  k.db.execute(sql`update nonconformities set effectiveness_due = ${today()}
                    where work_item_id = (select id from work_items where number = ${number})`);

const setSettings = async (closedBy: string, effectivenessDays = 60) => {
  const current = await get('/api/v1/nonconformity-settings', top);
  const res = await call(
    'PUT',
    '/api/v1/nonconformity-settings',
    top,
    { closedBy, effectivenessDays },
    { 'if-match': current.headers.etag as string },
  );
  expect(res.statusCode, res.body).toBe(200);
};

beforeAll(async () => {
  k = await testKeel();
  [owner, otherOwner, top, incidentManager, agent, bystander, auditor, customer] = await Promise.all([
    k.user(['process_owner']),
    k.user(['process_owner']),
    k.user(['top_management']),
    k.user(['incident_manager']),
    k.user(['service_desk_agent']),
    k.user(['resolver']),
    k.user(['internal_auditor']),
    k.user(['customer']),
  ]);
  await k.db.execute(sql`
    insert into sms_processes (key, name, owner_id) values ('change', 'Change management', ${owner.id}),
                                                         ('incident', 'Incident management', null)`);
});

describe('raising a nonconformity', () => {
  it('is done by process owners, incident managers and top management, owned by the process’s owner', async () => {
    const made = await raise({}, incidentManager);
    expect(made).toMatchObject({
      number: expect.stringMatching(/^NC-\d{6}$/),
      state: 'new',
      assigneeId: owner.id,
      severity: 'minor',
      source: 'incident',
      processName: 'Change management',
      processOwnerId: owner.id,
    });
    const told = await k.db.execute<{ text: string }>(
      sql`select text from notifications where user_id = ${owner.id} and kind = 'nonconformity.raised'`,
    );
    expect(told.rows.map((r) => r.text)).toContain(
      `Nonconformity ${made.number} (minor) is yours to answer: Emergency changes implemented without retrospective approval`,
    );
    for (const who of [agent, auditor, customer])
      expect((await post('/api/v1/nonconformities', who, nc())).statusCode).toBe(403);
  });

  it('from an audit comes only from a finding, through the face, as audit work', async () => {
    const byHand = await post('/api/v1/nonconformities', owner, nc({ source: 'audit' }));
    expect(byHand.statusCode).toBe(400);
    expect(problemOf(byHand).errors).toEqual([expect.objectContaining({ field: 'source' })]);
    const actor = {
      kind: 'user' as const,
      userId: auditor.id,
      label: auditor.email,
      roles: ['internal_auditor' as const],
    };
    const raised = await runCommand(k.db, actor, null, (ctx) =>
      raiseNonconformity(ctx, principalOfActor(actor), {
        title: 'No internal audit of release management',
        description: '',
        severity: 'major',
        source: 'audit',
        sourceRef: 'F-2026-01',
        clause: '9.2',
        processKey: 'change',
      }),
    );
    expect(raised.number).toMatch(/^NC-/);
    const shown = (await get(`/api/v1/nonconformities/${raised.number}`, owner)).json();
    expect(shown).toMatchObject({
      source: 'audit',
      severity: 'major',
      sourceRef: 'F-2026-01',
      assigneeId: owner.id,
    });
    const audit = await k.db.execute<{ actor_id: string }>(
      sql`select actor_id from audit_log where action = 'nonconformity.created' and record_id = ${raised.number}`,
    );
    expect(audit.rows).toEqual([{ actor_id: auditor.id }]);
  });

  it('refuses what it names wrongly, writing nothing', async () => {
    const before = await k.db.execute<{ n: number }>(sql`select count(*)::int as n from nonconformities`);
    const bad = await post(
      '/api/v1/nonconformities',
      owner,
      nc({ processKey: 'nope', ownerId: customer.id, serviceId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(bad.statusCode).toBe(400);
    expect(
      problemOf(bad)
        .errors!.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['ownerId', 'processKey', 'serviceId']);
    const after = await k.db.execute<{ n: number }>(sql`select count(*)::int as n from nonconformities`);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('is seen by nobody outside the provider', async () => {
    const made = await raise();
    expect((await get('/api/v1/nonconformities', customer)).statusCode).toBe(403);
    expect((await get(`/api/v1/work-items/${made.number}`, customer)).statusCode).toBe(404);
    expect((await get(`/api/v1/nonconformities/${made.number}`, auditor)).statusCode).toBe(200);
  });
});

describe('the nonconformity lifecycle', () => {
  it('asks for the correction before analysis and a cause and an action before actions', async () => {
    const { number } = await raise();
    const early = await step(number, 'analysis', owner);
    expect(early.statusCode).toBe(400);
    expect(problemOf(early).errors).toEqual([
      { field: 'correction', message: 'record the correction before the analysis' },
    ]);
    expect(
      (await step(number, 'analysis', owner, { correction: 'Reviewed the three changes' })).statusCode,
    ).toBe(200);
    const bare = await step(number, 'action', owner);
    expect(bare.statusCode).toBe(400);
    expect(problemOf(bare).errors!.map((e: { field: string }) => e.field)).toEqual(['rootCause', 'actions']);
    await addAction(number);
    const planned = await step(number, 'action', owner, { rootCause: 'The procedure names no step' });
    expect(planned.statusCode, planned.body).toBe(200);
    expect(planned.json()).toMatchObject({ state: 'action', rootCause: 'The procedure names no step' });
  });

  it('verifies only when every action is done, and sets the effectiveness date from the settings', async () => {
    await setSettings('either', 45);
    const { number } = await raise();
    await step(number, 'correction', owner, { correction: 'Approved the three changes' });
    await step(number, 'analysis', owner);
    const a = await addAction(number);
    await step(number, 'action', owner, { rootCause: 'No step' });
    const waiting = await step(number, 'verification', owner);
    expect(waiting.statusCode).toBe(409);
    expect(problemOf(waiting).detail).toMatch(/1 corrective action not done/);
    // ticking off says what was done
    expect((await tick(number, a, agent, { done: true })).statusCode).toBe(400);
    expect((await tick(number, a, bystander, { done: true, note: 'x' })).statusCode).toBe(403);
    const done = await tick(number, a, agent, { done: true, note: 'Procedure v4 has the step' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ state: 'done', doneNote: 'Procedure v4 has the step' });
    const v = await step(number, 'verification', owner);
    expect(v.statusCode, v.body).toBe(200);
    const due = addDays(today(), 45);
    expect(v.json()).toMatchObject({ state: 'verification', effectivenessDue: due, effectiveness: null });
    const job = await k.db.execute<{ due_at: Date }>(sql`
      select due_at from jobs where kind = 'nonconformity.effectiveness_due' and payload->>'workItemId' = ${v.json().id}`);
    expect(job.rows.map((j) => new Date(j.due_at).toISOString())).toEqual([`${due}T07:00:00.000Z`]);
    // actions stand as they were once verification starts
    expect((await tick(number, { ...a, version: a.version + 1 }, agent, { done: false })).statusCode).toBe(
      409,
    );
    await setSettings('either', 60);
  });

  it('refuses closure without an effectiveness check, and closes once it is effective', async () => {
    const { number } = await toVerification((await raise()).number);
    const early = await step(number, 'closed', owner);
    expect(early.statusCode).toBe(409);
    expect(problemOf(early).detail).toMatch(/cannot be closed before the effectiveness/);
    expect((await get(`/api/v1/nonconformities/${number}`, owner)).json().state).toBe('verification');
    const current = await get(`/api/v1/nonconformities/${number}`, owner);
    const tooEarly = await post(
      `/api/v1/nonconformities/${number}/effectiveness`,
      auditor,
      { result: 'effective', note: 'Nothing since yesterday' },
      { 'if-match': current.headers.etag as string },
    );
    expect(tooEarly.statusCode).toBe(409);
    expect(problemOf(tooEarly).detail).toMatch(/effectiveness check is due on \d{4}-\d{2}-\d{2}/);
    await dueToday(number);
    const checked = await post(
      `/api/v1/nonconformities/${number}/effectiveness`,
      auditor,
      { result: 'effective', note: 'No emergency change without approval since April' },
      { 'if-match': current.headers.etag as string },
    );
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json()).toMatchObject({ effectiveness: 'effective', effectivenessBy: auditor.id });
    // top management does not close nonconformities; the auditor or the process owner does
    expect((await step(number, 'closed', top)).statusCode).toBe(403);
    const closed = await step(number, 'closed', auditor);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'closed', final: true, closedAt: expect.any(String) });
  });

  it('sends an ineffective one back to analysis, and checks anew at the next verification', async () => {
    const { number } = await toVerification((await raise()).number);
    const current = await get(`/api/v1/nonconformities/${number}`, owner);
    const bad = await post(
      `/api/v1/nonconformities/${number}/effectiveness`,
      owner,
      { result: 'not_effective', note: 'Two more emergency changes without approval in May' },
      { 'if-match': current.headers.etag as string },
    );
    expect(bad.statusCode, bad.body).toBe(200);
    expect(bad.json()).toMatchObject({
      state: 'analysis',
      effectiveness: 'not_effective',
      effectivenessDue: null,
    });
    await addAction(number, { title: 'Train the change managers on the new step' });
    const a = (await get(`/api/v1/nonconformities/${number}`, owner))
      .json()
      .actions.find((x: { state: string }) => x.state === 'open');
    await step(number, 'action', owner);
    await tick(number, a, owner, { done: true, note: 'Trained' });
    const again = await step(number, 'verification', owner);
    expect(again.json()).toMatchObject({ state: 'verification', effectiveness: null });
    expect((await step(number, 'closed', owner)).statusCode).toBe(409);
  });

  it('lets only whom the settings name check and close', async () => {
    await setSettings('auditor');
    const { number } = await toVerification((await raise()).number);
    const current = await get(`/api/v1/nonconformities/${number}`, owner);
    const byOwner = await post(
      `/api/v1/nonconformities/${number}/effectiveness`,
      owner,
      { result: 'effective', note: 'Looks fine' },
      { 'if-match': current.headers.etag as string },
    );
    expect(byOwner.statusCode).toBe(403);
    expect(problemOf(byOwner).detail).toMatch(/an internal auditor/);
    expect(current.json().abilities).toMatchObject({ answer: true, close: false });
    const asAuditor = (await get(`/api/v1/nonconformities/${number}`, auditor)).json();
    expect(asAuditor.abilities).toMatchObject({ answer: false, close: true });
    // the auditor reads: no comments, links or files (the kernel would refuse them)
    expect(asAuditor.abilities).toMatchObject({
      comment: false,
      commentInternal: false,
      link: false,
      attach: false,
    });
    expect(current.json().abilities).toMatchObject({ comment: true, link: true, attach: true });
    expect(asAuditor.transitions.map((t: { name: string }) => t.name)).toEqual(['reanalyse', 'close']);
    await dueToday(number);
    await post(
      `/api/v1/nonconformities/${number}/effectiveness`,
      auditor,
      { result: 'effective', note: 'Sampled ten changes' },
      { 'if-match': current.headers.etag as string },
    );
    expect((await step(number, 'closed', owner)).statusCode).toBe(403);
    await setSettings('process_owner');
    expect((await step(number, 'closed', auditor)).statusCode).toBe(403);
    // the role alone does not make one the owner of change management: the register names its owner
    expect((await step(number, 'closed', otherOwner)).statusCode).toBe(403);
    expect((await step(number, 'closed', owner)).statusCode).toBe(200);
    await setSettings('either');
  });

  it('keeps the rules on the shared transition route too', async () => {
    const { number, version } = await raise();
    const res = await post(
      `/api/v1/work-items/${number}/transitions/correct`,
      bystander,
      { correction: 'x' },
      { 'if-match': `"${version}"` },
    );
    expect(res.statusCode).toBe(403);
    expect((await get(`/api/v1/nonconformities/${number}`, owner)).json().state).toBe('new');
  });

  it('refuses an effectiveness date that is not a day or is past, on either route', async () => {
    const { number } = await raise();
    await step(number, 'correction', owner, { correction: 'Approved the three changes' });
    await step(number, 'analysis', owner);
    const a = await addAction(number);
    await step(number, 'action', owner, { rootCause: 'No step' });
    await tick(number, a, agent, { done: true, note: 'Done' });
    for (const due of ['epoch', '2026-1-5']) {
      const current = await get(`/api/v1/nonconformities/${number}`, owner);
      const res = await post(
        `/api/v1/work-items/${number}/transitions/verify`,
        owner,
        { effectivenessDue: due },
        { 'if-match': current.headers.etag as string },
      );
      expect(res.statusCode, res.body).toBe(400);
      expect(problemOf(res).errors).toEqual([
        { field: 'effectivenessDue', message: 'must be a date written YYYY-MM-DD' },
      ]);
    }
    const past = await step(number, 'verification', owner, { effectivenessDue: addDays(today(), -1) });
    expect(past.statusCode).toBe(400);
    expect(problemOf(past).errors).toEqual([
      { field: 'effectivenessDue', message: 'must be today or later' },
    ]);
    const v = await step(number, 'verification', owner, { effectivenessDue: addDays(today(), 30) });
    expect(v.statusCode, v.body).toBe(200);
    const moved = await call(
      'PATCH',
      `/api/v1/nonconformities/${number}`,
      owner,
      { effectivenessDue: addDays(today(), -2) },
      { 'if-match': v.headers.etag as string },
    );
    expect(problemOf(moved).errors).toEqual([
      { field: 'effectivenessDue', message: 'must be today or later' },
    ]);
  });

  it('is answered by its owner, its process’s owner (process owners when it has none), not by anyone else', async () => {
    const { number, version } = await raise({ processKey: 'incident', ownerId: agent.id });
    const patch = (who: TestUser, v: number) =>
      call(
        'PATCH',
        `/api/v1/nonconformities/${number}`,
        who,
        { correction: 'Contained' },
        { 'if-match': `"${v}"` },
      );
    expect((await patch(bystander, version)).statusCode).toBe(403);
    expect((await patch(auditor, version)).statusCode).toBe(403);
    const byOwner = await patch(agent, version);
    expect(byOwner.statusCode, byOwner.body).toBe(200);
    expect(byOwner.json()).toMatchObject({ correction: 'Contained', correctedAt: expect.any(String) });
    expect((await patch(agent, version)).statusCode).toBe(412);
    // incident management has no owner in the register: the process-owner role stands in for one
    expect((await patch(otherOwner, version + 1)).statusCode).toBe(200);
    // a nonconformity of change management is its register owner's (and top management's), not any process owner's
    const change = await raise();
    const other = await call(
      'PATCH',
      `/api/v1/nonconformities/${change.number}`,
      otherOwner,
      { correction: 'Contained' },
      { 'if-match': `"${change.version}"` },
    );
    expect(other.statusCode).toBe(403);
    const byTop = await call(
      'PATCH',
      `/api/v1/nonconformities/${change.number}`,
      top,
      { correction: 'Contained' },
      { 'if-match': `"${change.version}"` },
    );
    expect(byTop.statusCode, byTop.body).toBe(200);
  });
});

describe('the register and the settings', () => {
  it('filters and pages', async () => {
    await raise({ severity: 'major', source: 'complaint', sourceRef: 'CMP-7' });
    const majors = (await get('/api/v1/nonconformities?severity=major&source=complaint', auditor)).json();
    expect(majors.items.every((r: { severity: string }) => r.severity === 'major')).toBe(true);
    expect(majors.items.length).toBeGreaterThan(0);
    const page = (await get('/api/v1/nonconformities?limit=2&offset=1', owner)).json();
    const all = (await get('/api/v1/nonconformities?limit=200', owner)).json();
    expect(page.items).toEqual(all.items.slice(1, 3));
    expect(page.total).toBe(all.total);
    const mine = (await get('/api/v1/nonconformities?process=incident', owner)).json();
    expect(mine.items.every((r: { processKey: string }) => r.processKey === 'incident')).toBe(true);
  });

  it('are set by top management and process owners, with If-Match', async () => {
    const s = await get('/api/v1/nonconformity-settings', auditor);
    expect(s.statusCode).toBe(200);
    for (const who of [agent, auditor, incidentManager])
      expect(
        (
          await call(
            'PUT',
            '/api/v1/nonconformity-settings',
            who,
            { closedBy: 'auditor', effectivenessDays: 30 },
            {
              'if-match': s.headers.etag as string,
            },
          )
        ).statusCode,
      ).toBe(403);
    const stale = await call(
      'PUT',
      '/api/v1/nonconformity-settings',
      owner,
      { closedBy: 'either', effectivenessDays: 30 },
      { 'if-match': '"999"' },
    );
    expect(stale.statusCode).toBe(412);
    const bad = await call(
      'PUT',
      '/api/v1/nonconformity-settings',
      owner,
      { closedBy: 'anyone', effectivenessDays: 0 },
      { 'if-match': s.headers.etag as string },
    );
    expect(bad.statusCode).toBe(400);
  });
});

describe('the routes', () => {
  it('name internal roles only, and give the auditor audit work only for the check and the closing', () => {
    const ours = k.app.registeredRoutes.filter((r) => /nonconformit/.test(r.url) && r.method !== 'HEAD');
    expect(ours.length).toBe(10);
    for (const r of ours) {
      expect(r.access?.kind, `${r.method} ${r.url}`).toBe('roles');
      const roles = r.access?.kind === 'roles' ? r.access.roles : [];
      expect(roles).not.toContain('customer');
      expect(roles).not.toContain('supplier');
    }
    const auditWork = ours
      .filter((r) => r.access?.kind === 'roles' && r.access.auditWork)
      .map((r) => `${r.method} ${r.url}`);
    expect(auditWork.sort()).toEqual([
      'POST /api/v1/nonconformities/:number/effectiveness',
      'POST /api/v1/nonconformities/:number/transitions',
    ]);
  });
});
