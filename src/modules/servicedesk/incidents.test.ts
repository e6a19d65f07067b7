import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestUser } from '../../testing/harness.ts';
import {
  agent,
  auditor,
  call,
  clock,
  criticalServiceId,
  customer,
  customerId,
  groupId,
  k,
  M,
  manager,
  move,
  otherCustomer,
  patch,
  post,
  record,
  resolver,
  serviceCiId,
  serviceId,
  setUpDesk,
  slaId,
  strictSlaId,
  top,
} from './desk.fixture.ts';

/**
 * Recording incidents through the API: priority, agreement, clocks and CIs, what each reader may do, bad input,
 * and the rules that hold whatever the route.
 */
beforeAll(setUpDesk);

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

  it("the desk recording for someone: their organisation and language; the matrix's priority", async () => {
    const guest = await k.user(['customer']);
    await k.db.execute(
      sql`update users set customer_id = ${customerId}, language = 'da' where id = ${guest.id}`,
    );
    const inc = await record({ requesterId: guest.id, customerId: undefined, impact: 1, urgency: 1 });
    expect(inc).toMatchObject({ requesterId: guest.id, customerId, language: 'da', priority: 1 });
    const detail = (await call('GET', `/api/v1/incidents/${inc.number}`, agent)).json();
    expect(detail.priorityOverridden).toBe(false);
    // a customer's person asks in their organisation's name, never in none or another's
    const none = await post('/api/v1/incidents', {
      title: 'x',
      impact: 3,
      urgency: 3,
      requesterId: guest.id,
      customerId: null,
    });
    expect(problemOf(none).errors?.map((e) => e.field)).toEqual(['requesterId', 'customerId']);
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
