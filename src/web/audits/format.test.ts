import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isActive, navigation } from '../app/navigation.ts';
import { byClause } from './format.ts';

describe('clauses in the register’s order', () => {
  it('sorts numbers part by part, a parent before its children', () => {
    expect(['10.1', '8.10', '4.1', '8.5.1', '8.2', '9.2', '8.5'].sort(byClause)).toEqual([
      '4.1',
      '8.2',
      '8.5',
      '8.5.1',
      '8.10',
      '9.2',
      '10.1',
    ]);
  });

  it('is a total order: antisymmetric and transitive on any clause numbers', () => {
    const clause = fc
      .array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 })
      .map((p) => p.join('.'));
    fc.assert(
      fc.property(clause, clause, clause, (a, b, c) => {
        expect(Math.sign(byClause(a, b))).toBe(-Math.sign(byClause(b, a)) || 0);
        if (byClause(a, b) <= 0 && byClause(b, c) <= 0) expect(byClause(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('the check-and-act navigation', () => {
  const activeAt = (path: string) => navigation.filter((n) => isActive(n, path)).map((n) => n.key);
  it('keeps internal audits apart from the audit log and the configuration audits', () => {
    expect(activeAt('/internal-audits')).toEqual(['internalAudits']);
    expect(activeAt('/internal-audits/programmes/3f1d')).toEqual(['internalAudits']);
    expect(activeAt('/findings')).toEqual(['findings']);
    expect(activeAt('/readiness/rules')).toEqual(['readiness']);
    expect(activeAt('/audit')).toEqual(['audit']);
    expect(activeAt('/cmdb/audits/7')).toEqual(['audits']);
  });
});
