import { and, eq, sql } from 'drizzle-orm';
import { isInternal } from '../../../kernel/access/roles.ts';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { checkVersion } from '../../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import { tickAction } from '../../../kernel/records/actions.ts';
import { canServe, peopleByIds } from '../../roles/index.ts';
import { mayHoldReviews, mayRecordAttendance, mayRecordDecisions, mayTickReviewAction } from '../policy.ts';
import { reviewFor } from '../queries.ts';
import { managementReviews, reviewActions, reviewAttendees, reviewDecisions } from '../schema.ts';
import type { AttendeesInput, DecisionInput, ReviewActionInput, ReviewActionPatch } from '../shapes.ts';

/**
 * What top management records of the meeting: who was invited and who came, the decisions, and the actions
 * that carry them out (tracked to closure by their responsible people). Each is one transaction with its
 * audit entry on the review.
 */

/**
 * Replaces the list of people invited to a review and, once it is held, whether each came. Before the
 * meeting nobody can have attended; after the minutes are approved the list no longer changes.
 */
export async function setAttendees(
  ctx: CommandContext,
  who: Principal,
  id: string,
  expected: number,
  input: AttendeesInput,
) {
  const r = await reviewFor(ctx.tx, id, true);
  checkVersion(expected, r.version);
  if (!mayHoldReviews(who)) throw problems.forbidden('Attendance is recorded by top management.');
  if (!mayRecordAttendance(who, r))
    throw problems.conflict(`${r.code} is ${r.state}: its attendance no longer changes.`);
  const errors: FieldError[] = [];
  const people = await peopleByIds(
    ctx.tx,
    input.attendees.map((a) => a.userId),
  );
  const seen = new Set<string>();
  input.attendees.forEach((a, i) => {
    const p = people.get(a.userId);
    if (!p?.active || !isInternal(p))
      errors.push({
        field: `attendees.${i}.userId`,
        message: 'must be an active person inside the provider',
      });
    if (seen.has(a.userId)) errors.push({ field: `attendees.${i}.userId`, message: 'is listed twice' });
    seen.add(a.userId);
    if (r.state !== 'held' && a.attended !== undefined && a.attended !== null)
      errors.push({
        field: `attendees.${i}.attended`,
        message: 'is recorded once the review is held; before that, people are invited',
      });
  });
  if (errors.length) throw problems.validation(errors);
  const before = await ctx.tx.select().from(reviewAttendees).where(eq(reviewAttendees.reviewId, id));
  await ctx.tx.delete(reviewAttendees).where(eq(reviewAttendees.reviewId, id));
  const rows = input.attendees.map((a) => ({ reviewId: id, userId: a.userId, attended: a.attended ?? null }));
  if (rows.length) await ctx.tx.insert(reviewAttendees).values(rows);
  await ctx.tx
    .update(managementReviews)
    .set({ updatedAt: new Date(), version: r.version + 1 })
    .where(eq(managementReviews.id, id));
  await ctx.audit({
    action: 'review.attendance_set',
    recordType: 'management-review',
    recordId: r.code,
    before,
    after: rows,
  });
}

/**
 * A review's decisions and actions are part of it: adding one, or ticking an action, moves the review's
 * version on, so its ETag changes and a writer holding the older one (approving the minutes, say) is told.
 */
async function touch(ctx: CommandContext, id: string) {
  await ctx.tx
    .update(managementReviews)
    .set({ updatedAt: new Date(), version: sql`${managementReviews.version} + 1` })
    .where(eq(managementReviews.id, id));
}

/** A decision of the meeting (on improvement, changes to the SMS or services, resources), numbered in order. */
export async function addDecision(ctx: CommandContext, who: Principal, id: string, input: DecisionInput) {
  const r = await reviewFor(ctx.tx, id, true);
  if (!mayHoldReviews(who)) throw problems.forbidden('Decisions are recorded by top management.');
  if (!mayRecordDecisions(who, r))
    throw problems.conflict(`${r.code} is ${r.state}: decisions are recorded while it is held.`);
  const n = await ctx.tx.execute<{ n: number }>(
    sql`select coalesce(max(position), 0)::int + 1 as n from management_review_decisions where review_id = ${id}`,
  );
  const [row] = await ctx.tx
    .insert(reviewDecisions)
    .values({
      reviewId: id,
      position: n.rows[0]!.n,
      text: input.text,
      topic: input.topic,
      createdBy: who.userId,
    })
    .returning();
  await touch(ctx, id);
  await ctx.audit({
    action: 'review.decision_recorded',
    recordType: 'management-review',
    recordId: r.code,
    after: row,
  });
  return row!;
}

/** An action the meeting set, optionally carrying out one of its decisions, with who answers for it and when. */
export async function addReviewAction(
  ctx: CommandContext,
  who: Principal,
  id: string,
  input: ReviewActionInput,
) {
  const r = await reviewFor(ctx.tx, id, true);
  if (!mayHoldReviews(who)) throw problems.forbidden('Review actions are recorded by top management.');
  if (!mayRecordDecisions(who, r))
    throw problems.conflict(`${r.code} is ${r.state}: actions are recorded while it is held.`);
  const errors: FieldError[] = [];
  if (input.responsibleId) {
    const p = (await peopleByIds(ctx.tx, [input.responsibleId])).get(input.responsibleId);
    if (!canServe(p))
      errors.push({ field: 'responsibleId', message: 'must be an active member of the staff' });
  }
  if (input.decisionId) {
    const [d] = await ctx.tx
      .select({ id: reviewDecisions.id })
      .from(reviewDecisions)
      .where(and(eq(reviewDecisions.id, input.decisionId), eq(reviewDecisions.reviewId, id)));
    if (!d) errors.push({ field: 'decisionId', message: `is not a decision of ${r.code}` });
  }
  if (errors.length) throw problems.validation(errors);
  const [row] = await ctx.tx
    .insert(reviewActions)
    .values({
      reviewId: id,
      decisionId: input.decisionId ?? null,
      title: input.title,
      responsibleId: input.responsibleId ?? null,
      due: input.due ?? null,
    })
    .returning();
  await touch(ctx, id);
  await ctx.audit({
    action: 'review.action_added',
    recordType: 'management-review',
    recordId: r.code,
    after: row,
  });
  return row!;
}

/**
 * Ticks a review action off with a note of what was done, or opens it again: its responsible person, top
 * management or a process owner. Ticking what is done already changes nothing and writes no entry.
 */
export async function setReviewActionDone(
  ctx: CommandContext,
  who: Principal,
  id: string,
  actionId: string,
  patch: ReviewActionPatch,
) {
  const r = await reviewFor(ctx.tx, id);
  const [a] = await ctx.tx.select().from(reviewActions).where(eq(reviewActions.id, actionId)).for('update');
  if (!a || a.reviewId !== id) throw problems.notFound(`Action ${actionId} of ${r.code}`);
  if (!mayTickReviewAction(who, a))
    throw problems.forbidden(
      'A review action is ticked off by its responsible person, top management or a process owner.',
    );
  if (!tickAction(a, patch.done)) return;
  const [after] = await ctx.tx
    .update(reviewActions)
    .set({ doneAt: patch.done ? new Date() : null, doneNote: patch.done ? (patch.note ?? '') : a.doneNote })
    .where(eq(reviewActions.id, actionId))
    .returning();
  await touch(ctx, id);
  await ctx.audit({
    action: patch.done ? 'review.action_done' : 'review.action_reopened',
    recordType: 'management-review',
    recordId: r.code,
    before: a,
    after,
  });
}
