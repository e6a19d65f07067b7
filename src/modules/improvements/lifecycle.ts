import type { Lifecycle } from '../../kernel/records/lifecycle.ts';

/** The improvement register's states and sources (docs/check-and-act.md); plain data, shared with the web. */
export const improvementStates = [
  'proposed',
  'approved',
  'rejected',
  'in_progress',
  'realised',
  'withdrawn',
] as const;
export type ImprovementState = (typeof improvementStates)[number];

export const improvementSources = [
  'audit',
  'pir',
  'problem',
  'feedback',
  'objective',
  'review',
  'nonconformity',
  'idea',
] as const;
export type ImprovementSource = (typeof improvementSources)[number];

/**
 * proposed → (evaluated against the criteria) approved or rejected, each with a reason → in progress (its
 * plan's actions under way) → realised (benefits recorded, measured where a KPI exists); withdrawn by its
 * owner before it is realised. A rejected opportunity may be proposed again.
 */
export const improvementLifecycle: Lifecycle<{ state: string }> = {
  initial: 'proposed',
  states: improvementStates,
  final: ['realised', 'withdrawn'],
  transitions: [
    { name: 'approve', from: ['proposed'], to: 'approved', requires: ['reason'] },
    { name: 'reject', from: ['proposed'], to: 'rejected', requires: ['reason'] },
    { name: 'repropose', from: ['rejected'], to: 'proposed' },
    { name: 'start', from: ['approved'], to: 'in_progress' },
    { name: 'realise', from: ['in_progress'], to: 'realised', requires: ['benefits'] },
    {
      name: 'withdraw',
      from: ['proposed', 'approved', 'in_progress'],
      to: 'withdrawn',
      requires: ['reason'],
    },
  ],
};
