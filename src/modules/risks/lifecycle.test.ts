import { describe, expect, it } from 'vitest';
import { defineLifecycle, transitionTo } from '../../kernel/records/lifecycle.ts';
import { reviewedStatuses, riskLifecycle } from './lifecycle.ts';

describe('the lifecycle of a risk', () => {
  it('is open while watched, closed when it no longer applies, and may be opened again', () => {
    expect(() => defineLifecycle(riskLifecycle)).not.toThrow();
    expect(riskLifecycle.initial).toBe('open');
    expect(transitionTo(riskLifecycle, 'open', 'closed')?.name).toBe('close');
    expect(transitionTo(riskLifecycle, 'closed', 'open')?.name).toBe('reopen');
    expect(reviewedStatuses).toEqual(['open']);
  });
});
