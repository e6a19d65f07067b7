import { and, eq, inArray, sql } from 'drizzle-orm';
import { dayOf } from '../../kernel/days.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { isoTimestampOrNull as iso, isoTimestamp } from '../../kernel/db/timestamps.ts';
import { problems } from '../../kernel/http/problem.ts';
import { kpis, periodOf, statusOf } from './kpis.ts';
import type { KpiKey } from './policy.ts';
import { type Measurement, objectives, objectiveValues } from './schema.ts';

export type Objective = typeof objectives.$inferSelect;

const TREND_PERIODS = 6;

export async function objectiveFor(db: Queryable, id: string, forUpdate = false) {
  const q = db.select().from(objectives).where(eq(objectives.id, id));
  const [o] = forUpdate ? await q.for('update') : await q;
  if (!o) throw problems.notFound(`Objective ${id}`);
  return o;
}

export type ValueAsk = { o: Objective; from: Date; to: Date };

/**
 * The values of objectives in periods, in the order asked: a KPI computed now, or the value recorded for the
 * period. However many objectives and periods, one query per KPI asked and one for all recorded values.
 */
export async function valuesOf(db: Queryable, asks: readonly ValueAsk[]): Promise<(number | null)[]> {
  const out: (number | null)[] = asks.map(() => null);
  const byKpi = new Map<KpiKey, number[]>();
  const recorded: number[] = [];
  asks.forEach(({ o }, i) => {
    if (o.measurement.kind === 'kpi')
      byKpi.set(o.measurement.kpi, [...(byKpi.get(o.measurement.kpi) ?? []), i]);
    else recorded.push(i);
  });
  for (const [kpi, at] of byKpi) {
    const values = await kpis[kpi].values(
      db,
      at.map((i) => {
        const { o, from, to } = asks[i]!;
        const m = o.measurement as Extract<Measurement, { kind: 'kpi' }>;
        return { from, to, priority: m.priority, serviceId: m.serviceId };
      }),
    );
    at.forEach((i, n) => {
      out[i] = values[n] ?? null;
    });
  }
  if (recorded.length) {
    const rows = await db
      .select()
      .from(objectiveValues)
      .where(
        and(
          inArray(objectiveValues.objectiveId, [...new Set(recorded.map((i) => asks[i]!.o.id))]),
          inArray(objectiveValues.periodStart, [
            ...new Map(recorded.map((i) => [asks[i]!.from.getTime(), asks[i]!.from])).values(),
          ]),
        ),
      );
    const value = new Map(rows.map((r) => [`${r.objectiveId} ${r.periodStart.getTime()}`, r.value]));
    for (const i of recorded) out[i] = value.get(`${asks[i]!.o.id} ${asks[i]!.from.getTime()}`) ?? null;
  }
  return out;
}

/** The value of an objective in a period: the KPI computed now, or the value recorded for it. */
export async function valueIn(db: Queryable, o: Objective, from: Date, to: Date): Promise<number | null> {
  const [value] = await valuesOf(db, [{ o, from, to }]);
  return value ?? null;
}

/** An objective with its value in the current period and the status that follows from it. */
function summary(o: Objective, from: Date, value: number | null, now: Date) {
  return {
    id: o.id,
    code: o.code,
    title: o.title,
    businessGoal: o.businessGoal,
    ownerId: o.ownerId,
    target: o.target,
    direction: o.direction,
    unit: o.unit,
    period: o.period,
    deadline: o.deadline,
    measurement: o.measurement,
    version: o.version,
    current: { periodStart: from.toISOString(), value },
    status: statusOf(o, value, now),
  };
}

/** Every objective with its current value: one query per KPI in use and one for all recorded values. */
export async function listObjectives(db: Queryable, now = new Date()) {
  const rows = await db.select().from(objectives).orderBy(objectives.code);
  const asks = rows.map((o) => ({ o, ...periodOf(o.period, now) }));
  const values = await valuesOf(db, asks);
  return asks.map(({ o, from }, i) => summary(o, from, values[i] ?? null, now));
}

/**
 * Every objective over a span of time (a management review's period, a KPI pack's): its value in each of its
 * own periods (months or quarters, UTC) that overlap [from, to), oldest first, and its status as of
 * `asOf` (the end of the span, or earlier) from the value of the last of them. One batch of values for all.
 */
export async function objectivesOver(db: Queryable, from: Date, to: Date, asOf: Date) {
  const rows = await db.select().from(objectives).orderBy(objectives.code);
  // at most three years of months, so a long span cannot ask for thousands of values
  const spans = rows.map((o) => {
    const periods: { from: Date; to: Date }[] = [];
    for (let p = periodOf(o.period, from); p.from < to && periods.length < 36; p = periodOf(o.period, p.to))
      periods.push(p);
    return { o, periods };
  });
  const asks = spans.flatMap(({ o, periods }) => periods.map((p) => ({ o, ...p })));
  const figures = await valuesOf(db, asks);
  let at = 0;
  return spans.map(({ o, periods }) => {
    const values = periods.map((p) => ({ periodStart: p.from.toISOString(), value: figures[at++] ?? null }));
    const last = values.at(-1);
    return {
      ...summary(o, periods.at(-1)?.from ?? from, last?.value ?? null, asOf),
      values,
    };
  });
}

/** One objective: current value and status, its trend over the last periods, the plan and the reviews. */
export async function presentObjective(db: Queryable, id: string, now = new Date()) {
  const o = await objectiveFor(db, id);
  // the trend ends with the current period, so one batch gives both
  const periods = Array.from({ length: TREND_PERIODS }, (_, i) =>
    periodOf(o.period, now, TREND_PERIODS - 1 - i),
  );
  const figures = await valuesOf(
    db,
    periods.map((p) => ({ o, ...p })),
  );
  const trend = periods.map((p, i) => ({ periodStart: p.from.toISOString(), value: figures[i] ?? null }));
  const current = trend.at(-1)!;
  const actions = await db.execute<{
    id: string;
    title: string;
    responsible_id: string | null;
    responsible: string | null;
    resources: string;
    due: string | null;
    done_at: Date | null;
  }>(sql`
    select a.id, a.title, a.responsible_id, u.name as responsible, a.resources, a.due::text, a.done_at
      from objective_actions a left join users u on u.id = a.responsible_id
     where a.objective_id = ${id} order by a.due nulls last, a.title`);
  const reviews = await db.execute<{
    status: string;
    value: number | null;
    note: string;
    reviewer: string | null;
    at: Date;
  }>(sql`
    select r.status, r.value, r.note, u.name as reviewer, r.at
      from objective_reviews r left join users u on u.id = r.reviewer_id
     where r.objective_id = ${id} order by r.id desc`);
  const values = await db.execute<{
    period_start: Date;
    value: number;
    evidence: string;
    recorded_at: Date;
  }>(sql`
    select period_start, value, evidence, recorded_at from objective_values where objective_id = ${id} order by period_start desc`);
  const owner = await db.execute<{ name: string }>(sql`select name from users where id = ${o.ownerId}`);
  return {
    ...summary(o, periods.at(-1)!.from, current.value, now),
    owner: { id: o.ownerId, name: owner.rows[0]?.name ?? null },
    trend,
    actions: actions.rows.map((a) => ({
      id: a.id,
      title: a.title,
      responsibleId: a.responsible_id,
      responsible: a.responsible,
      resources: a.resources,
      due: a.due,
      done: !!a.done_at,
      overdue: !a.done_at && !!a.due && a.due < dayOf(now),
    })),
    reviews: reviews.rows.map((r) => ({ ...r, at: isoTimestamp(r.at) })),
    recordedValues: values.rows.map((v) => ({
      periodStart: iso(v.period_start),
      value: v.value,
      evidence: v.evidence,
      recordedAt: iso(v.recorded_at),
    })),
  };
}

export const objectiveExists = async (db: Queryable, id: string) =>
  (await db.select({ id: objectives.id }).from(objectives).where(eq(objectives.id, id))).length > 0;
