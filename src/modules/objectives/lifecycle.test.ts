import { describe, expect, it } from 'vitest';
import { statusTable } from './lifecycle.ts';

describe('where an objective stands', () => {
  it('follows from its deadline and its value, with every case named once', () => {
    expect(statusTable).toEqual({
      open: { meets: 'on_track', misses: 'at_risk', unmeasured: 'not_measured' },
      past: { meets: 'achieved', misses: 'missed', unmeasured: 'missed' },
    });
  });
});
