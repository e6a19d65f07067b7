import { sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db/database.ts';
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
  const targets = await db.execute<{
    metric: string;
    priority: number;
    minutes: number | null;
    total: number;
    met: number;
    missed: number;
    open: number;
  }>(sql`
    select c.metric, c.priority, t.minutes, count(*)::int as total,
           count(*) filter (where ${outcome} = 'met')::int as met,
           count(*) filter (where ${outcome} = 'missed')::int as missed,
           count(*) filter (where ${outcome} = 'open')::int as open
      from sla_clocks c join work_items w on w.id = c.work_item_id
      left join agreement_targets t on t.agreement_id = c.agreement_id and t.metric = c.metric and t.priority = c.priority
     where c.agreement_id = ${agreementId} and ${period}
     group by c.metric, c.priority, t.minutes order by c.metric desc, c.priority`);
  const byService = await db.execute<{
    service: string | null;
    month: string;
    total: number;
    met: number;
    missed: number;
  }>(sql`
    select sc.name as service, to_char(date_trunc('month', w.created_at), 'YYYY-MM') as month, count(*)::int as total,
           count(*) filter (where ${outcome} = 'met')::int as met,
           count(*) filter (where ${outcome} = 'missed')::int as missed
      from sla_clocks c join work_items w on w.id = c.work_item_id
      left join services s on s.id = w.service_id left join cis sc on sc.id = s.ci_id
     where c.agreement_id = ${agreementId} and c.metric = 'resolution' and ${period}
     group by sc.name, month order by month, sc.name`);
  const breaches = await db.execute<{
    number: string;
    title: string;
    metric: string;
    priority: number;
    deadline: string | null;
    breachedAt: string | null;
    reason: string | null;
  }>(sql`
    select w.number, w.title, c.metric, c.priority, c.deadline, c.breached_at as "breachedAt", c.breach_reason as reason
      from sla_clocks c join work_items w on w.id = c.work_item_id
     where c.agreement_id = ${agreementId} and ${period} and ${outcome} = 'missed'
     order by c.deadline desc nulls last limit 500`);
  const workload = await db.execute<{ month: string; type: string; count: number }>(sql`
    select to_char(date_trunc('month', w.created_at), 'YYYY-MM') as month, w.type, count(*)::int as count
      from work_items w
     where exists (select 1 from sla_clocks c where c.work_item_id = w.id and c.agreement_id = ${agreementId}) and ${period}
     group by month, w.type order by month`);
  const limits = await db.execute<{ workload_limits: string }>(
    sql`select workload_limits from agreements where id = ${agreementId}`,
  );
  const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());
  return {
    from,
    to,
    targets: targets.rows.map((r) => ({ ...r, metPercent: metPercent(r.met, r.missed) })),
    byServiceMonth: byService.rows.map((r) => ({ ...r, metPercent: metPercent(r.met, r.missed) })),
    breaches: breaches.rows.map((b) => ({ ...b, deadline: iso(b.deadline), breachedAt: iso(b.breachedAt) })),
    workload: workload.rows,
    workloadLimits: limits.rows[0]?.workload_limits ?? '',
  };
}
