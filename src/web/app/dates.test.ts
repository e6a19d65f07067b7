// a reader west of UTC, where a date-only string read as a local Date falls on the day before
process.env.TZ = 'America/Los_Angeles';

import { describe, expect, it } from 'vitest';
import { formatDay } from './dates.ts';

describe('formatDay', () => {
  it('shows a calendar day as that day, west of UTC too', () => {
    expect(new Date('2026-12-31').toLocaleDateString('en-GB')).toBe('30/12/2026');
    expect(formatDay('2026-12-31', 'en-GB')).toBe('31/12/2026');
    expect(formatDay('2027-01-01', 'nl')).toBe('1-1-2027');
    expect(formatDay('2026-02-28', 'da', { day: 'numeric', month: 'long' })).toBe('28. februar');
  });
});
