import type { ReportFrequency } from './policy.ts';

/**
 * The periods scheduled reports cover: calendar months or quarters in UTC. A schedule runs once a period has
 * ended, at 06:00 UTC on the first day of the next one (the morning of that day in Europe, where Keel's first
 * users are), and reports the period just ended.
 */
const RUN_HOUR = 6;
const months = (f: ReportFrequency) => (f === 'monthly' ? 1 : 3);

/** The period (start inclusive, end exclusive) of this frequency that holds `at`. */
export function periodHolding(f: ReportFrequency, at: Date): { from: Date; to: Date } {
  const n = months(f);
  const first = Math.floor(at.getUTCMonth() / n) * n;
  return {
    from: new Date(Date.UTC(at.getUTCFullYear(), first, 1)),
    to: new Date(Date.UTC(at.getUTCFullYear(), first + n, 1)),
  };
}

/** The last whole period that ended before the run at `at`: what that run reports. */
export function periodBefore(f: ReportFrequency, at: Date): { from: Date; to: Date } {
  const { from } = periodHolding(f, at);
  return periodHolding(f, new Date(from.getTime() - 1));
}

/** The first run after `at`: 06:00 UTC on the first day of a period, strictly later than `at`. */
export function nextRunAfter(f: ReportFrequency, at: Date): Date {
  const { from, to } = periodHolding(f, at);
  const thisOne = new Date(from.getTime() + RUN_HOUR * 3_600_000);
  return thisOne > at ? thisOne : new Date(to.getTime() + RUN_HOUR * 3_600_000);
}

/** A period as the calendar days it covers, both inclusive (YYYY-MM-DD): how reports are titled and read. */
export const daysOf = (p: { from: Date; to: Date }) => ({
  from: p.from.toISOString().slice(0, 10),
  to: new Date(p.to.getTime() - 86_400_000).toISOString().slice(0, 10),
});
