import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand, systemActor } from '../../kernel/db/tx.ts';
import { JobWorker } from '../../kernel/jobs/worker.ts';
import { defineLifecycle } from '../../kernel/records/lifecycle.ts';
import { registerWorkItemType, type WorkItem } from '../../kernel/records/registry.ts';
import { type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { clockJobs, moveClock, retargetClock, startClock } from './clocks.ts';

// incidents do not exist yet: a minimal work-item type carries the clocks
registerWorkItemType({
  type: 'clock_test',
  prefix: 'CLK',
  createRoles: ['service_desk_agent'],
  lifecycle: defineLifecycle<WorkItem>({ initial: 'new', states: ['new'], final: [], transitions: [] }),
  canRead: () => true,
  canWrite: () => true,
  canSeeInternal: () => true,
});

let k: TestKeel;
let agent: TestUser;
let agreementId: string;
const M = 60_000;

beforeAll(async () => {
  k = await testKeel();
  agent = await k.user(['service_desk_agent']);
  const slm = await k.user(['service_level_manager']);
  const cal = await k.app.inject({
    method: 'POST',
    url: '/api/v1/calendars',
    headers: slm.auth,
    payload: {
      name: 'Always',
      timeZone: 'UTC',
      week: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ start: '00:00', end: '24:00' }]])),
    },
  });
  const ola = await k.app.inject({
    method: 'POST',
    url: '/api/v1/agreements',
    headers: slm.auth,
    payload: {
      kind: 'ola',
      name: 'Desk OLA',
      internalParty: 'Service desk',
      calendarId: cal.json().id,
      targets: [
        { metric: 'resolution', priority: 1, minutes: 1, warnPercent: 50 },
        { metric: 'resolution', priority: 2, minutes: 60 },
      ],
    },
  });
  agreementId = ola.json().id;
});

const newItem = async () =>
  (
    await k.app.inject({
      method: 'POST',
      url: '/api/v1/work-items',
      headers: agent.auth,
      payload: { type: 'clock_test', title: 'Till 3 is down' },
    })
  ).json().id as string;
const run = <T>(fn: Parameters<typeof runCommand<T>>[3]) => runCommand(k.db, systemActor('test'), null, fn);
const queued = async (clockId: string) =>
  (
    await k.db.execute<{ kind: string; due: string }>(sql`
    select kind, due_at::text as due from jobs where state = 'queued' and unique_key like ${`sla:%:${clockId}`} order by kind`)
  ).rows;

describe('SLA clocks on work items', () => {
  it('warning and breach fire through the job queue, on time and once', async () => {
    const itemId = await newItem();
    // started 58.5 s ago against a 1-minute target: warned at 30 s (already due), breach in 1.5 s
    const clock = await run((ctx) =>
      startClock(ctx, {
        workItemId: itemId,
        metric: 'resolution',
        agreementId,
        priority: 1,
        at: Date.now() - 58_500,
      }),
    );
    expect(clock.state).toBe('running');
    expect((await queued(clock.id)).map((j) => j.kind)).toEqual(['sla.breach', 'sla.warn']);
    const workers = [new JobWorker(k.db, { maxIdleMs: 5_000 }), new JobWorker(k.db, { maxIdleMs: 5_000 })];
    for (const w of workers) for (const [kind, h] of Object.entries(clockJobs)) w.register(kind, h);
    await Promise.all(workers.map((w) => w.start()));
    const deadline = Date.now() + 10_000;
    let row: { warned_at: Date | null; breached_at: Date | null; deadline: Date } | undefined;
    while (Date.now() < deadline) {
      row = (
        await k.db.execute<{ warned_at: Date | null; breached_at: Date | null; deadline: Date }>(
          sql`select warned_at, breached_at, deadline from sla_clocks where id = ${clock.id}`,
        )
      ).rows[0];
      if (row?.breached_at) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await Promise.all(workers.map((w) => w.stop()));
    expect(row!.warned_at).not.toBeNull();
    const late = new Date(row!.breached_at!).getTime() - new Date(row!.deadline).getTime();
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(1000);
    const fired = await k.db.execute<{ action: string; n: number }>(sql`
      select action, count(*)::int as n from audit_log where record_id = ${clock.id} and action like 'sla-clock.%ed'
       group by action order by action`);
    expect(fired.rows).toEqual([
      { action: 'sla-clock.breached', n: 1 },
      { action: 'sla-clock.started', n: 1 },
      { action: 'sla-clock.warned', n: 1 },
    ]);
  });

  it('a pause takes its jobs away and says why; a resume puts them back, later by the pause', async () => {
    const itemId = await newItem();
    const t0 = Date.now() - 10 * M;
    const clock = await run((ctx) =>
      startClock(ctx, { workItemId: itemId, metric: 'resolution', agreementId, priority: 2, at: t0 }),
    );
    expect(new Date(clock.deadline!).getTime()).toBe(t0 + 60 * M);
    const paused = await run((ctx) =>
      moveClock(ctx, itemId, 'resolution', { kind: 'pause', reason: 'waiting for customer' }, t0 + 20 * M),
    );
    expect(paused).toMatchObject({ state: 'paused', deadline: null });
    expect(await queued(clock.id)).toEqual([]);
    const resumed = await run((ctx) => moveClock(ctx, itemId, 'resolution', { kind: 'resume' }, t0 + 50 * M));
    // 20 minutes ran before the pause; 40 remain from the resume
    expect(new Date(resumed.deadline!).getTime()).toBe(t0 + 90 * M);
    expect((await queued(clock.id)).map((j) => j.kind)).toEqual(['sla.breach', 'sla.warn']);
    // a new priority derives the deadline from the same history: the pause is not lost
    const p1 = await run((ctx) => retargetClock(ctx, itemId, 'resolution', { priority: 1 }));
    expect(new Date(p1.deadline!).getTime()).toBe(t0 + M);
    const again = await run((ctx) => retargetClock(ctx, itemId, 'resolution', { priority: 2 }));
    expect(new Date(again.deadline!).getTime()).toBe(t0 + 90 * M);
  });

  it('refuses moves that do not fit and targets the agreement does not set', async () => {
    const itemId = await newItem();
    await run((ctx) =>
      startClock(ctx, { workItemId: itemId, metric: 'resolution', agreementId, priority: 2 }),
    );
    await expect(
      run((ctx) => moveClock(ctx, itemId, 'resolution', { kind: 'resume' })),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      run((ctx) => retargetClock(ctx, itemId, 'resolution', { priority: 5 })),
    ).rejects.toMatchObject({
      errors: [{ field: 'agreementId', message: 'the agreement sets no resolution target for priority 5' }],
    });
    const stopped = await run((ctx) => moveClock(ctx, itemId, 'resolution', { kind: 'stop' }));
    expect(stopped.state).toBe('stopped');
    await expect(
      run((ctx) => moveClock(ctx, itemId, 'resolution', { kind: 'pause', reason: 'x' })),
    ).rejects.toMatchObject({ status: 409 });
  });
});
