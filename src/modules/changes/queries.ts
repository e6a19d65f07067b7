import { type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { isoTimestampOrNull as iso } from '../../kernel/db/timestamps.ts';
import { decodeTimeCursor, encodeCursor } from '../../kernel/http/pagination.ts';
import { presentItem } from '../../kernel/records/queries.ts';
import type { WorkItem, WorkItemType } from '../../kernel/records/registry.ts';
import { visibilitySql } from '../../kernel/records/visibility.ts';
import type { ChangeKind, ChangeOutcome, ChangeRisk } from './lifecycle.ts';
import { mayApproveChange } from './policy.ts';

type DetailRow = {
  kind: ChangeKind;
  risk: ChangeRisk;
  reason: string;
  implementation_plan: string;
  backout_plan: string;
  planned_start: string | null;
  planned_end: string | null;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: string | null;
  implemented_at: string | null;
  outcome: ChangeOutcome | null;
  outcome_note: string | null;
  closed_at: string | null;
  service_name: string | null;
  requester_name: string | null;
  assignee_name: string | null;
  group_name: string | null;
  cis: Array<{ id: string; name: string }>;
};

/** One change as its page shows it: the work item, its plan, approval, outcome and the names it refers to. */
export async function presentChange(db: Queryable, item: WorkItem, def: WorkItemType, who: Principal) {
  const res = await db.execute<DetailRow>(sql`
    select d.kind, d.risk, d.reason, d.implementation_plan, d.backout_plan, d.planned_start, d.planned_end,
           d.approved_by, ap.name as approved_by_name, d.approved_at, d.implemented_at, d.outcome,
           d.outcome_note, d.closed_at, sc.name as service_name, rq.name as requester_name,
           asg.name as assignee_name, g.name as group_name,
           coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name) order by c.name)
                       from change_cis x join cis c on c.id = x.ci_id where x.work_item_id = w.id), '[]') as cis
      from work_items w join changes d on d.work_item_id = w.id
      left join users ap on ap.id = d.approved_by
      left join services s on s.id = w.service_id left join cis sc on sc.id = s.ci_id
      left join users rq on rq.id = w.requester_id
      left join users asg on asg.id = w.assignee_id
      left join groups g on g.id = w.group_id
     where w.id = ${item.id}`);
  const d = res.rows[0]!;
  const shown = presentItem(item, def, who);
  // approval depends on the change's kind and who asked for it (policy.ts): nobody else is offered it
  const transitions = mayApproveChange(who, { kind: d.kind, requesterId: item.requesterId })
    ? shown.transitions
    : shown.transitions.filter((t) => t.name !== 'approve');
  return {
    ...shown,
    transitions,
    kind: d.kind,
    risk: d.risk,
    reason: d.reason,
    implementationPlan: d.implementation_plan,
    backoutPlan: d.backout_plan,
    plannedStart: iso(d.planned_start),
    plannedEnd: iso(d.planned_end),
    approvedBy: d.approved_by ? { id: d.approved_by, name: d.approved_by_name } : null,
    approvedAt: iso(d.approved_at),
    implementedAt: iso(d.implemented_at),
    outcome: d.outcome,
    outcomeNote: d.outcome_note ?? '',
    closedAt: iso(d.closed_at),
    serviceName: d.service_name,
    requesterName: d.requester_name,
    assigneeName: d.assignee_name,
    groupName: d.group_name,
    cis: d.cis,
  };
}

export type ChangeFilter = {
  state?: string[];
  kind?: string[];
  open?: boolean;
  serviceId?: string;
  limit: number;
  cursor?: string;
};

type ListRow = {
  id: string;
  number: string;
  title: string;
  state: string;
  final: boolean;
  kind: ChangeKind;
  risk: ChangeRisk;
  plannedStart: string | null;
  plannedEnd: string | null;
  outcome: ChangeOutcome | null;
  serviceName: string | null;
  assigneeName: string | null;
  createdAt: string;
};

/**
 * Changes, newest first, a page at a time (cursor on when recorded and the id), with the filter's states,
 * kinds, service and whether still open. Everyone who may list changes sees all of them.
 */
export async function listChanges(db: Queryable, who: Principal, f: ChangeFilter) {
  const cursor = decodeTimeCursor(f.cursor);
  const where: SQL[] = [sql`w.type = 'change'`, visibilitySql(who)];
  if (f.state?.length) where.push(sql`w.state = any(${sql.param(f.state)}::text[])`);
  if (f.kind?.length) where.push(sql`d.kind = any(${sql.param(f.kind)}::text[])`);
  if (f.open !== undefined) where.push(sql`w.final = ${!f.open}`);
  if (f.serviceId) where.push(sql`w.service_id = ${f.serviceId}`);
  if (cursor) where.push(sql`(w.created_at, w.id) < (${String(cursor.v)}::timestamptz, ${cursor.id}::uuid)`);
  const res = await db.execute<ListRow & { sort: string }>(sql`
    select w.id, w.number, w.title, w.state, w.final, d.kind, d.risk,
           d.planned_start as "plannedStart", d.planned_end as "plannedEnd", d.outcome,
           sc.name as "serviceName", u.name as "assigneeName", w.created_at as "createdAt",
           to_char(w.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as sort
      from work_items w join changes d on d.work_item_id = w.id
      left join services s on s.id = w.service_id left join cis sc on sc.id = s.ci_id
      left join users u on u.id = w.assignee_id
     where ${sql.join(where, sql` and `)}
     order by w.created_at desc, w.id desc limit ${f.limit + 1}`);
  const rows = res.rows.slice(0, f.limit);
  const last = rows[rows.length - 1];
  return {
    items: rows.map(({ sort: _s, ...r }) => ({
      ...r,
      plannedStart: iso(r.plannedStart),
      plannedEnd: iso(r.plannedEnd),
      createdAt: iso(r.createdAt)!,
    })),
    nextCursor: res.rows.length > f.limit && last ? encodeCursor({ v: last.sort, id: last.id }) : null,
  };
}
