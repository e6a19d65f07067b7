import { sql } from 'drizzle-orm';
import { addMonthsTo } from '../../../../kernel/days.ts';
import { listObjectives, presentObjective } from '../../../objectives/index.ts';
import { listPolicies, presentPolicy } from '../../../policies/index.ts';
import { listRisks } from '../../../risks/index.ts';
import type { Cell, Document, Found, SourceContext, Table } from './types.ts';

/**
 * The leadership records of the period, read through their modules' faces: policies and the plan with their
 * versions, decisions and acknowledgements (5.2, 6.3), objectives with their measurements (6.2), the risk
 * register (6.1). A version counts for the period when it was in force at any time in it; its PDF is the
 * same document the policies module prints.
 */
export async function governance(c: SourceContext): Promise<Found> {
  const { db, period, reader, at } = c;
  const versions: Cell[][] = [];
  const decisions: Cell[][] = [];
  const acknowledgements: Cell[][] = [];
  const documents: Document[] = [];
  for (const row of await listPolicies(db, reader)) {
    const p = await presentPolicy(db, reader, row.id);
    const kind = p.kind === 'plan' ? 'plan' : 'policies';
    for (const v of p.versions) {
      if (v.createdAt && v.createdAt >= period.end.toISOString()) continue;
      const approvals = v.decisions.filter((d) => d.approved);
      versions.push([
        p.identifier,
        p.title,
        p.kind,
        p.process,
        p.owner.name,
        v.number,
        v.state,
        v.author,
        v.createdAt,
        v.submittedAt,
        v.publishedAt,
        v.endedAt,
        approvals.map((d) => `${d.decider} (${d.role}) ${d.at.slice(0, 10)}`).join('; '),
        v.changeNote,
      ]);
      for (const d of v.decisions) {
        decisions.push([
          p.identifier,
          v.number,
          d.decider,
          d.role,
          d.approved ? 'approved' : 'sent back',
          d.at,
          d.comment,
        ]);
      }
      const inForce =
        !!v.publishedAt &&
        v.publishedAt < period.end.toISOString() &&
        (!v.endedAt || v.endedAt >= period.start.toISOString());
      if (!inForce) continue;
      documents.push({
        kind,
        name: `${p.identifier}-v${v.number}`,
        title: p.title,
        subtitle: [
          `${p.identifier} · v${v.number} · ${v.state}`,
          v.publishedAt ? `published ${v.publishedAt.slice(0, 10)}` : null,
          approvals.length
            ? `approved by ${approvals.map((d) => `${d.decider} (${d.role}) ${d.at.slice(0, 10)}`).join(', ')}`
            : null,
          p.owner.name ? `owner ${p.owner.name}` : null,
        ]
          .filter(Boolean)
          .join(' · '),
        html: v.body,
        footer: `${p.identifier} v${v.number}`,
        language: p.language,
      });
    }
    // coverage is kept for the version in force now: who was asked to read it and who has
    const published = p.versions.find((v) => v.state === 'published');
    if (published && p.coverage) {
      const all = p.coverage;
      acknowledgements.push([
        p.identifier,
        published.number,
        'all',
        all.asked,
        all.acknowledged,
        all.percent,
      ]);
      for (const r of all.byRole) {
        acknowledgements.push([p.identifier, published.number, r.role, r.asked, r.acknowledged, r.percent]);
      }
    }
  }

  const tables: Table[] = [
    {
      kind: 'policies',
      header: [
        'identifier',
        'title',
        'kind',
        'process',
        'owner',
        'version',
        'state',
        'author',
        'created',
        'submitted',
        'published',
        'ended',
        'approved by',
        'change note',
      ],
      rows: versions,
    },
    {
      kind: 'policy-decisions',
      header: ['identifier', 'version', 'decider', 'role', 'decision', 'at', 'comment'],
      rows: decisions,
    },
    {
      kind: 'policy-acknowledgements',
      header: ['identifier', 'version in force', 'role', 'asked', 'acknowledged', 'percent'],
      rows: acknowledgements,
    },
    ...(await objectives(c)),
    await risks(db, at),
  ];
  return { tables, documents };
}

const namesOf = async (db: SourceContext['db'], ids: string[]) => {
  if (!ids.length) return new Map<string, string>();
  const r = await db.execute<{ id: string; name: string }>(
    sql`select id, name from users where id = any(${sql.param([...new Set(ids)])}::uuid[])`,
  );
  return new Map(r.rows.map((x) => [x.id, x.name]));
};

/** Objectives as they stand at the pack's moment, and each one's values in the periods within the pack's. */
async function objectives({ db, period, at }: SourceContext): Promise<Table[]> {
  const list = await listObjectives(db, at);
  const owners = await namesOf(
    db,
    list.map((o) => o.ownerId),
  );
  const summary: Cell[][] = [];
  const measurements: Cell[][] = [];
  const reviews: Cell[][] = [];
  const inPeriod = (iso: string | null) =>
    !!iso && iso >= period.start.toISOString() && iso < period.end.toISOString();
  for (const o of list) {
    summary.push([
      o.code,
      o.title,
      o.businessGoal,
      owners.get(o.ownerId) ?? null,
      o.direction === 'at_least' ? '≥' : '≤',
      o.target,
      o.unit,
      o.period,
      o.deadline,
      o.measurement.kind === 'kpi' ? `KPI ${o.measurement.kpi}` : 'recorded',
      o.current.value,
      o.status,
    ]);
    // an objective shows its last six periods: read as many sixes back as the pack's period reaches
    const values = new Map<string, number | null>();
    const now = await presentObjective(db, o.id, at);
    const recorded = new Map(now.recordedValues.map((v) => [v.periodStart, v]));
    let d = now;
    for (let cursor = at; ; ) {
      for (const t of d.trend) if (inPeriod(t.periodStart)) values.set(t.periodStart, t.value);
      cursor = addMonthsTo(cursor, o.period === 'month' ? -6 : -18);
      if (cursor < period.start) break;
      d = await presentObjective(db, o.id, cursor);
    }
    for (const [start, value] of [...values].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const r = recorded.get(start);
      measurements.push([
        o.code,
        start.slice(0, 10),
        value,
        o.unit,
        r ? 'recorded' : 'computed',
        r?.evidence ?? null,
        r?.recordedAt ?? null,
      ]);
    }
    for (const r of now.reviews) {
      if (inPeriod(r.at)) reviews.push([o.code, r.at, r.reviewer, r.status, r.value, r.note]);
    }
  }
  return [
    {
      kind: 'objectives',
      header: [
        'code',
        'title',
        'business goal',
        'owner',
        'direction',
        'target',
        'unit',
        'period',
        'deadline',
        'measured by',
        'current value',
        'status',
      ],
      rows: summary,
    },
    {
      kind: 'objective-measurements',
      header: ['objective', 'period start', 'value', 'unit', 'source', 'evidence', 'recorded at'],
      rows: measurements,
    },
    {
      kind: 'objective-reviews',
      header: ['objective', 'at', 'reviewer', 'status', 'value', 'note'],
      rows: reviews,
    },
  ];
}

/** The register of risks and opportunities as it stands at the pack's moment, with both scores. */
async function risks(db: SourceContext['db'], at: Date): Promise<Table> {
  const list = await listRisks(db, {}, at);
  const owners = await namesOf(
    db,
    list.map((r) => r.ownerId),
  );
  return {
    kind: 'risks',
    header: [
      'code',
      'kind',
      'title',
      'causes',
      'consequences',
      'owner',
      'inherent score',
      'residual score',
      'above acceptable',
      'treatment',
      'accepted at',
      'review due',
      'review overdue',
      'status',
    ],
    rows: list.map((r) => [
      r.code,
      r.kind,
      r.title,
      r.causes,
      r.consequences,
      owners.get(r.ownerId) ?? null,
      r.inherent.score,
      r.residual.score,
      r.high,
      r.treatment,
      r.acceptedAt,
      r.reviewDue,
      r.reviewOverdue,
      r.status,
    ]),
  };
}
