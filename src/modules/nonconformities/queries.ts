import { type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../kernel/auth/principal.ts';
import { sqlToday, today } from '../../kernel/days.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { isoTimestampOrNull as iso, isoTimestamp } from '../../kernel/db/timestamps.ts';
import { problems } from '../../kernel/http/problem.ts';
import { allowedTransitions } from '../../kernel/records/lifecycle.ts';
import { presentItem } from '../../kernel/records/queries.ts';
import type { WorkItem, WorkItemType } from '../../kernel/records/registry.ts';
import { visibilitySql } from '../../kernel/records/visibility.ts';
import { factsOf, settingsOf } from './commands/common.ts';
import {
  type Effectiveness,
  type NonconformitySource,
  type NonconformityState,
  nonconformityLifecycle,
  type Severity,
} from './lifecycle.ts';
import {
  mayAnnotateNonconformity,
  mayAnswer,
  mayClose,
  mayFire,
  mayTickCorrectiveAction,
  type NcFacts,
} from './policy.ts';
import type { CorrectiveActionView, NcListQuery, NonconformityRow, NonconformityView } from './shapes.ts';

type DetailRow = {
  source: NonconformitySource;
  source_ref: string;
  finding_id: string | null;
  severity: Severity;
  clause: string | null;
  process_key: string | null;
  process_name: string | null;
  process_owner_id: string | null;
  owner_name: string | null;
  correction: string;
  corrected_at: string | null;
  root_cause: string;
  root_cause_method: string;
  similar: string;
  effectiveness_due: string | null;
  effectiveness: Effectiveness | null;
  effectiveness_note: string;
  effectiveness_by: string | null;
  effectiveness_at: string | null;
  closed_at: string | null;
};

type ActionRow = {
  id: string;
  title: string;
  responsible_id: string;
  responsible_name: string | null;
  due: string;
  done_at: string | null;
  done_note: string;
  escalated_at: string | null;
  created_at: string;
  version: number;
};

export async function actionsOf(db: Queryable, itemId: string) {
  const res = await db.execute<ActionRow>(sql`
    select a.id, a.title, a.responsible_id, u.name as responsible_name, a.due::text as due, a.done_at,
           a.done_note, a.escalated_at, a.created_at, a.version
      from corrective_actions a left join users u on u.id = a.responsible_id
     where a.work_item_id = ${itemId}
     order by a.due, a.created_at, a.id`);
  return res.rows;
}

export const presentAction = (a: ActionRow, mayTick: boolean, now = today()): CorrectiveActionView => ({
  id: a.id,
  title: a.title,
  responsibleId: a.responsible_id,
  responsibleName: a.responsible_name,
  due: a.due,
  state: a.done_at ? 'done' : 'open',
  overdue: !a.done_at && a.due < now,
  doneAt: iso(a.done_at),
  doneNote: a.done_note,
  escalatedAt: iso(a.escalated_at),
  createdAt: isoTimestamp(a.created_at),
  version: Number(a.version),
  mayTick,
});

/** One corrective action as the nonconformity's page shows it, with whether the reader may tick it. */
export async function presentActionOf(db: Queryable, item: WorkItem, actionId: string, who: Principal) {
  const a = (await actionsOf(db, item.id)).find((x) => x.id === actionId);
  if (!a) throw problems.notFound(`Corrective action ${actionId}`);
  const res = await db.execute<{ process_key: string | null }>(
    sql`select process_key from nonconformities where work_item_id = ${item.id}`,
  );
  const facts = await factsOf(db, item, res.rows[0]?.process_key ?? null);
  return presentAction(
    a,
    !item.final && mayTickCorrectiveAction(who, facts, { responsibleId: a.responsible_id }),
  );
}

/** One nonconformity as its page shows it: the work item, its own fields, its actions, what the reader may do. */
export async function presentNonconformity(
  db: Queryable,
  item: WorkItem,
  def: WorkItemType,
  who: Principal,
): Promise<NonconformityView> {
  const res = await db.execute<DetailRow>(sql`
    select d.source, d.source_ref, d.finding_id, d.severity, d.clause, d.process_key,
           p.name as process_name, p.owner_id as process_owner_id, o.name as owner_name,
           d.correction, d.corrected_at, d.root_cause, d.root_cause_method, d.similar,
           d.effectiveness_due::text as effectiveness_due, d.effectiveness, d.effectiveness_note,
           d.effectiveness_by, d.effectiveness_at, d.closed_at
      from work_items w join nonconformities d on d.work_item_id = w.id
      left join sms_processes p on lower(p.key) = lower(d.process_key)
      left join users o on o.id = w.assignee_id
     where w.id = ${item.id}`);
  const d = res.rows[0]!;
  const facts: NcFacts = { ownerId: item.assigneeId, processOwnerId: d.process_owner_id };
  const { closedBy } = await settingsOf(db);
  const shown = presentItem(item, def, who);
  const open = !item.final;
  const answer = open && mayAnswer(who, facts);
  return {
    ...shown,
    abilities: {
      ...shown.abilities,
      ...(mayAnnotateNonconformity(who)
        ? {}
        : { comment: false, commentInternal: false, link: false, attach: false }),
      answer,
      close: open && mayClose(who, facts, closedBy),
    },
    transitions: allowedTransitions(nonconformityLifecycle, item.state, who.roles)
      .filter((t) => mayFire(who, facts, t.name, closedBy))
      .map((t) => ({ name: t.name, to: t.to, requires: [...(t.requires ?? [])] })),
    source: d.source,
    sourceRef: d.source_ref,
    findingId: d.finding_id,
    severity: d.severity,
    clause: d.clause,
    processKey: d.process_key,
    processName: d.process_name,
    processOwnerId: d.process_owner_id,
    ownerName: d.owner_name,
    correction: d.correction,
    correctedAt: iso(d.corrected_at),
    rootCause: d.root_cause,
    rootCauseMethod: d.root_cause_method,
    similar: d.similar,
    effectivenessDue: d.effectiveness_due,
    effectiveness: d.effectiveness,
    effectivenessNote: d.effectiveness_note,
    effectivenessBy: d.effectiveness_by,
    effectivenessAt: iso(d.effectiveness_at),
    closedAt: iso(d.closed_at),
    actions: (await actionsOf(db, item.id)).map((a) =>
      presentAction(a, open && mayTickCorrectiveAction(who, facts, { responsibleId: a.responsible_id })),
    ),
  };
}

/** The register of nonconformities, newest first, filtered as asked; a page and the total. */
export async function listNonconformities(db: Queryable, who: Principal, f: NcListQuery) {
  const where: SQL[] = [sql`w.type = 'nonconformity'`, visibilitySql(who)];
  if (f.state) where.push(sql`w.state = ${f.state}`);
  if (f.severity) where.push(sql`d.severity = ${f.severity}`);
  if (f.source) where.push(sql`d.source = ${f.source}`);
  if (f.process) where.push(sql`lower(d.process_key) = lower(${f.process})`);
  if (f.open) where.push(f.open === 'true' ? sql`not w.final` : sql`w.final`);
  const overdue = sql`exists (select 1 from corrective_actions a where a.work_item_id = w.id
                               and a.done_at is null and a.due < ${sqlToday})`;
  if (f.overdue) where.push(f.overdue === 'true' ? sql`not w.final and ${overdue}` : sql`not (${overdue})`);
  const cond = sql.join(where, sql` and `);
  const res = await db.execute<{
    id: string;
    number: string;
    title: string;
    state: NonconformityState;
    final: boolean;
    severity: Severity;
    source: NonconformitySource;
    source_ref: string;
    clause: string | null;
    process_key: string | null;
    owner_id: string | null;
    owner_name: string | null;
    actions_open: number;
    actions_overdue: number;
    effectiveness_due: string | null;
    created_at: string;
    updated_at: string;
    total: number;
  }>(sql`
    select w.id, w.number, w.title, w.state, w.final, d.severity, d.source, d.source_ref, d.clause,
           d.process_key, w.assignee_id as owner_id, o.name as owner_name,
           (select count(*)::int from corrective_actions a where a.work_item_id = w.id and a.done_at is null) as actions_open,
           (select count(*)::int from corrective_actions a where a.work_item_id = w.id and a.done_at is null
                                                             and a.due < ${sqlToday}) as actions_overdue,
           d.effectiveness_due::text as effectiveness_due, w.created_at, w.updated_at,
           count(*) over ()::int as total
      from work_items w join nonconformities d on d.work_item_id = w.id
      left join users o on o.id = w.assignee_id
     where ${cond}
     order by w.created_at desc, w.id desc
     limit ${f.limit} offset ${f.offset}`);
  const total =
    res.rows[0]?.total ??
    (f.offset > 0
      ? Number(
          (
            await db.execute<{ n: number }>(sql`
              select count(*)::int as n from work_items w join nonconformities d on d.work_item_id = w.id
               where ${cond}`)
          ).rows[0]!.n,
        )
      : 0);
  const items: NonconformityRow[] = res.rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    state: r.state,
    final: r.final,
    severity: r.severity,
    source: r.source,
    sourceRef: r.source_ref,
    clause: r.clause,
    processKey: r.process_key,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    actionsOpen: Number(r.actions_open),
    actionsOverdue: Number(r.actions_overdue),
    effectivenessDue: r.effectiveness_due,
    createdAt: isoTimestamp(r.created_at),
    updatedAt: isoTimestamp(r.updated_at),
  }));
  return { items, total: Number(total), limit: f.limit, offset: f.offset };
}
