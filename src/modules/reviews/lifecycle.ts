import type { Lifecycle } from '../../kernel/records/lifecycle.ts';

/** A management review's states (docs/check-and-act.md); plain data, shared with the web. */
export const reviewStates = ['planned', 'prepared', 'held', 'approved', 'cancelled'] as const;
export type ReviewState = (typeof reviewStates)[number];

/**
 * planned → prepared (the head of service management has gone through the inputs and commented) → held (top
 * management met: the inputs are frozen, attendance, decisions and actions recorded) → approved (minutes
 * approved by top management; nothing changes after but the actions' progress); cancelled before it is held.
 */
export const reviewLifecycle: Lifecycle<{ state: string }> = {
  initial: 'planned',
  states: reviewStates,
  final: ['approved', 'cancelled'],
  transitions: [
    { name: 'prepare', from: ['planned'], to: 'prepared' },
    { name: 'hold', from: ['planned', 'prepared'], to: 'held' },
    { name: 'approve', from: ['held'], to: 'approved', requires: ['minutes'] },
    { name: 'cancel', from: ['planned', 'prepared'], to: 'cancelled', requires: ['reason'] },
  ],
};

/**
 * The inputs a management review considers (9.3), in the standard's order; each is assembled from live data
 * for the review's period by inputs.ts.
 */
export const reviewInputKeys = [
  'previous_actions',
  'context_changes',
  'performance',
  'service_levels',
  'workload',
  'customer_satisfaction',
  'suppliers',
  'nonconformities',
  'audits',
  'risks',
  'resources',
  'improvements',
] as const;
export type ReviewInputKey = (typeof reviewInputKeys)[number];
