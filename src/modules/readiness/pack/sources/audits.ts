import { sql } from 'drizzle-orm';
import { html, paragraphs } from '../html.ts';
import { type Cell, type Document, type Found, type SourceContext, when } from './types.ts';

/**
 * Internal audits of the period (9.2), read from their tables (the audits module keeps no listing for the
 * pack): programmes whose cycle meets the period, audits whose dates meet it, findings raised in it or in
 * those audits, and the report of every audit that reached one, as PDF.
 */
export async function audits({ db, period }: SourceContext): Promise<Found> {
  const { from, to, start, end } = period;
  const programmes = await db.execute<{
    code: string;
    title: string;
    cycle_start: string;
    cycle_end: string;
    owner: string | null;
    state: string;
    approved_by: string | null;
    approved_at: string | null;
    audits: number;
  }>(sql`
    select p.code, p.title, p.cycle_start::text, p.cycle_end::text, o.name as owner, p.state,
           a.name as approved_by, p.approved_at,
           (select count(*)::int from audits x where x.programme_id = p.id) as audits
      from audit_programmes p left join users o on o.id = p.owner_id left join users a on a.id = p.approved_by
     where p.cycle_start <= ${to}::date and p.cycle_end >= ${from}::date
     order by p.cycle_start, p.code`);
  const list = await db.execute<{
    id: string;
    code: string;
    title: string;
    programme: string | null;
    scope_clauses: string[];
    scope_processes: string[];
    criteria: string;
    lead: string | null;
    team: string | null;
    auditees: string | null;
    planned_start: string;
    planned_end: string;
    started_at: string | null;
    state: string;
    summary: string;
    conclusion: string;
    reported_at: string | null;
    approved_by: string | null;
    approved_at: string | null;
    cancel_reason: string;
    questions: number;
    answered: number;
  }>(sql`
    select a.id, a.code, a.title, p.code as programme, a.scope_clauses, a.scope_processes, a.criteria,
           l.name as lead,
           (select string_agg(u.name, '; ' order by u.name) from users u where u.id = any(a.team_ids)) as team,
           (select string_agg(u.name, '; ' order by u.name) from users u where u.id = any(a.auditee_ids)) as auditees,
           a.planned_start::text, a.planned_end::text, a.started_at, a.state, a.summary, a.conclusion,
           a.reported_at, ap.name as approved_by, a.approved_at, a.cancel_reason,
           (select count(*)::int from audit_checklist_items i where i.audit_id = a.id) as questions,
           (select count(*)::int from audit_checklist_items i where i.audit_id = a.id and i.answer is not null) as answered
      from audits a
      left join audit_programmes p on p.id = a.programme_id
      left join users l on l.id = a.lead_auditor_id
      left join users ap on ap.id = a.approved_by
     where a.planned_start <= ${to}::date and a.planned_end >= ${from}::date
     order by a.planned_start, a.code`);
  const ids = list.rows.map((a) => a.id);
  const findings = await db.execute<{
    audit_id: string | null;
    code: string;
    audit: string | null;
    kind: string;
    clause: string;
    process_key: string | null;
    title: string;
    statement: string;
    evidence: Array<{ label: string; ref: string }>;
    raised_by: string | null;
    raised_at: string;
    nonconformity: string | null;
    improvement: string | null;
  }>(sql`
    select f.audit_id, f.code, a.code as audit, f.kind, f.clause, f.process_key, f.title, f.statement, f.evidence,
           u.name as raised_by, f.raised_at, w.number as nonconformity, i.code as improvement
      from findings f
      left join audits a on a.id = f.audit_id
      left join users u on u.id = f.raised_by
      left join work_items w on w.id = f.nonconformity_id
      left join improvements i on i.id = f.improvement_id
     where (f.raised_at >= ${start.toISOString()} and f.raised_at < ${end.toISOString()})
        or f.audit_id = any(${sql.param(ids)}::uuid[])
     order by f.raised_at, f.code`);
  const checklist = await db.execute<{
    audit_id: string;
    clause: string;
    question: string;
    answer: string | null;
    notes: string;
  }>(sql`
    select i.audit_id, i.clause, i.question, i.answer, i.notes
      from audit_checklist_items i
     where i.audit_id = any(${sql.param(ids)}::uuid[])
     order by i.audit_id, i.position`);

  const documents: Document[] = list.rows
    .filter((a) => a.reported_at || a.state === 'reporting' || a.state === 'completed')
    .map((a) => {
      const own = findings.rows.filter((f) => f.audit_id === a.id);
      const items = checklist.rows.filter((i) => i.audit_id === a.id);
      return {
        kind: 'audits',
        name: a.code,
        title: `Audit report: ${a.title}`,
        subtitle: [
          `${a.code} · ${a.state}`,
          `${a.planned_start} – ${a.planned_end}`,
          a.lead ? `lead auditor ${a.lead}` : null,
          a.approved_by ? `approved by ${a.approved_by} ${when(a.approved_at)?.slice(0, 10) ?? ''}` : null,
        ]
          .filter(Boolean)
          .join(' · '),
        html: html`
          <h2>Scope and criteria</h2>
          <ul>
            <li>Clauses: ${a.scope_clauses.join(', ') || '—'}</li>
            <li>Processes: ${a.scope_processes.join(', ') || '—'}</li>
            <li>Programme: ${a.programme ?? '—'}</li>
            <li>Team: ${a.team ?? '—'}</li>
            <li>Auditees: ${a.auditees ?? '—'}</li>
          </ul>
          ${paragraphs(a.criteria)}
          <h2>Summary</h2>${paragraphs(a.summary || '—')}
          <h2>Conclusion</h2>${paragraphs(a.conclusion || '—')}
          <h2>Findings</h2>
          ${
            own.length
              ? html`<ul>${own.map(
                  (f) =>
                    html`<li><b>${f.code}</b> ${f.kind} (clause ${f.clause}): ${f.title}. ${f.statement}</li>`,
                )}</ul>`
              : html`<p>None.</p>`
          }
          <h2>Checklist</h2>
          ${
            items.length
              ? html`<ul>${items.map(
                  (i) =>
                    html`<li><b>${i.clause}</b> ${i.question} — <i>${i.answer ?? 'not answered'}</i>${i.notes ? `: ${i.notes}` : ''}</li>`,
                )}</ul>`
              : html`<p>No checklist.</p>`
          }`.text,
        footer: `${a.code} audit report`,
        language: 'en',
      };
    });

  return {
    tables: [
      {
        kind: 'audit-programmes',
        header: [
          'code',
          'title',
          'cycle start',
          'cycle end',
          'owner',
          'state',
          'approved by',
          'approved at',
          'audits',
        ],
        rows: programmes.rows.map((p): Cell[] => [
          p.code,
          p.title,
          p.cycle_start,
          p.cycle_end,
          p.owner,
          p.state,
          p.approved_by,
          when(p.approved_at),
          p.audits,
        ]),
      },
      {
        kind: 'audits',
        header: [
          'code',
          'title',
          'programme',
          'clauses',
          'processes',
          'lead auditor',
          'team',
          'auditees',
          'planned start',
          'planned end',
          'started',
          'state',
          'questions',
          'answered',
          'reported',
          'approved by',
          'approved at',
          'conclusion',
          'cancel reason',
        ],
        rows: list.rows.map((a): Cell[] => [
          a.code,
          a.title,
          a.programme,
          a.scope_clauses.join(' '),
          a.scope_processes.join(' '),
          a.lead,
          a.team,
          a.auditees,
          a.planned_start,
          a.planned_end,
          when(a.started_at),
          a.state,
          a.questions,
          a.answered,
          when(a.reported_at),
          a.approved_by,
          when(a.approved_at),
          a.conclusion,
          a.cancel_reason,
        ]),
      },
      {
        kind: 'findings',
        header: [
          'code',
          'audit',
          'kind',
          'clause',
          'process',
          'title',
          'statement',
          'evidence',
          'raised by',
          'raised at',
          'nonconformity',
          'improvement',
        ],
        rows: findings.rows.map((f): Cell[] => [
          f.code,
          f.audit,
          f.kind,
          f.clause,
          f.process_key,
          f.title,
          f.statement,
          (f.evidence ?? []).map((e) => `${e.label} (${e.ref})`).join('; '),
          f.raised_by,
          when(f.raised_at),
          f.nonconformity,
          f.improvement,
        ]),
      },
    ],
    documents,
  };
}
