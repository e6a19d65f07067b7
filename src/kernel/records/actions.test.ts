import { describe, expect, it } from 'vitest';
import { actionLifecycle, actionStateOf, tickAction } from './actions.ts';
import { defineLifecycle, transitionTo } from './lifecycle.ts';

describe('an action of a plan (an objective’s, a risk’s treatment)', () => {
  it('is open until ticked off, and may be opened again', () => {
    expect(() => defineLifecycle(actionLifecycle)).not.toThrow();
    expect(actionStateOf({ doneAt: null })).toBe('open');
    expect(actionStateOf({ doneAt: new Date() })).toBe('done');
    expect(transitionTo(actionLifecycle, 'open', 'done')?.name).toBe('done');
    expect(transitionTo(actionLifecycle, 'done', 'open')?.name).toBe('reopen');
  });

  it('ticked where it already stands, it does not move', () => {
    expect(tickAction({ doneAt: null }, true)).toBe('done');
    expect(tickAction({ doneAt: new Date() }, false)).toBe('open');
    expect(tickAction({ doneAt: null }, false)).toBeNull();
    expect(tickAction({ doneAt: new Date() }, true)).toBeNull();
  });
});
