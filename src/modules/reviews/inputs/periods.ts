import { addDays, addMonths } from '../../../kernel/days.ts';

/** A period of calendar days, both ends inclusive (YYYY-MM-DD). */
export type DayPeriod = { from: string; to: string };

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/**
 * The period of the same length just before a review's period, for trends: the same number of whole months
 * when the period is whole calendar months (a quarter before a quarter, whatever their days), otherwise the
 * same number of days.
 */
export function previousPeriod(p: DayPeriod): DayPeriod {
  const after = addDays(p.to, 1);
  if (p.from.endsWith('-01') && after.endsWith('-01')) {
    const months =
      (Number(after.slice(0, 4)) - Number(p.from.slice(0, 4))) * 12 +
      Number(after.slice(5, 7)) -
      Number(p.from.slice(5, 7));
    return { from: addMonths(p.from, -months), to: addDays(p.from, -1) };
  }
  const days = dayNumber(p.to) - dayNumber(p.from) + 1;
  return { from: addDays(p.from, -days), to: addDays(p.from, -1) };
}

/** The instants a period of days spans in UTC: from its first day's start up to, not including, the day after. */
export const instantsOf = (p: DayPeriod) => ({
  from: new Date(`${p.from}T00:00:00Z`),
  to: new Date(`${addDays(p.to, 1)}T00:00:00Z`),
});
