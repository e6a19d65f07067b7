import { eq } from 'drizzle-orm';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { checkVersion } from '../../../kernel/http/etag.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { tickAction } from '../../../kernel/records/actions.ts';
import { loadForWrite } from '../../../kernel/records/commands.ts';
import { changedFields } from '../../../kernel/records/diff.ts';
import { mayTickCorrectiveAction } from '../policy.ts';
import { correctiveActions } from '../schema.ts';
import type { CorrectiveActionPatch, NewCorrectiveAction } from '../shapes.ts';
import { checkStaff, detailOf, factsOf, mustAnswer, only } from './common.ts';
import { scheduleEscalation } from './schedule.ts';

/** Corrective actions are planned and carried out up to verification; after that they stand as they were. */
const actionStates = ['new', 'correction', 'analysis', 'action'];

async function openNc(ctx: CommandContext, who: Principal, ref: string) {
  const { item } = await loadForWrite(ctx, who, ref, null, only);
  const d = await detailOf(ctx, item.id);
  const facts = await factsOf(ctx.tx, item, d.processKey);
  return { item, facts };
}

function mustBeOpenForActions(item: { number: string; state: string }) {
  if (!actionStates.includes(item.state))
    throw problems.conflict(
      `${item.number} is in ${item.state}: its corrective actions can no longer be changed.`,
    );
}

/**
 * Adds a corrective action (a tracked task: what, who, by when) to a nonconformity: whoever answers it.
 * A job at the day after its due date escalates it if still open.
 */
export async function addCorrectiveAction(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  input: NewCorrectiveAction,
) {
  const { item, facts } = await openNc(ctx, who, ref);
  mustAnswer(ctx.actor, facts, item.number);
  mustBeOpenForActions(item);
  const errors = await checkStaff(ctx.tx, { responsibleId: input.responsibleId });
  if (errors.length) throw problems.validation(errors);
  const [row] = await ctx.tx
    .insert(correctiveActions)
    .values({
      workItemId: item.id,
      title: input.title.trim(),
      responsibleId: input.responsibleId,
      due: input.due,
      createdBy: ctx.actor.userId,
    })
    .returning();
  await scheduleEscalation(ctx.tx, row!.id, row!.due);
  await ctx.audit({
    action: 'nonconformity.action_added',
    recordType: 'work-item',
    recordId: item.number,
    after: row,
  });
  return row!;
}

/**
 * Changes a corrective action (If-Match on the action's version). Its responsible person ticks it off with
 * a note of what was done, or opens it again; whoever answers the nonconformity does that and also rewords,
 * reassigns or moves it. A moved due date, or an action opened again, queues a new escalation (the old one
 * stays quiet); an action escalated once is not escalated again.
 */
export async function updateCorrectiveAction(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  actionId: string,
  expected: number,
  patch: CorrectiveActionPatch,
) {
  const { item, facts } = await openNc(ctx, who, ref);
  const [a] = await ctx.tx
    .select()
    .from(correctiveActions)
    .where(eq(correctiveActions.id, actionId))
    .for('update');
  if (!a || a.workItemId !== item.id) throw problems.notFound(`Corrective action ${actionId}`);
  checkVersion(expected, a.version);
  const edits = patch.title !== undefined || patch.responsibleId !== undefined || patch.due !== undefined;
  if (edits) mustAnswer(ctx.actor, facts, item.number);
  else if (!mayTickCorrectiveAction(ctx.actor, facts, a))
    throw problems.forbidden(
      'A corrective action is ticked off by its responsible person or whoever answers the nonconformity.',
    );
  mustBeOpenForActions(item);
  if (patch.done === true && !patch.note?.trim() && !a.doneNote)
    throw problems.validation([{ field: 'note', message: 'say what was done' }]);
  const errors = await checkStaff(ctx.tx, { responsibleId: patch.responsibleId });
  if (errors.length) throw problems.validation(errors);
  const ticked = patch.done === undefined ? null : tickAction(a, patch.done);
  const { set } = changedFields(a, {
    title: patch.title?.trim(),
    responsibleId: patch.responsibleId,
    due: patch.due,
    doneNote: patch.note === undefined ? undefined : patch.note.trim(),
  });
  if (ticked) set.doneAt = ticked === 'done' ? new Date() : null;
  if (Object.keys(set).length === 0) return a;
  const [after] = await ctx.tx
    .update(correctiveActions)
    .set({ ...set, version: a.version + 1 })
    .where(eq(correctiveActions.id, a.id))
    .returning();
  // an action opened again is watched again: its job runs at once when it is already overdue (and it was
  // not escalated before); the one for its date may have run while it was done and stayed quiet
  if (set.due || ticked === 'open') await scheduleEscalation(ctx.tx, a.id, after!.due);
  await ctx.audit({
    action:
      ticked === 'done'
        ? 'nonconformity.action_done'
        : ticked === 'open'
          ? 'nonconformity.action_reopened'
          : 'nonconformity.action_updated',
    recordType: 'work-item',
    recordId: item.number,
    before: a,
    after,
  });
  return after!;
}
