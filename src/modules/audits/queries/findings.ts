import { eq, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../../kernel/db/database.ts';
import { isoTimestamp } from '../../../kernel/db/timestamps.ts';
import type { PageQuery } from '../../../kernel/http/pagination.ts';
import { problems } from '../../../kernel/http/problem.ts';
import type { FindingKind } from '../lifecycle.ts';
import { findings } from '../schema.ts';
import type { FindingView } from '../shapes.ts';

export type Finding = typeof findings.$inferSelect;

export async function findingFor(tx: Queryable, id: string, forUpdate = false): Promise<Finding> {
  const q = tx.select().from(findings).where(eq(findings.id, id));
  const [f] = forUpdate ? await q.for('update') : await q;
  if (!f) throw problems.notFound(`Finding ${id}`);
  return f;
}

type Row = Omit<FindingView, 'raisedAt'> & { raisedAt: string; total: number };

const selectFindings = (where: SQL, page: PageQuery) => sql`
  select f.id, f.code, f.audit_id as "auditId", a.code as "auditCode", f.checklist_item_id as "checklistItemId",
         f.kind, f.clause, f.process_key as "processKey", f.title, f.statement, f.evidence,
         u.name as "raisedBy", f.raised_at as "raisedAt", f.nonconformity_id as "nonconformityId",
         w.number as "nonconformityNumber", f.improvement_id as "improvementId", f.version,
         count(*) over ()::int as total
    from findings f
    left join audits a on a.id = f.audit_id
    left join users u on u.id = f.raised_by
    left join work_items w on w.id = f.nonconformity_id
   where ${where}
   order by f.raised_at, f.code
   limit ${page.limit} offset ${page.offset}`;

const shown = ({ total: _, ...r }: Row): FindingView => ({
  ...r,
  kind: r.kind as FindingKind,
  raisedAt: isoTimestamp(r.raisedAt),
});

export type FindingFilter = PageQuery & { audit?: string; kind?: FindingKind[]; clause?: string };

/** Findings in the order they were raised, paged; narrowed by audit, kinds and clause. */
export async function listFindings(db: Queryable, q: FindingFilter) {
  const kinds = q.kind?.length ? sql.param(q.kind) : null;
  const res = await db.execute<Row>(
    selectFindings(
      sql`(${q.audit ?? null}::uuid is null or f.audit_id = ${q.audit ?? null}::uuid)
      and (${kinds}::text[] is null or f.kind = any(${kinds}::text[]))
      and (${q.clause ?? null}::text is null or f.clause = ${q.clause ?? null}::text)`,
      q,
    ),
  );
  return { items: res.rows.map(shown), total: res.rows[0]?.total ?? 0, limit: q.limit, offset: q.offset };
}

export async function presentFinding(db: Queryable, id: string): Promise<FindingView> {
  const res = await db.execute<Row>(selectFindings(sql`f.id = ${id}`, { limit: 1, offset: 0 }));
  if (!res.rows[0]) throw problems.notFound(`Finding ${id}`);
  return shown(res.rows[0]);
}
