import { and, desc, eq, sql } from 'drizzle-orm';
import { dayOf } from '../../kernel/days.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { isoTimestampOrNull as iso } from '../../kernel/db/timestamps.ts';
import { problems } from '../../kernel/http/problem.ts';
import { type RiskStatus, reviewedStatuses } from './lifecycle.ts';
import { score } from './policy.ts';
import { riskCriteria, risks } from './schema.ts';
import type { Criteria } from './shapes.ts';

export type Risk = typeof risks.$inferSelect;
/** Keel's criteria until top management sets its own: five-point scales, scores up to 6 acceptable. */
export const defaultCriteria: Criteria = {
  likelihood: ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'],
  impact: ['Negligible', 'Minor', 'Moderate', 'Major', 'Severe'],
  acceptable: 6,
};

export const shownCriteria = (c: typeof riskCriteria.$inferSelect | undefined) =>
  c
    ? {
        likelihood: c.likelihood,
        impact: c.impact,
        acceptable: c.acceptable,
        setBy: c.setBy,
        setAt: c.setAt,
        version: c.version,
      }
    : { ...defaultCriteria, setBy: null, setAt: null, version: 0 };

export async function criteriaOf(db: Queryable) {
  const [c] = await db.select().from(riskCriteria).where(eq(riskCriteria.id, 1));
  return shownCriteria(c);
}

export async function riskFor(db: Queryable, id: string, forUpdate = false) {
  const q = db.select().from(risks).where(eq(risks.id, id));
  const [r] = forUpdate ? await q.for('update') : await q;
  if (!r) throw problems.notFound(`Risk ${id}`);
  return r;
}

/** A risk as the register shows it: both scores, whether the residual one is above the acceptable level. */
function present(r: Risk, acceptable: number, now: Date) {
  const residual = score(r.residualLikelihood, r.residualImpact);
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    title: r.title,
    causes: r.causes,
    consequences: r.consequences,
    serviceIds: r.serviceIds,
    ciIds: r.ciIds,
    ownerId: r.ownerId,
    inherent: {
      likelihood: r.inherentLikelihood,
      impact: r.inherentImpact,
      score: score(r.inherentLikelihood, r.inherentImpact),
    },
    residual: { likelihood: r.residualLikelihood, impact: r.residualImpact, score: residual },
    high: r.kind === 'risk' && residual > acceptable,
    treatment: r.treatment,
    acceptedAt: iso(r.acceptedAt),
    reviewDue: r.reviewDue,
    reviewOverdue: reviewedStatuses.includes(r.status) && r.reviewDue < dayOf(now),
    status: r.status,
    version: r.version,
  };
}

export async function listRisks(
  db: Queryable,
  filter: { kind?: 'risk' | 'opportunity'; status?: RiskStatus; high?: boolean } = {},
  now = new Date(),
) {
  const { acceptable } = await criteriaOf(db);
  const rows = await db
    .select()
    .from(risks)
    .where(
      and(
        filter.kind ? eq(risks.kind, filter.kind) : undefined,
        filter.status ? eq(risks.status, filter.status) : undefined,
      ),
    )
    .orderBy(desc(sql`${risks.residualLikelihood} * ${risks.residualImpact}`), risks.code);
  return rows
    .map((r) => present(r, acceptable, now))
    .filter((r) => filter.high === undefined || r.high === filter.high);
}

/** The heat map: open risks counted in each likelihood × impact cell, residual (after treatment) and inherent. */
export async function heatMap(db: Queryable) {
  const criteria = await criteriaOf(db);
  const open = await listRisks(db, { kind: 'risk', status: 'open' });
  const grid = (pick: (r: (typeof open)[number]) => { likelihood: number; impact: number }) =>
    [1, 2, 3, 4, 5].map((likelihood) =>
      [1, 2, 3, 4, 5].map((impact) => ({
        likelihood,
        impact,
        acceptable: likelihood * impact <= criteria.acceptable,
        risks: open
          .filter((r) => pick(r).likelihood === likelihood && pick(r).impact === impact)
          .map((r) => r.code),
      })),
    );
  return { criteria, residual: grid((r) => r.residual), inherent: grid((r) => r.inherent) };
}

export async function presentRisk(db: Queryable, id: string) {
  const r = await riskFor(db, id);
  const { acceptable } = await criteriaOf(db);
  const actions = await db.execute<{
    id: string;
    title: string;
    responsible: string | null;
    due: string | null;
    done_at: Date | null;
  }>(sql`
    select a.id, a.title, u.name as responsible, a.due::text, a.done_at
      from risk_actions a left join users u on u.id = a.responsible_id where a.risk_id = ${id} order by a.due nulls last`);
  const names = await db.execute<{ id: string; name: string }>(sql`
    select s.id, c.name from services s join cis c on c.id = s.ci_id where s.id = any(${sql.param(r.serviceIds)}::uuid[])
    union all select id, name from cis where id = any(${sql.param(r.ciIds)}::uuid[])
    union all select id, name from users where id = any(${sql.param([r.ownerId, ...(r.acceptedBy ? [r.acceptedBy] : [])])}::uuid[])`);
  const nameOf = (x: string | null) => names.rows.find((n) => n.id === x)?.name ?? null;
  return {
    ...present(r, acceptable, new Date()),
    owner: nameOf(r.ownerId),
    acceptedBy: nameOf(r.acceptedBy),
    services: r.serviceIds.map((s) => ({ id: s, name: nameOf(s) })),
    cis: r.ciIds.map((c) => ({ id: c, name: nameOf(c) })),
    actions: actions.rows.map((a) => ({
      id: a.id,
      title: a.title,
      responsible: a.responsible,
      due: a.due,
      done: !!a.done_at,
    })),
  };
}
