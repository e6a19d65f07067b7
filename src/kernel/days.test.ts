import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addMonthsTo, isDay } from './days.ts';

describe('calendar days', () => {
  it('adds months kept within the month: 31 January + 1 month is 28 or 29 February, not 3 March', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
  });

  it('moves a moment by months the same way, keeping its time of day (a policy’s review date)', () => {
    expect(addMonthsTo(new Date('2027-01-31T10:15:00.000Z'), 1)).toEqual(
      new Date('2027-02-28T10:15:00.000Z'),
    );
    expect(addMonthsTo(new Date('2028-01-31T23:59:59.999Z'), 1)).toEqual(
      new Date('2028-02-29T23:59:59.999Z'),
    );
    expect(addMonthsTo(new Date('2026-05-31T08:00:00.000Z'), 12)).toEqual(
      new Date('2027-05-31T08:00:00.000Z'),
    );
  });

  it('never lands in a later month than the one asked for', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 120 }),
        (at, n) => {
          const day = at.toISOString().slice(0, 10);
          const [y, m] = day.split('-').map(Number) as [number, number];
          const to = addMonths(day, n);
          const months = (Number(to.slice(0, 4)) - y) * 12 + Number(to.slice(5, 7)) - m;
          expect(months).toBe(n);
          expect(Number(to.slice(8))).toBeLessThanOrEqual(Number(day.slice(8)));
        },
      ),
    );
  });

  it('knows a real day from text that only looks like one', () => {
    expect(isDay('2026-12-31')).toBe(true);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('2026-12-31T00:00:00Z')).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
