/**
 * A point in time as Keel's API gives it: ISO 8601 in UTC to the millisecond, exactly as
 * `Date#toISOString` writes it. Statements written in SQL get `timestamptz` from PostgreSQL as text
 * ("2026-11-22 02:36:22.123456+00" on a server whose time zone is UTC); the query builder gives Dates.
 * Text in UTC is rewritten as it is, without parsing a date: parsing took half a microsecond, and a queue
 * page shows about 250 points in time. Any other text (another time zone, a year past 9999) goes through
 * `Date`, which gives the same answer slower.
 */
export function isoTimestamp(v: string | Date): string {
  if (typeof v !== 'string') return v.toISOString();
  const end = v.length - 3;
  if (end >= 19 && v.charCodeAt(10) === 32 && v.endsWith('+00')) {
    const day = v.slice(0, 10);
    const time = v.slice(11, 19);
    if (end === 19) return `${day}T${time}.000Z`;
    // a fraction of a second, one to six digits: milliseconds are its first three (Date cuts, not rounds)
    if (v.charCodeAt(19) === 46 && end <= 26) return `${day}T${time}.${`${v.slice(20, end)}00`.slice(0, 3)}Z`;
  }
  return new Date(v).toISOString();
}

/** `isoTimestamp`, with null (and a missing value) kept as null. */
export const isoTimestampOrNull = (v: string | Date | null | undefined): string | null =>
  v === null || v === undefined ? null : isoTimestamp(v);
