import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clauses } from './clauses.ts';
import {
  type ClauseStatus,
  clauseStatus,
  clauseStatuses,
  ownRequirementsFound,
  reviewedInTime,
  rollUp,
  ruleStatus,
  ruleStatuses,
} from './readiness.ts';
import { evidenceRules, ruleOf } from './rules.ts';

const ruleStatusArb = fc.constantFrom(...ruleStatuses);
const clauseStatusArb = fc.constantFrom(...clauseStatuses);

describe('a rule’s status', () => {
  it('is missing when no dated evidence was found or the process is not run, met at the minimum, stale below it', () =>
    fc.assert(
      fc.property(
        fc.nat(1000),
        fc.nat(1000),
        fc.integer({ min: 1, max: 200 }),
        fc.boolean(),
        fc.option(fc.date({ noInvalidDate: true })),
        (count, total, min, notRun, newest) => {
          const s = ruleStatus({ count, total, notRun, newest }, min);
          if (notRun || total === 0 || !newest) expect(s).toBe('missing');
          else expect(s).toBe(count >= min ? 'met' : 'stale');
        },
      ),
    ));
});

describe('a clause’s status', () => {
  it('follows docs/check-and-act.md: not applicable, else missing, else stale, else evidenced', () =>
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(ruleStatusArb, { minLength: 1, maxLength: 6 }),
        (applicable, rules) => {
          const s = clauseStatus(applicable, rules);
          if (!applicable) expect(s).toBe('not_applicable');
          else if (rules.includes('missing')) expect(s).toBe('missing');
          else if (rules.includes('stale')) expect(s).toBe('stale');
          else expect(s).toBe('evidenced');
        },
      ),
    ));

  it('gets no better when one more rule is added (an own requirement, say)', () => {
    const rank: Record<ClauseStatus, number> = { missing: 0, stale: 1, evidenced: 2, not_applicable: 3 };
    fc.assert(
      fc.property(fc.array(ruleStatusArb, { minLength: 1, maxLength: 6 }), ruleStatusArb, (rules, more) => {
        expect(rank[clauseStatus(true, [...rules, more])]).toBeLessThanOrEqual(
          rank[clauseStatus(true, rules)],
        );
      }),
    );
  });
});

describe('the roll-up', () => {
  it('counts every clause once and gives (evidenced + stale / 2) over the applicable ones', () =>
    fc.assert(
      fc.property(fc.array(clauseStatusArb, { maxLength: 60 }), (statuses) => {
        const r = rollUp(statuses);
        expect(r.evidenced + r.stale + r.missing + r.notApplicable).toBe(statuses.length);
        expect(r.applicable).toBe(statuses.length - r.notApplicable);
        if (!r.applicable) expect(r.figure).toBeNull();
        else {
          expect(r.figure).toBe(Math.round((100 * (r.evidenced + r.stale / 2)) / r.applicable));
          expect(r.figure).toBeGreaterThanOrEqual(0);
          expect(r.figure).toBeLessThanOrEqual(100);
        }
      }),
    ));

  it('is 100 only when every applicable clause is evidenced, and ignores not-applicable ones', () =>
    fc.assert(
      fc.property(fc.array(clauseStatusArb, { minLength: 1, maxLength: 60 }), (statuses) => {
        const r = rollUp(statuses);
        const without = rollUp(statuses.filter((s) => s !== 'not_applicable'));
        expect(without.figure).toBe(r.figure);
        // with at most 60 clauses (the register has 44) rounding never lifts 99.x to 100
        if (r.figure === 100) expect(r.missing + r.stale).toBe(0);
      }),
    ));
});

describe('own requirements', () => {
  const at = new Date('2026-06-15T12:00:00Z');
  it('are in time until their review period after the last review (or entry) has passed', () => {
    const entered = new Date('2026-01-10T09:00:00Z');
    expect(reviewedInTime({ lastReviewedAt: null, createdAt: entered, reviewMonths: 6 }, at)).toBe(true);
    expect(reviewedInTime({ lastReviewedAt: null, createdAt: entered, reviewMonths: 5 }, at)).toBe(false);
    expect(
      reviewedInTime(
        { lastReviewedAt: new Date('2026-06-01T00:00:00Z'), createdAt: entered, reviewMonths: 1 },
        at,
      ),
    ).toBe(true);
  });

  it('make a share that is 100 exactly when every one is in time', () =>
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            lastReviewedAt: fc.option(fc.date({ min: new Date('2024-01-01'), max: at, noInvalidDate: true })),
            createdAt: fc.date({ min: new Date('2023-01-01'), max: at, noInvalidDate: true }),
            reviewMonths: fc.integer({ min: 1, max: 36 }),
          }),
          { minLength: 1, maxLength: 10 },
        ),
        (reqs) => {
          const f = ownRequirementsFound(reqs, at);
          expect(f.whole).toBe(reqs.length);
          expect(f.count === 100).toBe(reqs.every((r) => reviewedInTime(r, at)));
          expect(ruleStatus(f, 100)).toBe(f.count === 100 ? 'met' : 'stale');
        },
      ),
    ));
});

describe('the rules and the register', () => {
  it('name each other: every rule a clause names exists, and every rule evidences a clause', () => {
    for (const c of clauses) for (const k of c.rules) expect(ruleOf(k), `${c.number} ${k}`).toBeDefined();
    for (const r of evidenceRules)
      expect(
        clauses.some((c) => c.rules.includes(r.key)),
        r.key,
      ).toBe(true);
    expect(new Set(evidenceRules.map((r) => r.key)).size).toBe(evidenceRules.length);
  });

  it('word every rule in three languages, with sane defaults', () => {
    for (const r of evidenceRules) {
      for (const lang of ['en', 'nl', 'da'] as const) expect(r.label[lang].trim(), r.key).not.toBe('');
      expect(r.maxAgeDays).toBeGreaterThan(0);
      expect(r.minCount).toBeGreaterThan(0);
      if (r.measure === 'share') expect(r.minCount).toBeLessThanOrEqual(100);
      if (r.notRun) expect(r.link).toBeNull();
    }
  });

  it('leave the processes Keel does not run honestly without evidence', () => {
    const notRun = evidenceRules.filter((r) => r.notRun).map((r) => r.key);
    for (const n of ['8.2.3', '8.4.1', '8.4.2', '8.4.3', '8.5.2', '8.5.3', '8.7.1', '8.7.2', '8.7.3'])
      expect(
        clauses.find((c) => c.number === n)!.rules.some((k) => notRun.includes(k)),
        n,
      ).toBe(true);
  });
});
