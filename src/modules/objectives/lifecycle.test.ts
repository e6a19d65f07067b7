import { describe, expect, it } from 'vitest';
import { defineLifecycle, transitionTo } from '../../kernel/records/lifecycle.ts';
import { actionStateOf, objectiveActionLifecycle, statusTable } from './lifecycle.ts';

describe('where an objective stands', () => {
  it('follows from its deadline and its value, with every case named once', () => {
    expect(statusTable).toEqual({
      open: { meets: 'on_track', misses: 'at_risk', unmeasured: 'not_measured' },
      past: { meets: 'achieved', misses: 'missed', unmeasured: 'missed' },
    });
  });
});

describe('an action of the plan', () => {
  it('is open until ticked off, and may be opened again', () => {
    expect(() => defineLifecycle(objectiveActionLifecycle)).not.toThrow();
    expect(actionStateOf({ doneAt: null })).toBe('open');
    expect(actionStateOf({ doneAt: new Date() })).toBe('done');
    expect(transitionTo(objectiveActionLifecycle, 'open', 'done')?.name).toBe('done');
    expect(transitionTo(objectiveActionLifecycle, 'done', 'open')?.name).toBe('reopen');
  });
});
