import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodOf, statusOf } from './kpis.ts';

describe('periodOf', () => {
  it('gives the calendar quarter or month holding a moment, and the ones before it', () => {
    const at = new Date('2026-11-21T10:00:00Z');
    expect(periodOf('quarter', at)).toEqual({
      from: new Date('2026-10-01T00:00:00Z'),
      to: new Date('2027-01-01T00:00:00Z'),
    });
    expect(periodOf('quarter', at, 4).from).toEqual(new Date('2025-10-01T00:00:00Z'));
    expect(periodOf('month', at, 11)).toEqual({
      from: new Date('2025-12-01T00:00:00Z'),
      to: new Date('2026-01-01T00:00:00Z'),
    });
  });

  it('always holds the moment, and consecutive periods meet without gap or overlap', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.constantFrom('month' as const, 'quarter' as const),
        fc.integer({ min: 0, max: 30 }),
        (at, kind, back) => {
          const p = periodOf(kind, at);
          expect(p.from <= at && at < p.to).toBe(true);
          expect(periodOf(kind, at, back + 1).to).toEqual(periodOf(kind, at, back).from);
        },
      ),
    );
  });
});

describe('statusOf', () => {
  const o = { target: 95, direction: 'at_least' as const, deadline: '2027-01-01' };
  const before = new Date('2026-06-01');
  const after = new Date('2027-02-01');
  it('is on track or at risk before the deadline, achieved or missed after it', () => {
    expect(statusOf(o, 96, before)).toBe('on_track');
    expect(statusOf(o, 95, before)).toBe('on_track');
    expect(statusOf(o, 94.9, before)).toBe('at_risk');
    expect(statusOf(o, null, before)).toBe('not_measured');
    expect(statusOf(o, 96, after)).toBe('achieved');
    expect(statusOf(o, 90, after)).toBe('missed');
    expect(statusOf(o, null, after)).toBe('missed');
    expect(statusOf({ ...o, target: 2, direction: 'at_most' }, 3, before)).toBe('at_risk');
  });

  it('counts the deadline as a whole UTC calendar day: the objective is missed only from the day after', () => {
    const late = { ...o, deadline: '2026-12-31' };
    expect(statusOf(late, 90, new Date('2026-12-31T00:00:00Z'))).toBe('at_risk');
    expect(statusOf(late, 90, new Date('2026-12-31T23:59:59Z'))).toBe('at_risk');
    expect(statusOf(late, null, new Date('2026-12-31T23:59:59Z'))).toBe('not_measured');
    expect(statusOf(late, 90, new Date('2027-01-01T00:00:00Z'))).toBe('missed');
    expect(statusOf(late, 96, new Date('2027-01-01T00:00:00Z'))).toBe('achieved');
  });
});
