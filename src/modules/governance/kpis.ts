import { sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db/database.ts';
import { dayOf } from './days.ts';
import type { KpiKey } from './policy.ts';

/** A KPI Keel computes from live data over a period: its unit, and its value (null when nothing counted). */
type Kpi = {
  unit: string;
  direction: 'at_least' | 'at_most';
  value: (
    db: Queryable,
    from: Date,
    to: Date,
    p: { priority?: number | null; serviceId?: string | null },
  ) => Promise<number | null>;
};

const filters = (p: { priority?: number | null; serviceId?: string | null }) =>
  sql`${p.priority ? sql`and w.priority = ${p.priority}` : sql``} ${p.serviceId ? sql`and w.service_id = ${p.serviceId}` : sql``}`;

const percent = async (db: Queryable, q: ReturnType<typeof sql>) => {
  const r = await db.execute<{ met: number; n: number }>(q);
  const { met, n } = r.rows[0] ?? { met: 0, n: 0 };
  return Number(n) ? Math.round((Number(met) / Number(n)) * 1000) / 10 : null;
};

/** How clocks of one metric fared on incidents that ended the metric within the period. */
const metInTime =
  (metric: 'response' | 'resolution'): Kpi['value'] =>
  (db, from, to, p) =>
    percent(
      db,
      sql`
      select count(*) filter (where c.breached_at is null)::int as met, count(*)::int as n
        from work_items w join incidents i on i.work_item_id = w.id
        join sla_clocks c on c.work_item_id = w.id and c.metric = ${metric} and c.scope = 'sla'
       where w.type = 'incident' and w.state <> 'cancelled'
         and ${metric === 'resolution' ? sql`i.resolved_at` : sql`w.created_at`} >= ${from.toISOString()}::timestamptz
         and ${metric === 'resolution' ? sql`i.resolved_at` : sql`w.created_at`} < ${to.toISOString()}::timestamptz
         ${metric === 'response' ? sql`and c.state = 'stopped'` : sql``}
         ${filters(p)}`,
    );

/**
 * The KPIs objectives can be measured by (docs/governance.md). Each counts work items of the period:
 * resolution by when the incident was resolved, response by when it was recorded (once answered).
 */
export const kpis: Record<KpiKey, Kpi> = {
  incidents_resolved_in_sla: { unit: '%', direction: 'at_least', value: metInTime('resolution') },
  incidents_responded_in_sla: { unit: '%', direction: 'at_least', value: metInTime('response') },
  major_incidents: {
    unit: 'count',
    direction: 'at_most',
    value: async (db, from, to, p) => {
      const r = await db.execute<{ n: number }>(sql`
        select count(*)::int as n from work_items w join incidents i on i.work_item_id = w.id
         where i.major_declared_at >= ${from.toISOString()}::timestamptz and i.major_declared_at < ${to.toISOString()}::timestamptz
           ${filters(p)}`);
      return Number(r.rows[0]?.n ?? 0);
    },
  },
  customer_satisfaction: {
    unit: 'score',
    direction: 'at_least',
    value: async (db, from, to, p) => {
      const r = await db.execute<{ avg: number | null }>(sql`
        select round(avg(r.score)::numeric, 2)::float8 as avg
          from work_item_ratings r join work_items w on w.id = r.work_item_id
         where r.rated_at >= ${from.toISOString()}::timestamptz and r.rated_at < ${to.toISOString()}::timestamptz
           ${filters(p)}`);
      return r.rows[0]?.avg ?? null;
    },
  },
};

/** The period (calendar month or quarter, UTC) that holds a moment, and the ones before it. */
export function periodOf(kind: 'month' | 'quarter', at: Date, back = 0): { from: Date; to: Date } {
  const months = kind === 'month' ? 1 : 3;
  const first = Math.floor(at.getUTCMonth() / months) * months - back * months;
  return {
    from: new Date(Date.UTC(at.getUTCFullYear(), first, 1)),
    to: new Date(Date.UTC(at.getUTCFullYear(), first + months, 1)),
  };
}

export type Status = 'on_track' | 'at_risk' | 'missed' | 'achieved' | 'not_measured';

/**
 * Where an objective stands: up to and on its deadline (a calendar day, UTC) on track when its latest value
 * meets the target, at risk when not; from the day after, achieved or missed. Without a value it is not
 * measured yet.
 */
export function statusOf(
  o: { target: number; direction: 'at_least' | 'at_most'; deadline: string },
  value: number | null,
  now: Date,
): Status {
  const past = dayOf(now) > o.deadline;
  if (value === null) return past ? 'missed' : 'not_measured';
  const meets = o.direction === 'at_least' ? value >= o.target : value <= o.target;
  if (past) return meets ? 'achieved' : 'missed';
  return meets ? 'on_track' : 'at_risk';
}
