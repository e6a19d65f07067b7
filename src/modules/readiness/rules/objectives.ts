import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../kernel/db/database.ts';
import { type KpiKey, kpiValue, periodOf } from '../../objectives/index.ts';
import { atTime, dateOf, fromTime, type RuleCount, type RuleWindow } from './types.ts';

type Row = {
  period: 'month' | 'quarter';
  measurement: { kind: string; kpi?: KpiKey; priority?: number | null; serviceId?: string | null };
  ok: boolean;
  d: string | null;
};

/**
 * When a KPI objective was last measured in the window: walking back through its own periods (months or
 * quarters, cut to the window), the end of the newest one in which its KPI produced a value. Null when the
 * KPI produced nothing in the whole window: a KPI over no data measures nothing. A count KPI (major
 * incidents) always produces a value, zero being one.
 */
async function kpiMeasuredAt(db: Queryable, o: Row, w: RuleWindow): Promise<Date | null> {
  const m = o.measurement;
  if (!m.kpi) return null;
  // `at` counts (the window is `at` included), so the last slice ends just after it
  let to = new Date(w.at.getTime() + 1);
  while (to > w.from) {
    const from = new Date(
      Math.max(periodOf(o.period, new Date(to.getTime() - 1)).from.getTime(), w.from.getTime()),
    );
    const value = await kpiValue(db, m.kpi, { from, to, priority: m.priority, serviceId: m.serviceId });
    if (value !== null) return to > w.at ? w.at : to;
    to = from;
  }
  return null;
}

/**
 * objectives-measured (6.2, 9.1): the share of objectives running in the window that were measured in it —
 * a value recorded or a review held in the window, or, for a KPI objective, a value its KPI produced from
 * data in the window. Dated by the newest measurement up to `at`.
 */
export async function objectivesMeasured(db: Queryable, w: RuleWindow): Promise<RuleCount> {
  const res = await db.execute<Row>(sql`
    select o.period, o.measurement,
           exists (select 1 from objective_values v where v.objective_id = o.id
                    and v.recorded_at > ${fromTime(w)} and v.recorded_at <= ${atTime(w)})
           or exists (select 1 from objective_reviews r where r.objective_id = o.id
                       and r.at > ${fromTime(w)} and r.at <= ${atTime(w)}) as ok,
           greatest((select max(v.recorded_at) from objective_values v
                      where v.objective_id = o.id and v.recorded_at <= ${atTime(w)}),
                    (select max(r.at) from objective_reviews r
                      where r.objective_id = o.id and r.at <= ${atTime(w)}))::text as d
      from objectives o
     where o.created_at <= ${atTime(w)} and o.deadline >= (${fromTime(w)} at time zone 'UTC')::date`);
  let part = 0;
  let newest: Date | null = null;
  // one objective at a time: a transaction's connection runs one query at once, and objectives are few
  for (const o of res.rows) {
    const measured = o.measurement.kind === 'kpi' ? await kpiMeasuredAt(db, o, w) : null;
    const dates = [dateOf(o.d), measured].filter((d): d is Date => d !== null);
    if (o.ok || measured) part++;
    for (const d of dates) if (!newest || d > newest) newest = d;
  }
  const whole = res.rows.length;
  return { count: whole ? Math.floor((100 * part) / whole) : 0, newest, total: whole, part, whole };
}
