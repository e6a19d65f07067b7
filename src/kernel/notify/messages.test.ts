import { describe, expect, it } from 'vitest';
import { render } from './messages.ts';

describe('message terms', () => {
  it("say a nonconformity's severity in the reader's language, not as its code", () => {
    const p = { number: 'NC-000001', title: 'No backup test', severity: 'major' };
    expect(render('nonconformity.raised', 'en', p)).toBe(
      'Nonconformity NC-000001 (major) is yours to answer: No backup test',
    );
    expect(render('nonconformity.raised', 'nl', p)).toBe(
      'Afwijking NC-000001 (majeur) is aan u om te beantwoorden: No backup test',
    );
    expect(render('nonconformity.raised', 'da', { ...p, severity: 'minor' })).toBe(
      'Afvigelse NC-000001 (mindre) er din at besvare: No backup test',
    );
  });

  it('say a known report failure in words of the language and keep any other reason as given', () => {
    const p = {
      name: 'KPI pack',
      from: '2026-09-01',
      to: '2026-09-30',
      error: 'The report could not be sent.',
    };
    expect(render('report.failed', 'nl', p)).toBe(
      'Het geplande rapport KPI pack over 2026-09-01 – 2026-09-30 kon niet worden verzonden: Het rapport kon niet worden verzonden.',
    );
    expect(
      render('report.failed', 'da', { ...p, error: 'No management review was held by 2026-09-30.' }),
    ).toContain('kunne ikke sendes: No management review was held by 2026-09-30.');
    // an unknown language reads English; a missing parameter shows as its placeholder
    expect(render('report.failed', 'fr', { name: 'X' })).toBe(
      'The scheduled report X for {from} – {to} could not be sent: {error}',
    );
  });
});
