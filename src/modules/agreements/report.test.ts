/**
 * The service level report against a model (about 420 lines, one file on purpose): the property test's
 * model of clocks, its random operations and the report worked out clock by clock belong with the test
 * that compares them with the API's report.
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand, systemActor } from '../../kernel/db/tx.ts';
import { etagOf } from '../../kernel/http/etag.ts';
import { defineLifecycle } from '../../kernel/records/lifecycle.ts';
import { registerWorkItemType, type WorkItem } from '../../kernel/records/registry.ts';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { moveClock, retargetClock, startClock } from './clocks.ts';
import { reportPeriod } from './report.ts';
import type { ServiceLevelReport } from './shapes.ts';

// a minimal work-item type carries the clocks; the report does not care which type measures what
registerWorkItemType({
  type: 'report_test',
  prefix: 'RPT',
  createRoles: ['service_desk_agent'],
  lifecycle: defineLifecycle<WorkItem>({ initial: 'new', states: ['new'], final: [], transitions: [] }),
  canWrite: () => true,
  canSeeInternal: () => true,
});

describe('the period a report reads', () => {
  it('takes whole months from the counts and counts the days beside them', () => {
    expect(reportPeriod('2026-01-01', '2026-03-31')).toEqual({
      first: '2026-01-01',
      end: '2026-04-01',
      days: [],
    });
    expect(reportPeriod('2026-01-15', '2026-03-31')).toEqual({
      first: '2026-02-01',
      end: '2026-04-01',
      days: [['2026-01-15', '2026-02-01']],
    });
    expect(reportPeriod('2024-11-22', '2026-11-22')).toEqual({
      first: '2024-12-01',
      end: '2026-11-01',
      days: [
        ['2024-11-22', '2024-12-01'],
        ['2026-11-01', '2026-11-23'],
      ],
    });
    // within one month, or across a month's end without a whole month between: every day counted
    expect(reportPeriod('2026-02-03', '2026-02-27')).toEqual({
      first: '2026-02-03',
      end: '2026-02-03',
      days: [['2026-02-03', '2026-02-28']],
    });
    expect(reportPeriod('2026-01-20', '2026-02-10')).toEqual({
      first: '2026-01-20',
      end: '2026-01-20',
      days: [['2026-01-20', '2026-02-11']],
    });
    expect(reportPeriod('2024-02-01', '2024-02-29')).toEqual({
      first: '2024-02-01',
      end: '2024-03-01',
      days: [],
    });
    expect(reportPeriod('2025-12-31', '2026-01-31')).toEqual({
      first: '2026-01-01',
      end: '2026-02-01',
      days: [['2025-12-31', '2026-01-01']],
    });
  });
});

let k: TestKeel;
let agent: TestUser;
let slm: TestUser;
let agreements: string[];
let calendarId: string;
const services = new Map<string, string>();
const M = 60_000;

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });

beforeAll(async () => {
  k = await testKeel();
  agent = await k.user(['service_desk_agent']);
  slm = await k.user(['service_level_manager', 'service_owner']);
  for (const name of ['Guest Wi-Fi', 'Room booking']) {
    const res = await call('POST', '/api/v1/services', slm, { name, status: 'live', criticality: 3 });
    expect(res.statusCode, res.body).toBe(201);
    services.set(res.json().id, name);
  }
  // half an hour off the hour, so that a month in the agreement's zone is not a month in UTC
  calendarId = (
    await call('POST', '/api/v1/calendars', slm, {
      name: 'Harbour office',
      timeZone: 'America/St_Johns',
      week: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ start: '00:00', end: '24:00' }]])),
    })
  ).json().id;
  agreements = [];
  for (const name of ['Harbour OLA', 'Ferry OLA']) {
    const res = await call('POST', '/api/v1/agreements', slm, {
      kind: 'ola',
      name,
      internalParty: 'Service desk',
      calendarId,
      targets: [1, 2].flatMap((priority) => [
        { metric: 'response', priority, minutes: 30 * priority },
        { metric: 'resolution', priority, minutes: 240 * priority },
      ]),
    });
    expect(res.statusCode, res.body).toBe(201);
    agreements.push(res.json().id);
  }
});

const run = <T>(fn: Parameters<typeof runCommand<T>>[3]) => runCommand(k.db, systemActor('test'), null, fn);
const metrics = ['response', 'resolution'] as const;

/** Times of recording on both sides of month ends in St John's (UTC−3:30 in winter, −2:30 in summer). */
const recorded = [
  '2025-12-15T12:00:00Z',
  '2026-01-01T02:00:00Z', // 31 December in St John's
  '2026-01-01T04:00:00Z',
  '2026-01-31T23:00:00Z',
  '2026-02-01T03:45:00Z', // 1 February, a quarter of an hour in
  '2026-02-28T12:00:00Z',
  '2026-03-01T03:00:00Z', // still 28 February
  '2026-04-01T02:40:00Z', // 1 April: summer time, 2:30 behind UTC
];
const days = [
  '2025-12-01',
  '2025-12-31',
  '2026-01-01',
  '2026-01-15',
  '2026-01-31',
  '2026-02-01',
  '2026-02-28',
];
const laterDays = ['2026-02-28', '2026-03-01', '2026-03-31', '2026-04-01', '2026-04-30'];

type Op =
  | { op: 'create'; agreement: number; priority: number; when: number; startedMinutesAgo: number }
  | { op: 'move'; item: number; metric: number; kind: 'pause' | 'resolved' | 'resume' | 'stop' }
  | { op: 'retarget'; item: number; metric: number; priority: number; agreement: number }
  | { op: 'record'; item: number; when: number }
  | { op: 'service'; item: number; service: number }
  | { op: 'breach' }
  | { op: 'delete'; item: number }
  | { op: 'fold' };

const ops: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('create' as const),
    agreement: fc.nat(1),
    priority: fc.integer({ min: 1, max: 2 }),
    when: fc.nat(recorded.length - 1),
    startedMinutesAgo: fc.constantFrom(0, 10, 100, 1000),
  }),
  fc.record({
    op: fc.constant('move' as const),
    item: fc.nat(),
    metric: fc.nat(1),
    kind: fc.constantFrom('pause' as const, 'resolved' as const, 'resume' as const, 'stop' as const),
  }),
  fc.record({
    op: fc.constant('retarget' as const),
    item: fc.nat(),
    metric: fc.nat(1),
    priority: fc.integer({ min: 1, max: 2 }),
    agreement: fc.nat(1),
  }),
  fc.record({ op: fc.constant('record' as const), item: fc.nat(), when: fc.nat(recorded.length - 1) }),
  fc.record({ op: fc.constant('service' as const), item: fc.nat(), service: fc.nat(2) }),
  fc.record({ op: fc.constant('breach' as const) }),
  fc.record({ op: fc.constant('delete' as const), item: fc.nat() }),
  fc.record({ op: fc.constant('fold' as const) }),
);

const items: string[] = [];

async function apply(o: Op) {
  const item = 'item' in o ? items[o.item % Math.max(1, items.length)] : undefined;
  if (o.op !== 'create' && o.op !== 'breach' && o.op !== 'fold' && !item) return;
  switch (o.op) {
    case 'create': {
      const res = await call('POST', '/api/v1/work-items', agent, {
        type: 'report_test',
        title: 'Gangway lift',
      });
      const id = res.json().id as string;
      items.push(id);
      await k.db.execute(sql`update work_items set created_at = ${recorded[o.when]} where id = ${id}`);
      for (const metric of metrics)
        await run((ctx) =>
          startClock(ctx, {
            workItemId: id,
            metric,
            agreementId: agreements[o.agreement]!,
            priority: o.priority,
            at: Date.now() - o.startedMinutesAgo * M,
          }),
        );
      return;
    }
    case 'move': {
      const move =
        o.kind === 'pause'
          ? { kind: 'pause' as const, reason: 'customer' }
          : o.kind === 'resolved'
            ? { kind: 'pause' as const, reason: 'resolved' }
            : { kind: o.kind };
      // a move the clock's state refuses (a stopped clock paused) is a 409 and changes nothing
      await run((ctx) => moveClock(ctx, item!, metrics[o.metric]!, move)).catch(() => {});
      return;
    }
    case 'retarget':
      await run((ctx) =>
        retargetClock(ctx, item!, metrics[o.metric]!, {
          priority: o.priority,
          agreementId: agreements[o.agreement],
        }),
      );
      return;
    case 'record':
      await k.db.execute(sql`update work_items set created_at = ${recorded[o.when]} where id = ${item!}`);
      return;
    case 'service':
      await k.db.execute(
        sql`update work_items set service_id = ${[...services.keys()][o.service] ?? null} where id = ${item!}`,
      );
      return;
    case 'breach':
      // what the breach job writes for every clock whose deadline has passed
      await k.db.execute(
        sql`update sla_clocks set breached_at = now() where state = 'running' and breached_at is null and deadline < now()`,
      );
      return;
    case 'delete':
      await k.db.execute(sql`delete from work_items where id = ${item!}`);
      items.splice(items.indexOf(item!), 1);
      return;
    case 'fold':
      await k.db.execute(sql`select keel_fold_clock_counts()`);
  }
}

/** `xs` in the order of `key`, so that two lists compare regardless of the order they came in. */
const sort = <T>(xs: T[], key: (x: T) => string) => xs.sort((a, b) => key(a).localeCompare(key(b)));

/** The report worked out here from every clock of the agreement, one by one. */
async function expected(agreementId: string, from: string, to: string, zone: string) {
  const clocks = (
    await k.db.execute<{
      metric: string;
      priority: number;
      service_id: string | null;
      work_item_id: string;
      item_type: string;
      day: string;
      state: string;
      breached: boolean;
      pause_reason: string | null;
      overdue: boolean;
    }>(sql`
      select metric, priority, service_id, work_item_id, item_type, state, pause_reason,
             to_char(recorded_at at time zone ${zone}, 'YYYY-MM-DD') as day,
             breached_at is not null as breached, coalesce(deadline < now(), false) as overdue
        from sla_clocks where agreement_id = ${agreementId}`)
  ).rows.filter((c) => c.day >= from && c.day <= to);
  const outcome = (c: (typeof clocks)[number]) =>
    c.breached
      ? 'missed'
      : c.state === 'running'
        ? c.overdue
          ? 'missed'
          : 'open'
        : c.state === 'paused' && c.pause_reason !== 'resolved'
          ? 'open'
          : 'met';
  const targets = new Map<
    string,
    { metric: string; priority: number; total: number; met: number; missed: number; open: number }
  >();
  const byService = new Map<
    string,
    { service: string | null; month: string; total: number; met: number; missed: number }
  >();
  const workload = new Map<string, Set<string>>();
  for (const c of clocks) {
    const o = outcome(c) as 'met' | 'missed' | 'open';
    const t = targets.get(`${c.metric}/${c.priority}`) ?? {
      metric: c.metric,
      priority: c.priority,
      total: 0,
      met: 0,
      missed: 0,
      open: 0,
    };
    t.total += 1;
    t[o] += 1;
    targets.set(`${c.metric}/${c.priority}`, t);
    const month = c.day.slice(0, 7);
    if (c.metric === 'resolution') {
      const service = c.service_id ? services.get(c.service_id)! : null;
      const s = byService.get(`${service}/${month}`) ?? { service, month, total: 0, met: 0, missed: 0 };
      s.total += 1;
      if (o !== 'open') s[o] += 1;
      byService.set(`${service}/${month}`, s);
    }
    const w = workload.get(`${month}/${c.item_type}`) ?? new Set();
    workload.set(`${month}/${c.item_type}`, w.add(c.work_item_id));
  }
  return {
    targets: sort([...targets.values()], (t) => `${t.metric}/${t.priority}`),
    byService: sort([...byService.values()], (s) => `${s.month}/${s.service}`),
    workload: sort(
      [...workload.entries()].map(([key, ids]) => ({
        month: key.slice(0, 7),
        type: key.slice(8),
        count: ids.size,
      })),
      (w) => `${w.month}/${w.type}`,
    ),
  };
}

/** What the API's report says, in the shape worked out above. */
async function reported(agreementId: string, from: string, to: string) {
  const res = await call('GET', `/api/v1/agreements/${agreementId}/report?from=${from}&to=${to}`, slm);
  expect(res.statusCode, res.body).toBe(200);
  const r = res.json() as ServiceLevelReport;
  return {
    targets: sort(
      r.targets.map(({ metric, priority, total, met, missed, open }) => ({
        metric,
        priority,
        total,
        met,
        missed,
        open,
      })),
      (t) => `${t.metric}/${t.priority}`,
    ),
    byService: sort(
      r.byServiceMonth.map(({ service, month, total, met, missed }) => ({
        service,
        month,
        total,
        met,
        missed,
      })),
      (s) => `${s.month}/${s.service}`,
    ),
    workload: sort(r.workload, (w) => `${w.month}/${w.type}`),
  };
}

async function reportsAgree(zone: string, periods: Array<[string, string]>) {
  for (const agreementId of agreements)
    for (const [from, to] of periods)
      expect(await reported(agreementId, from, to), `${from}..${to}`).toEqual(
        await expected(agreementId, from, to, zone),
      );
}

const periods = fc.array(fc.tuple(fc.constantFrom(...days), fc.constantFrom(...laterDays)), {
  minLength: 1,
  maxLength: 3,
});

describe('the service level report from kept counts', () => {
  it('after any sequence of clock changes counts what counting every clock one by one counts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ops, { minLength: 1, maxLength: 14 }), periods, async (sequence, asked) => {
        for (const o of sequence) await apply(o);
        await reportsAgree('America/St_Johns', [
          ['2025-12-01', '2026-04-30'],
          ['2026-02-01', '2026-02-01'],
          ...asked,
        ]);
      }),
      { numRuns: 25 },
    );
    // and counted anew from scratch, or folded, they say the same
    await k.db.execute(sql`select keel_fold_clock_counts()`);
    await reportsAgree('America/St_Johns', [['2025-12-01', '2026-04-30']]);
    const folded = await k.db.execute<{ rows: number; groups: number }>(sql`
      select count(*)::int as rows,
             count(distinct (agreement_id, month, metric, priority, service_id, state))::int as groups
        from sla_clock_counts`);
    expect(folded.rows[0]!.rows).toBe(folded.rows[0]!.groups);
    await k.db.execute(sql`select keel_rebuild_clock_counts(null)`);
    await reportsAgree('America/St_Johns', [
      ['2025-12-01', '2026-04-30'],
      ['2026-01-15', '2026-03-31'],
    ]);
  });

  it("counts months in the agreement's time zone, and again when the calendar's zone changes", async () => {
    const quay = await call('POST', '/api/v1/agreements', slm, {
      kind: 'ola',
      name: 'Quay OLA',
      internalParty: 'Service desk',
      calendarId,
      targets: [1, 2].flatMap((priority) => metrics.map((metric) => ({ metric, priority, minutes: 60 }))),
    });
    expect(quay.statusCode, quay.body).toBe(201);
    agreements.push(quay.json().id);
    // 1 January 02:00 UTC: 31 December 22:30 in St John's, 1 January 07:30 in Kolkata
    for (let i = 0; i < 3; i += 1)
      await apply({ op: 'create', agreement: 2, priority: 1, when: 1, startedMinutesAgo: 0 });
    const workload = async () => (await reported(quay.json().id, '2025-12-01', '2026-01-31')).workload;
    expect(await workload()).toEqual([{ month: '2025-12', type: 'report_test', count: 3 }]);
    const changed = await call(
      'PATCH',
      `/api/v1/calendars/${calendarId}`,
      slm,
      { timeZone: 'Asia/Kolkata' },
      { 'if-match': etagOf(1) },
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await workload()).toEqual([{ month: '2026-01', type: 'report_test', count: 3 }]);
    await reportsAgree('Asia/Kolkata', [
      ['2025-12-01', '2026-04-30'],
      ['2026-01-01', '2026-01-31'],
    ]);
  });
});

describe('a period at the edges of the days Keel computes with', () => {
  const ask = (from: string, to: string) =>
    call('GET', `/api/v1/agreements/${agreements[0]}/report?from=${from}&to=${to}`, slm);

  it('answers from the first day to the last', async () => {
    for (const [from, to] of [
      ['1900-01-01', '9998-12-31'],
      ['9998-12-05', '9998-12-31'],
      ['1970-01-01', '9998-12-30'],
    ] as const) {
      const res = await ask(from, to);
      expect(res.statusCode, `${from}..${to}: ${res.body}`).toBe(200);
    }
  });

  it('names a day outside them as a field error, never a 500', async () => {
    for (const [from, to, field] of [
      ['1970-01-01', '9999-12-31', 'querystring.to'],
      ['9999-12-05', '9999-12-06', 'querystring.from'],
      ['1899-12-31', '2026-01-01', 'querystring.from'],
      ['0001-01-01', '2026-01-01', 'querystring.from'],
    ] as const) {
      const res = await ask(from, to);
      expect(res.statusCode, `${from}..${to}: ${res.body}`).toBe(400);
      expect(problemOf(res).errors).toContainEqual({
        field,
        message: 'must be a date from 1900-01-01 to 9998-12-31',
      });
    }
  });
});
