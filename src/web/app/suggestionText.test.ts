import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suggestionTextMax as suggestionsOfArticles } from '../../modules/knowledge/lifecycle.ts';
import { suggestionTextMax as suggestionsOfKnownErrors } from '../../modules/problems/lifecycle.ts';
import { suggestionText } from './suggestionText.ts';

describe('the text suggestions are asked for', () => {
  it('joins the title and description with single spaces', () => {
    expect(suggestionText(['Wi-Fi  drops', '\nGuests on floor 3\n\nlose it.  '], 300)).toBe(
      'Wi-Fi drops Guests on floor 3 lose it.',
    );
    expect(suggestionText(['Printer jams', ''], 300)).toBe('Printer jams');
  });

  it('cuts a long description between words, within what each API takes', () => {
    const long = `Wi-Fi drops ${'the guests on the third floor lose the network '.repeat(100)}`;
    for (const max of [suggestionsOfArticles, suggestionsOfKnownErrors]) {
      const text = suggestionText(['Title', long], max);
      expect(text.length).toBeLessThanOrEqual(max);
      expect(text.length).toBeGreaterThan(max * 0.8);
      expect(`Title ${long}`.startsWith(text)).toBe(true);
      // ends on a whole word
      expect(`Title ${long}`[text.length]).toBe(' ');
    }
  });

  it('property: never longer than the API takes, never a lone half of a character pair, a prefix of the text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '😀', 'ø') }), { maxLength: 4 }),
        fc.integer({ min: 1, max: 60 }),
        (parts, max) => {
          const text = suggestionText(parts, max);
          const whole = parts.join(' ').replace(/\s+/g, ' ').trim();
          expect(text.length).toBeLessThanOrEqual(max);
          expect(whole.startsWith(text)).toBe(true);
          expect(text).not.toMatch(/[\uD800-\uDBFF]$/);
          expect(text).toBe(text.trim());
          if (whole.length <= max) expect(text).toBe(whole);
        },
      ),
    );
  });
});
