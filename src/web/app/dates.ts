/**
 * A calendar day from the API (`YYYY-MM-DD`: a deadline, a due or review date, an appointment's day) in the
 * reader's language. It is read as that day in UTC and formatted in UTC, so it shows the same day wherever
 * the reader is; `new Date('2026-12-31').toLocaleDateString()` shows 30 December west of UTC.
 */
export function formatDay(day: string, language: string, options: Intl.DateTimeFormatOptions = {}): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(language, { ...options, timeZone: 'UTC' });
}
