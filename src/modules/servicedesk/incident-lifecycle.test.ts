import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand, systemActor } from '../../kernel/db/tx.ts';
import { problemOf } from '../../testing/harness.ts';
import {
  agent,
  auditor,
  call,
  clock,
  customer,
  groupId,
  k,
  M,
  move,
  patch,
  record,
  resolver,
  setUpDesk,
  strictSlaId,
} from './desk.fixture.ts';
import { AUTO_CLOSE_JOB, incidentJobs } from './type.ts';

/**
 * An incident's life through the API with its clocks: every transition, refusals, reopening, auto-close, and
 * re-targeting without losing paused time (GLPI #15605).
 */
beforeAll(setUpDesk);

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
