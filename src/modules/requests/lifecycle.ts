import type { Lifecycle } from '../../kernel/records/lifecycle.ts';
import type { WorkItem } from '../../kernel/records/registry.ts';
import { requestOrderers, workers } from './policy.ts';

/** A service request's states (the lifecycle below); plain data, so the web app shares them. */
export const requestStates = [
  'new',
  'awaiting_approval',
  'in_fulfilment',
  'fulfilled',
  'closed',
  'rejected',
  'cancelled',
] as const;
export type RequestState = (typeof requestStates)[number];

/**
 * The service request lifecycle (docs/requests.md). Keel moves it on as approvals and tasks complete; the
 * requester's side (a customer, only on their own request: policy.ts mayWriteOnRequest) or the desk
 * confirms, refuses or cancels it.
 */
export const requestLifecycle: Lifecycle<WorkItem> = {
  initial: 'new',
  states: requestStates,
  final: ['closed', 'rejected', 'cancelled'],
  transitions: [
    { name: 'submit', from: ['new'], to: 'awaiting_approval', byKeel: true },
    { name: 'start', from: ['new'], to: 'in_fulfilment', byKeel: true, effects: ['startFulfilment'] },
    {
      name: 'approve',
      from: ['awaiting_approval'],
      to: 'in_fulfilment',
      byKeel: true,
      effects: ['startFulfilment'],
    },
    { name: 'reject', from: ['awaiting_approval'], to: 'rejected', byKeel: true, effects: ['endApprovals'] },
    // by Keel when the last task is done; by a worker only for items fulfilled without tasks
    { name: 'fulfil', from: ['in_fulfilment'], to: 'fulfilled', roles: workers, effects: ['fulfil'] },
    { name: 'close', from: ['fulfilled'], to: 'closed', roles: requestOrderers, effects: ['close'] },
    {
      name: 'refuse',
      from: ['fulfilled'],
      to: 'in_fulfilment',
      roles: requestOrderers,
      requires: ['reason'],
      effects: ['refuse'],
    },
    {
      name: 'cancel',
      from: ['new', 'awaiting_approval', 'in_fulfilment'],
      to: 'cancelled',
      roles: requestOrderers,
      requires: ['reason'],
      effects: ['cancel'],
    },
  ],
};

/** A fulfilment task's states: a group's piece of work on a request. */
export const taskStates = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type TaskState = (typeof taskStates)[number];

/** A fulfilment task's lifecycle: the desk works it; done or cancelled, it may settle its request. */
export const taskLifecycle: Lifecycle<WorkItem> = {
  initial: 'open',
  states: taskStates,
  final: ['done', 'cancelled'],
  transitions: [
    { name: 'start', from: ['open'], to: 'in_progress', roles: workers },
    { name: 'complete', from: ['open', 'in_progress'], to: 'done', roles: workers, effects: ['settle'] },
    {
      name: 'cancel',
      from: ['open', 'in_progress'],
      to: 'cancelled',
      roles: workers,
      requires: ['reason'],
      effects: ['settle'],
    },
  ],
};
