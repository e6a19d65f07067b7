import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, auditInterval, type FindingCounts, isGap, nextDue } from './frequency.ts';
import { findingKinds, riskLevels } from './lifecycle.ts';

const risk = fc.constantFrom(...riskLevels, null, undefined);
const counts: fc.Arbitrary<FindingCounts> = fc.record(
  Object.fromEntries(findingKinds.map((k) => [k, fc.nat({ max: 3 })])) as Record<
    (typeof findingKinds)[number],
    fc.Arbitrary<number>
  >,
  { requiredKeys: [] },
);
const clean = (f: FindingCounts) => !f.major_nc && !f.minor_nc;

describe('auditInterval', () => {
  it('is the base by risk when nothing was found (unset = medium)', () => {
    expect(auditInterval({ risk: 'high' })).toBe(12);
    expect(auditInterval({ risk: 'medium', lastFindings: [{ ofi: 2 }] })).toBe(24);
    expect(auditInterval({ risk: 'low', lastFindings: [{}, { observation: 1 }] })).toBe(36);
    expect(auditInterval({})).toBe(24);
  });

  it('a major NC in the last audit brings any process back within 12 months', () =>
    fc.assert(
      fc.property(risk, counts, fc.array(counts, { maxLength: 3 }), (r, last, rest) => {
        expect(auditInterval({ risk: r, lastFindings: [{ ...last, major_nc: 1 }, ...rest] })).toBe(12);
      }),
    ));

  it('a minor NC (and no major) holds it at 24 months at most', () =>
    fc.assert(
      fc.property(risk, counts, fc.array(counts, { maxLength: 3 }), (r, last, rest) => {
        const months = auditInterval({
          risk: r,
          lastFindings: [{ ...last, major_nc: 0, minor_nc: 1 }, ...rest],
        });
        expect(months).toBe(r === 'high' ? 12 : 24);
      }),
    ));

  it('one clean audit right after a nonconformity does not yet give the low-risk base back', () => {
    expect(auditInterval({ risk: 'low', lastFindings: [{ ofi: 1 }, { major_nc: 1 }] })).toBe(24);
    expect(auditInterval({ risk: 'low', lastFindings: [{}, {}, { major_nc: 1 }] })).toBe(36);
  });

  it('is always 12, 24 or 36 and never longer than the base', () =>
    fc.assert(
      fc.property(risk, fc.array(counts, { maxLength: 4 }), (r, lastFindings) => {
        const months = auditInterval({ risk: r, lastFindings });
        expect([12, 24, 36]).toContain(months);
        expect(months).toBeLessThanOrEqual(auditInterval({ risk: r }));
        // two clean audits in a row (or fewer audits, all clean) keep the base
        if (lastFindings.slice(0, 2).every(clean)) expect(months).toBe(auditInterval({ risk: r }));
      }),
    ));
});

describe('addMonths and nextDue', () => {
  it('adds months, keeping the day or the month’s last', () => {
    expect(addMonths('2026-03-15', 12)).toBe('2027-03-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(nextDue(null, '2026-01-01', 24)).toBe('2028-01-01');
    expect(nextDue('2026-05-04', '2026-01-01', 12)).toBe('2027-05-04');
  });

  it('agrees with the calendar: same day, or the last day of a shorter month', () =>
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 60 }),
        (d, months) => {
          const day = d.toISOString().slice(0, 10);
          const later = addMonths(day, months);
          const [y, m] = later.split('-').map(Number) as [number, number];
          expect((y - d.getUTCFullYear()) * 12 + (m - 1 - d.getUTCMonth())).toBe(months);
          const lastOfMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
          expect(Number(later.slice(8))).toBe(Math.min(d.getUTCDate(), lastOfMonth));
        },
      ),
    ));
});

describe('isGap', () => {
  const base = { due: '2027-06-01', cycleEnd: '2028-12-31', comingStarts: [] as string[], inCycle: true };
  it('is a gap when nothing of it is in the cycle at all', () => {
    expect(isGap({ ...base, due: '2030-01-01', inCycle: false })).toBe(true);
  });
  it('is no gap when it falls due after the cycle', () => {
    expect(isGap({ ...base, due: '2029-01-01' })).toBe(false);
  });
  it('is a gap when due in the cycle with no audit starting by then', () => {
    expect(isGap(base)).toBe(true);
    expect(isGap({ ...base, comingStarts: ['2027-07-01'] })).toBe(true);
    expect(isGap({ ...base, comingStarts: ['2027-07-01', '2027-05-20'] })).toBe(false);
    expect(isGap({ ...base, comingStarts: ['2027-06-01'] })).toBe(false);
  });
});
