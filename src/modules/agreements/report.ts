import { sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db/database.ts';
import { PLAN_EACH_TIME } from '../../kernel/db/prepared.ts';
import { isoTimestampOrNull as iso } from '../../kernel/db/timestamps.ts';
import { clockMissed, clockOutcome, metPercent } from './outcome.ts';

/**
 * The service level report of an agreement for a period (ISO/IEC 20000-1 8.3.3): per metric and priority
 * how many targets were met and missed, the breaches with their reasons, per service and month the share
 * met, and the workload per month beside the agreement's workload limits. A clock counts in the month its
 * work item was recorded; a clock still running (or waiting, pending) and not yet past its deadline is
 * "open", neither met nor missed.
 */
export async function serviceLevelReport(db: Queryable, agreementId: string, from: string, to: string) {
  const period = sql`c.recorded_at >= ${from}::date and c.recorded_at < (${to}::date + 1)`;
  // decided: stopped, or paused because the work is resolved; a clock running or waiting (pending) is open
  const outcome = clockOutcome('c');
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
  const res = await db.transaction(async (tx) => {
    // one pass hashes the period's clocks (about 90,000 for an agreement at 1 million items) two ways at
    // once; in PostgreSQL's default working memory those tables would spill to disk
    await tx.execute(sql`set local work_mem = '32MB'`);
    // the agreement's clocks of the period, from one index (each clock carries its item's time of recording,
    // type and service), counted in one pass two ways: per metric, priority, service, month and outcome,
    // and per item (the workload counts items, not clocks); the latest missed targets come from an index
    // of their own, and only the 500 listed visit their items
    return tx.execute<Parts>(sql`${sql.raw(PLAN_EACH_TIME)}
    with g as (
      select c.metric, c.priority, c.service_id, c.item_type as type, date_trunc('month', c.recorded_at) as month,
             c.work_item_id, ${outcome} as outcome, count(*)::int as n, grouping(c.work_item_id) = 0 as per_item
        from sla_clocks c
       where c.agreement_id = ${agreementId} and ${period}
       group by grouping sets ((c.metric, c.priority, c.service_id, month, outcome), (type, month, c.work_item_id)))
    select
      (select json_agg(x order by x.metric desc, x.priority) from (
         select g.*, t.minutes from (
           select metric, priority, sum(n)::int as total,
                  coalesce(sum(n) filter (where outcome = 'met'), 0)::int as met,
                  coalesce(sum(n) filter (where outcome = 'missed'), 0)::int as missed,
                  coalesce(sum(n) filter (where outcome = 'open'), 0)::int as open
             from g where not per_item group by metric, priority) g
           left join agreement_targets t on t.agreement_id = ${agreementId} and t.metric = g.metric and t.priority = g.priority) x) as targets,
      (select json_agg(x order by x.month, x.service) from (
         select sc.name as service, to_char(g.month, 'YYYY-MM') as month, g.total, g.met, g.missed from (
           select service_id, month, sum(n)::int as total,
                  coalesce(sum(n) filter (where outcome = 'met'), 0)::int as met,
                  coalesce(sum(n) filter (where outcome = 'missed'), 0)::int as missed
             from g where not per_item and metric = 'resolution' group by service_id, month) g
           left join services s on s.id = g.service_id left join cis sc on sc.id = s.ci_id) x) as by_service,
      (select json_agg(x order by x.deadline desc nulls last) from (
         select w.number, w.title, k.metric, k.priority, k.deadline, k.breached_at as "breachedAt", k.breach_reason as reason
           from (select c.id from sla_clocks c
                  -- sla_clocks_missed_idx's own condition, written as it is, so the planner can use it
                  where c.agreement_id = ${agreementId} and (c.breached_at is not null or c.state = 'running')
                    and ${period} and ${clockMissed('c')}
                  order by c.deadline desc nulls last limit 500) b
           join sla_clocks k on k.id = b.id join work_items w on w.id = k.work_item_id) x) as breaches,
      (select json_agg(x order by x.month, x.type) from (
         select to_char(month, 'YYYY-MM') as month, type, count(*)::int as count
           from g where per_item group by month, type) x) as workload,
      (select workload_limits from agreements where id = ${agreementId}) as workload_limits`);
  });
  const parts = res.rows[0]!;
  return {
    from,
    to,
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

/** The report as the API answers it (the agreement named beside it). */
export type ServiceLevelReport = Awaited<ReturnType<typeof serviceLevelReport>>;
