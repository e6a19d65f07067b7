import { sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db/database.ts';
import { PLAN_EACH_TIME } from '../../kernel/db/prepared.ts';
import { clockOutcome, metPercent } from './outcome.ts';

/**
 * The service level report of an agreement for a period (ISO/IEC 20000-1 8.3.3): per metric and priority
 * how many targets were met and missed, the breaches with their reasons, per service and month the share
 * met, and the workload per month beside the agreement's workload limits. A clock counts in the month its
 * work item was recorded; a clock still running (or waiting, pending) and not yet past its deadline is
 * "open", neither met nor missed.
 */
export async function serviceLevelReport(db: Queryable, agreementId: string, from: string, to: string) {
  const period = sql`w.created_at >= ${from}::date and w.created_at < (${to}::date + 1)`;
  // decided: stopped, or paused because the work is resolved; a clock running or waiting (pending) is open
  const outcome = clockOutcome('c');
  // one pass over the agreement's clocks in the period, read from two indexes alone (the clocks by
  // agreement, the items by time of recording, both holding what is counted); the four parts of the report
  // are read from it, and only the breaches listed visit their items and clocks
  type Part<T> = T[] | null;
  const res = await db.execute<{
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
  }>(sql`${sql.raw(PLAN_EACH_TIME)}
    with cl as materialized (
      select c.id, c.metric, c.priority, c.deadline, c.work_item_id, w.type, w.service_id,
             date_trunc('month', w.created_at) as month, ${outcome} as outcome
        from sla_clocks c join work_items w on w.id = c.work_item_id
       where c.agreement_id = ${agreementId} and ${period})
    select
      (select json_agg(x order by x.metric desc, x.priority) from (
         select g.*, t.minutes from (
           select metric, priority, count(*)::int as total,
                  count(*) filter (where outcome = 'met')::int as met,
                  count(*) filter (where outcome = 'missed')::int as missed,
                  count(*) filter (where outcome = 'open')::int as open
             from cl group by metric, priority) g
           left join agreement_targets t on t.agreement_id = ${agreementId} and t.metric = g.metric and t.priority = g.priority) x) as targets,
      (select json_agg(x order by x.month, x.service) from (
         select sc.name as service, to_char(g.month, 'YYYY-MM') as month, g.total, g.met, g.missed from (
           select service_id, month, count(*)::int as total,
                  count(*) filter (where outcome = 'met')::int as met,
                  count(*) filter (where outcome = 'missed')::int as missed
             from cl where metric = 'resolution' group by service_id, month) g
           left join services s on s.id = g.service_id left join cis sc on sc.id = s.ci_id) x) as by_service,
      (select json_agg(x) from (
         select w.number, w.title, b.metric, b.priority, b.deadline, k.breached_at as "breachedAt", k.breach_reason as reason
           from (select * from cl where outcome = 'missed' order by deadline desc nulls last limit 500) b
           join work_items w on w.id = b.work_item_id
           join sla_clocks k on k.id = b.id
          order by b.deadline desc nulls last) x) as breaches,
      (select json_agg(x order by x.month, x.type) from (
         select to_char(month, 'YYYY-MM') as month, type, count(*)::int as count
           from (select month, type, work_item_id from cl group by month, type, work_item_id) d
          group by month, type) x) as workload,
      (select workload_limits from agreements where id = ${agreementId}) as workload_limits`);
  const parts = res.rows[0]!;
  const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());
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
