import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand, systemActor } from '../../kernel/db/tx.ts';
import { JobWorker } from '../../kernel/jobs/worker.ts';
import { defineLifecycle } from '../../kernel/records/lifecycle.ts';
import { registerWorkItemType, type WorkItem } from '../../kernel/records/registry.ts';
import { type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { twentyFourSeven } from './calendar.ts';
import { type ClockEvent, viewClock } from './clock.ts';
import { clockJobs, moveClock, retargetClock, startClock } from './clocks.ts';

// incidents do not exist yet: a minimal work-item type carries the clocks
registerWorkItemType({
  type: 'clock_test',
  prefix: 'CLK',
  createRoles: ['service_desk_agent'],
  lifecycle: defineLifecycle<WorkItem>({ initial: 'new', states: ['new'], final: [], transitions: [] }),
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

describe('clock histories', () => {
  it('after any sequence of pauses, resumes and priority changes the deadline is the one computed from scratch', async () => {
    const slm = await k.user(['service_level_manager']);
    const cal = twentyFourSeven('UTC');
    const calendarId = (
      await k.app.inject({
        method: 'POST',
        url: '/api/v1/calendars',
        headers: slm.auth,
        payload: { name: 'Property 24x7', timeZone: 'UTC', week: cal.week },
      })
    ).json().id;
    const minutes: Record<number, number> = { 2: 240, 3: 600, 4: 1440 };
    const ola = (
      await k.app.inject({
        method: 'POST',
        url: '/api/v1/agreements',
        headers: slm.auth,
        payload: {
          kind: 'ola',
          name: 'Property OLA',
          internalParty: 'Desk',
          calendarId,
          targets: Object.entries(minutes).map(([p, m]) => ({
            metric: 'resolution',
            priority: Number(p),
            minutes: m,
          })),
        },
      })
    ).json().id as string;
    const step = fc.oneof(
      fc.record({ kind: fc.constant('toggle' as const), gap: fc.integer({ min: 1, max: 300 }) }),
      fc.record({ kind: fc.constant('priority' as const), priority: fc.constantFrom(2, 3, 4) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 8 }), async (steps) => {
        const itemId = await newItem();
        let at = Date.now() - 3 * 86_400_000;
        let priority = 3;
        await run((ctx) =>
          startClock(ctx, { workItemId: itemId, metric: 'resolution', agreementId: ola, priority, at }),
        );
        let paused = false;
        for (const s of steps) {
          if (s.kind === 'priority') {
            priority = s.priority;
            await run((ctx) => retargetClock(ctx, itemId, 'resolution', { priority }));
          } else {
            at += s.gap * M;
            const move = paused
              ? ({ kind: 'resume' } as const)
              : ({ kind: 'pause', reason: 'pending:customer' } as const);
            await run((ctx) => moveClock(ctx, itemId, 'resolution', move, at));
            paused = !paused;
          }
        }
        const row = (
          await k.db.execute<{ events: ClockEvent[]; deadline: Date | null; priority: number }>(
            sql`select events, deadline, priority from sla_clocks where work_item_id = ${itemId}`,
          )
        ).rows[0]!;
        const fresh = viewClock(cal, row.events, minutes[priority]! * M, Date.now());
        expect(row.priority).toBe(priority);
        expect(row.deadline === null ? null : new Date(row.deadline).getTime()).toBe(fresh.deadline);
        // every pause is kept in the history, whatever priority changes came between
        const toggles = steps.filter((s) => s.kind === 'toggle').length;
        expect(row.events.filter((e) => e.kind === 'pause').length).toBe(Math.ceil(toggles / 2));
      }),
      { numRuns: 15 },
    );
  });
});

describe('10,000 clocks due in the same second', () => {
  it('two workers record every warning and breach exactly once', async () => {
    const N = 10_000;
    const due = Date.now() + 1500;
    await k.db.execute(sql`
      with items as (
        insert into work_items (type, number, title, state)
        select 'clock_test', 'CLK-B' || lpad(i::text, 6, '0'), 'Bulk clock ' || i, 'new' from generate_series(1, ${N}) i
        returning id),
      clocks as (
        insert into sla_clocks (work_item_id, metric, agreement_id, priority, events, state, deadline, warn_at)
        select id, 'resolution', ${agreementId}, 2,
               jsonb_build_array(jsonb_build_object('kind', 'start', 'at', ${due - 60 * M}::bigint)), 'running',
               to_timestamp(${due}::double precision / 1000), to_timestamp(${due}::double precision / 1000)
          from items returning id)
      insert into jobs (kind, payload, due_at, unique_key)
      select k.kind, jsonb_build_object('clockId', c.id), to_timestamp(${due}::double precision / 1000),
             case k.kind when 'sla.warn' then 'sla:warn:' else 'sla:breach:' end || c.id
        from clocks c cross join (values ('sla.warn'), ('sla.breach')) as k(kind)`);
    // ten clocks were paused after their jobs were queued: those jobs must fire nothing
    await k.db.execute(sql`
      update sla_clocks set state = 'paused', deadline = null
       where id in (select c.id from sla_clocks c join work_items w on w.id = c.work_item_id
                     where w.number like 'CLK-B%' order by w.number limit 10)`);
    const workers = [new JobWorker(k.db, { maxIdleMs: 1_000 }), new JobWorker(k.db, { maxIdleMs: 1_000 })];
    for (const w of workers) for (const [kind, h] of Object.entries(clockJobs)) w.register(kind, h);
    const t0 = Date.now();
    await Promise.all(workers.map((w) => w.start()));
    const left = async () =>
      (
        await k.db.execute<{ n: number }>(
          sql`select count(*)::int as n from jobs where kind like 'sla.%' and state <> 'done' and payload->>'clockId' in (select c.id::text from sla_clocks c join work_items w on w.id = c.work_item_id where w.number like 'CLK-B%')`,
        )
      ).rows[0]!.n;
    while ((await left()) > 0 && Date.now() - t0 < 240_000) await new Promise((r) => setTimeout(r, 500));
    await Promise.all(workers.map((w) => w.stop()));
    const fired = (
      await k.db.execute<{ warned: number; breached: number; early: number }>(sql`
        select count(*) filter (where warned_at is not null)::int as warned,
               count(*) filter (where breached_at is not null)::int as breached,
               count(*) filter (where breached_at < deadline)::int as early
          from sla_clocks c join work_items w on w.id = c.work_item_id where w.number like 'CLK-B%'`)
    ).rows[0]!;
    expect(fired).toEqual({ warned: N - 10, breached: N - 10, early: 0 });
    const twice = await k.db.execute(sql`
      select record_id, action from audit_log where action in ('sla-clock.warned', 'sla-clock.breached')
       group by record_id, action having count(*) > 1`);
    expect(twice.rows).toEqual([]);
    const entries = await k.db.execute<{ n: number }>(sql`
      select count(*)::int as n from audit_log a join sla_clocks c on c.id::text = a.record_id
        join work_items w on w.id = c.work_item_id
       where w.number like 'CLK-B%' and a.action in ('sla-clock.warned', 'sla-clock.breached')`);
    expect(entries.rows[0]!.n).toBe(2 * (N - 10));
  }, 300_000);
});
