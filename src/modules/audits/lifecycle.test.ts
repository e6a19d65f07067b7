import { describe, expect, it } from 'vitest';
import { allowedTransitions, defineLifecycle, transitionTo } from '../../kernel/records/lifecycle.ts';
import { auditLifecycle, programmeLifecycle } from './lifecycle.ts';

describe('the lifecycle of an audit programme', () => {
  it('is drafted, approved, then closed', () => {
    expect(() => defineLifecycle(programmeLifecycle)).not.toThrow();
    expect(transitionTo(programmeLifecycle, 'draft', 'approved')?.name).toBe('approve');
    expect(transitionTo(programmeLifecycle, 'approved', 'closed')?.name).toBe('close');
    expect(transitionTo(programmeLifecycle, 'draft', 'closed')).toBeUndefined();
  });
});

describe('the lifecycle of an audit', () => {
  it('goes planned → in progress → reporting → completed, and back to work from reporting', () => {
    expect(() => defineLifecycle(auditLifecycle)).not.toThrow();
    const names = (state: string) => allowedTransitions(auditLifecycle, state, []).map((t) => t.name);
    expect(names('planned')).toEqual(['start', 'cancel']);
    expect(names('in_progress')).toEqual(['report', 'cancel']);
    expect(names('reporting')).toEqual(['reopen', 'approve']);
    expect(names('completed')).toEqual([]);
    expect(names('cancelled')).toEqual([]);
  });
});
