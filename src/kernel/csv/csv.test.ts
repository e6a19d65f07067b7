import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvError, csvRowCounter, formatCsv, parseCsv } from './csv.ts';

describe('CSV', () => {
  it('reads quoted fields with commas, quotes and line breaks, CRLF or LF, and a byte-order mark', () => {
    const text = '\ufeffname,notes\r\n"Smith, J","said ""hi""\nthen left"\nplain,\n';
    expect(parseCsv(text)).toEqual([
      ['name', 'notes'],
      ['Smith, J', 'said "hi"\nthen left'],
      ['plain', ''],
    ]);
  });

  it('refuses an unclosed quote', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(CsvError);
  });

  it('keeps spreadsheet formulas from running when exported', () => {
    expect(formatCsv([['=HYPERLINK("x")', '-12.5', '@SUM']])).toBe(`"'=HYPERLINK(""x"")",-12.5,'@SUM\r\n`);
  });

  it('property: what is written reads back the same', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é', '1') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        (rows) => {
          const safe = rows.map((r) => r.map((c) => c.replace(/^[=+\-@\t\r]+/, '')));
          const width = Math.max(...safe.map((r) => r.length));
          const even = safe.map((r) => [...r, ...Array(width - r.length).fill('x')]);
          expect(parseCsv(formatCsv(even))).toEqual(even);
        },
      ),
    );
  });

  it('property: the row counter counts what parseCsv reads, however the text is cut into pieces', () => {
    const text = fc
      .array(fc.constantFrom('a', ',', '"', '""', '\n', '\r', '\r\n', ' ', '\ufeff'), { maxLength: 40 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), (csv, cuts) => {
        let rows: number;
        try {
          rows = parseCsv(csv).length;
        } catch {
          return; // an unclosed quote: the import refuses it after reading, whatever the count
        }
        const counter = csvRowCounter();
        const at = [...new Set(cuts.map((c) => c % (csv.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        for (const to of [...at, csv.length]) {
          counter.add(csv.slice(from, to));
          from = to;
        }
        expect(counter.end()).toBe(rows);
      }),
      { numRuns: 2000 },
    );
  });
});
