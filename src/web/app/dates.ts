import i18next from 'i18next';

/**
 * A calendar day from the API (`YYYY-MM-DD`: a deadline, a due or review date, an appointment's day) in the
 * reader's language. It is read as that day in UTC and formatted in UTC, so it shows the same day wherever
 * the reader is; `new Date('2026-12-31').toLocaleDateString()` shows 30 December west of UTC.
 */
export function formatDay(day: string, language: string, options: Intl.DateTimeFormatOptions = {}): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(language, { ...options, timeZone: 'UTC' });
}

/**
 * An instant from the API (ISO 8601) in the reader's local time and the language Keel speaks to them in (the
 * app's i18next language), not the browser's: a Danish reader on an English browser reads Danish dates.
 * `style` picks how much is said: `date` is the instant's day where the reader is (as `formatDay` shows a
 * calendar day), for when the hour does not matter, such as when an article was published.
 */
export function formatInstant(
  iso: string,
  style: 'full' | 'short' | 'medium' | 'time' | 'date' = 'full',
  language: string = i18next.language ?? 'en',
): string {
  const d = new Date(iso);
  if (style === 'time') return d.toLocaleTimeString(language, { timeStyle: 'short' });
  if (style === 'date') return d.toLocaleDateString(language);
  if (style === 'full') return d.toLocaleString(language);
  return d.toLocaleString(language, { dateStyle: style, timeStyle: 'short' });
}
