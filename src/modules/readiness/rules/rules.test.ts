import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestKeel, type TestUser, testKeel } from '../../../testing/harness.ts';
import { ruleOf } from '../rules.ts';

/** Evidence rules evaluated directly on rows written by hand, each on a fresh database. */
let k: TestKeel;
let head: TestUser;
const x = (q: ReturnType<typeof sql>) => k.db.execute(q);
const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const window = () => ({ from: new Date(Date.now() - 365 * 86_400_000), at: new Date() });
const evaluate = (key: string) => ruleOf(key)!.evaluate(k.db, window());

beforeAll(async () => {
  k = await testKeel();
  head = await k.user(['process_owner']);
});

describe('improvements-realised', () => {
  it('counts an improvement once, approved and realised alike, dated by its latest step', async () => {
    await x(sql`insert into improvements (code, title, source, state, decided_at, realised_at) values
      ('IMP-1', 'Realised', 'idea', 'realised', ${ago(60)}, ${ago(10)}),
      ('IMP-2', 'Approved', 'idea', 'approved', ${ago(30)}, null)`);
    const r = await evaluate('improvements-realised');
    expect(r).toMatchObject({ count: 2, total: 2 });
    expect(r.newest?.toISOString().slice(0, 10)).toBe(ago(10).slice(0, 10));
  });
});

describe('assets-registered', () => {
  it('is taken over configuration items in use, not those planned or being built', async () => {
    const cls = (await x(sql`select key from ci_classes limit 1`)).rows[0]!.key as string;
    await x(sql`insert into cis (class_key, name, status, owner_id) values
      (${cls}, 'Live server', 'live', ${head.id}),
      (${cls}, 'Switch in repair', 'under_maintenance', null),
      (${cls}, 'Planned server', 'planned', null),
      (${cls}, 'Server being built', 'in_build', null),
      (${cls}, 'Old server', 'retired', null)`);
    expect(await evaluate('assets-registered')).toMatchObject({ part: 1, whole: 2, count: 50 });
  });
});

describe('audit-programme-coverage', () => {
  it('counts a process covered once an audit of it has started, not while merely planned', async () => {
    await x(sql`insert into sms_processes (key, name, owner_id) values
      ('incident', 'Incident management', ${head.id}), ('change', 'Change management', ${head.id})`);
    const g =
      await x(sql`insert into audit_programmes (code, title, cycle_start, cycle_end, owner_id, state, approved_at)
      values ('PRG-1', 'Programme', ${ago(100).slice(0, 10)}, ${ago(-300).slice(0, 10)}, ${head.id}, 'approved', ${ago(90)})
      returning id`);
    const programme = g.rows[0]!.id as string;
    await x(sql`insert into audits (code, programme_id, title, scope_processes, lead_auditor_id, planned_start,
        planned_end, state, started_at) values
      ('AUD-1', ${programme}, 'Incident', '{incident}', ${head.id}, ${ago(20).slice(0, 10)}, ${ago(19).slice(0, 10)}, 'completed', ${ago(20)}),
      ('AUD-2', ${programme}, 'Change', '{change}', ${head.id}, ${ago(-30).slice(0, 10)}, ${ago(-31).slice(0, 10)}, 'planned', null)`);
    expect(await evaluate('audit-programme-coverage')).toMatchObject({ part: 1, whole: 2, count: 50 });
  });
});

describe('objectives-measured', () => {
  const quarter = () => ({ from: new Date(Date.now() - 92 * 86_400_000), at: new Date() });
  const kpiObjective = (code: string, kpi: string) =>
    x(sql`insert into objectives (code, title, owner_id, target, direction, unit, period, deadline, measurement)
      values (${code}, ${code}, ${head.id}, 4, 'at_least', 'points', 'month', ${ago(-200).slice(0, 10)},
              ${JSON.stringify({ kind: 'kpi', kpi })}::jsonb)`);

  it('counts a KPI objective only when its KPI produced a value in the window, dated by it', async () => {
    await kpiObjective('OBJ-K1', 'customer_satisfaction');
    await kpiObjective('OBJ-K2', 'incidents_resolved_in_sla');
    // no rating and no incident yet: neither KPI measured anything, so nothing is evidenced
    expect(await ruleOf('objectives-measured')!.evaluate(k.db, quarter())).toMatchObject({
      part: 0,
      whole: 2,
      count: 0,
      newest: null,
    });
    // a guest rated work done 40 days ago: satisfaction is measured, resolution in SLA still is not
    const w = await x(sql`insert into work_items (type, number, title, state)
      values ('incident', 'INC-OBJ-1', 'Rated', 'closed') returning id`);
    await x(
      sql`insert into work_item_ratings (work_item_id, score, rated_at) values (${w.rows[0]!.id}, 5, ${ago(40)})`,
    );
    const r = await ruleOf('objectives-measured')!.evaluate(k.db, quarter());
    expect(r).toMatchObject({ part: 1, whole: 2, count: 50 });
    // dated by the measurement: the end of the month the rating fell in (40 days back, so a month already over)
    const rated = new Date(ago(40));
    const monthEnd = Date.UTC(rated.getUTCFullYear(), rated.getUTCMonth() + 1, 1);
    expect(r.newest?.getTime()).toBe(monthEnd);
  });
});
