import { eq, sql } from 'drizzle-orm';
import { mustHold } from '../../kernel/access/actor.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import { addMonths, onTheDay, today } from '../../kernel/days.ts';
import type { Queryable, Tx } from '../../kernel/db/database.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { checkVersion } from '../../kernel/http/etag.ts';
import { problems } from '../../kernel/http/problem.ts';
import { enqueueJob } from '../../kernel/jobs/queue.ts';
import type { Job } from '../../kernel/jobs/worker.ts';
import { notify } from '../../kernel/notify/notify.ts';
import { canServe, peopleByIds } from '../roles/index.ts';
import { communicationKeepers, mayCompleteCommunication, mayPlanCommunication } from './policy.ts';
import { communicationEntries, communicationTasks } from './schema.ts';
import type { EntryInput, EntryPatch } from './shapes.ts';

export const DUE_JOB = 'communication.due';
const months = { once: 0, monthly: 1, quarterly: 3, yearly: 12 } as const;

/** Creates the dated task for one occurrence and the job that tells the responsible person on the day. */
async function plan(tx: Tx, entryId: string, dueOn: string) {
  const [task] = await tx
    .insert(communicationTasks)
    .values({ entryId, dueOn })
    .onConflictDoNothing()
    .returning();
  if (task)
    await enqueueJob(
      tx,
      DUE_JOB,
      { taskId: task.id },
      {
        dueAt: onTheDay(dueOn < today() ? today() : dueOn),
        uniqueKey: `communication:${task.id}`,
      },
    );
  return task;
}

async function checkResponsible(tx: Queryable, id: string) {
  const p = (await peopleByIds(tx, [id])).get(id);
  if (!canServe(p))
    throw problems.validation([{ field: 'responsibleId', message: 'must be an active member of the staff' }]);
}

/** The plan is kept by its keepers; Keel itself (the demo, the CLI) is not asked. */
function mustPlan(ctx: CommandContext) {
  mustHold(
    ctx.actor,
    mayPlanCommunication,
    `The communication plan is kept by: ${communicationKeepers.join(', ')}.`,
  );
}

export async function createEntry(ctx: CommandContext, input: EntryInput) {
  mustPlan(ctx);
  await checkResponsible(ctx.tx, input.responsibleId);
  const [row] = await ctx.tx
    .insert(communicationEntries)
    .values({
      ...input,
      subject: input.subject.trim(),
      audience: input.audience.trim(),
      channel: input.channel.trim(),
    })
    .returning();
  // the first dated occurrence is part of what was planned
  const first = row!.active ? await plan(ctx.tx, row!.id, row!.firstDue) : undefined;
  await ctx.audit({
    action: 'communication.planned',
    recordType: 'communication',
    recordId: row!.id,
    after: { ...row!, tasks: first ? [first] : [] },
  });
  return row!;
}

/** Changes an entry; stopping it (active = false) leaves done tasks as evidence and drops open ones. */
export async function updateEntry(ctx: CommandContext, id: string, expected: number, patch: EntryPatch) {
  mustPlan(ctx);
  const [before] = await ctx.tx
    .select()
    .from(communicationEntries)
    .where(eq(communicationEntries.id, id))
    .for('update');
  if (!before) throw problems.notFound(`Communication plan entry ${id}`);
  checkVersion(expected, before.version);
  if (patch.responsibleId) await checkResponsible(ctx.tx, patch.responsibleId);
  const [after] = await ctx.tx
    .update(communicationEntries)
    .set({ ...patch, updatedAt: new Date(), version: before.version + 1 })
    .where(eq(communicationEntries.id, id))
    .returning();
  await ctx.audit({
    action: 'communication.changed',
    recordType: 'communication',
    recordId: id,
    before,
    after,
  });
  if (!after!.active)
    await ctx.tx.execute(sql`delete from communication_tasks where entry_id = ${id} and done_at is null`);
  else {
    const open = await ctx.tx.execute(
      sql`select 1 from communication_tasks where entry_id = ${id} and done_at is null`,
    );
    if (!open.rows.length) await plan(ctx.tx, id, after!.firstDue > today() ? after!.firstDue : today());
  }
  return after!;
}

/**
 * Marks an occurrence done (by its responsible person or a role keeper) with a note of what was said, and
 * plans the next occurrence for a recurring entry.
 */
export async function completeTask(ctx: CommandContext, who: Principal, taskId: string, note: string) {
  const res = await ctx.tx.execute<{
    id: string;
    entry_id: string;
    due_on: string;
    done_at: Date | null;
    responsible_id: string;
    frequency: keyof typeof months;
    active: boolean;
  }>(sql`
    select t.id, t.entry_id, t.due_on::text, t.done_at, e.responsible_id, e.frequency, e.active
      from communication_tasks t join communication_entries e on e.id = t.entry_id
     where t.id = ${taskId} for update of t`);
  const t = res.rows[0];
  if (!t) throw problems.notFound(`Communication task ${taskId}`);
  if (!mayCompleteCommunication(who, { responsibleId: t.responsible_id }))
    throw problems.forbidden(
      'Only the person responsible for this communication, or a keeper of the plan, marks it done.',
    );
  if (t.done_at) throw problems.conflict('This communication is already marked done.');
  const [done] = await ctx.tx
    .update(communicationTasks)
    .set({ doneAt: new Date(), doneBy: who.userId, note: note.trim() })
    .where(eq(communicationTasks.id, taskId))
    .returning();
  const next =
    t.frequency !== 'once' && t.active
      ? await plan(ctx.tx, t.entry_id, addMonths(t.due_on, months[t.frequency]))
      : undefined;
  // the occurrence as written, and the next one it planned
  await ctx.audit({
    action: 'communication.done',
    recordType: 'communication',
    recordId: t.entry_id,
    after: { taskId, note, task: done, next: next ?? null },
  });
}

async function dueJob(job: Job, tx: Tx) {
  const { taskId } = job.payload as { taskId: string };
  const res = await tx.execute<{
    subject: string;
    audience: string;
    channel: string;
    responsible_id: string;
    due_on: string;
  }>(sql`
    select e.subject, e.audience, e.channel, e.responsible_id, t.due_on::text
      from communication_tasks t join communication_entries e on e.id = t.entry_id
     where t.id = ${taskId} and t.done_at is null and e.active`);
  const t = res.rows[0];
  if (!t) return;
  await notify(
    tx,
    { userIds: [t.responsible_id] },
    'communication.due',
    { subject: t.subject, audience: t.audience, channel: t.channel, due: t.due_on },
    '/communication',
  );
}
export const communicationJobs = { [DUE_JOB]: dueJob };
