import { sql } from 'drizzle-orm';
import { clockOutcome, metPercent } from '../../../agreements/index.ts';
import { html } from '../html.ts';
import { type Cell, type Document, type Found, type SourceContext, when } from './types.ts';

/**
 * The records of operation an auditor samples: service level figures per agreement (8.3.3, counted by the
 * agreements module's own rule of met, missed and open), the changes of the period (8.5.1), configuration
 * verification audits (8.2.6) and the distribution of scheduled service reports (9.4).
 */
export async function operations(c: SourceContext): Promise<Found> {
  // one after the other: they share the snapshot's one connection
  const sla = await serviceLevels(c);
  const rest = await records(c);
  return { tables: [...sla.tables, ...rest.tables], documents: sla.documents };
}

/**
 * Per agreement in force in the period, per metric and priority: the clocks of work recorded in the period
 * (in UTC days; the agreement's own report reads its calendar's time zone) met, missed and still open.
 */
async function serviceLevels({ db, period }: SourceContext): Promise<Found> {
  const start = period.start.toISOString();
  const end = period.end.toISOString();
  const res = await db.execute<{
    id: string;
    name: string;
    kind: string;
    status: string;
    metric: string | null;
    priority: number | null;
    minutes: number | null;
    total: number;
    met: number;
    missed: number;
    open: number;
  }>(sql`
    with counted as (
      select c.agreement_id, c.metric, c.priority, ${clockOutcome('c')} as outcome
        from sla_clocks c where c.recorded_at >= ${start} and c.recorded_at < ${end}),
    figures as (
      select agreement_id, metric, priority, count(*)::int as total,
             count(*) filter (where outcome = 'met')::int as met,
             count(*) filter (where outcome = 'missed')::int as missed,
             count(*) filter (where outcome not in ('met', 'missed'))::int as open
        from counted group by agreement_id, metric, priority)
    select a.id, a.name, a.kind, a.status, f.metric, f.priority, t.minutes,
           coalesce(f.total, 0) as total, coalesce(f.met, 0) as met, coalesce(f.missed, 0) as missed, coalesce(f.open, 0) as open
      from agreements a
      left join figures f on f.agreement_id = a.id
      left join agreement_targets t on t.agreement_id = a.id and t.metric = f.metric and t.priority = f.priority
     where f.agreement_id is not null
        or (a.status <> 'draft' and (a.valid_from is null or a.valid_from <= ${period.to}::date)
            and (a.valid_to is null or a.valid_to >= ${period.from}::date))
     order by lower(a.name), f.metric desc nulls last, f.priority nulls last`);
  const rows = res.rows.map((r) => ({ ...r, percent: metPercent(r.met, r.missed) }));
  const agreements = [...new Map(rows.map((r) => [r.id, r])).values()];
  const documents: Document[] = agreements.map((a) => {
    const own = rows.filter((r) => r.id === a.id && r.metric);
    const met = own.reduce((n, r) => n + r.met, 0);
    const missed = own.reduce((n, r) => n + r.missed, 0);
    return {
      kind: 'sla-reports',
      name: a.name,
      title: `Service level report: ${a.name}`,
      subtitle: `${a.kind} · ${a.status} · ${period.from} – ${period.to} · ${metPercent(met, missed) ?? '—'}% of decided targets met`,
      html: own.length
        ? html`<h2>Targets</h2><ul>${own.map(
            (r) =>
              html`<li><b>${r.metric} P${r.priority}</b> (target ${r.minutes ?? '—'} business minutes): ${r.total} clocks, ${r.met} met, ${r.missed} missed, ${r.open} open — ${r.percent ?? '—'}% met</li>`,
          )}</ul><p>Clocks of work recorded in the period, counted as the agreements module counts them: missed once breached or past the deadline, open while running or paused, met otherwise.</p>`
            .text
        : html`<p>No clocks under this agreement for work recorded in the period.</p>`.text,
      footer: `${a.name} · ${period.from} – ${period.to}`,
      language: 'en',
    };
  });
  return {
    tables: [
      {
        kind: 'sla-reports',
        header: [
          'agreement',
          'kind',
          'status',
          'metric',
          'priority',
          'target minutes',
          'clocks',
          'met',
          'missed',
          'open',
          'met percent',
        ],
        rows: rows.map((r): Cell[] => [
          r.name,
          r.kind,
          r.status,
          r.metric,
          r.priority,
          r.minutes,
          r.total,
          r.met,
          r.missed,
          r.open,
          r.percent,
        ]),
      },
    ],
    documents,
  };
}

async function records({ db, period }: SourceContext): Promise<Found> {
  const start = period.start.toISOString();
  const end = period.end.toISOString();
  const inPeriod = (col: string) => sql`(${sql.raw(col)} >= ${start} and ${sql.raw(col)} < ${end})`;
  const changes = await db.execute<{
    number: string;
    title: string;
    state: string;
    kind: string;
    risk: string;
    service: string | null;
    requester: string | null;
    created_at: string;
    planned_start: string | null;
    planned_end: string | null;
    approved_by: string | null;
    approved_at: string | null;
    implemented_at: string | null;
    outcome: string | null;
    outcome_note: string;
    closed_at: string | null;
  }>(sql`
    select w.number, w.title, w.state, c.kind, c.risk, sc.name as service, r.name as requester, w.created_at,
           c.planned_start, c.planned_end, a.name as approved_by, c.approved_at, c.implemented_at, c.outcome,
           c.outcome_note, c.closed_at
      from changes c
      join work_items w on w.id = c.work_item_id
      left join services s on s.id = w.service_id
      left join cis sc on sc.id = s.ci_id
      left join users r on r.id = w.requester_id
      left join users a on a.id = c.approved_by
     where ${inPeriod('w.created_at')} or ${inPeriod('c.implemented_at')} or ${inPeriod('c.closed_at')}
     order by w.created_at, w.number`);
  const verifications = await db.execute<{
    title: string;
    class_key: string | null;
    sample_size: number | null;
    planned_for: string;
    state: string;
    auditor: string | null;
    completed_at: string | null;
    items: number;
    matched: number;
    mismatched: number;
    unchecked: number;
    follow_ups_open: number;
  }>(sql`
    select a.title, a.class_key, a.sample_size, a.planned_for::text, a.state, u.name as auditor, a.completed_at,
           count(i.ci_id)::int as items,
           count(*) filter (where i.result = 'match')::int as matched,
           count(*) filter (where i.result = 'mismatch')::int as mismatched,
           count(*) filter (where i.ci_id is not null and i.result is null)::int as unchecked,
           count(*) filter (where i.follow_up is not null and i.follow_up <> '' and not i.follow_up_done)::int as follow_ups_open
      from ci_audits a
      left join users u on u.id = a.auditor_id
      left join ci_audit_items i on i.audit_id = a.id
     where a.planned_for between ${period.from}::date and ${period.to}::date or ${inPeriod('a.completed_at')}
     group by a.id, u.name
     order by a.planned_for, a.title`);
  const distributions = await db.execute<{
    name: string;
    kind: string;
    agreement: string | null;
    frequency: string;
    period_from: string;
    period_to: string;
    recipients: string[];
    files: Array<{ name: string; sha256: string; bytes: number }>;
    status: string;
    error: string;
    sent_at: string;
  }>(sql`
    select s.name, s.kind, g.name as agreement, s.frequency, d.period_from, d.period_to, d.recipients, d.files,
           d.status, d.error, d.sent_at
      from report_distributions d
      join report_schedules s on s.id = d.schedule_id
      left join agreements g on g.id = s.agreement_id
     where ${inPeriod('d.sent_at')}
     order by d.sent_at, s.name`);
  return {
    tables: [
      {
        kind: 'changes',
        header: [
          'number',
          'title',
          'state',
          'kind',
          'risk',
          'service',
          'requester',
          'recorded',
          'planned start',
          'planned end',
          'approved by',
          'approved at',
          'implemented at',
          'outcome',
          'outcome note',
          'closed at',
        ],
        rows: changes.rows.map((c): Cell[] => [
          c.number,
          c.title,
          c.state,
          c.kind,
          c.risk,
          c.service,
          c.requester,
          when(c.created_at),
          when(c.planned_start),
          when(c.planned_end),
          c.approved_by,
          when(c.approved_at),
          when(c.implemented_at),
          c.outcome,
          c.outcome_note,
          when(c.closed_at),
        ]),
      },
      {
        kind: 'cmdb-audits',
        header: [
          'title',
          'class',
          'sample size',
          'planned for',
          'state',
          'auditor',
          'completed at',
          'CIs',
          'matched',
          'mismatched',
          'unchecked',
          'follow-ups open',
        ],
        rows: verifications.rows.map((v): Cell[] => [
          v.title,
          v.class_key,
          v.sample_size,
          v.planned_for,
          v.state,
          v.auditor,
          when(v.completed_at),
          v.items,
          v.matched,
          v.mismatched,
          v.unchecked,
          v.follow_ups_open,
        ]),
      },
      {
        kind: 'report-distributions',
        header: [
          'report',
          'kind',
          'agreement',
          'frequency',
          'period from',
          'period to',
          'recipients',
          'files',
          'status',
          'error',
          'sent at',
        ],
        rows: distributions.rows.map((d): Cell[] => [
          d.name,
          d.kind,
          d.agreement,
          d.frequency,
          when(d.period_from),
          when(d.period_to),
          d.recipients.join('; '),
          d.files.map((f) => `${f.name} (${f.bytes} bytes, SHA-256 ${f.sha256})`).join('; '),
          d.status,
          d.error,
          when(d.sent_at),
        ]),
      },
    ],
    documents: [],
  };
}
