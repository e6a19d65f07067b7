import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../kernel/db/database.ts';
import {
  type AgreementView,
  listAgreements,
  metPercent,
  serviceLevelReport,
} from '../../agreements/index.ts';
import { changeWorkload } from '../../changes/index.ts';
import { requestWorkload } from '../../requests/index.ts';
import { incidentWorkload } from '../../servicedesk/index.ts';
import { type DayPeriod, instantsOf } from './periods.ts';
import type { AgreementLevel, ReviewInputs } from './shapes.ts';

/**
 * The inputs about the services (9.3 c–e): service levels per agreement with the previous period for the
 * trend, the workload, customer satisfaction and complaints, and the suppliers' underpinning contracts. Each
 * reads the process that owns the figures through its face: the agreements' own service level report (so
 * the review shows the figure the report shows), the service desk's, requests' and changes' workload.
 */

type Report = Awaited<ReturnType<typeof serviceLevelReport>>;

/** Met, missed and open over a report's targets, all metrics and priorities together and per metric. */
function attainmentOf(r: Report) {
  const byMetric = new Map<string, { met: number; missed: number; open: number }>();
  for (const t of r.targets) {
    const m = byMetric.get(t.metric) ?? { met: 0, missed: 0, open: 0 };
    m.met += t.met;
    m.missed += t.missed;
    m.open += t.open;
    byMetric.set(t.metric, m);
  }
  const all = [...byMetric.values()].reduce(
    (a, m) => ({ met: a.met + m.met, missed: a.missed + m.missed, open: a.open + m.open }),
    { met: 0, missed: 0, open: 0 },
  );
  return {
    ...all,
    metPercent: metPercent(all.met, all.missed),
    byMetric: [...byMetric.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([metric, m]) => ({ metric, ...m, metPercent: metPercent(m.met, m.missed) })),
  };
}

const trendOf = (now: number | null, before: number | null) =>
  now === null || before === null ? null : now > before ? 'better' : now < before ? 'worse' : 'same';

/** An agreement's attainment in the period and the one before, from its service level report. */
async function levelOf(
  db: Queryable,
  a: AgreementView,
  period: DayPeriod,
  previous: DayPeriod,
): Promise<AgreementLevel | null> {
  const now = attainmentOf(await serviceLevelReport(db, a, period.from, period.to));
  const before = attainmentOf(await serviceLevelReport(db, a, previous.from, previous.to));
  // an agreement no longer (or not yet) in force that measured nothing in either period has nothing to say
  const measured = now.met + now.missed + now.open + before.met + before.missed + before.open > 0;
  if (a.status !== 'active' && !measured) return null;
  return {
    id: a.id,
    name: a.name,
    kind: a.kind,
    met: now.met,
    missed: now.missed,
    open: now.open,
    metPercent: now.metPercent,
    byMetric: now.byMetric,
    previous: { met: before.met, missed: before.missed, metPercent: before.metPercent },
    trend: trendOf(now.metPercent, before.metPercent),
  };
}

async function levels(db: Queryable, kinds: string[], period: DayPeriod, previous: DayPeriod) {
  const agreements = (await listAgreements(db, {})).filter(
    (a) => kinds.includes(a.kind) && a.status !== 'draft',
  );
  const out: { agreement: AgreementView; level: AgreementLevel }[] = [];
  for (const a of agreements) {
    const level = await levelOf(db, a, period, previous);
    if (level) out.push({ agreement: a, level });
  }
  return out;
}

export async function serviceLevelsInput(
  db: Queryable,
  period: DayPeriod,
  previous: DayPeriod,
): Promise<ReviewInputs['service_levels']> {
  return { agreements: (await levels(db, ['sla', 'ola'], period, previous)).map((x) => x.level) };
}

export async function suppliersInput(
  db: Queryable,
  period: DayPeriod,
  previous: DayPeriod,
): Promise<ReviewInputs['suppliers']> {
  const ucs = await levels(db, ['underpinning_contract'], period, previous);
  return {
    underpinningContracts: ucs.map((x) => ({ ...x.level, supplier: x.agreement.supplierName })),
    note:
      'Keel has no supplier register yet: contracts, supplier reviews and disputes are not recorded. ' +
      'The figures are the targets of the underpinning contracts, as their service level reports count them.',
    noteKey: 'noSupplierRegister',
  };
}

async function flows(db: Queryable, p: DayPeriod) {
  const { from, to } = instantsOf(p);
  return {
    incidents: await incidentWorkload(db, from, to),
    requests: await requestWorkload(db, from, to),
    changes: await changeWorkload(db, from, to),
  };
}

export async function workloadInput(
  db: Queryable,
  period: DayPeriod,
  previous: DayPeriod,
): Promise<ReviewInputs['workload']> {
  return { ...(await flows(db, period)), previous: await flows(db, previous) };
}

/** Ratings are the work-item kernel's (a requester rates work done for them), read here directly. */
async function ratings(db: Queryable, p: DayPeriod) {
  const { from, to } = instantsOf(p);
  const r = await db.execute<{ n: number; mean: number | null; by_score: number[] }>(sql`
    select count(*)::int as n, round(avg(score)::numeric, 2)::float8 as mean,
           array[count(*) filter (where score = 1), count(*) filter (where score = 2),
                 count(*) filter (where score = 3), count(*) filter (where score = 4),
                 count(*) filter (where score = 5)]::int[] as by_score
      from work_item_ratings where rated_at >= ${from.toISOString()} and rated_at < ${to.toISOString()}`);
  const row = r.rows[0]!;
  return { ratings: row.n, mean: row.mean === null ? null : Number(row.mean), byScore: row.by_score };
}

export async function satisfactionInput(
  db: Queryable,
  period: DayPeriod,
  previous: DayPeriod,
): Promise<ReviewInputs['customer_satisfaction']> {
  const now = await ratings(db, period);
  const before = await ratings(db, previous);
  return {
    ...now,
    previous: { ratings: before.ratings, mean: before.mean },
    complaints: await complaints(db, period),
  };
}

/**
 * Complaints as Keel knows them: the nonconformities raised in the period from a complaint (source
 * 'complaint'). Keel has no complaints process of its own yet (8.3.3's recording, investigating and answering
 * each complaint), so the note says that complaints handled outside Keel still come to the review by hand.
 * The nonconformities table is read directly, as checks.ts does, until that module's face offers it.
 */
async function complaints(
  db: Queryable,
  p: DayPeriod,
): Promise<ReviewInputs['customer_satisfaction']['complaints']> {
  const { from, to } = instantsOf(p);
  const r = await db.execute<{ number: string; title: string; state: string }>(sql`
    select w.number, w.title, w.state
      from nonconformities n join work_items w on w.id = n.work_item_id
     where n.source = 'complaint' and w.created_at >= ${from.toISOString()} and w.created_at < ${to.toISOString()}
     order by w.created_at, w.number`);
  return {
    recorded: true,
    count: r.rows.length,
    items: r.rows,
    note: 'Counted from the nonconformities raised from a complaint. Keel has no complaints process of its own yet: complaints handled outside Keel must be brought to the review by hand.',
  };
}
