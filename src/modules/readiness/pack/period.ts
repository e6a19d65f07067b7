import { z } from 'zod';
import { addDays } from '../../../kernel/days.ts';
import { day } from '../../../kernel/http/params.ts';

/**
 * The period a pack covers: calendar days, both ends inclusive, read in UTC (a pack is one organisation's
 * evidence and its auditor reads dates, not hours). `start` and `end` are the half-open instants records are
 * selected by: from the first day's midnight up to, not including, the midnight after the last day.
 */
export type Period = { from: string; to: string; start: Date; end: Date };

/** The longest period a pack covers: a three-year audit cycle with a year to spare on each side. */
export const MAX_PERIOD_DAYS = 5 * 366;

export const periodBody = z
  .object({
    from: day.describe('First day of the period, YYYY-MM-DD'),
    to: day.describe('Last day of the period, YYYY-MM-DD'),
  })
  .refine((p) => p.from <= p.to, { path: ['to'], error: 'must not be before from' })
  // a day that is no date is its own field's error, not also this one's (NaN is never too long)
  .refine((p) => !(daysBetween(p.from, p.to) >= MAX_PERIOD_DAYS), {
    path: ['to'],
    error: `must be within ${MAX_PERIOD_DAYS} days of from`,
  });

const daysBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;

export function periodOf(p: { from: string; to: string }): Period {
  return {
    from: p.from,
    to: p.to,
    start: new Date(`${p.from}T00:00:00Z`),
    end: new Date(`${addDays(p.to, 1)}T00:00:00Z`),
  };
}

/**
 * `2026-01-01..2026-12-31` as the command line takes it: the period, or the field errors that say what is
 * wrong with it (the same words as the API's).
 */
export function parsePeriod(text: string): { ok: true; period: Period } | { ok: false; errors: string[] } {
  const [from, to, ...rest] = text.split('..');
  if (from === undefined || to === undefined || rest.length) {
    return { ok: false, errors: ['the period is written FROM..TO, e.g. 2026-01-01..2026-12-31'] };
  }
  const r = periodBody.safeParse({ from: from.trim(), to: to.trim() });
  if (!r.success) return { ok: false, errors: r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`) };
  return { ok: true, period: periodOf(r.data) };
}
