import { sql } from 'drizzle-orm';
import { addDays, addMonths } from '../../kernel/days.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { PLAN_EACH_TIME } from '../../kernel/db/prepared.ts';
import { isoTimestampOrNull as iso } from '../../kernel/db/timestamps.ts';
import { localToUtc } from './calendar.ts';
import { clockMissed, clockOutcome, metPercent } from './outcome.ts';
import type { ServiceLevelReport } from './shapes.ts';

/**
 * How the report reads a period of days (from and to inclusive): the whole months within it from the kept
 * counts (months from `first` up to, not including, `end`; none when they are equal), and the days before and
 * after them (at most a month less a day at each end) by counting their clocks. Days are half-open ranges.
 */
export function reportPeriod(from: string, to: string) {
  const after = addDays(to, 1);
  const first = from.endsWith('-01') ? from : addMonths(`${from.slice(0, 7)}-01`, 1);
  const end = `${after.slice(0, 7)}-01`;
  if (first >= end) return { first: from, end: from, days: [[from, after]] as Array<[string, string]> };
  const days: Array<[string, string]> = [];
  if (from < first) days.push([from, first]);
  if (end < after) days.push([end, after]);
  return { first, end, days };
}

/**
 * The service level report of an agreement for a period (ISO/IEC 20000-1 8.3.3): per metric and priority
 * how many targets were met and missed, the breaches with their reasons, per service and month the share
 * met, and the workload per month beside the agreement's workload limits. A clock counts in the month its
 * work item was recorded, days and months in the agreement's calendar's time zone; a clock still running (or
 * waiting, pending) and not yet past its deadline is "open", neither met nor missed.
 */
export async function serviceLevelReport(
  db: Queryable,
  agreement: { id: string; calendarTimeZone: string },
  from: string,
  to: string,
): Promise<Omit<ServiceLevelReport, 'agreement'>> {
  const { id: agreementId, calendarTimeZone: zone } = agreement;
  /** The instant `day` (YYYY-MM-DD) begins in the agreement's time zone (a value the planner sees). */
  const at = (day: string) => {
    const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
    return sql`${new Date(localToUtc(zone, y, mo, d, 0)).toISOString()}::timestamptz`;
  };
  const { first, end, days } = reportPeriod(from, to);
  const outcome = clockOutcome('c');
  // the clocks of the days outside whole months, each range from one index (an empty range when there are
  // none, so that the statement keeps its shape)
  const live = sql.join(
    (days.length ? days : ([[from, from]] as Array<[string, string]>)).map(
      ([a, b]) => sql`
        select c.metric, c.priority, c.service_id, c.item_type, keel_report_month(c.recorded_at, ${zone}) as month,
               c.work_item_id, ${outcome} as outcome
          from sla_clocks c
         where c.agreement_id = ${agreementId} and c.recorded_at >= ${at(a)} and c.recorded_at < ${at(b)}`,
    ),
    sql` union all `,
  );
  type Part<T> = T[] | null;
  type Parts = {
    targets: Part<{
      metric: string;
      priority: number;
      minutes: number | null;
      total: number;
      met: number;
      missed: number;
      open: number;
    }>;
    by_service: Part<{ service: string | null; month: string; total: number; met: number; missed: number }>;
    breaches: Part<{
      number: string;
      title: string;
      metric: string;
      priority: number;
      deadline: string | null;
      breachedAt: string | null;
      reason: string | null;
    }>;
    workload: Part<{ month: string; type: string; count: number }>;
    workload_limits: string | null;
  };
  // whole months from the kept counts (sla_clock_counts), where a running clock is open unless it is past its
  // deadline with no breach recorded yet (sla_clocks_overdue_idx finds those: moved from open to missed); the
  // days beside them counted clock by clock; the latest missed targets come from an index of their own, and
  // only the 500 listed visit their items
  // planned for its values each time: how much each range holds decides the plan
  const res = await db.execute<Parts>(sql`${sql.raw(PLAN_EACH_TIME)}
    with live as (${live}),
    counts as (
      select metric, priority, service_id, month, case when state = 'running' then 'open' else state end as outcome, n
        from sla_clock_counts
       where agreement_id = ${agreementId} and month >= ${first}::date and month < ${end}::date
      union all
      select c.metric, c.priority, c.service_id, keel_report_month(c.recorded_at, ${zone}), o.outcome, o.n
        from sla_clocks c cross join (values ('missed', 1), ('open', -1)) o(outcome, n)
       where c.agreement_id = ${agreementId} and c.state = 'running' and c.breached_at is null and c.deadline < now()
         and c.recorded_at >= ${at(first)} and c.recorded_at < ${at(end)}
      union all
      select metric, priority, service_id, month, outcome, count(*)::int from live
       group by metric, priority, service_id, month, outcome),
    items as (
      select item_type as type, month, sum(n)::int as n
        from sla_item_counts
       where agreement_id = ${agreementId} and month >= ${first}::date and month < ${end}::date
       group by item_type, month
      union all
      select item_type, month, count(distinct work_item_id)::int from live group by item_type, month)
    select
      (select json_agg(x order by x.metric desc, x.priority) from (
         select g.*, t.minutes from (
           select metric, priority, sum(n)::int as total,
                  coalesce(sum(n) filter (where outcome = 'met'), 0)::int as met,
                  coalesce(sum(n) filter (where outcome = 'missed'), 0)::int as missed,
                  coalesce(sum(n) filter (where outcome = 'open'), 0)::int as open
             from counts group by metric, priority having sum(n) <> 0) g
           left join agreement_targets t on t.agreement_id = ${agreementId} and t.metric = g.metric and t.priority = g.priority) x) as targets,
      (select json_agg(x order by x.month, x.service) from (
         select sc.name as service, to_char(g.month, 'YYYY-MM') as month, g.total, g.met, g.missed from (
           select service_id, month, sum(n)::int as total,
                  coalesce(sum(n) filter (where outcome = 'met'), 0)::int as met,
                  coalesce(sum(n) filter (where outcome = 'missed'), 0)::int as missed
             from counts where metric = 'resolution' group by service_id, month having sum(n) <> 0) g
           left join services s on s.id = g.service_id left join cis sc on sc.id = s.ci_id) x) as by_service,
      (select json_agg(x order by x.deadline desc nulls last) from (
         select w.number, w.title, k.metric, k.priority, k.deadline, k.breached_at as "breachedAt", k.breach_reason as reason
           from (select c.id from sla_clocks c
                  -- sla_clocks_missed_idx's own condition, written as it is, so the planner can use it
                  where c.agreement_id = ${agreementId} and (c.breached_at is not null or c.state = 'running')
                    and c.recorded_at >= ${at(from)} and c.recorded_at < ${at(addDays(to, 1))} and ${clockMissed('c')}
                  order by c.deadline desc nulls last limit 500) b
           join sla_clocks k on k.id = b.id join work_items w on w.id = k.work_item_id) x) as breaches,
      (select json_agg(x order by x.month, x.type) from (
         select to_char(month, 'YYYY-MM') as month, type, sum(n)::int as count
           from items group by month, type having sum(n) <> 0) x) as workload,
      (select workload_limits from agreements where id = ${agreementId}) as workload_limits`);
  const parts = res.rows[0]!;
  return {
    from,
    to,
    timeZone: zone,
    targets: (parts.targets ?? []).map((r) => ({ ...r, metPercent: metPercent(r.met, r.missed) })),
    byServiceMonth: (parts.by_service ?? []).map((r) => ({ ...r, metPercent: metPercent(r.met, r.missed) })),
    breaches: (parts.breaches ?? []).map((b) => ({
      ...b,
      deadline: iso(b.deadline),
      breachedAt: iso(b.breachedAt),
    })),
    workload: parts.workload ?? [],
    workloadLimits: parts.workload_limits ?? '',
  };
}

/**
 * Sums each group of the kept counts into one row (migration 0029's keel_fold_clock_counts): every clock
 * written appends rows, so that writers never wait for one another.
 */
export async function foldClockCounts(db: Queryable) {
  await db.execute(sql`select keel_fold_clock_counts()`);
}
