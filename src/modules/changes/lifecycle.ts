import type { FieldError } from '../../kernel/http/problem.ts';
import type { Lifecycle } from '../../kernel/records/lifecycle.ts';
import type { WorkItem } from '../../kernel/records/registry.ts';
import { changeRecorders as anyone, changeAuthority } from './policy.ts';

/** A change's states, kinds, risks and outcomes (docs/changes.md); plain data, so the web app shares them. */
export const changeStates = [
  'new',
  'assessment',
  'approved',
  'implementing',
  'review',
  'closed',
  'rejected',
  'cancelled',
] as const;
export type ChangeState = (typeof changeStates)[number];

/** Standard: pre-authorised and low risk; normal: assessed and approved by the change authority; emergency: now. */
export const changeKinds = ['standard', 'normal', 'emergency'] as const;
export type ChangeKind = (typeof changeKinds)[number];

export const changeRisks = ['low', 'medium', 'high'] as const;
export type ChangeRisk = (typeof changeRisks)[number];

/** How an implemented change ended: what the change success rate counts. */
export const changeOutcomes = ['successful', 'failed', 'backed_out'] as const;
export type ChangeOutcome = (typeof changeOutcomes)[number];

const outcome = (_: WorkItem, input: Record<string, unknown>): FieldError[] =>
  (changeOutcomes as readonly string[]).includes(String(input.outcome))
    ? []
    : [{ field: 'outcome', message: `must be one of: ${changeOutcomes.join(', ')}` }];

/**
 * The change lifecycle (ISO/IEC 20000-1 8.5.1.3, docs/changes.md). Who may approve depends on the change's
 * kind, which lives in its own table: the approve effect checks it (changes.ts).
 */
export const changeLifecycle: Lifecycle<WorkItem> = {
  initial: 'new',
  states: changeStates,
  final: ['closed', 'rejected', 'cancelled'],
  transitions: [
    { name: 'submit', from: ['new'], to: 'assessment', roles: anyone, effects: ['submit'] },
    { name: 'approve', from: ['assessment'], to: 'approved', roles: anyone, effects: ['approve'] },
    {
      name: 'reject',
      from: ['assessment'],
      to: 'rejected',
      roles: changeAuthority,
      requires: ['reason'],
      effects: ['reject'],
    },
    { name: 'start', from: ['approved'], to: 'implementing', roles: anyone },
    {
      name: 'complete',
      from: ['implementing'],
      to: 'review',
      roles: anyone,
      requires: ['outcome'],
      guard: outcome,
      effects: ['complete'],
    },
    { name: 'close', from: ['review'], to: 'closed', roles: changeAuthority, effects: ['close'] },
    {
      name: 'cancel',
      from: ['new', 'assessment', 'approved'],
      to: 'cancelled',
      roles: anyone,
      requires: ['reason'],
      effects: ['cancel'],
    },
  ],
};
