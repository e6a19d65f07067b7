import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysOf, nextRunAfter, periodBefore, periodHolding } from './periods.ts';

describe('the periods of scheduled reports', () => {
  it('run on the first morning of a period and report the one just ended', () => {
    expect(nextRunAfter('monthly', new Date('2026-04-15T12:00:00Z')).toISOString()).toBe(
      '2026-05-01T06:00:00.000Z',
    );
    expect(nextRunAfter('monthly', new Date('2026-05-01T05:59:59Z')).toISOString()).toBe(
      '2026-05-01T06:00:00.000Z',
    );
    expect(nextRunAfter('monthly', new Date('2026-05-01T06:00:00Z')).toISOString()).toBe(
      '2026-06-01T06:00:00.000Z',
    );
    expect(nextRunAfter('quarterly', new Date('2026-12-08T00:00:00Z')).toISOString()).toBe(
      '2027-01-01T06:00:00.000Z',
    );
    expect(daysOf(periodBefore('monthly', new Date('2026-03-01T06:00:00Z')))).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(daysOf(periodBefore('quarterly', new Date('2027-01-01T06:00:00Z')))).toEqual({
      from: '2026-10-01',
      to: '2026-12-31',
    });
  });

  it('leave no period unreported: each run reports the period holding the moment before it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('monthly' as const, 'quarterly' as const),
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2200-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (f, at) => {
          const run = nextRunAfter(f, at);
          expect(run > at).toBe(true);
          const reported = periodBefore(f, run);
          // the period a run reports has ended by the run, and the next run reports the very next period
          expect(reported.to <= run).toBe(true);
          const next = periodBefore(f, nextRunAfter(f, run));
          expect(next.from.getTime()).toBe(reported.to.getTime());
          expect(periodHolding(f, reported.from)).toEqual(reported);
        },
      ),
    );
  });
});
