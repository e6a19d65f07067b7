import { describe, expect, it } from 'vitest';
import { checklistFor, clauseNumbers, clauseOf, clauses, isClause, processKeys } from './index.ts';

describe('the clause register', () => {
  it('runs from 4.1 to 10.2 in order, each number once', () => {
    expect(clauseNumbers[0]).toBe('4.1');
    expect(clauseNumbers.at(-1)).toBe('10.2');
    expect(new Set(clauseNumbers).size).toBe(clauseNumbers.length);
    const asTuples = clauseNumbers.map((n) => n.split('.').map(Number));
    const sorted = [...asTuples].sort((a, b) => {
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const d = (a[i] ?? 0) - (b[i] ?? 0);
        if (d) return d;
      }
      return 0;
    });
    expect(asTuples).toEqual(sorted);
  });

  it('gives every clause words in three languages, two to four questions and at least one rule', () => {
    for (const c of clauses) {
      expect(c.number.split('.')[0], c.number).toBe(c.group);
      for (const words of [c.title, c.description, ...c.questions])
        for (const lang of ['en', 'nl', 'da'] as const)
          expect(words[lang].trim(), `${c.number} ${lang}`).not.toBe('');
      expect(c.questions.length, c.number).toBeGreaterThanOrEqual(1);
      expect(c.questions.length, c.number).toBeLessThanOrEqual(4);
      expect(c.rules.length, c.number).toBeGreaterThan(0);
      for (const p of c.processes) expect(processKeys as readonly string[]).toContain(p);
    }
  });

  it('knows its clauses and nothing else', () => {
    expect(isClause('9.3')).toBe(true);
    expect(isClause('9.9')).toBe(false);
    expect(clauseOf('8.5.1')?.processes).toEqual(['change']);
  });

  it('builds a checklist from clauses in scope and the clauses of processes in scope, each once', () => {
    const list = checklistFor(['9.3', '8.5.1'], ['change', 'Incident', 'nobody'], 'nl');
    expect([...new Set(list.map((q) => q.clause))]).toEqual(['8.5.1', '8.6.1', '9.3']);
    expect(list.filter((q) => q.clause === '8.5.1')).toHaveLength(clauseOf('8.5.1')?.questions.length ?? -1);
    expect(list[0]?.question).toBe(clauseOf('8.5.1')?.questions[0]?.nl);
    expect(checklistFor([], [], 'en')).toEqual([]);
  });
});
