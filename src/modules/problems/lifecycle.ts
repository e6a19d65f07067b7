import type { Lifecycle } from '../../kernel/records/lifecycle.ts';
import type { WorkItem } from '../../kernel/records/registry.ts';
import { problemManagers } from './policy.ts';

/** A problem's states, origins and analysis methods (docs/problems.md); plain data, so the web app shares them. */
export const problemStates = [
  'new',
  'investigation',
  'known_error',
  'resolved',
  'closed',
  'cancelled',
] as const;
export type ProblemState = (typeof problemStates)[number];

/** The states a problem manager still works on: "open" in lists, the change page's offer and the KPIs. */
export const openProblemStates: readonly ProblemState[] = ['new', 'investigation', 'known_error'];

/** Proactive (from scratch), reactive (from incidents), from a trend candidate, or from a major incident's review. */
export const problemOrigins = ['proactive', 'incidents', 'trend', 'major_incident'] as const;
export type ProblemOrigin = (typeof problemOrigins)[number];

export const rcaMethods = ['five_whys', 'fishbone', 'fault_tree', 'other'] as const;
export type RcaMethod = (typeof rcaMethods)[number];

/**
 * At most this many characters of an incident's text are matched for known-error suggestions
 * (`GET /api/v1/known-errors?text=`): plain data, so the web cuts the text to what the API takes.
 */
export const suggestionTextMax = 2000;

/**
 * The problem lifecycle (ISO/IEC 20000-1 8.6.3, docs/problems.md): new → under investigation → known error →
 * resolved → closed, and cancelled. Problem managers fire every transition. A known error needs a documented
 * cause and a workaround: its effect checks both, from the transition's input or the problem as saved.
 */
export const problemLifecycle: Lifecycle<WorkItem> = {
  initial: 'new',
  states: problemStates,
  final: ['closed', 'cancelled'],
  transitions: [
    { name: 'investigate', from: ['new'], to: 'investigation', roles: problemManagers },
    {
      name: 'known_error',
      from: ['new', 'investigation'],
      to: 'known_error',
      roles: problemManagers,
      effects: ['knownError'],
    },
    {
      name: 'resolve',
      from: ['new', 'investigation', 'known_error'],
      to: 'resolved',
      roles: problemManagers,
      requires: ['resolution'],
      effects: ['resolve'],
    },
    { name: 'reopen', from: ['resolved'], to: 'investigation', roles: problemManagers, effects: ['reopen'] },
    { name: 'close', from: ['resolved'], to: 'closed', roles: problemManagers, effects: ['close'] },
    {
      name: 'cancel',
      from: ['new', 'investigation', 'known_error'],
      to: 'cancelled',
      roles: problemManagers,
      requires: ['reason'],
      effects: ['cancel'],
    },
  ],
};
