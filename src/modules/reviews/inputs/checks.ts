import { sql } from 'drizzle-orm';
import { today } from '../../../kernel/days.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import { isoTimestamp } from '../../../kernel/db/timestamps.ts';
import { type DayPeriod, instantsOf } from './periods.ts';
import type { FindingCounts, ReviewInputs } from './shapes.ts';

/**
 * The inputs from checking (9.3 f, g): nonconformities and their corrective actions, audits completed and
 * their findings. The audits and nonconformities modules are being built alongside this one and have no
 * faces yet, so their tables (migration 0035) are read here directly; when their faces offer these counts,
 * this file should read them there instead.
 */

/**
 * Nonconformities recorded in the period (by severity), closed in it, open now; corrective actions open past
 * their due day now, oldest first.
 */
export async function nonconformitiesInput(
  db: Queryable,
  period: DayPeriod,
): Promise<ReviewInputs['nonconformities']> {
  const { from, to } = instantsOf(period);
  const [f, t] = [from.toISOString(), to.toISOString()];
  const counts = await db.execute<{ major: number; minor: number; closed: number; open: number }>(sql`
    select count(*) filter (where w.created_at >= ${f} and w.created_at < ${t} and n.severity = 'major')::int as major,
           count(*) filter (where w.created_at >= ${f} and w.created_at < ${t} and n.severity = 'minor')::int as minor,
           count(*) filter (where n.closed_at >= ${f} and n.closed_at < ${t})::int as closed,
           count(*) filter (where not w.final)::int as open
      from nonconformities n join work_items w on w.id = n.work_item_id`);
  const c = counts.rows[0]!;
  const overdue = await db.execute<{
    number: string;
    title: string;
    responsible: string | null;
    due: string;
  }>(sql`
    select w.number, a.title, u.name as responsible, a.due::text as due
      from corrective_actions a join work_items w on w.id = a.work_item_id
      left join users u on u.id = a.responsible_id
     where a.done_at is null and a.due < ${today()}::date and not w.final
     order by a.due, w.number`);
  return {
    opened: c.major + c.minor,
    openedBySeverity: { major: c.major, minor: c.minor },
    closed: c.closed,
    open: c.open,
    overdueActions: overdue.rows,
  };
}

const noFindings = (): FindingCounts => ({ major_nc: 0, minor_nc: 0, observation: 0, ofi: 0 });
const countsOf = (rows: { kind: string; n: number }[]) => {
  const out = noFindings();
  for (const r of rows) if (r.kind in out) out[r.kind as keyof FindingCounts] = r.n;
  return out;
};

/**
 * Audits completed in the period (their report approved in it) with their findings by kind, the findings
 * raised in the period by kind, and the audits planned to start in it that are not completed.
 */
export async function auditsInput(db: Queryable, period: DayPeriod): Promise<ReviewInputs['audits']> {
  const { from, to } = instantsOf(period);
  const [f, t] = [from.toISOString(), to.toISOString()];
  const completed = await db.execute<{
    id: string;
    code: string;
    title: string;
    approved_at: string;
    findings: { kind: string; n: number }[] | null;
  }>(sql`
    select a.id, a.code, a.title, a.approved_at,
           (select json_agg(json_build_object('kind', x.kind, 'n', x.n)) from (
              select kind, count(*)::int as n from findings where audit_id = a.id group by kind) x) as findings
      from audits a
     where a.state = 'completed' and a.approved_at >= ${f} and a.approved_at < ${t}
     order by a.approved_at, a.code`);
  const raised = await db.execute<{ kind: string; n: number }>(sql`
    select kind, count(*)::int as n from findings where raised_at >= ${f} and raised_at < ${t} group by kind`);
  const planned = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from audits
     where planned_start between ${period.from}::date and ${period.to}::date
       and state not in ('completed', 'cancelled')`);
  return {
    completed: completed.rows.map((a) => ({
      id: a.id,
      code: a.code,
      title: a.title,
      completedAt: isoTimestamp(a.approved_at),
      findings: countsOf(a.findings ?? []),
    })),
    findingsRaised: countsOf(raised.rows),
    planned: planned.rows[0]!.n,
  };
}
