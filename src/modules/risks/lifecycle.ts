import type { Lifecycle } from '../../kernel/records/lifecycle.ts';

/**
 * The lifecycle of a risk or an opportunity (ISO/IEC 20000-1 6.1), as data: it is open while it is watched
 * (its owner is told on each review date), closed when it no longer applies, and opened again if it returns.
 * Its treatment actions follow the kernel's action lifecycle (kernel/records/actions.ts). Who may take a
 * step is policy.ts's rule (the risk's keepers; an action's responsible person too); the commands refuse a
 * step not declared here.
 */
export const riskStatuses = ['open', 'closed'] as const;
export type RiskStatus = (typeof riskStatuses)[number];

export const riskLifecycle: Lifecycle<{ state: string }> = {
  initial: 'open',
  states: riskStatuses,
  final: [],
  transitions: [
    { name: 'close', from: ['open'], to: 'closed' },
    { name: 'reopen', from: ['closed'], to: 'open' },
  ],
};

/** The statuses in which a risk is reviewed on its review date. */
export const reviewedStatuses: readonly RiskStatus[] = ['open'];
