import { describe, expect, it } from 'vitest';
import { holdsAny, type Role } from '../../kernel/access/roles.ts';
import {
  mayCancelReview,
  mayEditReview,
  mayHoldReviews,
  mayPrepareReviews,
  mayReadReviews,
  mayRecordAttendance,
  mayRecordDecisions,
  maySetReviewSchedule,
  mayTickReviewAction,
  transitionRoles,
} from './policy.ts';

/** Who may do what with management reviews: role × action (× situation) × outcome, asked of the rules. */
const me = 'me';
const planned = { state: 'planned' };
const held = { state: 'held' };
const approved = { state: 'approved' };
const rule: Record<string, (who: { roles: Role[]; userId: string }) => boolean> = {
  read: (w) => mayReadReviews(w),
  'plan and prepare': (w) => mayPrepareReviews(w),
  'comment a planned review': (w) => mayEditReview(w, planned),
  'comment a held review': (w) => mayEditReview(w, held),
  hold: (w) => holdsAny(w, transitionRoles.hold) && mayHoldReviews(w),
  'approve the minutes': (w) => holdsAny(w, transitionRoles.approve),
  cancel: (w) => mayCancelReview(w),
  'invite to a planned review': (w) => mayRecordAttendance(w, planned),
  'record attendance of an approved review': (w) => mayRecordAttendance(w, approved),
  'record a decision of a held review': (w) => mayRecordDecisions(w, held),
  'record a decision of a planned review': (w) => mayRecordDecisions(w, planned),
  'tick off an action they answer for': (w) => mayTickReviewAction(w, { responsibleId: me }),
  "tick off someone else's action": (w) => mayTickReviewAction(w, { responsibleId: 'other' }),
  'set the schedule': (w) => maySetReviewSchedule(w),
};
const table: Array<[Role[], string, boolean]> = [
  [['top_management'], 'read', true],
  [['process_owner'], 'read', true],
  [['internal_auditor'], 'read', true],
  [['service_desk_agent'], 'read', false],
  [['administrator'], 'read', false],
  [['customer'], 'read', false],
  [['supplier'], 'read', false],
  [['process_owner'], 'plan and prepare', true],
  [['top_management'], 'plan and prepare', false],
  [['internal_auditor'], 'plan and prepare', false],
  [['process_owner'], 'comment a planned review', true],
  [['process_owner'], 'comment a held review', false],
  [['top_management'], 'comment a planned review', false],
  [['top_management'], 'hold', true],
  [['process_owner'], 'hold', false],
  [['internal_auditor'], 'hold', false],
  [['top_management'], 'approve the minutes', true],
  [['process_owner'], 'approve the minutes', false],
  [['process_owner'], 'cancel', true],
  [['top_management'], 'cancel', true],
  [['service_level_manager'], 'cancel', false],
  [['top_management'], 'invite to a planned review', true],
  [['process_owner'], 'invite to a planned review', false],
  [['top_management'], 'record attendance of an approved review', false],
  [['top_management'], 'record a decision of a held review', true],
  [['top_management'], 'record a decision of a planned review', false],
  [['process_owner'], 'record a decision of a held review', false],
  [['internal_auditor'], 'record a decision of a held review', false],
  [['resolver'], 'tick off an action they answer for', true],
  [['resolver'], "tick off someone else's action", false],
  [['top_management'], "tick off someone else's action", true],
  [['process_owner'], "tick off someone else's action", true],
  [['internal_auditor'], "tick off someone else's action", false],
  [['customer'], "tick off someone else's action", false],
  [['top_management'], 'set the schedule', true],
  [['process_owner'], 'set the schedule', true],
  [['internal_auditor'], 'set the schedule', false],
  [['service_owner'], 'set the schedule', false],
];

describe('who may do what with management reviews', () => {
  it.each(table)('%s: %s → %s', (roles, action, expected) =>
    expect(rule[action]!({ roles, userId: me })).toBe(expected),
  );
});
