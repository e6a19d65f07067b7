import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import { isoTimestamp, isoTimestampOrNull } from '../../../kernel/db/timestamps.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { presentItem } from '../../../kernel/records/queries.ts';
import { ratingOf } from '../../../kernel/records/rating.ts';
import {
  type Reader,
  type WorkItem,
  type WorkItemType,
  workItemType,
} from '../../../kernel/records/registry.ts';
import { workItems } from '../../../kernel/records/schema.ts';
import { visibilitySql } from '../../../kernel/records/visibility.ts';
import { clocksOf } from '../../agreements/index.ts';
import { REQUEST } from '../commands/requests.ts';
import { type FormField, type ItemTexts, inLanguage } from '../form.ts';
import { mayDecideApproval } from '../policy.ts';

/**
 * One request as its requester, its approvers and the desk see it: the answers with their labels (people
 * and CIs by name), the approvals, the tasks (instructions for staff only), the fulfilment clock, the rating.
 */
export async function presentRequest(db: Queryable, item: WorkItem, def: WorkItemType, who: Principal) {
  const language = who.language;
  const detail = (
    await db.execute<{
      catalogue_item_id: string;
      code: string;
      texts: ItemTexts;
      form: FormField[];
      answers: Record<string, unknown>;
      approval_mode: string;
      fulfilled_at: string | null;
      closed_at: string | null;
    }>(sql`
      select r.catalogue_item_id, i.code, i.texts, i.form, r.answers, r.approval_mode, r.fulfilled_at, r.closed_at
        from requests r join catalogue_items i on i.id = r.catalogue_item_id where r.work_item_id = ${item.id}`)
  ).rows[0]!;
  const ids = detail.form
    .filter((f) => f.type === 'user' || f.type === 'ci')
    .map((f) => detail.answers[f.key])
    .filter((v): v is string => typeof v === 'string');
  const names = new Map(
    (
      await db.execute<{ id: string; name: string }>(sql`
        select id, name from users where id = any(${sql.param(ids)}::uuid[])
        union all select id, name from cis where id = any(${sql.param(ids)}::uuid[])`)
    ).rows.map((r) => [r.id, r.name]),
  );
  const answers = detail.form
    .filter((f) => detail.answers[f.key] !== undefined)
    .map((f) => {
      const value = detail.answers[f.key];
      const option = (v: unknown) => f.options?.find((o) => o.value === v);
      const shown =
        f.type === 'choice'
          ? (Array.isArray(value) ? value : [value])
              .map((v) => (option(v) ? inLanguage(option(v)!.label, language) : String(v)))
              .join(', ')
          : f.type === 'user' || f.type === 'ci'
            ? (names.get(value as string) ?? String(value))
            : String(value);
      return { key: f.key, label: inLanguage(f.label, language), type: f.type, value, shown };
    });
  const approvals = (
    await db.execute<{
      id: number;
      kind: string;
      userId: string | null;
      approver: string | null;
      role: string | null;
      decision: string;
      decidedBy: string | null;
      decidedAt: string | null;
      comment: string;
    }>(sql`
      select a.id, a.kind, a.user_id as "userId", u.name as approver, a.role, a.decision, d.name as "decidedBy",
             a.decided_at as "decidedAt", a.comment
        from request_approvals a left join users u on u.id = a.user_id left join users d on d.id = a.decided_by
       where a.work_item_id = ${item.id} order by a.id`)
  ).rows.map((a) => ({
    ...a,
    id: Number(a.id),
    decidedAt: isoTimestampOrNull(a.decidedAt),
    mine: a.decision === 'pending' && mayDecideApproval(who, a),
  }));
  const internal = def.canSeeInternal(who);
  const tasks = (
    await db.execute<{
      number: string;
      title: string;
      state: string;
      group: string | null;
      assignee: string | null;
      instructions: string;
    }>(sql`
      select w.number, w.title, w.state, g.name as "group", u.name as assignee, t.instructions
        from request_tasks t join work_items w on w.id = t.task_id
        left join groups g on g.id = w.group_id left join users u on u.id = w.assignee_id
       where t.request_id = ${item.id} order by t.position`)
  ).rows.map((t) => (internal ? t : { ...t, assignee: null, instructions: '' }));
  const rating = await ratingOf(db, item.id);
  return {
    ...presentItem(item, def, who),
    catalogueItem: {
      id: detail.catalogue_item_id,
      code: detail.code,
      name: inLanguage(detail.texts, language).name,
    },
    answers,
    approvalMode: detail.approval_mode,
    approvals,
    tasks,
    fulfilledAt: isoTimestampOrNull(detail.fulfilled_at),
    closedAt: isoTimestampOrNull(detail.closed_at),
    clocks: (await clocksOf(db, [item.id])).get(item.id) ?? [],
    rating,
  };
}

/** A fulfilment task with the request it serves and the instructions it came with. */
export async function presentTask(db: Queryable, item: WorkItem, def: WorkItemType, who: Principal) {
  const res = await db.execute<{ number: string; title: string; instructions: string }>(sql`
    select w.number, w.title, t.instructions from request_tasks t join work_items w on w.id = t.request_id
     where t.task_id = ${item.id}`);
  const parent = res.rows[0];
  return {
    ...presentItem(item, def, who),
    request: parent ? { number: parent.number, title: parent.title } : null,
    instructions: parent?.instructions ?? '',
  };
}

/** policy.ts mayDecideApproval in SQL, on `request_approvals` aliased `a`, for a reader in SQL. */
const decidedBy = (r: Reader) =>
  sql`(a.user_id = ${r.id} or (a.user_id is null and ${r.holds(sql`a.role`)}))`;

/** The same for a person signed in. */
export const decidesSql = (who: Principal) =>
  decidedBy({
    id: sql`${who.userId}::uuid`,
    holds: (role) => sql`${role} = any(${sql.param(who.roles)}::text[])`,
  });

/** The requests a reader is asked to approve (as ids): they read them even when they are not theirs. */
export const approvalsOf = (r: Reader) =>
  sql`select a.work_item_id from request_approvals a where ${decidedBy(r)}`;

/** A request as its reader may see it: the one rule (visibility.ts), which lets approvers read it too. */
export async function readableRequest(db: Queryable, number: string, who: Principal) {
  const w = alias(workItems, 'w');
  const [item] = await db
    .select()
    .from(w)
    .where(and(eq(w.number, number.toUpperCase()), eq(w.type, REQUEST), visibilitySql(who)));
  if (!item) throw problems.notFound(`Request ${number}`);
  return presentRequest(db, item as WorkItem, workItemType(REQUEST)!, who);
}

/** The approvals waiting for this person: theirs by name or by a role they hold. */
export async function pendingApprovalsOf(db: Queryable, who: Principal) {
  const res = await db.execute<{
    id: number;
    number: string;
    title: string;
    requester: string | null;
    kind: string;
    createdAt: string;
  }>(sql`
    select a.id, w.number, w.title, u.name as requester, a.kind, w.created_at as "createdAt"
      from request_approvals a join work_items w on w.id = a.work_item_id left join users u on u.id = w.requester_id
     where a.decision = 'pending' and w.state = 'awaiting_approval' and ${decidesSql(who)}
       and ${visibilitySql(who)}
     order by w.created_at`);
  return res.rows.map((r) => ({ ...r, id: Number(r.id), createdAt: isoTimestamp(r.createdAt) }));
}
