import type { Lifecycle } from '../../kernel/records/lifecycle.ts';
import type { WorkItem } from '../../kernel/records/registry.ts';

/** A nonconformity's states, sources and checks (docs/check-and-act.md); plain data, so the web shares them. */
export const nonconformityStates = [
  'new',
  'correction',
  'analysis',
  'action',
  'verification',
  'closed',
  'cancelled',
] as const;
export type NonconformityState = (typeof nonconformityStates)[number];

export const openNonconformityStates: readonly NonconformityState[] = [
  'new',
  'correction',
  'analysis',
  'action',
  'verification',
];

export const nonconformitySources = ['audit', 'incident', 'pir', 'complaint', 'review', 'other'] as const;
export type NonconformitySource = (typeof nonconformitySources)[number];

/** The sources a person records a nonconformity from by hand; an audit's come from its findings. */
export const handSources = ['incident', 'pir', 'complaint', 'review', 'other'] as const;

export const severities = ['major', 'minor'] as const;
export type Severity = (typeof severities)[number];

export const effectivenessResults = ['effective', 'not_effective'] as const;
export type Effectiveness = (typeof effectivenessResults)[number];

/** Who may close a nonconformity once its actions proved effective: the auditor, the process owner, or either. */
export const closers = ['auditor', 'process_owner', 'either'] as const;
export type ClosedBy = (typeof closers)[number];

/**
 * new → correction (contained and corrected at once) → analysis (root cause, similar ones) → action
 * (corrective actions planned and carried out) → verification (effectiveness checked at its date) → closed;
 * an ineffective check sends it back to analysis; cancelled (with a reason) before verification. Who fires
 * a step is policy.ts's; the guards (a correction before analysis, a cause before action, every action done
 * before verification, an effective check before closing) are the commands' effects.
 */
export const nonconformityLifecycle: Lifecycle<WorkItem> = {
  initial: 'new',
  states: nonconformityStates,
  final: ['closed', 'cancelled'],
  transitions: [
    { name: 'correct', from: ['new'], to: 'correction', effects: ['correct'] },
    { name: 'analyse', from: ['new', 'correction'], to: 'analysis', effects: ['analyse'] },
    { name: 'plan_actions', from: ['analysis'], to: 'action', effects: ['planActions'] },
    { name: 'verify', from: ['action'], to: 'verification', effects: ['verify'] },
    { name: 'reanalyse', from: ['verification'], to: 'analysis', effects: ['reanalyse'] },
    { name: 'close', from: ['verification'], to: 'closed', effects: ['close'] },
    {
      name: 'cancel',
      from: ['new', 'correction', 'analysis', 'action'],
      to: 'cancelled',
      requires: ['reason'],
      effects: ['cancel'],
    },
  ],
};
