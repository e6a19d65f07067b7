import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from './html.ts';
import { clauseMeets, fileStem, kindsOfClause } from './kinds.ts';
import { clausePage, indexPage } from './pages.ts';
import { parsePeriod } from './period.ts';
import type { Readiness } from './readiness.ts';

/** The pack's pages and names, without a database: escaping, links, clause matching, periods. */
const meta = {
  pack: '5b0d7f0e-6c1e-4a52-9a57-1c0c2d1f3a10',
  period: { from: '2026-01-01', to: '2026-12-31' },
  madeAt: '2026-12-08T10:00:00.000Z',
  madeBy: { id: null, name: 'Ann <Auditor>', email: null },
  auditHead: { id: '42', seq: '42', hash: 'a'.repeat(64) },
};
const clause = {
  description: 'What the organisation does',
  processes: [],
  applicable: true,
  justification: '',
  decidedBy: null,
  decidedAt: null,
  version: 0,
  requirements: [],
};
const readiness: Readiness = {
  at: new Date('2026-12-08T10:00:00Z'),
  lang: 'en',
  figure: 50,
  evidenced: 1,
  stale: 0,
  missing: 0,
  notApplicable: 1,
  applicable: 1,
  groups: [
    {
      group: '8',
      title: 'Operation & <more>',
      evidenced: 1,
      stale: 0,
      missing: 0,
      notApplicable: 1,
      applicable: 1,
      figure: 100,
    },
  ],
  clauses: [
    {
      ...clause,
      number: '8.5.1',
      group: '8',
      title: 'Change "management"',
      status: 'evidenced',
      rules: [
        {
          rule: 'changes-reviewed',
          label: 'Changes <reviewed>',
          status: 'met',
          measure: 'records',
          notRun: false,
          count: 12,
          total: 40,
          part: null,
          whole: null,
          newest: new Date('2026-11-02T10:00:00.000Z'),
          maxAgeDays: 90,
          minCount: 1,
          link: '/changes',
          sentence: { key: 'x', params: {} },
          text: '12 changes <img src=x onerror=alert(1)> reviewed',
        },
      ],
    },
    {
      ...clause,
      number: '8.5.3',
      group: '8',
      title: 'Releases',
      status: 'not_applicable',
      applicable: false,
      justification: 'No releases & none planned',
      rules: [],
    },
  ],
};
const contents = { csv: new Map([['changes', 12]]), documents: new Map([['policies', ['POL-1-v2']]]) };

describe('the pages of a pack', () => {
  it('escape whatever a record holds, and link clause pages and records relatively', () => {
    const index = indexPage(readiness, contents, meta);
    expect(index).not.toMatch(/<img|<more>|<Auditor>|<reviewed>/);
    expect(index).toContain('12 changes &lt;img src=x onerror=alert(1)&gt; reviewed');
    expect(index).toContain('Ann &lt;Auditor&gt;');
    expect(index).toContain('<a href="clauses/8.5.1.html">8.5.1 Change &quot;management&quot;</a>');
    expect(index).toContain('Not applicable: No releases &amp; none planned');
    expect(index).toContain('<a href="records/changes.csv">changes.csv</a> (12 rows)');
    const page = clausePage(readiness.clauses[0]!, contents, meta);
    expect(page).toContain('<a href="../index.html">');
    expect(page).toContain('<a href="../records/changes.csv">');
    expect(page).not.toContain('records/policies/');
    expect(page).toContain('<td>2026-11-02</td>');
    expect(page).toContain('<td>Changes &lt;reviewed&gt;</td>');
    // the web app's link is no file of the pack: a clause page names no address outside it
    expect(page).not.toContain('/changes"');
  });

  it('never lets a value become markup', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = html`<p title="${s}">${s}</p>`.text;
        expect(out).toBe(`<p title="${escapeHtml(s)}">${escapeHtml(s)}</p>`);
        expect(escapeHtml(s)).not.toMatch(/[<>"']/);
      }),
    );
  });
});

describe('names and clauses', () => {
  it('match a clause with those above and below it only', () => {
    expect(clauseMeets('5.2', '5.2.1')).toBe(true);
    expect(clauseMeets('5.2.1', '5.2')).toBe(true);
    expect(clauseMeets('5.2', '5.21')).toBe(false);
    expect(kindsOfClause('10.1')).toEqual(['findings', 'nonconformities', 'corrective-actions']);
  });
  it('make file names of codes safely', () => {
    expect(fileStem('AUD/2026 01')).toBe('AUD_2026_01');
    expect(fileStem('../etc')).toBe('__etc');
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(fileStem(s)).toMatch(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,79}$/);
      }),
    );
  });
});

describe('the period of the command line', () => {
  it('reads FROM..TO and names what is wrong', () => {
    const ok = parsePeriod('2026-01-01..2026-12-31');
    expect(ok).toMatchObject({ ok: true, period: { from: '2026-01-01', to: '2026-12-31' } });
    if (ok.ok) expect(ok.period.end.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(parsePeriod('2026')).toMatchObject({ ok: false });
    expect(parsePeriod('2026-12-31..2026-01-01')).toEqual({
      ok: false,
      errors: ['to must not be before from'],
    });
    expect(parsePeriod('2026-01-01..2026-13-01')).toEqual({
      ok: false,
      errors: ['to must be a date (YYYY-MM-DD)'],
    });
    expect(parsePeriod('2020-01-01..2026-12-31')).toEqual({
      ok: false,
      errors: ['to must be within 1830 days of from'],
    });
  });
});
