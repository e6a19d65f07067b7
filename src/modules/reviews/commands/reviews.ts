import { eq, sql } from 'drizzle-orm';
import { holdsAny } from '../../../kernel/access/roles.ts';
import type { Principal } from '../../../kernel/auth/principal.ts';
import { addMonths, today } from '../../../kernel/days.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { checkVersion } from '../../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import { planTransition } from '../../../kernel/records/lifecycle.ts';
import { peopleByIds } from '../../roles/index.ts';
import { assembleInputs } from '../inputs/assemble.ts';
import { reviewLifecycle } from '../lifecycle.ts';
import { mayEditReview, mayPrepareReviews, reviewHolders, transitionRoles } from '../policy.ts';
import { type Review, reviewFor } from '../queries.ts';
import { managementReviews } from '../schema.ts';
import type { ReviewInput, ReviewPatch } from '../shapes.ts';
import { scheduleReminder } from './schedule.ts';

/**
 * Planning and preparing a management review (the head of service management), and the steps of its
 * lifecycle: prepare, hold (top management; the inputs are frozen into the record), approve the minutes
 * (top management), cancel before it is held. Each is one transaction with its audit entry.
 */

/** The plan's own checks; the chair is checked when it is named (a chair who left top management stays on record). */
async function check(db: Queryable, r: ReviewInput): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (r.periodTo < r.periodFrom) errors.push({ field: 'periodTo', message: 'must not be before periodFrom' });
  // reviews are held at least every three years (the schedule's longest interval): a longer period is a slip
  else if (r.periodTo > addMonths(r.periodFrom, 36))
    errors.push({ field: 'periodTo', message: 'a review looks back on three years at most' });
  if (r.meetingOn < r.periodFrom)
    errors.push({ field: 'meetingOn', message: 'must not be before the period it reviews begins' });
  if (r.chairId) {
    const chair = (await peopleByIds(db, [r.chairId])).get(r.chairId);
    if (!chair?.active || !holdsAny(chair, reviewHolders))
      errors.push({ field: 'chairId', message: 'must be an active member of top management' });
  }
  return errors;
}

export async function createReview(ctx: CommandContext, who: Principal, input: ReviewInput) {
  if (!mayPrepareReviews(who))
    throw problems.forbidden('Management reviews are planned by the head of service management.');
  const errors = await check(ctx.tx, input);
  if (errors.length) throw problems.validation(errors);
  // codes are counted: one create at a time draws the next
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(hashtext('keel-review-codes'))`);
  const n = await ctx.tx.execute<{ n: number }>(sql`select count(*)::int + 1 as n from management_reviews`);
  const [row] = await ctx.tx
    .insert(managementReviews)
    .values({
      code: `MR-${String(n.rows[0]!.n).padStart(3, '0')}`,
      title: input.title,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      meetingOn: input.meetingOn,
      location: input.location ?? '',
      chairId: input.chairId ?? null,
      createdBy: who.userId,
    })
    .returning();
  await ctx.audit({
    action: 'review.created',
    recordType: 'management-review',
    recordId: row!.code,
    after: row,
  });
  await scheduleReminder(ctx.tx, row!);
  return row!;
}

/**
 * The preparer changes the plan and comments the inputs while the review is planned or prepared. A comment
 * sent empty is removed; the other comments stay. A moved meeting day is reminded of anew.
 */
export async function updateReview(
  ctx: CommandContext,
  who: Principal,
  id: string,
  expected: number,
  patch: ReviewPatch,
) {
  const before = await reviewFor(ctx.tx, id, true);
  checkVersion(expected, before.version);
  if (!mayPrepareReviews(who))
    throw problems.forbidden('Management reviews are prepared by the head of service management.');
  if (!mayEditReview(who, before))
    throw problems.conflict(`${before.code} is ${before.state}: its plan and commentary no longer change.`);
  const { commentary, ...plan } = patch;
  const errors = await check(ctx.tx, { ...before, ...plan, chairId: plan.chairId });
  if (errors.length) throw problems.validation(errors);
  const notes: Record<string, string> = { ...before.commentary };
  for (const [key, text] of Object.entries(commentary ?? {})) {
    if (text?.trim()) notes[key] = text.trim();
    else delete notes[key];
  }
  const moved = plan.meetingOn !== undefined && plan.meetingOn !== before.meetingOn;
  const [after] = await ctx.tx
    .update(managementReviews)
    .set({
      ...plan,
      commentary: notes,
      ...(moved ? { remindedAt: null } : {}),
      updatedAt: new Date(),
      version: before.version + 1,
    })
    .where(eq(managementReviews.id, id))
    .returning();
  await ctx.audit({
    action: 'review.updated',
    recordType: 'management-review',
    recordId: before.code,
    before,
    after,
  });
  if (moved) await scheduleReminder(ctx.tx, after!);
  return after!;
}

type Step = keyof typeof transitionRoles;

/** Checks a lifecycle step against the review's state, the caller's roles and the input it requires. */
function planStep(who: Principal, r: Review, step: Step, input: Record<string, unknown>) {
  if (!holdsAny(who, transitionRoles[step]))
    throw problems.forbidden(`"${step}" needs one of the roles: ${transitionRoles[step].join(', ')}.`);
  return planTransition(reviewLifecycle, r, step, who.roles, input);
}

/** The head of service management has gone through the inputs and commented them. */
export async function prepareReview(ctx: CommandContext, who: Principal, id: string, expected: number) {
  return step(ctx, who, id, expected, 'prepare', {}, () => ({
    preparedBy: who.userId,
    preparedAt: new Date(),
  }));
}

/**
 * Top management holds the review: not before its meeting day; the inputs as they stand now are frozen into
 * the record, so the minutes keep the figures the meeting discussed.
 */
export async function holdReview(ctx: CommandContext, who: Principal, id: string, expected: number) {
  return step(ctx, who, id, expected, 'hold', {}, async (r) => {
    if (r.meetingOn > today())
      throw problems.conflict(`${r.code} meets on ${r.meetingOn}: it is held on or after that day.`);
    return { inputs: await assembleInputs(ctx.tx, r), heldAt: new Date() };
  });
}

/** Top management approves the minutes: attendance must be recorded, and nothing but actions change after. */
export async function approveReview(
  ctx: CommandContext,
  who: Principal,
  id: string,
  expected: number,
  minutes: string,
) {
  return step(ctx, who, id, expected, 'approve', { minutes }, async (r) => {
    const came = await ctx.tx.execute(
      sql`select 1 from management_review_attendees where review_id = ${r.id} and attended limit 1`,
    );
    if (!came.rows.length)
      throw problems.validation([
        { field: 'attendees', message: 'record who attended before approving the minutes' },
      ]);
    return { minutes: minutes.trim(), approvedBy: who.userId, approvedAt: new Date() };
  });
}

/** A review not yet held is called off with a reason; its reminder stays quiet. */
export async function cancelReview(
  ctx: CommandContext,
  who: Principal,
  id: string,
  expected: number,
  reason: string,
) {
  return step(ctx, who, id, expected, 'cancel', { reason }, () => ({ cancelReason: reason.trim() }));
}

async function step(
  ctx: CommandContext,
  who: Principal,
  id: string,
  expected: number,
  name: Step,
  input: Record<string, unknown>,
  set: (r: Review) => Partial<Review> | Promise<Partial<Review>>,
) {
  const before = await reviewFor(ctx.tx, id, true);
  checkVersion(expected, before.version);
  const t = planStep(who, before, name, input);
  const changes = await set(before);
  const [after] = await ctx.tx
    .update(managementReviews)
    .set({ ...changes, state: t.to as Review['state'], updatedAt: new Date(), version: before.version + 1 })
    .where(eq(managementReviews.id, id))
    .returning();
  // holding writes the frozen inputs into its entry, so the audit chain seals the figures the meeting saw;
  // later entries only say they are there, rather than repeat them
  const shown = (r: Review) =>
    name === 'hold' ? r : { ...r, inputs: r.inputs ? 'frozen when the review was held' : null };
  await ctx.audit({
    action: `review.${name}`,
    recordType: 'management-review',
    recordId: before.code,
    before: shown(before),
    after: shown(after!),
  });
  return after!;
}
