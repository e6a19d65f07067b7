import { addDays, onTheDay, today } from '../../../kernel/days.ts';
import type { Tx } from '../../../kernel/db/database.ts';
import { enqueueJob } from '../../../kernel/jobs/queue.ts';

/** A corrective action still open the day after its due date is escalated (jobs.ts), once. */
export const ACTION_OVERDUE_JOB = 'nonconformity.action_overdue';
/** On its effectiveness date, the owner of a nonconformity awaiting the check is reminded (jobs.ts). */
export const EFFECTIVENESS_DUE_JOB = 'nonconformity.effectiveness_due';

/**
 * An action due on a day is overdue from the next: its job runs that morning (UTC). A moved due date queues
 * a job of its own; the one for the old date finds the date changed and stays quiet.
 */
export const overdueFrom = (due: string) => onTheDay(addDays(due, 1));

export async function scheduleEscalation(tx: Tx, actionId: string, due: string) {
  await enqueueJob(
    tx,
    ACTION_OVERDUE_JOB,
    { actionId, due },
    // an action already overdue (opened again after its date) is escalated at once
    {
      dueAt: due < today() ? new Date() : overdueFrom(due),
      uniqueKey: `nc-action-overdue:${actionId}:${due}`,
    },
  );
}

export async function scheduleEffectivenessReminder(tx: Tx, workItemId: string, due: string) {
  await enqueueJob(
    tx,
    EFFECTIVENESS_DUE_JOB,
    { workItemId, due },
    { dueAt: onTheDay(due), uniqueKey: `nc-effectiveness:${workItemId}:${due}` },
  );
}
