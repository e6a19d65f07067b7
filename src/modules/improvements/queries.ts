import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/access/actor.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { isoTimestampOrNull as iso, isoTimestamp } from '../../kernel/db/timestamps.ts';
import { type ImprovementSource, type ImprovementState, improvementLifecycle } from './lifecycle.ts';
import { mayEdit, mayEvaluate, mayRun, mayStep } from './policy.ts';
import type { ImprovementListQuery, ImprovementRow, ImprovementView } from './shapes.ts';

type Who = Pick<Actor, 'userId' | 'roles'>;

type Row = {
  id: string;
  code: string;
  title: string;
  description: string;
  source: ImprovementSource;
  source_ref: string;
  state: ImprovementState;
  score: number | null;
  service_id: string | null;
  process_key: string | null;
  objective_id: string | null;
  owner_id: string | null;
  owner_name: string | null;
  target_date: string | null;
  kpi_key: string | null;
  baseline: number | null;
  target: number | null;
  measured: number | null;
  scores: Record<string, number>;
  decision_reason: string;
  decided_by: string | null;
  decided_at: string | null;
  benefits: string;
  realised_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  total?: number;
};

const columns = sql`
  i.id, i.code, i.title, i.description, i.source, i.source_ref, i.state, i.score, i.service_id, i.process_key,
  i.objective_id, i.owner_id, o.name as owner_name, i.target_date::text as target_date, i.kpi_key, i.baseline,
  i.target, i.measured, i.scores, i.decision_reason, i.decided_by, i.decided_at, i.benefits, i.realised_at,
  i.created_by, i.created_at, i.updated_at, i.version`;

const num = (v: number | null) => (v === null ? null : Number(v));

const presentRow = (r: Row): ImprovementRow => ({
  id: r.id,
  code: r.code,
  title: r.title,
  source: r.source,
  sourceRef: r.source_ref,
  state: r.state,
  score: num(r.score),
  processKey: r.process_key,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  targetDate: r.target_date,
  kpiKey: r.kpi_key,
  baseline: num(r.baseline),
  measured: num(r.measured),
  updatedAt: isoTimestamp(r.updated_at),
});

const orderBy: Record<ImprovementListQuery['sort'], SQL> = {
  score: sql`i.score desc nulls last, i.code`,
  updated: sql`i.updated_at desc, i.code`,
  code: sql`i.code`,
};

/** The register, best scored first (or as asked), filtered as asked; a page and the total. */
export async function listImprovements(db: Queryable, f: ImprovementListQuery) {
  const where: SQL[] = [sql`true`];
  if (f.state) where.push(sql`i.state = ${f.state}`);
  if (f.source) where.push(sql`i.source = ${f.source}`);
  if (f.process) where.push(sql`lower(i.process_key) = lower(${f.process})`);
  const cond = sql.join(where, sql` and `);
  const res = await db.execute<Row>(sql`
    select ${columns}, count(*) over ()::int as total
      from improvements i left join users o on o.id = i.owner_id
     where ${cond}
     order by ${orderBy[f.sort]}
     limit ${f.limit} offset ${f.offset}`);
  let total = res.rows[0]?.total;
  if (total === undefined)
    total = Number(
      (await db.execute<{ n: number }>(sql`select count(*)::int as n from improvements i where ${cond}`))
        .rows[0]!.n,
    );
  return { items: res.rows.map(presentRow), total: Number(total), limit: f.limit, offset: f.offset };
}

/** One improvement as its page shows it: the record, its plan, and what the reader may do with it. */
export async function presentImprovement(
  db: Queryable,
  id: string,
  who: Who,
): Promise<ImprovementView | null> {
  const res = await db.execute<Row>(sql`
    select ${columns} from improvements i left join users o on o.id = i.owner_id where i.id = ${id}`);
  const r = res.rows[0];
  if (!r) return null;
  const actions = await db.execute<{
    id: string;
    title: string;
    responsible_id: string | null;
    responsible_name: string | null;
    due: string | null;
    done_at: string | null;
  }>(sql`
    select a.id, a.title, a.responsible_id, u.name as responsible_name, a.due::text as due, a.done_at
      from improvement_actions a left join users u on u.id = a.responsible_id
     where a.improvement_id = ${id}
     order by a.due nulls last, a.title, a.id`);
  const facts = { ownerId: r.owner_id, createdBy: r.created_by, state: r.state };
  const final = improvementLifecycle.final.includes(r.state);
  return {
    ...presentRow(r),
    description: r.description,
    serviceId: r.service_id,
    objectiveId: r.objective_id,
    scores: r.scores,
    decisionReason: r.decision_reason,
    decidedBy: r.decided_by,
    decidedAt: iso(r.decided_at),
    target: num(r.target),
    benefits: r.benefits,
    realisedAt: iso(r.realised_at),
    createdBy: r.created_by,
    createdAt: isoTimestamp(r.created_at),
    version: Number(r.version),
    actions: actions.rows.map((a) => ({
      id: a.id,
      title: a.title,
      responsibleId: a.responsible_id,
      responsibleName: a.responsible_name,
      due: a.due,
      state: a.done_at ? ('done' as const) : ('open' as const),
      doneAt: iso(a.done_at),
    })),
    transitions: improvementLifecycle.transitions
      .filter((t) => t.from.includes(r.state) && mayStep(who, facts, t.name))
      .map((t) => ({ name: t.name, to: t.to, requires: [...(t.requires ?? [])] })),
    abilities: {
      edit: !final && mayEdit(who, facts),
      evaluate: r.state === 'proposed' && mayEvaluate(who),
      run: !final && mayRun(who, facts),
    },
  };
}
