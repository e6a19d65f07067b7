import { describe, expect, it } from 'vitest';
import { packAt } from './make.ts';
import { parsePeriod } from './period.ts';

/** The instant a pack's readiness is judged at. */
describe('packAt', () => {
  const p = parsePeriod('2026-01-01..2026-12-31');
  if (!p.ok) throw new Error('bad period');

  it('is the last millisecond of the last day, not the midnight after it', () => {
    expect(packAt(p.period, new Date('2027-06-01T00:00:00Z')).toISOString()).toBe('2026-12-31T23:59:59.999Z');
  });

  it('is now while the period runs', () => {
    const now = new Date('2026-05-05T10:00:00Z');
    expect(packAt(p.period, now)).toEqual(now);
  });
});
