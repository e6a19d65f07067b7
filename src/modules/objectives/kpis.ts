import { type SQL, sql } from 'drizzle-orm';
import { dayOf } from '../../kernel/days.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { clockOutcome, metPercent } from '../agreements/index.ts';
import { type KnowledgeKpiKey, knowledgeKpis } from '../knowledge/index.ts';
import { type ProblemKpiKey, problemKpis } from '../problems/index.ts';
import { type Status, statusTable } from './lifecycle.ts';
import type { KpiKey } from './policy.ts';

/** One value asked of a KPI: over a period, optionally for one priority and/or one service. */
export type KpiAsk = { from: Date; to: Date; priority?: number | null; serviceId?: string | null };

/**
 * A KPI Keel computes from live data over a period: its unit, its direction, and its values for many asks
 * at once, in the order asked (null when nothing counted) — one query however many objectives or periods.
 */
type Kpi = {
  unit: string;
  direction: 'at_least' | 'at_most';
  values: (db: Queryable, asks: readonly KpiAsk[]) => Promise<(number | null)[]>;
};

/**
 * Runs `per` once per ask in a single query and gives its row for each ask, in order: in `per`, `a.from_at`,
 * `a.to_at`, `a.priority` and `a.service_id` are the ask's (`matches` filters work items `w` on the last two).
 */
async function perAsk<T extends Record<string, unknown>>(
  db: Queryable,
  asks: readonly KpiAsk[],
  per: ReturnType<typeof sql>,
): Promise<T[]> {
  if (!asks.length) return [];
  const r = await db.execute<T>(sql`
    select x.*
      from unnest(${sql.param(asks.map((a) => a.from.toISOString()))}::timestamptz[],
                  ${sql.param(asks.map((a) => a.to.toISOString()))}::timestamptz[],
                  ${sql.param(asks.map((a) => a.priority ?? null))}::int[],
                  ${sql.param(asks.map((a) => a.serviceId ?? null))}::uuid[])
           with ordinality as a(from_at, to_at, priority, service_id, i)
     cross join lateral (${per}) x
     order by a.i`);
  return r.rows as T[];
}

/** A KPI whose statement gives its one figure per ask as `v`, read as a number. */
const figureOf =
  (statement: SQL): Kpi['values'] =>
  async (db, asks) =>
    (await perAsk<{ v: number | null }>(db, asks, statement)).map((r) => (r.v === null ? null : Number(r.v)));

/** Work item `w` of the ask's priority and service, where the ask names them. */
const matches = sql`(a.priority is null or w.priority = a.priority) and (a.service_id is null or w.service_id = a.service_id)`;

/**
 * The share of SLA clocks of one metric met on the incidents of the period, counted by the agreements
 * module's rule (as its service level report counts them): decided clocks only, a clock past its deadline
 * missed even before a breach is recorded, a running one not yet counted.
 */
const metInTime =
  (metric: 'response' | 'resolution'): Kpi['values'] =>
  async (db, asks) => {
    const at = metric === 'resolution' ? sql`i.resolved_at` : sql`w.created_at`;
    const outcome = clockOutcome('c');
    const rows = await perAsk<{ met: number; missed: number }>(
      db,
      asks,
      sql`
      select count(*) filter (where ${outcome} = 'met')::int as met,
             count(*) filter (where ${outcome} = 'missed')::int as missed
        from work_items w join incidents i on i.work_item_id = w.id
        join sla_clocks c on c.work_item_id = w.id and c.metric = ${metric} and c.scope = 'sla'
       where w.type = 'incident' and w.state <> 'cancelled'
         and ${at} >= a.from_at and ${at} < a.to_at
         and ${matches}`,
    );
    return rows.map((r) => metPercent(Number(r.met), Number(r.missed)));
  };

/** A KPI another module defines as one statement per ask (problems/kpis.ts, knowledge/kpis.ts). */
const fromStatement = (k: { unit: string; direction: Kpi['direction']; statement: SQL }): Kpi => ({
  unit: k.unit,
  direction: k.direction,
  values: figureOf(k.statement),
});
const fromProblems = (key: ProblemKpiKey): Kpi => fromStatement(problemKpis[key]);
const fromKnowledge = (key: KnowledgeKpiKey): Kpi => fromStatement(knowledgeKpis[key]);

/**
 * The KPIs objectives can be measured by (docs/governance.md). Each counts work items of the period:
 * resolution by when the incident was resolved, response by when it was recorded, a change by when its
 * outcome was recorded.
 */
export const kpis: Record<KpiKey, Kpi> = {
  // knowledge's, defined by its module (knowledge/kpis.ts); not per priority (articles have none)
  deflection_rate: fromKnowledge('deflection_rate'),
  article_freshness: fromKnowledge('article_freshness'),
  articles_helpful_rate: fromKnowledge('articles_helpful_rate'),
  incidents_resolved_in_sla: { unit: '%', direction: 'at_least', values: metInTime('resolution') },
  incidents_responded_in_sla: { unit: '%', direction: 'at_least', values: metInTime('response') },
  major_incidents: {
    unit: 'count',
    direction: 'at_most',
    values: figureOf(sql`
      select count(*)::int as v from work_items w join incidents i on i.work_item_id = w.id
       where i.major_declared_at >= a.from_at and i.major_declared_at < a.to_at and ${matches}`),
  },
  customer_satisfaction: {
    unit: 'score',
    direction: 'at_least',
    values: figureOf(sql`
      select round(avg(r.score)::numeric, 2)::float8 as v
        from work_item_ratings r join work_items w on w.id = r.work_item_id
       where r.rated_at >= a.from_at and r.rated_at < a.to_at and ${matches}`),
  },
  change_success_rate: {
    unit: '%',
    direction: 'at_least',
    values: figureOf(sql`
      select round(100.0 * count(*) filter (where c.outcome = 'successful') / nullif(count(*), 0), 1)::float8 as v
        from changes c join work_items w on w.id = c.work_item_id
       where c.implemented_at >= a.from_at and c.implemented_at < a.to_at and ${matches}`),
  },
  // problem management's, defined by its module (problems/kpis.ts)
  open_problems: fromProblems('open_problems'),
  problem_age_days: fromProblems('problem_age_days'),
  known_errors_with_workaround: fromProblems('known_errors_with_workaround'),
  incidents_resolved_by_known_error: fromProblems('incidents_resolved_by_known_error'),
};

/**
 * One KPI's value over a period, for a module that measures by it (the improvement register's before and
 * after): null when the key is no KPI or nothing counted.
 */
export async function kpiValue(db: Queryable, key: string, ask: KpiAsk): Promise<number | null> {
  const kpi = (kpis as Record<string, Kpi | undefined>)[key];
  return kpi ? ((await kpi.values(db, [ask]))[0] ?? null) : null;
}

/** The period (calendar month or quarter, UTC) that holds a moment, and the ones before it. */
export function periodOf(kind: 'month' | 'quarter', at: Date, back = 0): { from: Date; to: Date } {
  const months = kind === 'month' ? 1 : 3;
  const first = Math.floor(at.getUTCMonth() / months) * months - back * months;
  return {
    from: new Date(Date.UTC(at.getUTCFullYear(), first, 1)),
    to: new Date(Date.UTC(at.getUTCFullYear(), first + months, 1)),
  };
}

/**
 * Where an objective stands, by its lifecycle's table (lifecycle.ts): whether the deadline (a calendar day,
 * UTC) has passed, and whether its latest value meets the target.
 */
export function statusOf(
  o: { target: number; direction: 'at_least' | 'at_most'; deadline: string },
  value: number | null,
  now: Date,
): Status {
  const when = dayOf(now) > o.deadline ? 'past' : 'open';
  if (value === null) return statusTable[when].unmeasured;
  const meets = o.direction === 'at_least' ? value >= o.target : value <= o.target;
  return statusTable[when][meets ? 'meets' : 'misses'];
}
