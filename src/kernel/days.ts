import { sql } from 'drizzle-orm';

/**
 * Calendar days (deadlines, review and due dates, appointments) are PostgreSQL `date`s and travel as
 * `YYYY-MM-DD` text; "today" is the UTC calendar day. Nothing here goes through a local-time Date.
 */

/** Today's calendar date in UTC, as PostgreSQL `date` text (YYYY-MM-DD). */
export const today = () => new Date().toISOString().slice(0, 10);
/** The UTC calendar day of a moment (YYYY-MM-DD). */
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);
/** The calendar day `n` days after `day` (YYYY-MM-DD, UTC). */
export const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** The same day `n` months later (UTC), kept within the month (31 January + 1 month = 28/29 February). */
export function addMonths(day: string, n: number) {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + n, Math.min(d, last))).toISOString().slice(0, 10);
}
/** A moment `n` months later: the same time of day (UTC) on the day `addMonths` gives. */
export const addMonthsTo = (at: Date, n: number) =>
  new Date(`${addMonths(dayOf(at), n)}T${at.toISOString().slice(11)}`);
/** SQL for today's calendar date in UTC, matching `today()`. */
export const sqlToday = sql`(now() at time zone 'utc')::date`;
/** Whether a text is a real calendar day written YYYY-MM-DD. */
export const isDay = (d: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d)) && addDays(d, 0) === d;
/**
 * When a reminder meant for a calendar day is sent: 07:00 UTC, which is on that same day from UTC−7 to
 * UTC+16 (midnight UTC is still the day before anywhere west of UTC).
 */
export const onTheDay = (day: string) => new Date(`${day}T07:00:00Z`);
