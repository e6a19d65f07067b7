import { sql } from 'drizzle-orm';
import type { Tx } from '../../kernel/db/database.ts';
import { contextFor, systemActor } from '../../kernel/db/tx.ts';
import type { Job, JobHandler } from '../../kernel/jobs/worker.ts';
import { notify } from '../../kernel/notify/notify.ts';
import { link } from './commands/common.ts';
import { ACTION_OVERDUE_JOB, EFFECTIVENESS_DUE_JOB } from './commands/schedule.ts';

/**
 * A corrective action still open after its due date is escalated once (docs/check-and-act.md): the
 * nonconformity's owner, the owner of its process and the responsible person are told, and `escalated_at`
 * is set in the same transaction, so the job running again (a retry, a second worker, the job of a date
 * moved and moved back) finds it escalated and stays quiet. A job for a date since moved, an action done,
 * or a nonconformity closed or cancelled, does nothing.
 */
const actionOverdue: JobHandler = async (job: Job, tx: Tx) => {
  const { actionId, due } = job.payload as { actionId: string; due: string };
  const res = await tx.execute<{
    id: string;
    title: string;
    due: string;
    responsible_id: string;
    responsible: string;
    number: string;
    nc_title: string;
    owner_id: string | null;
    process_owner_id: string | null;
  }>(sql`
    select a.id, a.title, a.due::text as due, a.responsible_id, r.name as responsible,
           w.number, w.title as nc_title, w.assignee_id as owner_id,
           (select p.owner_id from sms_processes p where lower(p.key) = lower(n.process_key)) as process_owner_id
      from corrective_actions a
      join work_items w on w.id = a.work_item_id
      join nonconformities n on n.work_item_id = w.id
      join users r on r.id = a.responsible_id
     where a.id = ${actionId} and a.due = ${due}::date and a.done_at is null and a.escalated_at is null
       and not w.final
       for update of a`);
  const a = res.rows[0];
  if (!a) return;
  await tx.execute(sql`update corrective_actions set escalated_at = now() where id = ${a.id}`);
  await notify(
    tx,
    { userIds: [a.owner_id, a.process_owner_id, a.responsible_id] },
    'nonconformity.action_overdue',
    { number: a.number, action: a.title, due: a.due, responsible: a.responsible },
    link(a.number),
  );
  await contextFor(tx, systemActor('nonconformity escalation')).audit({
    action: 'nonconformity.action_escalated',
    recordType: 'work-item',
    recordId: a.number,
    after: { actionId: a.id, title: a.title, due: a.due },
  });
};

/**
 * On its effectiveness date the owner of a nonconformity still awaiting the check is reminded (its
 * process's owner when it has none). A date since moved, or a check already recorded, stays quiet.
 */
const effectivenessDue: JobHandler = async (job: Job, tx: Tx) => {
  const { workItemId, due } = job.payload as { workItemId: string; due: string };
  const res = await tx.execute<{
    number: string;
    title: string;
    owner_id: string | null;
    process_owner_id: string | null;
  }>(sql`
    select w.number, w.title, w.assignee_id as owner_id,
           (select p.owner_id from sms_processes p where lower(p.key) = lower(n.process_key)) as process_owner_id
      from work_items w join nonconformities n on n.work_item_id = w.id
     where w.id = ${workItemId} and w.state = 'verification' and n.effectiveness is null
       and n.effectiveness_due = ${due}::date`);
  const r = res.rows[0];
  if (!r) return;
  await notify(
    tx,
    { userIds: [r.owner_id ?? r.process_owner_id] },
    'nonconformity.effectiveness_due',
    { number: r.number, title: r.title, due },
    link(r.number),
  );
};

export const nonconformityJobs: Record<string, JobHandler> = {
  [ACTION_OVERDUE_JOB]: actionOverdue,
  [EFFECTIVENESS_DUE_JOB]: effectivenessDue,
};
