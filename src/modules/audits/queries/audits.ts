import { asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import { isoTimestampOrNull } from '../../../kernel/db/timestamps.ts';
import type { PageQuery } from '../../../kernel/http/pagination.ts';
import { problems } from '../../../kernel/http/problem.ts';
import type { AuditState, ChecklistAnswer } from '../lifecycle.ts';
import {
  mayApproveReport,
  mayCancelAudit,
  mayEditAuditPlan,
  mayEditChecklist,
  mayPerformAudit,
  mayReopenAudit,
  mayReportAudit,
} from '../policy.ts';
import { auditChecklistItems, audits } from '../schema.ts';
import type { AuditDetail, AuditView, ChecklistItemView } from '../shapes.ts';
import { listFindings } from './findings.ts';

export type Audit = typeof audits.$inferSelect;
export type ChecklistItem = typeof auditChecklistItems.$inferSelect;

export async function auditFor(tx: Queryable, id: string, forUpdate = false): Promise<Audit> {
  const q = tx.select().from(audits).where(eq(audits.id, id));
  const [a] = forUpdate ? await q.for('update') : await q;
  if (!a) throw problems.notFound(`Audit ${id}`);
  return a;
}

/**
 * Everyone who answered a question of this audit's checklist (as the audit log keeps it, so an answer later
 * overwritten still counts) or raised a finding in it: none of them approves its report.
 */
export async function contributorsOf(db: Queryable, a: { id: string; code: string }): Promise<string[]> {
  const res = await db.execute<{ id: string }>(sql`
    select answered_by as id from audit_checklist_items where audit_id = ${a.id} and answered_by is not null
    union select raised_by from findings where audit_id = ${a.id} and raised_by is not null
    union select actor_id from audit_log
     where record_type = 'audit' and record_id = ${a.code} and action = 'audit.checklist_answered'
       and actor_id is not null`);
  return res.rows.map((r) => r.id);
}

type Row = Omit<AuditView, 'startedAt' | 'reportedAt' | 'approvedAt'> & {
  startedAt: string | null;
  reportedAt: string | null;
  approvedAt: string | null;
  total: number;
};

const selectAudits = (where: SQL, page: PageQuery | null) => sql`
  select a.id, a.code, a.programme_id as "programmeId", p.code as "programmeCode", a.title,
         a.scope_clauses as "scopeClauses", a.scope_processes as "scopeProcesses",
         a.scope_service_ids as "scopeServiceIds", a.criteria, a.lead_auditor_id as "leadAuditorId",
         l.name as "leadAuditor", a.team_ids as "teamIds", a.auditee_ids as "auditeeIds",
         a.planned_start::text as "plannedStart", a.planned_end::text as "plannedEnd",
         a.started_at as "startedAt", a.state, a.summary, a.conclusion, a.reported_at as "reportedAt",
         ap.name as "approvedBy", a.approved_at as "approvedAt", a.cancel_reason as "cancelReason",
         (select count(*)::int from audit_checklist_items i where i.audit_id = a.id) as "checklistItems",
         (select count(*)::int from audit_checklist_items i where i.audit_id = a.id and i.answer is not null) as answered,
         (select count(*)::int from findings f where f.audit_id = a.id) as findings,
         a.version, count(*) over ()::int as total
    from audits a
    left join audit_programmes p on p.id = a.programme_id
    left join users l on l.id = a.lead_auditor_id
    left join users ap on ap.id = a.approved_by
   where ${where}
   order by a.planned_start, a.code
   ${page ? sql`limit ${page.limit} offset ${page.offset}` : sql``}`;

const shown = ({ total: _, ...r }: Row): AuditView => ({
  ...r,
  state: r.state as AuditState,
  startedAt: isoTimestampOrNull(r.startedAt),
  reportedAt: isoTimestampOrNull(r.reportedAt),
  approvedAt: isoTimestampOrNull(r.approvedAt),
});

export type AuditFilter = PageQuery & {
  programme?: string;
  state?: AuditState[];
  from?: string;
  to?: string;
};

/** Audits by planned start, paged; narrowed by programme, states, and a window their planned dates touch. */
export async function listAudits(db: Queryable, q: AuditFilter) {
  const states = q.state?.length ? sql.param(q.state) : null;
  const res = await db.execute<Row>(
    selectAudits(
      sql`(${q.programme ?? null}::uuid is null or a.programme_id = ${q.programme ?? null}::uuid)
      and (${states}::text[] is null or a.state = any(${states}::text[]))
      and (${q.from ?? null}::date is null or a.planned_end >= ${q.from ?? null}::date)
      and (${q.to ?? null}::date is null or a.planned_start <= ${q.to ?? null}::date)`,
      q,
    ),
  );
  return { items: res.rows.map(shown), total: res.rows[0]?.total ?? 0, limit: q.limit, offset: q.offset };
}

/** An audit's checklist in its order, with who answered each question. */
export async function checklistOf(db: Queryable, auditId: string): Promise<ChecklistItemView[]> {
  const res = await db.execute<
    Omit<ChecklistItemView, 'answeredAt'> & { answeredAt: string | null; answer: ChecklistAnswer | null }
  >(sql`
    select i.id, i.clause, i.position, i.question, i.answer, i.notes, i.evidence, u.name as "answeredBy",
           i.answered_at as "answeredAt", i.version
      from audit_checklist_items i left join users u on u.id = i.answered_by
     where i.audit_id = ${auditId}
     order by i.position, i.id`);
  return res.rows.map((r) => ({ ...r, answeredAt: isoTimestampOrNull(r.answeredAt) }));
}

export async function checklistItemsOf(tx: Queryable, auditId: string) {
  return tx
    .select()
    .from(auditChecklistItems)
    .where(eq(auditChecklistItems.auditId, auditId))
    .orderBy(asc(auditChecklistItems.position), asc(auditChecklistItems.id));
}

async function named(db: Queryable, table: 'users' | 'services', ids: readonly string[]) {
  if (!ids.length) return [];
  const res = await db.execute<{ id: string; name: string | null }>(
    sql`select id, name from ${sql.identifier(table)} where id = any(${sql.param([...ids])}::uuid[])`,
  );
  const byId = new Map(res.rows.map((r) => [r.id, r.name]));
  return ids.map((id) => ({ id, name: byId.get(id) ?? null }));
}

/** An audit with its team, checklist, findings, and what the reader may do with it now. */
export async function presentAudit(db: Queryable, who: Principal, id: string): Promise<AuditDetail> {
  const res = await db.execute<Row>(selectAudits(sql`a.id = ${id}`, null));
  const row = res.rows[0];
  if (!row) throw problems.notFound(`Audit ${id}`);
  const a = shown(row);
  const programme = a.programmeId
    ? (
        await db.execute<{ ownerId: string }>(
          sql`select owner_id as "ownerId" from audit_programmes where id = ${a.programmeId}`,
        )
      ).rows[0]!
    : null;
  const open = a.state === 'planned' || a.state === 'in_progress';
  const helped = { ...a, contributorIds: a.state === 'reporting' ? await contributorsOf(db, a) : [] };
  return {
    ...a,
    team: await named(db, 'users', a.teamIds),
    auditees: await named(db, 'users', a.auditeeIds),
    services: await named(db, 'services', a.scopeServiceIds),
    checklist: await checklistOf(db, id),
    findingList: (await listFindings(db, { audit: id, limit: 200, offset: 0 })).items,
    abilities: {
      editPlan: open && mayEditAuditPlan(who, a),
      editChecklist: open && mayEditChecklist(who, a),
      answer: a.state === 'in_progress' && mayPerformAudit(who, a),
      start: a.state === 'planned' && mayPerformAudit(who, a),
      report: a.state === 'in_progress' && mayReportAudit(who, a),
      reopen: a.state === 'reporting' && mayReopenAudit(who, helped, programme),
      approve: a.state === 'reporting' && mayApproveReport(who, helped, programme),
      cancel: open && mayCancelAudit(who, a),
    },
  };
}
