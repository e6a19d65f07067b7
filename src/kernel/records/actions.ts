import { problems } from '../http/problem.ts';
import { type Lifecycle, transitionTo } from './lifecycle.ts';

/**
 * An action of a plan: an objective's plan to achieve it (ISO/IEC 20000-1 6.2.2) or a risk's treatment (6.1),
 * and the actions later processes will plan. It is open until its responsible person or its record's keeper
 * ticks it off, and may be opened again. Who may tick it is the owning module's policy.ts.
 */
export const actionStates = ['open', 'done'] as const;
export type ActionState = (typeof actionStates)[number];

export const actionLifecycle: Lifecycle<{ state: string }> = {
  initial: 'open',
  states: actionStates,
  final: [],
  transitions: [
    { name: 'done', from: ['open'], to: 'done' },
    { name: 'reopen', from: ['done'], to: 'open' },
  ],
};

export const actionStateOf = (a: { doneAt: Date | null }): ActionState => (a.doneAt ? 'done' : 'open');

/**
 * The state ticking an action off (`done`) or opening it again leads to; null when it is there already, so
 * ticking twice changes nothing and writes no second audit entry.
 */
export function tickAction(a: { doneAt: Date | null }, done: boolean): ActionState | null {
  const from = actionStateOf(a);
  const to: ActionState = done ? 'done' : 'open';
  if (from === to) return null;
  if (!transitionTo(actionLifecycle, from, to)) throw problems.conflict(`The action is ${from}.`);
  return to;
}
