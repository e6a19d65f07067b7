import { describe, expect, it } from 'vitest';
import { defineLifecycle } from '../../kernel/records/lifecycle.ts';
import {
  openStates,
  type PolicyState,
  type PolicyStep,
  policyVersionLifecycle,
  stepFrom,
} from './lifecycle.ts';

describe('the lifecycle of a policy version', () => {
  it('is a lifecycle the engine accepts', () => {
    expect(() => defineLifecycle(policyVersionLifecycle)).not.toThrow();
  });

  const table: Array<[PolicyState, PolicyStep, PolicyState | null]> = [
    ['draft', 'submit', 'in_review'],
    ['draft', 'approve', null],
    ['draft', 'publish', null],
    ['in_review', 'approve', 'approved'],
    ['in_review', 'reject', 'draft'],
    ['in_review', 'submit', null],
    ['in_review', 'publish', null],
    ['approved', 'publish', 'published'],
    ['approved', 'approve', null],
    ['approved', 'withdraw', null],
    ['published', 'supersede', 'superseded'],
    ['published', 'withdraw', 'withdrawn'],
    ['published', 'publish', null],
    ['superseded', 'publish', null],
    ['withdrawn', 'submit', null],
  ];
  it.each(table)('from %s, %s leads to %s', (state, step, to) => expect(stepFrom(state, step)).toBe(to));

  it('has at most one version on its way: the open states are those before publication', () => {
    expect(openStates).toEqual(['draft', 'in_review', 'approved']);
    expect(stepFrom(undefined, 'submit')).toBeNull();
  });
});
