// a reader west of UTC, where a date-only string read as a local Date falls on the day before
process.env.TZ = 'America/Los_Angeles';

import { describe, expect, it } from 'vitest';
import { formatDay, formatInstant } from './dates.ts';

describe('formatDay', () => {
  it('shows a calendar day as that day, west of UTC too', () => {
    expect(new Date('2026-12-31').toLocaleDateString('en-GB')).toBe('30/12/2026');
    expect(formatDay('2026-12-31', 'en-GB')).toBe('31/12/2026');
    expect(formatDay('2027-01-01', 'nl')).toBe('1-1-2027');
    expect(formatDay('2026-02-28', 'da', { day: 'numeric', month: 'long' })).toBe('28. februar');
  });
});

describe('formatInstant', () => {
  it("says an instant in the reader's local time and Keel's language for them, not the browser's", () => {
    // 17:05 UTC is 09:05 in Los Angeles in winter
    const at = '2026-12-07T17:05:00.000Z';
    expect(formatInstant(at, 'time', 'da')).toBe('09.05');
    expect(formatInstant(at, 'short', 'nl')).toBe('07-12-2026, 09:05');
    expect(formatInstant(at, 'medium', 'en')).toBe('Dec 7, 2026, 9:05 AM');
    expect(formatInstant(at, 'full', 'da')).toBe(new Date(at).toLocaleString('da'));
  });

  it("says only the instant's day where the reader is, not the day in UTC", () => {
    // 03:00 UTC on 8 December is still 7 December in Los Angeles: formatDay would say the 8th
    const at = '2026-12-08T03:00:00.000Z';
    expect(formatInstant(at, 'date', 'en-GB')).toBe('07/12/2026');
    expect(formatDay(at, 'en-GB')).toBe('08/12/2026');
    expect(formatInstant('2026-12-07T17:05:00.000Z', 'date', 'nl')).toBe('7-12-2026');
  });
});
