import fc from 'fast-check';
import { expect, it } from 'vitest';
import { markedRuns } from './SearchPage.tsx';

it('splits highlighted fragments into plain and marked runs', () => {
  expect(markedRuns('the \u0001printer\u0002 is \u0001jammed\u0002')).toEqual([
    { at: 0, text: 'the ', marked: false },
    { at: 4, text: 'printer', marked: true },
    { at: 13, text: ' is ', marked: false },
    { at: 17, text: 'jammed', marked: true },
  ]);
  expect(markedRuns('')).toEqual([]);
});

it('property: the runs give back the text without its markers', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.string(), fc.boolean())), (parts) => {
      const clean = parts.map(([p, m]) => [p.replaceAll('\u0001', '').replaceAll('\u0002', ''), m] as const);
      const text = clean.map(([p, m]) => (m ? `\u0001${p}\u0002` : p)).join('');
      expect(
        markedRuns(text)
          .map((r) => r.text)
          .join(''),
      ).toBe(clean.map(([p]) => p).join(''));
    }),
  );
});
