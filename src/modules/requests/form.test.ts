import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAnswers, checkForm, type FormField } from './form.ts';

const label = { en: 'x' };
const form: FormField[] = [
  { key: 'reason', label, type: 'text', required: true, maxLength: 20 },
  { key: 'notes', label, type: 'text', multiline: true },
  {
    key: 'size',
    label,
    type: 'choice',
    options: [
      { value: 's', label },
      { value: 'm', label },
    ],
  },
  {
    key: 'apps',
    label,
    type: 'choice',
    multiple: true,
    options: [
      { value: 'pms', label },
      { value: 'pos', label },
    ],
  },
  { key: 'start', label, type: 'date', min: '2026-01-01', max: '2027-12-31' },
  { key: 'seats', label, type: 'number', min: 1, max: 10, integer: true },
  { key: 'for_whom', label, type: 'user' },
  { key: 'laptop', label, type: 'ci', ciClass: 'hardware' },
];

describe('request forms', () => {
  it('checks every answer by its field type, all at once', () => {
    const r = checkAnswers(form, {
      reason: 'a\nb',
      size: 'xl',
      apps: ['pms', 'bar'],
      start: '2026-02-30',
      seats: 2.5,
      for_whom: 'somebody',
      laptop: 42,
      extra: 'x',
    });
    expect(r.errors).toEqual([
      { field: 'answers.extra', message: 'is not a field of this form' },
      { field: 'answers.reason', message: 'must be a single line' },
      { field: 'answers.size', message: 'must be one of: s, m' },
      { field: 'answers.apps', message: 'must be one of: pms, pos' },
      { field: 'answers.start', message: 'must be a date (YYYY-MM-DD)' },
      { field: 'answers.seats', message: 'must be a whole number' },
      { field: 'answers.for_whom', message: 'must name a person (their id)' },
      { field: 'answers.laptop', message: 'must name a configuration item (its id)' },
    ]);
    expect(checkAnswers(form, {}).errors).toEqual([{ field: 'answers.reason', message: 'is required' }]);
    expect(checkAnswers(form, { reason: 'x'.repeat(21) }).errors[0]!.message).toBe(
      'must be at most 20 characters',
    );
    expect(checkAnswers(form, { reason: 'ok', start: '2025-12-31', seats: 11 }).errors).toEqual([
      { field: 'answers.start', message: 'must not be before 2026-01-01' },
      { field: 'answers.seats', message: 'must be at most 10' },
    ]);
  });

  it('normalises what it accepts and returns the people and CIs to look up', () => {
    const id = '0b3f3c4e-2d7a-4c1e-9a51-6f0f7a1d2e3b';
    const r = checkAnswers(form, {
      reason: '  new starter ',
      notes: 'line one\nline two',
      apps: ['pos', 'pms', 'pos'],
      seats: '3',
      for_whom: id.toUpperCase(),
      laptop: id,
    });
    expect(r.errors).toEqual([]);
    expect(r.values).toEqual({
      reason: 'new starter',
      notes: 'line one\nline two',
      apps: ['pms', 'pos'],
      seats: 3,
      for_whom: id,
      laptop: id,
    });
    expect(r.refs).toEqual([
      { key: 'for_whom', type: 'user', id, ciClass: undefined },
      { key: 'laptop', type: 'ci', id, ciClass: 'hardware' },
    ]);
  });

  it('refuses form definitions that cannot work', () => {
    expect(
      checkForm([
        { key: 'Bad Key', label, type: 'text' },
        { key: 'a', label, type: 'choice', options: [] },
        { key: 'a', label, type: 'number', min: 5, max: 1 },
        { key: 'd', label, type: 'date', min: '2027-01-01', max: '2026-01-01' },
      ]),
    ).toEqual([
      { field: 'form.0.key', message: 'must be lower case letters, digits and _ (starting with a letter)' },
      { field: 'form.1.options', message: 'a choice needs options' },
      { field: 'form.2.key', message: '"a" is used twice' },
      { field: 'form.2.max', message: 'must not be below min' },
      { field: 'form.3.max', message: 'must not be before min' },
    ]);
  });

  it('property: a number within the bounds is accepted as itself; outside them it is refused', () => {
    const f: FormField[] = [{ key: 'n', label, type: 'number', min: -50, max: 50 }];
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), (n) => {
        const r = checkAnswers(f, { n });
        if (n >= -50 && n <= 50) expect(r.values.n).toBe(n);
        else expect(r.errors).toHaveLength(1);
      }),
    );
  });

  it('property: any date string is accepted exactly when it is a real calendar date within the bounds', () => {
    const f: FormField[] = [{ key: 'd', label, type: 'date', min: '2000-01-01', max: '2099-12-31' }];
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2110 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const real = new Date(Date.UTC(y, m - 1, d));
          const valid =
            m >= 1 && m <= 12 && d >= 1 && real.getUTCMonth() === m - 1 && real.getUTCDate() === d;
          const inside = y >= 2000 && y <= 2099;
          expect(checkAnswers(f, { d: text }).errors.length === 0).toBe(valid && inside);
        },
      ),
    );
  });
});
