import { sql } from 'drizzle-orm';
import { html, paragraphs } from '../html.ts';
import { type Cell, type Document, type Found, type SourceContext, when } from './types.ts';

/**
 * Nonconformities with their corrective actions (10.1) and the improvement register (10.2) of the period,
 * read from their tables: every one open at some time in the period, or changed since it began.
 */
export async function nonconformitiesAndImprovements({ db, period }: SourceContext): Promise<Found> {
  const start = period.start.toISOString();
  const end = period.end.toISOString();
  const ncs = await db.execute<{
    id: string;
    number: string;
    title: string;
    state: string;
    owner: string | null;
    created_at: string;
    source: string;
    source_ref: string;
    finding: string | null;
    severity: string;
    clause: string | null;
    process_key: string | null;
    correction: string;
    corrected_at: string | null;
    root_cause: string;
    root_cause_method: string;
    similar: string;
    effectiveness_due: string | null;
    effectiveness: string | null;
    effectiveness_note: string;
    effectiveness_by: string | null;
    effectiveness_at: string | null;
    closed_at: string | null;
  }>(sql`
    select w.id, w.number, w.title, w.state, o.name as owner, w.created_at, n.source, n.source_ref, f.code as finding,
           n.severity, n.clause, n.process_key, n.correction, n.corrected_at, n.root_cause, n.root_cause_method,
           n.similar, n.effectiveness_due::text, n.effectiveness, n.effectiveness_note, e.name as effectiveness_by,
           n.effectiveness_at, n.closed_at
      from nonconformities n
      join work_items w on w.id = n.work_item_id
      left join users o on o.id = w.assignee_id
      left join users e on e.id = n.effectiveness_by
      left join findings f on f.id = n.finding_id
     where w.created_at < ${end} and (not w.final or w.updated_at >= ${start})
     order by w.created_at, w.number`);
  const actions = await db.execute<{
    number: string;
    title: string;
    responsible: string | null;
    due: string;
    done_at: string | null;
    done_note: string;
    escalated_at: string | null;
  }>(sql`
    select w.number, a.title, u.name as responsible, a.due::text, a.done_at, a.done_note, a.escalated_at
      from corrective_actions a join work_items w on w.id = a.work_item_id left join users u on u.id = a.responsible_id
     where a.work_item_id = any(${sql.param(ncs.rows.map((n) => n.id))}::uuid[])
     order by w.number, a.due, a.title`);
  const improvements = await db.execute<{
    code: string;
    title: string;
    source: string;
    source_ref: string;
    process_key: string | null;
    owner: string | null;
    state: string;
    score: number | null;
    decision_reason: string;
    decided_by: string | null;
    decided_at: string | null;
    target_date: string | null;
    kpi_key: string | null;
    baseline: number | null;
    target: number | null;
    measured: number | null;
    benefits: string;
    realised_at: string | null;
    created_at: string;
    actions: number;
    actions_done: number;
  }>(sql`
    select i.code, i.title, i.source, i.source_ref, i.process_key, o.name as owner, i.state, i.score,
           i.decision_reason, d.name as decided_by, i.decided_at, i.target_date::text, i.kpi_key, i.baseline,
           i.target, i.measured, i.benefits, i.realised_at, i.created_at,
           (select count(*)::int from improvement_actions a where a.improvement_id = i.id) as actions,
           (select count(*)::int from improvement_actions a where a.improvement_id = i.id and a.done_at is not null) as actions_done
      from improvements i left join users o on o.id = i.owner_id left join users d on d.id = i.decided_by
     where i.created_at < ${end}
       and (i.state not in ('realised', 'rejected', 'withdrawn') or i.updated_at >= ${start})
     order by i.score desc nulls last, i.code`);
  return {
    tables: [
      {
        kind: 'nonconformities',
        header: [
          'number',
          'title',
          'state',
          'owner',
          'raised',
          'source',
          'source reference',
          'finding',
          'severity',
          'clause',
          'process',
          'correction',
          'corrected at',
          'root cause',
          'root cause method',
          'similar',
          'effectiveness due',
          'effectiveness',
          'effectiveness note',
          'effectiveness checked by',
          'effectiveness checked at',
          'closed at',
        ],
        rows: ncs.rows.map((n): Cell[] => [
          n.number,
          n.title,
          n.state,
          n.owner,
          when(n.created_at),
          n.source,
          n.source_ref,
          n.finding,
          n.severity,
          n.clause,
          n.process_key,
          n.correction,
          when(n.corrected_at),
          n.root_cause,
          n.root_cause_method,
          n.similar,
          n.effectiveness_due,
          n.effectiveness,
          n.effectiveness_note,
          n.effectiveness_by,
          when(n.effectiveness_at),
          when(n.closed_at),
        ]),
      },
      {
        kind: 'corrective-actions',
        header: ['nonconformity', 'title', 'responsible', 'due', 'done at', 'done note', 'escalated at'],
        rows: actions.rows.map((a): Cell[] => [
          a.number,
          a.title,
          a.responsible,
          a.due,
          when(a.done_at),
          a.done_note,
          when(a.escalated_at),
        ]),
      },
      {
        kind: 'improvements',
        header: [
          'code',
          'title',
          'source',
          'source reference',
          'process',
          'owner',
          'state',
          'score',
          'decision reason',
          'decided by',
          'decided at',
          'target date',
          'KPI',
          'baseline',
          'target',
          'measured',
          'benefits',
          'realised at',
          'proposed at',
          'actions',
          'actions done',
        ],
        rows: improvements.rows.map((i): Cell[] => [
          i.code,
          i.title,
          i.source,
          i.source_ref,
          i.process_key,
          i.owner,
          i.state,
          i.score,
          i.decision_reason,
          i.decided_by,
          when(i.decided_at),
          i.target_date,
          i.kpi_key,
          i.baseline,
          i.target,
          i.measured,
          i.benefits,
          when(i.realised_at),
          when(i.created_at),
          i.actions,
          i.actions_done,
        ]),
      },
    ],
    documents: [],
  };
}

/**
 * Management reviews whose meeting falls in the period (9.3), with attendance, decisions and actions, and
 * the minutes of every review held, as PDF.
 */
export async function reviews({ db, period }: SourceContext): Promise<Found> {
  const list = await db.execute<{
    id: string;
    code: string;
    title: string;
    period_from: string;
    period_to: string;
    meeting_on: string;
    location: string;
    chair: string | null;
    state: string;
    prepared_by: string | null;
    prepared_at: string | null;
    held_at: string | null;
    minutes: string;
    approved_by: string | null;
    approved_at: string | null;
    cancel_reason: string;
  }>(sql`
    select r.id, r.code, r.title, r.period_from::text, r.period_to::text, r.meeting_on::text, r.location,
           c.name as chair, r.state, p.name as prepared_by, r.prepared_at, r.held_at, r.minutes,
           a.name as approved_by, r.approved_at, r.cancel_reason
      from management_reviews r
      left join users c on c.id = r.chair_id
      left join users p on p.id = r.prepared_by
      left join users a on a.id = r.approved_by
     where r.meeting_on between ${period.from}::date and ${period.to}::date
     order by r.meeting_on, r.code`);
  const ids = sql.param(list.rows.map((r) => r.id));
  const attendees = await db.execute<{ review_id: string; name: string; attended: boolean | null }>(sql`
    select a.review_id, u.name, a.attended from management_review_attendees a join users u on u.id = a.user_id
     where a.review_id = any(${ids}::uuid[]) order by u.name`);
  const decisions = await db.execute<{
    id: string;
    review_id: string;
    position: number;
    text: string;
    topic: string;
  }>(sql`
    select d.id, d.review_id, d.position, d.text, d.topic from management_review_decisions d
     where d.review_id = any(${ids}::uuid[]) order by d.review_id, d.position`);
  const actions = await db.execute<{
    review_id: string;
    decision_id: string | null;
    title: string;
    responsible: string | null;
    due: string | null;
    done_at: string | null;
    done_note: string;
  }>(sql`
    select a.review_id, a.decision_id, a.title, u.name as responsible, a.due::text, a.done_at, a.done_note
      from management_review_actions a left join users u on u.id = a.responsible_id
     where a.review_id = any(${ids}::uuid[]) order by a.review_id, a.due nulls last, a.title`);
  const codeOf = new Map(list.rows.map((r) => [r.id, r.code]));
  const decisionNo = new Map(decisions.rows.map((d) => [d.id, d.position]));

  const documents: Document[] = list.rows
    .filter((r) => r.held_at || r.state === 'held' || r.state === 'approved')
    .map((r) => {
      const who = attendees.rows.filter((a) => a.review_id === r.id);
      const ds = decisions.rows.filter((d) => d.review_id === r.id);
      const as = actions.rows.filter((a) => a.review_id === r.id);
      return {
        kind: 'management-reviews',
        name: r.code,
        title: `Management review minutes: ${r.title}`,
        subtitle: [
          `${r.code} · ${r.state}`,
          `meeting ${r.meeting_on}`,
          `period ${r.period_from} – ${r.period_to}`,
          r.chair ? `chair ${r.chair}` : null,
          r.approved_by
            ? `minutes approved by ${r.approved_by} ${when(r.approved_at)?.slice(0, 10) ?? ''}`
            : null,
        ]
          .filter(Boolean)
          .join(' · '),
        html: html`
          <h2>Attendance</h2>
          <ul>${who.map((a) => html`<li>${a.name}: ${a.attended === null ? 'not recorded' : a.attended ? 'present' : 'absent'}</li>`)}</ul>
          <h2>Minutes</h2>${paragraphs(r.minutes || '—')}
          <h2>Decisions</h2>
          ${ds.length ? html`<ol>${ds.map((d) => html`<li>${d.text} (${d.topic})</li>`)}</ol>` : html`<p>None.</p>`}
          <h2>Actions</h2>
          ${
            as.length
              ? html`<ul>${as.map(
                  (a) =>
                    html`<li>${a.title} — ${a.responsible ?? 'nobody named'}, due ${a.due ?? 'not set'}${a.done_at ? `, done ${when(a.done_at)!.slice(0, 10)}` : ', open'}</li>`,
                )}</ul>`
              : html`<p>None.</p>`
          }`.text,
        footer: `${r.code} minutes`,
        language: 'en',
      };
    });

  return {
    tables: [
      {
        kind: 'management-reviews',
        header: [
          'code',
          'title',
          'period from',
          'period to',
          'meeting on',
          'location',
          'chair',
          'state',
          'prepared by',
          'prepared at',
          'held at',
          'invited',
          'attended',
          'approved by',
          'approved at',
          'cancel reason',
        ],
        rows: list.rows.map((r): Cell[] => {
          const who = attendees.rows.filter((a) => a.review_id === r.id);
          return [
            r.code,
            r.title,
            r.period_from,
            r.period_to,
            r.meeting_on,
            r.location,
            r.chair,
            r.state,
            r.prepared_by,
            when(r.prepared_at),
            when(r.held_at),
            who.length,
            who.filter((a) => a.attended).length,
            r.approved_by,
            when(r.approved_at),
            r.cancel_reason,
          ];
        }),
      },
      {
        kind: 'review-decisions',
        header: ['review', 'number', 'decision', 'topic'],
        rows: decisions.rows.map((d): Cell[] => [
          codeOf.get(d.review_id) ?? null,
          d.position,
          d.text,
          d.topic,
        ]),
      },
      {
        kind: 'review-actions',
        header: ['review', 'decision number', 'title', 'responsible', 'due', 'done at', 'done note'],
        rows: actions.rows.map((a): Cell[] => [
          codeOf.get(a.review_id) ?? null,
          a.decision_id ? (decisionNo.get(a.decision_id) ?? null) : null,
          a.title,
          a.responsible,
          a.due,
          when(a.done_at),
          a.done_note,
        ]),
      },
    ],
    documents,
  };
}
