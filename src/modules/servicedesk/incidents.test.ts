import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand, systemActor } from '../../kernel/db/tx.ts';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { AUTO_CLOSE_JOB, incidentJobs } from './type.ts';

/**
 * Incidents through the API: recording, every transition with its clocks, permissions and bad input,
 * re-targeting without losing paused time (GLPI #15605), escalation, major incidents.
 */
let k: TestKeel;
let agent: TestUser;
let resolver: TestUser;
let manager: TestUser;
let top: TestUser;
let customer: TestUser;
let otherCustomer: TestUser;
let auditor: TestUser;
let customerId: string;
let serviceId: string;
let serviceCiId: string;
let criticalServiceId: string;
let slaId: string;
let strictSlaId: string;
let groupId: string;
let networkGroupId: string;
const M = 60_000;

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
const post = (url: string, payload: object, who = agent) => call('POST', url, who, payload);

async function record(payload: object = {}, who = agent) {
  const res = await post(
    '/api/v1/incidents',
    { title: 'Check-in terminal frozen', impact: 2, urgency: 2, customerId, serviceId, ...payload },
    who,
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function move(number: string, body: object, who = agent) {
  const cur = await call('GET', `/api/v1/incidents/${number}`, who);
  return call('POST', `/api/v1/incidents/${number}/transitions`, who, body, {
    'if-match': cur.headers.etag as string,
  });
}

async function patch(number: string, body: object, who = agent) {
  const cur = await call('GET', `/api/v1/incidents/${number}`, who);
  return call('PATCH', `/api/v1/incidents/${number}`, who, body, { 'if-match': cur.headers.etag as string });
}

const clock = (inc: { clocks: Array<{ metric: string }> }, metric: string) =>
  inc.clocks.find((c) => c.metric === metric) as unknown as {
    state: string;
    deadline: string | null;
    pausedFor: string | null;
    priority: number;
    agreementId: string;
    elapsedMs: number;
    events: Array<{ kind: string; at: number }>;
  };

beforeAll(async () => {
  k = await testKeel();
  const slm = await k.user(['service_level_manager', 'service_owner', 'incident_manager']);
  [agent, resolver, manager, top, auditor] = await Promise.all([
    k.user(['service_desk_agent']),
    k.user(['resolver']),
    k.user(['incident_manager']),
    k.user(['top_management']),
    k.user(['internal_auditor']),
  ]);
  customerId = (await post('/api/v1/customers', { code: 'ALP', name: 'Hotel Alpenrose' }, slm)).json().id;
  [customer, otherCustomer] = await Promise.all([k.user(['customer']), k.user(['customer'])]);
  await k.db.execute(
    sql`update users set customer_id = ${customerId} where id in (${customer.id}, ${otherCustomer.id})`,
  );
  const svc = (
    await post(
      '/api/v1/services',
      { name: 'Front desk', status: 'live', criticality: 3, customerIds: [customerId] },
      slm,
    )
  ).json();
  serviceId = svc.id;
  serviceCiId = svc.ciId;
  criticalServiceId = (
    await post(
      '/api/v1/services',
      { name: 'Door locks', status: 'live', criticality: 1, customerIds: [customerId] },
      slm,
    )
  ).json().id;
  const calendarId = (
    await post(
      '/api/v1/calendars',
      {
        name: 'Always',
        timeZone: 'UTC',
        week: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ start: '00:00', end: '24:00' }]])),
      },
      slm,
    )
  ).json().id;
  const targets = (response: number, resolution: number) =>
    [1, 2, 3, 4, 5].flatMap((priority) => [
      { metric: 'response', priority, minutes: response * priority },
      { metric: 'resolution', priority, minutes: resolution * priority },
    ]);
  const sla = await post(
    '/api/v1/agreements',
    {
      kind: 'sla',
      name: 'Alpenrose standard',
      customerId,
      calendarId,
      status: 'active',
      serviceIds: [serviceId, criticalServiceId],
      targets: targets(30, 240),
      pauseOn: ['customer'],
    },
    slm,
  );
  expect(sla.statusCode, sla.body).toBe(201);
  slaId = sla.json().id;
  strictSlaId = (
    await post(
      '/api/v1/agreements',
      {
        kind: 'sla',
        name: 'Alpenrose premium',
        customerId,
        calendarId,
        status: 'draft',
        serviceIds: [serviceId],
        targets: targets(15, 120),
      },
      slm,
    )
  ).json().id;
  const g = await post(
    '/api/v1/groups',
    { name: 'Front office IT', serviceIds: [serviceId], memberIds: [agent.id, resolver.id] },
    manager,
  );
  expect(g.statusCode, g.body).toBe(201);
  groupId = g.json().id;
  networkGroupId = (
    await post(
      '/api/v1/groups',
      { name: 'Network', categories: ['network'], memberIds: [resolver.id] },
      manager,
    )
  ).json().id;
});

describe('recording an incident', () => {
  it('takes priority from the matrix, the agreement in force, its clocks and the service CI', async () => {
    const before = Date.now();
    const inc = await record({
      impact: 1,
      urgency: 2,
      description: '<p>Screen <b>frozen</b><script>x()</script></p>',
    });
    expect(inc).toMatchObject({
      type: 'incident',
      state: 'new',
      priority: 2,
      priorityOverridden: false,
      agreementId: slaId,
      customerId,
      serviceId,
      language: 'en',
      description: '<p>Screen <b>frozen</b></p>',
    });
    expect(inc.number).toMatch(/^INC-\d{6}$/);
    expect(inc.cis).toEqual([expect.objectContaining({ id: serviceCiId, source: 'computed' })]);
    const response = clock(inc, 'response');
    const resolution = clock(inc, 'resolution');
    expect(response.state).toBe('running');
    const started = response.events[0]!.at;
    expect(started).toBeGreaterThanOrEqual(before - 5);
    expect(new Date(response.deadline!).getTime()).toBe(started + 60 * M);
    expect(new Date(resolution.deadline!).getTime()).toBe(started + 480 * M);
    expect(inc.dueAt).toBe(response.deadline);
    // the audit entry holds the incident as written: its own fields, agreement and CIs included
    const audit = await k.db.execute<{ after: Record<string, unknown> }>(sql`
      select after from audit_log where record_id = ${inc.number} and action = 'incident.created'`);
    expect(audit.rows[0]!.after).toMatchObject({
      number: inc.number,
      priority: 2,
      impact: 1,
      urgency: 2,
      agreementId: slaId,
      cis: [{ ciId: serviceCiId, source: 'computed' }],
    });
  });

  it('answers with what the reader may do: the desk edits, the requester comments, the auditor reads', async () => {
    const inc = await record({ requesterId: customer.id });
    const as = async (who: TestUser) =>
      (await call('GET', `/api/v1/incidents/${inc.number}`, who)).json().abilities;
    expect(await as(agent)).toEqual({
      edit: true,
      comment: true,
      commentInternal: true,
      attach: true,
      link: true,
    });
    expect(await as(customer)).toEqual({
      edit: false,
      comment: true,
      commentInternal: false,
      attach: true,
      link: true,
    });
    expect(await as(auditor)).toEqual({
      edit: false,
      comment: false,
      commentInternal: false,
      attach: false,
      link: false,
    });
  });

  it('a chosen priority is marked as such; a group assigns it at once', async () => {
    const inc = await record({ impact: 3, urgency: 3, priority: 1, groupId });
    expect(inc).toMatchObject({ priority: 1, priorityOverridden: true, state: 'assigned', groupId });
  });

  it('names every bad field at once and writes nothing', async () => {
    const count = async () =>
      (await k.db.execute<{ n: number }>(sql`select count(*)::int as n from work_items`)).rows[0]!.n;
    const n = await count();
    const bad = await post('/api/v1/incidents', { title: ' ', impact: 4, urgency: 0 });
    expect(
      problemOf(bad)
        .errors!.map((e) => e.field)
        .sort(),
    ).toEqual(['impact', 'title', 'urgency']);
    const refs = await post('/api/v1/incidents', {
      title: 'x',
      impact: 1,
      urgency: 1,
      serviceId: '00000000-0000-4000-8000-000000000000',
      category: 'plumbing',
      assigneeId: customer.id,
      ciIds: ['00000000-0000-4000-8000-000000000001'],
    });
    expect(problemOf(refs).errors).toEqual([
      { field: 'serviceId', message: 'does not exist' },
      { field: 'category', message: 'does not exist' },
      { field: 'assigneeId', message: 'is not an active agent, resolver or incident manager' },
      { field: 'ciIds', message: 'names a CI that does not exist' },
    ]);
    expect(await count()).toBe(n);
  });

  it("the desk recording for someone: their organisation and language unless another is named; the matrix's priority", async () => {
    const guest = await k.user(['customer']);
    await k.db.execute(
      sql`update users set customer_id = ${customerId}, language = 'da' where id = ${guest.id}`,
    );
    const inc = await record({ requesterId: guest.id, customerId: undefined, impact: 1, urgency: 1 });
    expect(inc).toMatchObject({ requesterId: guest.id, customerId, language: 'da', priority: 1 });
    const detail = (await call('GET', `/api/v1/incidents/${inc.number}`, agent)).json();
    expect(detail.priorityOverridden).toBe(false);
    const none = await record({ requesterId: guest.id, customerId: null, impact: 3, urgency: 3 });
    expect(none).toMatchObject({ customerId: null, priority: 5 });
  });

  it('a customer records for themselves only: no priority, no assignment, their own organisation', async () => {
    const inc = await record({ priority: 1, groupId, customerId: null }, customer);
    expect(inc).toMatchObject({
      requesterId: customer.id,
      customerId,
      priority: 3,
      state: 'new',
      groupId: null,
    });
    const mine = await call('GET', `/api/v1/incidents/${inc.number}`, customer);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().escalations).toEqual([]);
    expect((await call('GET', `/api/v1/incidents/${inc.number}`, otherCustomer)).statusCode).toBe(404);
    expect((await patch(inc.number, { impact: 1 }, customer)).statusCode).toBe(403);
  });
});

describe('the lifecycle and its clocks', () => {
  it('walks assign → in progress → pending → resume → resolve → close with the clocks following', async () => {
    const inc = await record({ requesterId: customer.id });
    const noGroup = await move(inc.number, { to: 'assigned' });
    expect(problemOf(noGroup).errors).toEqual([
      { field: 'groupId', message: 'name a group or a person (assigneeId) to assign to' },
    ]);
    const assigned = (await move(inc.number, { to: 'assigned', groupId, assigneeId: resolver.id })).json();
    expect(assigned).toMatchObject({ state: 'assigned', groupId, assigneeId: resolver.id });
    const working = (await move(inc.number, { to: 'in_progress' }, resolver)).json();
    expect(clock(working, 'response').state).toBe('stopped');
    expect(clock(working, 'resolution').state).toBe('running');

    const noReason = await move(inc.number, { to: 'pending' }, resolver);
    expect(problemOf(noReason).errors).toEqual([{ field: 'pendingReason', message: 'is required to pend' }]);
    const wrongReason = await move(inc.number, { to: 'pending', pendingReason: 'lunch' }, resolver);
    expect(problemOf(wrongReason).errors![0]!.field).toBe('pendingReason');
    const pending = (await move(inc.number, { to: 'pending', pendingReason: 'customer' }, resolver)).json();
    expect(pending).toMatchObject({ state: 'pending', pendingReason: 'customer', dueAt: null });
    expect(clock(pending, 'resolution')).toMatchObject({
      state: 'paused',
      pausedFor: 'pending:customer',
      deadline: null,
    });
    const resumed = (await move(inc.number, { to: 'in_progress' }, resolver)).json();
    expect(resumed.pendingReason).toBeNull();
    expect(clock(resumed, 'resolution').state).toBe('running');

    const noCode = await move(inc.number, { to: 'resolved' }, resolver);
    expect(problemOf(noCode).errors!.map((e) => e.field)).toEqual(['resolutionCode', 'resolutionText']);
    const badCode = await move(
      inc.number,
      { to: 'resolved', resolutionCode: 'magic', resolutionText: 'x' },
      resolver,
    );
    expect(problemOf(badCode).errors![0]!.field).toBe('resolutionCode');
    const resolved = (
      await move(
        inc.number,
        { to: 'resolved', resolutionCode: 'fixed', resolutionText: 'Restarted the terminal' },
        resolver,
      )
    ).json();
    expect(resolved).toMatchObject({
      state: 'resolved',
      resolutionCode: 'fixed',
      resolutionText: 'Restarted the terminal',
    });
    expect(clock(resolved, 'resolution')).toMatchObject({ state: 'paused', pausedFor: 'resolved' });
    const job = await k.db.execute<{ due_at: Date }>(
      sql`select due_at from jobs where kind = ${AUTO_CLOSE_JOB} and state = 'queued' and payload->>'workItemId' = ${inc.id}`,
    );
    expect(new Date(job.rows[0]!.due_at).getTime()).toBe(
      new Date(resolved.resolvedAt).getTime() + 5 * 86_400_000,
    );

    // the requester confirms by closing
    const closed = (await move(inc.number, { to: 'closed' }, customer)).json();
    expect(closed).toMatchObject({ state: 'closed', final: true });
    expect(closed.closedAt).not.toBeNull();
  });

  it('a resolution clock paused while pending is not charged when the incident resolves from pending', async () => {
    const inc = await record({ groupId, requesterId: customer.id });
    await move(inc.number, { to: 'pending', pendingReason: 'customer' });
    const r = (
      await move(inc.number, { to: 'resolved', resolutionCode: 'user_error', resolutionText: 'Wrong card' })
    ).json();
    expect(clock(r, 'resolution')).toMatchObject({ state: 'paused', pausedFor: 'resolved' });
    const reopened = (await move(inc.number, { to: 'in_progress', reason: 'Still broken' }, customer)).json();
    expect(reopened).toMatchObject({ state: 'in_progress', resolutionCode: null, resolvedAt: null });
    expect(clock(reopened, 'resolution').state).toBe('running');
    const comments = (await call('GET', `/api/v1/work-items/${inc.number}/comments`, customer)).json().items;
    expect(comments.map((c: { body: string }) => c.body)).toContain('Reopened: Still broken');
  });

  it('pending for a reason the agreement does not pause on keeps the clocks running', async () => {
    const inc = await record({ groupId });
    const p = (await move(inc.number, { to: 'pending', pendingReason: 'supplier' })).json();
    expect(clock(p, 'resolution').state).toBe('running');
  });

  it('refuses what the lifecycle does not allow with 409, unknown states with 400, stale versions with 412', async () => {
    const inc = await record();
    const jump = await move(inc.number, { to: 'closed' });
    expect(jump.statusCode).toBe(409);
    expect(problemOf(jump).detail).toBe('A incident cannot go from "new" to "closed".');
    expect((await move(inc.number, { to: 'sleeping' })).statusCode).toBe(400);
    const stale = await call(
      'POST',
      `/api/v1/incidents/${inc.number}/transitions`,
      agent,
      { to: 'in_progress' },
      { 'if-match': '"0"' },
    );
    expect(stale.statusCode).toBe(412);
    const noMatch = await call('POST', `/api/v1/incidents/${inc.number}/transitions`, agent, {
      to: 'in_progress',
    });
    expect(noMatch.statusCode).toBe(428);
  });

  it('cancel needs a reason and stops the clocks; a customer may not resolve; an auditor may not write', async () => {
    const inc = await record({}, customer);
    expect(
      (await move(inc.number, { to: 'resolved', resolutionCode: 'fixed', resolutionText: 'x' }, customer))
        .statusCode,
    ).toBe(403);
    expect((await move(inc.number, { to: 'in_progress' }, auditor)).statusCode).toBe(403);
    expect((await move(inc.number, { to: 'cancelled' })).statusCode).toBe(400);
    const c = (await move(inc.number, { to: 'cancelled', reason: 'Reported twice' }, customer)).json();
    expect(c.state).toBe('cancelled');
    expect(c.clocks.every((x: { state: string }) => x.state === 'stopped')).toBe(true);
    expect((await patch(inc.number, { impact: 1 })).statusCode).toBe(409);
  });

  it('reopens a closed incident only within the reopen window', async () => {
    const inc = await record({ groupId });
    await move(inc.number, { to: 'resolved', resolutionCode: 'fixed', resolutionText: 'x' });
    await move(inc.number, { to: 'closed' });
    const again = (await move(inc.number, { to: 'in_progress', reason: 'Back again' })).json();
    expect(again.state).toBe('in_progress');
    await move(inc.number, { to: 'resolved', resolutionCode: 'fixed', resolutionText: 'y' });
    await move(inc.number, { to: 'closed' });
    await k.db.execute(
      sql`update incidents set closed_at = now() - interval '11 days' where work_item_id = ${inc.id}`,
    );
    const late = await move(inc.number, { to: 'in_progress', reason: 'Back again' });
    expect(problemOf(late).errors).toEqual([
      { field: 'to', message: 'a closed incident can be reopened within 10 days of closing' },
    ]);
  });

  it('auto-closes a resolved incident nobody answered, and not one that moved on', async () => {
    const inc = await record({ groupId });
    const r = (
      await move(inc.number, { to: 'resolved', resolutionCode: 'fixed', resolutionText: 'x' })
    ).json();
    const other = await record({ groupId });
    const r2 = (
      await move(other.number, { to: 'resolved', resolutionCode: 'fixed', resolutionText: 'x' })
    ).json();
    await move(other.number, { to: 'in_progress', reason: 'not fixed' });
    for (const [id, resolvedAt] of [
      [inc.id, r.resolvedAt],
      [other.id, r2.resolvedAt],
    ]) {
      await runCommand(k.db, systemActor('test'), null, (ctx) =>
        incidentJobs[AUTO_CLOSE_JOB]!(
          { id: 0, kind: AUTO_CLOSE_JOB, payload: { workItemId: id, resolvedAt }, attempts: 0 },
          ctx.tx,
        ),
      );
    }
    expect((await call('GET', `/api/v1/incidents/${inc.number}`, agent)).json().state).toBe('closed');
    expect((await call('GET', `/api/v1/incidents/${other.number}`, agent)).json().state).toBe('in_progress');
  });
});

describe('re-targeting clocks', () => {
  it('GLPI #15605: pause, change the agreement, resume — no paused time is lost', async () => {
    const inc = await record({ groupId, impact: 3, urgency: 3 });
    await new Promise((r) => setTimeout(r, 30));
    await move(inc.number, { to: 'pending', pendingReason: 'customer' });
    await new Promise((r) => setTimeout(r, 60));
    // the premium SLA comes into force for this customer
    await k.db.execute(sql`update agreements set status = 'active' where id = ${strictSlaId}`);
    const changed = await patch(inc.number, { agreementId: strictSlaId });
    await k.db.execute(sql`update agreements set status = 'draft' where id = ${strictSlaId}`);
    expect(changed.statusCode, changed.body).toBe(200);
    expect(clock(changed.json(), 'resolution')).toMatchObject({ state: 'paused', agreementId: strictSlaId });
    const resumed = (await move(inc.number, { to: 'in_progress' })).json();
    const c = clock(resumed, 'resolution');
    const [start, pause, resume] = c.events as Array<{ kind: string; at: number }>;
    expect([start!.kind, pause!.kind, resume!.kind]).toEqual(['start', 'pause', 'resume']);
    expect(resume!.at - pause!.at).toBeGreaterThanOrEqual(60);
    // premium: 120 minutes × priority 5; what ran before the pause is spent, the pause is not
    const used = pause!.at - start!.at;
    expect(new Date(c.deadline!).getTime()).toBe(resume!.at + 600 * M - used);
    expect(c.agreementId).toBe(strictSlaId);
  });

  it('a new impact re-prioritises and re-targets; priority null returns to the matrix', async () => {
    const inc = await record({ groupId, impact: 3, urgency: 3 });
    const start = clock(inc, 'resolution').events[0]!.at;
    const p1 = (await patch(inc.number, { impact: 1, urgency: 1 })).json();
    expect(p1).toMatchObject({ priority: 1, priorityOverridden: false });
    expect(clock(p1, 'resolution').priority).toBe(1);
    expect(new Date(clock(p1, 'resolution').deadline!).getTime()).toBe(start + 240 * M);
    const chosen = (await patch(p1.number, { priority: 4 })).json();
    expect(chosen).toMatchObject({ priority: 4, priorityOverridden: true });
    const back = (await patch(p1.number, { priority: null })).json();
    expect(back).toMatchObject({ priority: 1, priorityOverridden: false });
    const history = (await call('GET', `/api/v1/work-items/${inc.number}/history`, agent)).json().items;
    expect(history.some((h: { field: string }) => h.field === 'impact')).toBe(true);
  });
});

describe('assignment and escalation', () => {
  it('suggests groups by service and category, people by skills and open work', async () => {
    await k.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${resolver.id}/skills`,
      headers: manager.auth,
      payload: { skills: ['network'] },
    });
    const res = await call(
      'GET',
      `/api/v1/incidents/assignment-suggestions?serviceId=${serviceId}&category=network`,
      agent,
    );
    const items = res.json().items as Array<{
      name: string;
      score: number;
      reasons: string[];
      people: Array<{ name: string; matchingSkills: number }>;
    }>;
    expect(items.map((g) => [g.name, g.score, g.reasons])).toEqual([
      ['Front office IT', 2, ['service']],
      ['Network', 1, ['category']],
    ]);
    expect(items[0]!.people[0]).toMatchObject({ matchingSkills: 1 });
  });

  it('escalates functionally to another group and hierarchically to the incident manager, with reasons', async () => {
    const inc = await record({ groupId, assigneeId: agent.id });
    const f = await post(`/api/v1/incidents/${inc.number}/escalations`, {
      kind: 'functional',
      groupId: networkGroupId,
      reason: 'Switch port dead',
    });
    expect(f.statusCode, f.body).toBe(200);
    expect(f.json()).toMatchObject({ groupId: networkGroupId, assigneeId: null });
    const h = (
      await post(`/api/v1/incidents/${inc.number}/escalations`, {
        kind: 'hierarchical',
        reason: 'VIP guest waiting',
      })
    ).json();
    expect(h.escalationLevel).toBe(1);
    expect(h.escalations.map((e: { kind: string; reason: string }) => [e.kind, e.reason])).toEqual([
      ['functional', 'Switch port dead'],
      ['hierarchical', 'VIP guest waiting'],
    ]);
    const notes = (await call('GET', '/api/v1/notifications', manager)).json();
    expect(
      notes.items.some(
        (n: { text: string }) => n.text === `${inc.number} was escalated to level 1: VIP guest waiting`,
      ),
    ).toBe(true);
    const resolverNotes = (await call('GET', '/api/v1/notifications', resolver)).json().items;
    expect(
      resolverNotes.some((n: { text: string }) => n.text.startsWith(`${inc.number} was assigned to Network`)),
    ).toBe(true);
    expect(
      problemOf(
        await post(`/api/v1/incidents/${inc.number}/escalations`, {
          kind: 'functional',
          groupId: networkGroupId,
          reason: 'x',
        }),
      ).errors,
    ).toEqual([{ field: 'groupId', message: 'is already the group' }]);
  });
});

describe('major incidents', () => {
  it('priority 1 on a critical service is major at once; top management hears of it', async () => {
    const inc = await record({ serviceId: criticalServiceId, impact: 1, urgency: 1 });
    expect(inc.major).toMatchObject({ ownerId: null, reason: 'priority 1 on a service of criticality 1' });
    expect(inc.major.nextUpdateDue).not.toBeNull();
    const notes = (await call('GET', '/api/v1/notifications?unread=true', top)).json();
    expect(notes.items.map((n: { text: string }) => n.text)).toContain(
      `Major incident ${inc.number}: Check-in terminal frozen`,
    );
    expect(notes.unread).toBeGreaterThan(0);
    const read = await post('/api/v1/notifications/read', {}, top);
    expect(read.json().marked).toBe(notes.unread);
  });

  it('declared by the incident manager with an owner; updates, children, resolution and the review', async () => {
    const major = await record({ title: 'Wi-Fi down in all rooms', groupId });
    expect(
      (
        await call('PUT', `/api/v1/incidents/${major.number}/major`, agent, {
          ownerId: manager.id,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const badOwner = await call('PUT', `/api/v1/incidents/${major.number}/major`, manager, {
      ownerId: customer.id,
      reason: 'All rooms',
    });
    expect(problemOf(badOwner).errors).toEqual([
      { field: 'ownerId', message: 'must be an active member of staff' },
    ]);
    const declared = (
      await call('PUT', `/api/v1/incidents/${major.number}/major`, manager, {
        ownerId: manager.id,
        reason: 'All rooms',
      })
    ).json();
    expect(declared.major).toMatchObject({ ownerId: manager.id, reason: 'All rooms' });
    const up = await post(
      `/api/v1/incidents/${major.number}/major/updates`,
      { audience: 'customers', body: 'Engineers on site' },
      manager,
    );
    expect(up.statusCode, up.body).toBe(201);
    await post(
      `/api/v1/incidents/${major.number}/major/updates`,
      { audience: 'internal', body: 'Core switch replaced' },
      manager,
    );
    const child = await record({ title: 'No Wi-Fi in room 12', groupId });
    expect(
      (await post(`/api/v1/incidents/${major.number}/children`, { number: child.number })).statusCode,
    ).toBe(201);
    const asCustomer = (await call('GET', `/api/v1/incidents/${major.number}`, customer)).statusCode;
    expect(asCustomer).toBe(404);
    // the portal shows the service disrupted, with what customers were told, but not the incident itself
    await k.db.execute(sql`
      update services set published = true,
             catalogue = '{"en": {"name": "Front desk", "description": "Check-in"}, "da": {"name": "Reception", "description": "Indtjekning"}}'
       where id = ${serviceId}`);
    const status = async () =>
      (await call('GET', '/api/v1/service-status?language=da', customer)).json().items as Array<{
        name: string;
        status: string;
        disruptions: unknown[];
      }>;
    expect((await status()).find((s) => s.name === 'Reception')).toMatchObject({
      status: 'disrupted',
      disruptions: [
        { number: null, title: 'Wi-Fi down in all rooms', update: { body: 'Engineers on site' } },
      ],
    });
    const staffView = (await call('GET', '/api/v1/service-status', agent)).json().items;
    expect(
      staffView.find((s: { serviceId: string }) => s.serviceId === serviceId).disruptions[0].number,
    ).toBe(major.number);
    const resolved = (
      await move(major.number, {
        to: 'resolved',
        resolutionCode: 'fixed',
        resolutionText: 'Core switch replaced',
      })
    ).json();
    expect(resolved.major.updates.map((u: { audience: string }) => u.audience)).toEqual([
      'customers',
      'internal',
    ]);
    expect(resolved.review).toMatchObject({ state: 'open', version: 1 });
    expect((await status()).find((s) => s.name === 'Reception')).toMatchObject({
      status: 'operational',
      disruptions: [],
    });
    const c = (await call('GET', `/api/v1/incidents/${child.number}`, agent)).json();
    expect(c).toMatchObject({ state: 'resolved', resolutionCode: 'fixed' });
    expect(c.resolutionText).toContain(`resolved with major incident ${major.number}`);
    const incomplete = await call(
      'PATCH',
      `/api/v1/incidents/${major.number}/review`,
      manager,
      { summary: 'Switch failed', complete: true },
      { 'if-match': '"1"' },
    );
    expect(problemOf(incomplete).errors!.map((e) => e.field)).toEqual(['rootCause', 'improvements']);
    const done = await call(
      'PATCH',
      `/api/v1/incidents/${major.number}/review`,
      manager,
      { summary: 'Switch failed', rootCause: 'Power supply', improvements: 'Redundant PSU', complete: true },
      { 'if-match': '"1"' },
    );
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().review).toMatchObject({ state: 'completed', rootCause: 'Power supply' });
  });

  it('tells the incident managers when incidents pile up on one service', async () => {
    const s = await call('GET', '/api/v1/service-desk/settings', manager);
    const res = await call(
      'PATCH',
      '/api/v1/service-desk/settings',
      manager,
      { burstCount: 3, burstMinutes: 5 },
      { 'if-match': s.headers.etag as string },
    );
    expect(res.statusCode, res.body).toBe(200);
    const fresh = (
      await post('/api/v1/services', { name: 'Spa booking', status: 'live' }, await k.user(['service_owner']))
    ).json();
    for (let i = 0; i < 4; i++) await record({ serviceId: fresh.id, customerId: null });
    const notes = (await call('GET', '/api/v1/notifications?limit=100', manager)).json().items as Array<{
      kind: string;
      text: string;
    }>;
    expect(notes.filter((n) => n.kind === 'major.possible' && n.text.includes('Spa booking'))).toEqual([
      expect.objectContaining({
        text: 'Possible major incident: 3 incidents on Spa booking within 5 minutes.',
      }),
    ]);
    // a service that already has an open major incident: the pile-up is that incident, nobody is told again
    const minibar = (
      await post(
        '/api/v1/services',
        { name: 'Minibar billing', status: 'live', criticality: 1 },
        await k.user(['service_owner']),
      )
    ).json();
    const first = await record({ serviceId: minibar.id, customerId: null, impact: 1, urgency: 1 });
    expect(first.major).toMatchObject({ declaredAt: expect.any(String) });
    for (let i = 0; i < 3; i++) await record({ serviceId: minibar.id, customerId: null });
    const after = (await call('GET', '/api/v1/notifications?limit=100', manager)).json().items as Array<{
      kind: string;
      text: string;
    }>;
    expect(after.filter((n) => n.kind === 'major.possible' && n.text.includes('Minibar'))).toEqual([]);
  });
});

describe('service level report', () => {
  it('counts targets met and missed per metric and priority, lists breaches with reasons and the workload', async () => {
    const slm = await k.user(['service_level_manager']);
    const edw = (await post('/api/v1/customers', { code: 'EDW', name: 'Hotel Edelweiss' }, slm)).json().id;
    const calendarId = (await k.db.execute<{ id: string }>(sql`select id from business_calendars limit 1`))
      .rows[0]!.id;
    const sla = await post(
      '/api/v1/agreements',
      {
        kind: 'sla',
        name: 'Edelweiss',
        customerId: edw,
        calendarId,
        status: 'active',
        serviceIds: [serviceId, criticalServiceId],
        targets: [
          { metric: 'response', priority: 3, minutes: 60 },
          { metric: 'resolution', priority: 3, minutes: 600 },
        ],
        workloadLimits: 'Up to 100 incidents a month.',
      },
      slm,
    );
    const id = sla.json().id;
    const a = await record({ customerId: edw, groupId });
    const b = await record({ customerId: edw, groupId });
    const c = await record({ customerId: edw, groupId });
    const d = await record({ customerId: edw, groupId });
    await move(d.number, { to: 'pending', pendingReason: 'customer' });
    // recorded against the wrong service, then corrected: the report counts it under the service it is for
    expect((await patch(c.number, { serviceId: criticalServiceId, priority: 3 })).statusCode).toBe(200);
    await move(a.number, { to: 'in_progress' });
    await move(a.number, { to: 'resolved', resolutionCode: 'fixed', resolutionText: 'Done' });
    // b's response target was missed: as the breach job records it
    await k.db.execute(
      sql`update sla_clocks set breached_at = now() where work_item_id = ${b.id} and metric = 'response'`,
    );
    const why = await call('PUT', `/api/v1/incidents/${b.number}/clocks/response/breach-reason`, agent, {
      reason: 'Phone queue overflowed',
    });
    expect(why.statusCode, why.body).toBe(200);
    expect(
      (
        await call('PUT', `/api/v1/incidents/${a.number}/clocks/response/breach-reason`, agent, {
          reason: 'x',
        })
      ).statusCode,
    ).toBe(409);

    const today = new Date().toISOString().slice(0, 10);
    const res = await call('GET', `/api/v1/agreements/${id}/report?from=${today}&to=${today}`, slm);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.targets).toEqual([
      { metric: 'response', priority: 3, minutes: 60, total: 4, met: 1, missed: 1, open: 2, metPercent: 50 },
      // waiting for the customer is not decided yet: open, not met
      {
        metric: 'resolution',
        priority: 3,
        minutes: 600,
        total: 4,
        met: 1,
        missed: 0,
        open: 3,
        metPercent: 100,
      },
    ]);
    expect(r.breaches).toEqual([
      expect.objectContaining({ number: b.number, metric: 'response', reason: 'Phone queue overflowed' }),
    ]);
    expect(r.workload).toEqual([{ month: today.slice(0, 7), type: 'incident', count: 4 }]);
    expect(r.workloadLimits).toBe('Up to 100 incidents a month.');
    expect(r.byServiceMonth).toEqual([
      { service: 'Door locks', month: today.slice(0, 7), total: 1, met: 0, missed: 0, metPercent: null },
      { service: 'Front desk', month: today.slice(0, 7), total: 3, met: 1, missed: 0, metPercent: 100 },
    ]);
    // a period the items were not recorded in counts none of them
    const before = await call('GET', `/api/v1/agreements/${id}/report?from=2020-01-01&to=2020-12-31`, slm);
    expect(before.json()).toMatchObject({ targets: [], breaches: [], workload: [], byServiceMonth: [] });
    const bad = await call('GET', `/api/v1/agreements/${id}/report?from=${today}&to=2020-01-01`, slm);
    expect(problemOf(bad).errors![0]!.field).toBe('querystring.to');
  });
});

describe('rules that hold whatever the route', () => {
  it('the shared work-item routes refuse incidents and name the incident routes', async () => {
    const created = await post('/api/v1/work-items', { type: 'incident', title: 'x', priority: 1 }, customer);
    expect(problemOf(created).errors).toEqual([
      { field: 'type', message: 'is recorded with POST /api/v1/incidents' },
    ]);
    const inc = await record();
    const cur = await call('GET', `/api/v1/work-items/${inc.number}`, agent);
    const patched = await call(
      'PATCH',
      `/api/v1/work-items/${inc.number}`,
      agent,
      { priority: 1 },
      { 'if-match': cur.headers.etag as string },
    );
    expect(patched.statusCode).toBe(400);
    expect(problemOf(patched).detail).toBe('Change this item with PATCH /api/v1/incidents/{number}.');
  });

  it("a customer's own impact and urgency do not set the priority or declare a major incident", async () => {
    const inc = await record({ serviceId: criticalServiceId, impact: 1, urgency: 1 }, customer);
    expect(inc).toMatchObject({ impact: 2, urgency: 2, priority: 3, major: null });
  });

  it('a customer sees neither escalations nor the escalation level in the history', async () => {
    const inc = await record({ groupId, requesterId: customer.id });
    await post(`/api/v1/incidents/${inc.number}/escalations`, { kind: 'hierarchical', reason: 'Angry VIP' });
    const seen = (await call('GET', `/api/v1/incidents/${inc.number}`, customer)).json();
    expect(seen).toMatchObject({ escalationLevel: 0, escalations: [], agreementId: null });
    const history = (await call('GET', `/api/v1/work-items/${inc.number}/history`, customer)).json().items;
    expect(history.map((h: { field: string }) => h.field)).not.toContain('escalationLevel');
    const staffHistory = (await call('GET', `/api/v1/work-items/${inc.number}/history`, agent)).json().items;
    expect(staffHistory.map((h: { field: string }) => h.field)).toContain('escalationLevel');
  });

  it('back in progress after pending, the response clock has stopped', async () => {
    const inc = await record({ groupId });
    await move(inc.number, { to: 'pending', pendingReason: 'supplier' });
    const back = (await move(inc.number, { to: 'in_progress' })).json();
    expect(clock(back, 'response').state).toBe('stopped');
  });

  it('a chosen agreement must be an active SLA of the customer; while pending its pause rules apply at once', async () => {
    const inc = await record({ groupId });
    const ola = (
      await k.db.execute<{ id: string }>(sql`
      insert into agreements (kind, name, internal_party, calendar_id, status)
      select 'ola', 'Desk OLA', 'Desk', calendar_id, 'active' from agreements where id = ${slaId} returning id`)
    ).rows[0]!.id;
    expect(problemOf(await patch(inc.number, { agreementId: ola })).errors).toEqual([
      { field: 'agreementId', message: "must be an active SLA of the incident's customer, valid today" },
    ]);
    await move(inc.number, { to: 'pending', pendingReason: 'supplier' });
    await k.db.execute(
      sql`update agreements set status = 'active', pause_on = '{customer,supplier}' where id = ${strictSlaId}`,
    );
    const moved = (await patch(inc.number, { agreementId: strictSlaId })).json();
    expect(clock(moved, 'resolution')).toMatchObject({
      state: 'paused',
      pausedFor: 'pending:supplier',
      agreementId: strictSlaId,
    });
    const back = (await patch(inc.number, { agreementId: slaId })).json();
    expect(clock(back, 'resolution')).toMatchObject({ state: 'running', agreementId: slaId });
    await k.db.execute(
      sql`update agreements set status = 'draft', pause_on = '{customer}' where id = ${strictSlaId}`,
    );
  });

  it('a lower priority takes back a breach that the new target no longer makes', async () => {
    const inc = await record({ groupId, impact: 1, urgency: 1 });
    await k.db.execute(
      sql`update sla_clocks set breached_at = now() where work_item_id = ${inc.id} and metric = 'response'`,
    );
    const lower = (await patch(inc.number, { impact: 3, urgency: 3 })).json();
    expect(clock(lower, 'response')).toMatchObject({ state: 'running' });
    expect((clock(lower, 'response') as unknown as { breached: boolean }).breached).toBe(false);
  });

  it('bulk: a first group assigns the incidents, so "to assigned" is already done, not refused', async () => {
    const a = await record();
    const b = await record();
    const res = await post('/api/v1/work-items/bulk', {
      numbers: [a.number, b.number],
      set: { groupId },
      to: 'assigned',
    });
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('choosing people', () => {
  it('finds those who work incidents when asked for workers, and none of the outside world when asked for staff', async () => {
    const contact = await k.user(['supplier']);
    const find = async (query: string) =>
      (await k.app.inject({ url: `/api/v1/people?limit=50${query}`, headers: agent.auth }))
        .json()
        .items.map((p: { id: string }) => p.id) as string[];
    const workers = await find('&workers=true');
    expect(workers).toEqual(expect.arrayContaining([agent.id, resolver.id, manager.id]));
    expect(workers).not.toContain(customer.id);
    const staff = await find('&staff=true');
    expect(staff).not.toContain(contact.id);
    expect(staff).not.toContain(customer.id);
    expect(staff).toContain(top.id);
  });
});
