import { eq, inArray, sql } from 'drizzle-orm';
import type { Principal } from '../../../kernel/auth/principal.ts';
import { addDays, onTheDay, today } from '../../../kernel/days.ts';
import type { Db, Queryable, Tx } from '../../../kernel/db/database.ts';
import { type CommandContext, runCommand, systemActor } from '../../../kernel/db/tx.ts';
import { checkVersion } from '../../../kernel/http/etag.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { enqueueJob } from '../../../kernel/jobs/queue.ts';
import type { Job } from '../../../kernel/jobs/worker.ts';
import { notify } from '../../../kernel/notify/notify.ts';
import { maySetReviewSchedule, preparingStates, reviewHolders, reviewPreparers } from '../policy.ts';
import { defaultSchedule, presentSchedule, scheduleRow } from '../queries.ts';
import { managementReviews, reviewSchedule } from '../schema.ts';
import type { ScheduleInput } from '../shapes.ts';

/**
 * How often management reviews are held and when the chair and the preparer are reminded of one. The row is
 * locked before its version is checked, so of two writers who read the same version one is told it changed
 * (412); the first setting is an insert a second one cannot repeat.
 */
export async function setSchedule(
  ctx: CommandContext,
  who: Principal,
  expected: number,
  input: ScheduleInput,
) {
  if (!maySetReviewSchedule(who))
    throw problems.forbidden(
      'The review schedule is set by top management or the head of service management.',
    );
  const locked = await scheduleRow(ctx.tx, true);
  const before = locked ?? { id: 1, ...defaultSchedule, setBy: null, setAt: null, version: 0 };
  checkVersion(expected, before.version);
  const row = { id: 1, ...input, setBy: who.userId, setAt: new Date(), version: before.version + 1 };
  if (locked) await ctx.tx.update(reviewSchedule).set(row).where(eq(reviewSchedule.id, 1));
  else {
    const inserted = await ctx.tx.insert(reviewSchedule).values(row).onConflictDoNothing().returning();
    if (!inserted.length) throw problems.stale();
  }
  await ctx.audit({
    action: 'review.schedule_set',
    recordType: 'management-review-schedule',
    recordId: '1',
    before,
    after: row,
  });
  // reviews being prepared are reminded by the new lead time (one already reminded is not reminded twice)
  if (input.remindDays !== before.remindDays) {
    const open = await ctx.tx
      .select()
      .from(managementReviews)
      .where(inArray(managementReviews.state, [...preparingStates]));
    for (const r of open) await scheduleReminder(ctx.tx, r, input.remindDays);
  }
  return presentSchedule(ctx.tx);
}

export const REMINDER_JOB = 'review.reminder';

async function remindDays(db: Queryable) {
  return (await scheduleRow(db))?.remindDays ?? defaultSchedule.remindDays;
}

/**
 * Plans the reminder of a review `remindDays` before its meeting (in the morning, UTC), or at once when that
 * day has passed but the meeting has not. The job carries the meeting day and lead time it was planned for:
 * a moved meeting or a new lead time plans anew, and the old job finds its review changed and stays quiet.
 */
export async function scheduleReminder(
  tx: Tx,
  r: { id: string; meetingOn: string; state: string; remindedAt: Date | null },
  days?: number,
) {
  if (!(preparingStates as readonly string[]).includes(r.state) || r.remindedAt) return;
  if (r.meetingOn < today()) return;
  const lead = days ?? (await remindDays(tx));
  const at = onTheDay(addDays(r.meetingOn, -lead));
  await enqueueJob(
    tx,
    REMINDER_JOB,
    { reviewId: r.id, meetingOn: r.meetingOn, remindDays: lead },
    {
      dueAt: at.getTime() > Date.now() ? at : new Date(),
      uniqueKey: `review-reminder:${r.id}:${r.meetingOn}:${lead}`,
    },
  );
}

/** Reminds the chair and the preparer once; a review moved, held, cancelled or reminded already stays quiet. */
async function remind(job: Job, tx: Tx) {
  const p = job.payload as { reviewId: string; meetingOn: string; remindDays: number };
  const [r] = await tx
    .select()
    .from(managementReviews)
    .where(eq(managementReviews.id, p.reviewId))
    .for('update');
  if (!r || r.meetingOn !== p.meetingOn || r.remindedAt) return;
  if (!(preparingStates as readonly string[]).includes(r.state)) return;
  if ((await remindDays(tx)) !== p.remindDays) return;
  await notify(
    tx,
    { userIds: [r.chairId, r.preparedBy ?? r.createdBy] },
    'review.reminder',
    { code: r.code, title: r.title, meetingOn: r.meetingOn },
    `/management-reviews/${r.id}`,
  );
  await tx.execute(sql`update management_reviews set reminded_at = now() where id = ${r.id}`);
}

export const reviewJobs = { [REMINDER_JOB]: remind };

/**
 * Housekeeping: when the next review falls due within the reminder's lead time (or is overdue) and none is
 * planned, the head of service management (process owners) and top management are told, once per due day.
 * The reminders above only reach a review someone has planned; 9.3 asks for reviews at planned intervals, so
 * a schedule nobody acts on must not lapse silently. A review never held has no due day and is shown overdue
 * on the schedule instead.
 */
export async function remindReviewDue(db: Db): Promise<number> {
  return runCommand(db, systemActor('management review schedule'), null, async (ctx) => {
    // one check at a time across Keel processes, so two cannot both find nobody told yet
    await ctx.tx.execute(sql`select pg_advisory_xact_lock(hashtext('review.due'))`);
    const s = await presentSchedule(ctx.tx);
    if (!s.nextDue || !s.lastHeld || s.nextPlanned) return 0;
    if (addDays(s.nextDue, -s.remindDays) > today()) return 0;
    const told = await ctx.tx.execute(
      sql`select 1 from notifications where kind = 'review.due' and params ->> 'due' = ${s.nextDue} limit 1`,
    );
    if (told.rows.length) return 0;
    return notify(
      ctx.tx,
      { roles: [...new Set([...reviewPreparers, ...reviewHolders])] },
      'review.due',
      { due: s.nextDue, last: s.lastHeld.code, lastHeld: s.lastHeld.meetingOn },
      '/management-reviews',
    );
  });
}
