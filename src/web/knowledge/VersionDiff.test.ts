import fc from 'fast-check';
import { expect, it } from 'vitest';
import { diffRuns } from './VersionDiff.tsx';

it('marks the words a new version added and removed', () => {
  expect(diffRuns('Choose the network Hotel-Guest', 'Choose the network Hotel-Guest 5G')).toEqual([
    { text: 'Choose the network Hotel-Guest', op: 'same' },
    { text: ' 5G', op: 'added' },
  ]);
  expect(
    diffRuns('Restart the router twice', 'Restart the router once').filter((r) => r.op !== 'same'),
  ).toEqual([
    { text: 'twice', op: 'removed' },
    { text: 'once', op: 'added' },
  ]);
});

it('property: the unchanged and removed runs give the old text, the unchanged and added the new', () => {
  const text = fc.array(fc.constantFrom('the', 'Wi-Fi', 'router', 'ål', 'niet', '\n', ' ', '. '), {
    maxLength: 30,
  });
  fc.assert(
    fc.property(text, text, (a, b) => {
      const [before, after] = [a.join(' '), b.join(' ')];
      const runs = diffRuns(before, after);
      expect(
        runs
          .filter((r) => r.op !== 'added')
          .map((r) => r.text)
          .join(''),
      ).toBe(before);
      expect(
        runs
          .filter((r) => r.op !== 'removed')
          .map((r) => r.text)
          .join(''),
      ).toBe(after);
    }),
  );
});
