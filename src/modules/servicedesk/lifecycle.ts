import type { FieldError } from '../../kernel/http/problem.ts';
import type { Lifecycle } from '../../kernel/records/lifecycle.ts';
import type { WorkItem } from '../../kernel/records/registry.ts';
import { workers } from './policy.ts';

/** An incident's states (the lifecycle below); plain data, so the web app shares them. */
export const incidentStates = [
  'new',
  'assigned',
  'in_progress',
  'pending',
  'resolved',
  'closed',
  'cancelled',
] as const;

export const pendingReasons = ['customer', 'supplier', 'change'] as const;
export type PendingReason = (typeof pendingReasons)[number];
export const resolutionCodes = [
  'fixed',
  'workaround',
  'no_fault_found',
  'user_error',
  'duplicate',
  'out_of_scope',
] as const;

const oneOf =
  (field: string, allowed: readonly string[]) =>
  (_: WorkItem, input: Record<string, unknown>): FieldError[] =>
    input[field] === undefined || allowed.includes(String(input[field]))
      ? []
      : [{ field, message: `must be one of: ${allowed.join(', ')}` }];

const assignee = (_: WorkItem, input: Record<string, unknown>): FieldError[] =>
  input.groupId || input.assigneeId
    ? []
    : [{ field: 'groupId', message: 'name a group or a person (assigneeId) to assign to' }];

/**
 * The incident lifecycle (ISO/IEC 20000-1 8.6.1). The effects keep clocks, dates and notifications in step;
 * they live in type.ts. Requesters may confirm (close) or reopen their own resolved incidents.
 */
export const incidentLifecycle: Lifecycle<WorkItem> = {
  initial: 'new',
  states: incidentStates,
  final: ['closed', 'cancelled'],
  transitions: [
    {
      name: 'assign',
      from: ['new'],
      to: 'assigned',
      roles: workers,
      guard: assignee,
      effects: ['assign'],
    },
    { name: 'start', from: ['new', 'assigned'], to: 'in_progress', roles: workers, effects: ['start'] },
    {
      name: 'pend',
      from: ['assigned', 'in_progress'],
      to: 'pending',
      roles: workers,
      requires: ['pendingReason'],
      guard: oneOf('pendingReason', pendingReasons),
      effects: ['pend'],
    },
    { name: 'resume', from: ['pending'], to: 'in_progress', roles: workers, effects: ['resume'] },
    {
      name: 'resolve',
      from: ['new', 'assigned', 'in_progress', 'pending'],
      to: 'resolved',
      roles: workers,
      requires: ['resolutionCode', 'resolutionText'],
      guard: oneOf('resolutionCode', resolutionCodes),
      effects: ['resolve'],
    },
    {
      name: 'reopen',
      from: ['resolved', 'closed'],
      to: 'in_progress',
      roles: [...workers, 'customer'],
      requires: ['reason'],
      effects: ['reopen'],
    },
    { name: 'close', from: ['resolved'], to: 'closed', roles: [...workers, 'customer'], effects: ['close'] },
    {
      name: 'cancel',
      from: ['new', 'assigned', 'in_progress', 'pending'],
      to: 'cancelled',
      roles: [...workers, 'customer'],
      requires: ['reason'],
      effects: ['cancel'],
    },
  ],
};
