import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commonTitle, type TrendIncident, trendGroups } from './trend.ts';

/** Trend detection's grouping, as the rule in docs/problems.md says it, for any incidents and alike pairs. */
const world = fc
  .record({
    n: fc.integer({ min: 0, max: 14 }),
    min: fc.integer({ min: 2, max: 5 }),
  })
  .chain(({ n, min }) =>
    fc.record({
      min: fc.constant(min),
      incidents: fc.tuple(
        ...Array.from({ length: n }, (_, i) =>
          fc.record({
            id: fc.constant(`i${String(i).padStart(2, '0')}`),
            title: fc.constant(`t${i}`),
            createdAt: fc.integer({ min: 0, max: 1000 }),
            scopes: fc.subarray(['service:a', 'service:b', 'ci:x', 'ci:y'], { minLength: 1, maxLength: 2 }),
          }),
        ),
      ) as fc.Arbitrary<TrendIncident[]>,
      alike: fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: Math.max(0, n - 1) }),
          fc.integer({ min: 0, max: Math.max(0, n - 1) }),
        ),
        { maxLength: 40 },
      ),
    }),
  )
  .map(({ min, incidents, alike }) => ({
    min,
    incidents,
    alike: incidents.length
      ? alike.map(([a, b]) => [incidents[a]!.id, incidents[b]!.id] as const)
      : ([] as Array<readonly [string, string]>),
  }));

const connected = (ids: string[], alike: ReadonlyArray<readonly [string, string]>) => {
  const inside = new Set(ids);
  const seen = new Set([ids[0]!]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [a, b] of alike)
      if (inside.has(a) && inside.has(b) && seen.has(a) !== seen.has(b)) {
        seen.add(a);
        seen.add(b);
        grew = true;
      }
  }
  return seen.size === inside.size;
};

describe('trend grouping', () => {
  it('proposes groups of at least the minimum, on one scope each, alike, disjoint and maximal', () => {
    fc.assert(
      fc.property(world, ({ min, incidents, alike }) => {
        const groups = trendGroups(incidents, alike, min);
        const byId = new Map(incidents.map((i) => [i.id, i]));
        const placed = groups.flatMap((g) => g.ids);
        expect(new Set(placed).size).toBe(placed.length);
        for (const g of groups) {
          expect(g.ids.length).toBeGreaterThanOrEqual(min);
          for (const id of g.ids) expect(byId.get(id)!.scopes).toContain(g.scope);
          expect(connected(g.ids, alike)).toBe(true);
          // nobody left out shares the scope and is alike to a member
          for (const [a, b] of alike)
            for (const [x, y] of [
              [a, b],
              [b, a],
            ])
              if (g.ids.includes(x!) && !placed.includes(y!))
                expect(byId.get(y!)!.scopes).not.toContain(g.scope);
        }
      }),
    );
  });

  it('does not depend on the order incidents and pairs come in', () => {
    fc.assert(
      fc.property(world, fc.integer(), ({ min, incidents, alike }, seed) => {
        const shuffle = <T>(xs: readonly T[]) =>
          xs
            .map((x, i) => ({ x, k: Math.sin(seed + i * 7919) }))
            .sort((p, q) => p.k - q.k)
            .map((p) => p.x);
        expect(trendGroups(shuffle(incidents), shuffle(alike.map(([a, b]) => [b, a] as const)), min)).toEqual(
          trendGroups(incidents, alike, min),
        );
      }),
    );
  });

  it('looks at a CI before a service: five alike on a CI of one service are one candidate on the CI', () => {
    const five = Array.from({ length: 5 }, (_, i) => ({
      id: `i${i}`,
      title: 'Printer jams',
      createdAt: i,
      scopes: ['service:pms', 'ci:printer-1'],
    }));
    const chain = five.slice(1).map((x, i) => [five[i]!.id, x.id] as const);
    expect(trendGroups(five, chain, 5)).toEqual([
      { scope: 'ci:printer-1', ids: ['i0', 'i1', 'i2', 'i3', 'i4'] },
    ]);
    expect(trendGroups(five, chain.slice(1), 5)).toEqual([]);
  });
});

describe('a candidate’s title', () => {
  it('is the most typical incident’s title: most of the common words, then the shortest', () => {
    expect(
      commonTitle([
        'Keycard encoder fails at the front desk',
        'Keycard encoder failing at front desk again',
        'Front desk keycard encoder fails',
        'Keycard encoder at the front desk fails to write cards',
      ]),
    ).toBe('Keycard encoder fails at the front desk');
    // nothing in common: the shortest
    expect(commonTitle(['Drucker druckt nicht', 'Printer does not print', 'Scanner offline'])).toBe(
      'Scanner offline',
    );
    expect(commonTitle([])).toBe('');
  });
});
