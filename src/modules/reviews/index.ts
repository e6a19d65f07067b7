import type { KeelModule } from '../../kernel/http/app.ts';
import { remindReviewDue, reviewJobs } from './commands/schedule.ts';
import { meetingRoutes } from './routes/meeting.ts';
import { reviewRoutes } from './routes/reviews.ts';

/** What other modules and the demo call: plan, prepare, hold and record a review. */
export { addDecision, addReviewAction, setAttendees, setReviewActionDone } from './commands/meeting.ts';
export {
  approveReview,
  cancelReview,
  createReview,
  holdReview,
  prepareReview,
  updateReview,
} from './commands/reviews.ts';
export { REMINDER_JOB, setSchedule } from './commands/schedule.ts';
/** The inputs in words (PDF, CSV), for the management review pack of the service reports (9.4). */
export { describeInputs, inputsCsv, inputsHtml } from './inputs/describe.ts';
export type { AssembledInputs, ReviewInputs, ReviewInputsView } from './inputs/shapes.ts';
/** Whether a person reads management reviews (the leadership dashboard shows their actions only to them). */
export { mayReadReviews } from './policy.ts';
/** A period's review inputs (the review pack) and the open review actions (the leadership dashboard). */
export { openReviewActions, reviewPackFor } from './queries.ts';
export type {
  AttendeesInput,
  DecisionInput,
  ReviewActionInput,
  ReviewActionView,
  ReviewInput,
  ReviewPatch,
  ReviewSchedule,
  ReviewSummary,
  ReviewView,
} from './shapes.ts';
export { reviewActionShape } from './shapes.ts';

/**
 * Management review (ISO/IEC 20000-1 9.3): reviews planned on a schedule, their inputs assembled from live
 * data and frozen when held, attendance, decisions and actions tracked to closure, minutes approved by top
 * management and printed.
 */
export const reviewsModule: KeelModule = {
  name: 'reviews',
  routes: async (app) => {
    await app.register(reviewRoutes);
    await app.register(meetingRoutes);
  },
  jobs: reviewJobs,
  housekeeping: [
    { what: 'reminding that a management review is due', everyMs: 3_600_000, run: remindReviewDue },
  ],
};
