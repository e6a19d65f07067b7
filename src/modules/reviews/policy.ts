import type { Actor } from '../../kernel/access/actor.ts';
import { holdsAny, type Role, staffRoles } from '../../kernel/access/roles.ts';
import type { ReviewState } from './lifecycle.ts';

/**
 * Who may do what with management reviews (ISO/IEC 20000-1 9.3, docs/check-and-act.md): the head of service
 * management (a process owner) plans and prepares a review and comments its inputs; top management holds it,
 * records attendance, decisions and actions, and approves the minutes; internal auditors read everything;
 * an action is ticked off by its responsible person or by those who keep reviews. Customers and suppliers
 * see none of it.
 */
type Who = Pick<Actor, 'userId' | 'roles'>;

/** Who reads reviews, their inputs, minutes and actions. */
export const reviewReaders: readonly Role[] = ['top_management', 'process_owner', 'internal_auditor'];
/** The head of service management: plans reviews, comments the inputs, marks a review prepared. */
export const reviewPreparers: readonly Role[] = ['process_owner'];
/** Top management: holds reviews, records attendance, decisions and actions, approves the minutes. */
export const reviewHolders: readonly Role[] = ['top_management'];
/** Who keeps review actions besides the person responsible for one. */
export const reviewActionKeepers: readonly Role[] = ['top_management', 'process_owner'];
/** Who sets how often reviews are held and when their chair and preparer are reminded. */
export const scheduleKeepers: readonly Role[] = ['top_management', 'process_owner'];
/**
 * Who may be asked to tick off a review action: anyone on the staff may be made responsible for one, so the
 * action route admits the staff and the rule below decides per action.
 */
export const reviewActionTickers: readonly Role[] = staffRoles;

/** States in which the review's plan and the preparer's commentary still change. */
export const preparingStates: readonly ReviewState[] = ['planned', 'prepared'];

export const mayReadReviews = (who: Pick<Who, 'roles'>) => holdsAny(who, reviewReaders);
export const mayPrepareReviews = (who: Pick<Who, 'roles'>) => holdsAny(who, reviewPreparers);
export const mayHoldReviews = (who: Pick<Who, 'roles'>) => holdsAny(who, reviewHolders);
export const maySetReviewSchedule = (who: Pick<Who, 'roles'>) => holdsAny(who, scheduleKeepers);

/** The preparer changes the plan (dates, chair, place) and the commentary while the review is being prepared. */
export const mayEditReview = (who: Pick<Who, 'roles'>, review: { state: string }) =>
  mayPrepareReviews(who) && (preparingStates as readonly string[]).includes(review.state);

/** A review not yet held is called off by whoever prepares it or by top management. */
export const mayCancelReview = (who: Pick<Who, 'roles'>) => mayPrepareReviews(who) || mayHoldReviews(who);

/** Attendance is top management's record: invitations before the meeting, who came once it is held. */
export const mayRecordAttendance = (who: Pick<Who, 'roles'>, review: { state: string }) =>
  mayHoldReviews(who) && ['planned', 'prepared', 'held'].includes(review.state);

/** Decisions and actions are recorded while the review is held, until its minutes are approved. */
export const mayRecordDecisions = (who: Pick<Who, 'roles'>, review: { state: string }) =>
  mayHoldReviews(who) && review.state === 'held';

/** An action is ticked off (or opened again) by its responsible person, top management or a process owner. */
export const mayTickReviewAction = (who: Who, action: { responsibleId: string | null }) =>
  (!!action.responsibleId && action.responsibleId === who.userId) || holdsAny(who, reviewActionKeepers);

/** Which lifecycle steps a role may fire (the lifecycle's states decide from where). */
export const transitionRoles: Record<'prepare' | 'hold' | 'approve' | 'cancel', readonly Role[]> = {
  prepare: reviewPreparers,
  hold: reviewHolders,
  approve: reviewHolders,
  cancel: [...reviewPreparers, ...reviewHolders],
};
