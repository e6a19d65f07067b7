import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Criterion, weightedScore } from './scoring.ts';

/** The weighted score that ranks the register: weighted, inverted where lower is better, 0–100. */
const shipped: Criterion[] = [
  { key: 'benefit', weight: 3, higherIsBetter: true },
  { key: 'effort', weight: 2, higherIsBetter: false },
  { key: 'risk', weight: 1, higherIsBetter: false },
  { key: 'alignment', weight: 2, higherIsBetter: true },
];

const criterion = fc.record({
  key: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
  weight: fc.integer({ min: 1, max: 5 }),
  higherIsBetter: fc.boolean(),
});
const criteria = fc.uniqueArray(criterion, { minLength: 1, maxLength: 5, selector: (c) => c.key });
const scoresFor = (cs: Criterion[]) =>
  fc
    .tuple(...cs.map(() => fc.integer({ min: 1, max: 5 })))
    .map((xs) => Object.fromEntries(cs.map((c, i) => [c.key, xs[i]!])));

describe('the weighted score', () => {
  it('is worked out by hand for the shipped criteria', () => {
    // benefit 5 → 4/4, effort 2 (lower is better) → 3/4, risk 1 → 4/4, alignment 3 → 2/4
    // (4·3 + 3·2 + 4·1 + 2·2) / (4 · 8) = 26/32 = 81.25 → 81.3
    expect(weightedScore(shipped, { benefit: 5, effort: 2, risk: 1, alignment: 3 })).toBe(81.3);
    expect(weightedScore(shipped, { benefit: 5, effort: 1, risk: 1, alignment: 5 })).toBe(100);
    expect(weightedScore(shipped, { benefit: 1, effort: 5, risk: 5, alignment: 1 })).toBe(0);
  });

  it('counts only the criteria scored and in use, and is null when none is', () => {
    expect(weightedScore(shipped, {})).toBeNull();
    expect(weightedScore(shipped, { unknown: 5 })).toBeNull();
    expect(weightedScore(shipped, { benefit: 4 })).toBe(75);
    expect(weightedScore([{ ...shipped[0]!, retired: true }, shipped[1]!], { benefit: 5, effort: 5 })).toBe(
      0,
    );
  });

  it('always lies between 0 and 100', () => {
    fc.assert(
      fc.property(
        criteria.chain((cs) => fc.tuple(fc.constant(cs), scoresFor(cs))),
        ([cs, s]) => {
          const v = weightedScore(cs, s)!;
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(100);
        },
      ),
    );
  });

  it('rises with a better score on one criterion: higher where higher is better, lower where lower is', () => {
    fc.assert(
      fc.property(
        criteria.chain((cs) => fc.tuple(fc.constant(cs), scoresFor(cs), fc.nat({ max: cs.length - 1 }))),
        ([cs, s, i]) => {
          const c = cs[i]!;
          const better = c.higherIsBetter ? Math.min(5, s[c.key]! + 1) : Math.max(1, s[c.key]! - 1);
          expect(weightedScore(cs, { ...s, [c.key]: better })!).toBeGreaterThanOrEqual(weightedScore(cs, s)!);
        },
      ),
    );
  });

  it('inverting a criterion’s direction mirrors its score (s becomes 6 − s)', () => {
    fc.assert(
      fc.property(
        criteria.chain((cs) => fc.tuple(fc.constant(cs), scoresFor(cs))),
        ([cs, s]) => {
          const flipped = cs.map((c) => ({ ...c, higherIsBetter: !c.higherIsBetter }));
          const mirrored = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, 6 - v]));
          expect(weightedScore(flipped, mirrored)).toBe(weightedScore(cs, s));
        },
      ),
    );
  });

  it('weighs: doubling every weight changes nothing, and a heavier criterion pulls harder', () => {
    fc.assert(
      fc.property(
        criteria.chain((cs) => fc.tuple(fc.constant(cs), scoresFor(cs))),
        ([cs, s]) => {
          const doubled = cs.map((c) => ({ ...c, weight: c.weight * 2 }));
          expect(weightedScore(doubled, s)).toBe(weightedScore(cs, s));
        },
      ),
    );
    const two: Criterion[] = [
      { key: 'x', weight: 1, higherIsBetter: true },
      { key: 'y', weight: 4, higherIsBetter: true },
    ];
    expect(weightedScore(two, { x: 5, y: 1 })).toBe(20);
    expect(weightedScore(two, { x: 1, y: 5 })).toBe(80);
  });
});
