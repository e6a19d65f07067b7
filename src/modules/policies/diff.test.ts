import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Change, diffWords, tokens } from './diff.ts';

const side = (changes: Change[], keep: 'added' | 'removed') =>
  changes
    .filter((c) => c.op === 'same' || c.op === keep)
    .flatMap((c) => c.text.split(' '))
    .filter(Boolean);

describe('diffWords', () => {
  it('marks what was removed and added between two policy texts, paragraph by paragraph', () => {
    const before = tokens('<p>Incidents are resolved quickly</p><p>Reviewed yearly.</p>');
    const after = tokens('<p>Incidents are resolved within the agreed time</p><p>Reviewed yearly.</p>');
    expect(diffWords(before, after)).toEqual([
      { op: 'same', text: 'Incidents are resolved' },
      { op: 'removed', text: 'quickly' },
      { op: 'added', text: 'within the agreed time' },
      { op: 'same', text: '\n Reviewed yearly.' },
    ]);
  });

  it('always gives back both texts exactly, whatever they are', () => {
    const words = fc.array(fc.constantFrom('the', 'policy', 'service', 'is', 'reviewed', '\n', 'yearly'), {
      maxLength: 40,
    });
    fc.assert(
      fc.property(words, words, (a, b) => {
        const d = diffWords(a, b);
        expect(side(d, 'removed')).toEqual(a);
        expect(side(d, 'added')).toEqual(b);
        // an unchanged text is one run of sameness
        if (a.length) expect(diffWords(a, a)).toEqual([{ op: 'same', text: a.join(' ') }]);
      }),
    );
  });

  it('compares whole paragraphs when the texts are too long for a word table, and still gives both back', () => {
    const para = (n: number, w: string) => Array.from({ length: 300 }, (_, i) => `${w}${(i * n) % 17}`);
    const a = [
      ...para(1, 'a'),
      '\n',
      ...para(2, 'b'),
      '\n',
      ...para(3, 'c'),
      '\n',
      ...para(4, 'd'),
      '\n',
      ...para(5, 'e'),
      '\n',
      ...para(6, 'f'),
      '\n',
      ...para(7, 'g'),
    ];
    const b = [...a.slice(0, 602), ...para(9, 'x'), '\n', ...a.slice(602)];
    expect(a.length * b.length).toBeGreaterThan(4_000_000);
    const d = diffWords(a, b);
    expect(side(d, 'removed')).toEqual(a);
    expect(side(d, 'added')).toEqual(b);
    expect(d.filter((c) => c.op !== 'same')).toHaveLength(1);
  });
});
