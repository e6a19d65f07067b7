import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMs,
  businessMs,
  type Calendar,
  checkCalendar,
  localDateOf,
  localToUtc,
  twentyFourSeven,
} from './calendar.ts';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const office: Calendar = {
  timeZone: 'Europe/Amsterdam',
  // a lunch break is a gap between two intervals
  week: Object.fromEntries(
    [1, 2, 3, 4, 5].map((d) => [
      d,
      [
        { start: '08:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
    ]),
  ),
  holidays: [
    { date: '2026-12-25', name: 'Christmas' },
    { date: '2026-12-24', name: 'Christmas Eve afternoon', closed: [{ start: '12:00', end: '24:00' }] },
  ],
};

describe('business calendars', () => {
  it('skips the lunch break, the evening and the weekend', () => {
    // Friday 2026-11-20 16:00 in Amsterdam (15:00 UTC) plus 4 business hours: 1 h on Friday, 3 h on Monday
    expect(new Date(addBusinessMs(office, at('2026-11-20T15:00:00Z'), 4 * H)).toISOString()).toBe(
      '2026-11-23T10:00:00.000Z',
    );
    // Monday 11:30 plus 1 hour: 30 minutes before lunch, 30 after
    expect(new Date(addBusinessMs(office, at('2026-11-23T10:30:00Z'), H)).toISOString()).toBe(
      '2026-11-23T12:30:00.000Z',
    );
    expect(businessMs(office, at('2026-11-20T15:00:00Z'), at('2026-11-23T10:00:00Z'))).toBe(4 * H);
  });

  it('a holiday closes the day, a partial holiday part of it', () => {
    // Thursday 24 December 2026 at 11:00 (10:00 UTC): one hour left that day, Christmas closed, Saturday and Sunday too
    expect(new Date(addBusinessMs(office, at('2026-12-24T10:00:00Z'), 2 * H)).toISOString()).toBe(
      '2026-12-28T08:00:00.000Z',
    );
  });

  it('daylight saving: a day of 24×7 on the spring change has 23 hours, in autumn 25; office hours stay 8', () => {
    const ams = twentyFourSeven('Europe/Amsterdam');
    expect(
      businessMs(
        ams,
        localToUtc('Europe/Amsterdam', 2026, 3, 29, 0),
        localToUtc('Europe/Amsterdam', 2026, 3, 30, 0),
      ),
    ).toBe(23 * H);
    expect(
      businessMs(
        ams,
        localToUtc('Europe/Amsterdam', 2026, 10, 25, 0),
        localToUtc('Europe/Amsterdam', 2026, 10, 26, 0),
      ),
    ).toBe(25 * H);
    // Friday before and Monday after the March change: one office day each side, 8 h each
    expect(businessMs(office, at('2026-03-27T00:00:00Z'), at('2026-03-31T00:00:00Z'))).toBe(16 * H);
    // Monday 30 March 08:00 is 06:00 UTC in summer time
    expect(new Date(addBusinessMs(office, at('2026-03-28T12:00:00Z'), 0)).toISOString()).toBe(
      '2026-03-30T06:00:00.000Z',
    );
  });

  it('wall times that do not exist move forward; those that exist twice mean the first', () => {
    // 02:30 on 29 March 2026 does not exist in Amsterdam: it is read as 03:30 summer time (01:30 UTC)
    expect(new Date(localToUtc('Europe/Amsterdam', 2026, 3, 29, 150)).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    // 02:30 on 25 October 2026 happens twice: the first is 00:30 UTC
    expect(new Date(localToUtc('Europe/Amsterdam', 2026, 10, 25, 150)).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(new Date(localToUtc('America/New_York', 2026, 7, 1, 9 * 60)).toISOString()).toBe(
      '2026-07-01T13:00:00.000Z',
    );
  });

  it('says what is wrong with a calendar', () => {
    const errors = checkCalendar({
      timeZone: 'Mars/Olympus',
      week: { 1: [{ start: '09:00', end: '08:00' }], 2: [{ start: '9am', end: '17:00' }] },
      holidays: [{ date: '2026-13-01' }],
    });
    expect(errors.map((e) => e.field)).toEqual(['timeZone', 'week.1.0', 'week.2.0', 'holidays.0.date']);
    expect(() => addBusinessMs({ timeZone: 'UTC', week: {} }, 0, H)).toThrow(/no working time/);
  });

  const zones = fc.constantFrom(
    'UTC',
    'Europe/Amsterdam',
    'Europe/Copenhagen',
    'America/New_York',
    'Australia/Sydney',
    'Asia/Kolkata',
  );
  const interval = fc
    .tuple(fc.integer({ min: 0, max: 23 * 4 }), fc.integer({ min: 1, max: 8 }))
    .map(([s, len]) => [s * 15, Math.min(24 * 60, s * 15 + len * 30)] as const);
  const hhmm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const calendar = fc
    .record({
      timeZone: zones,
      days: fc.array(fc.array(interval, { maxLength: 3 }), { minLength: 7, maxLength: 7 }),
    })
    .map(({ timeZone, days }): Calendar => {
      const week: Calendar['week'] = {};
      days.forEach((list, i) => {
        // sort and merge so intervals are in order and do not overlap
        const merged: Array<[number, number]> = [];
        for (const [s, e] of [...list].sort((a, b) => a[0] - b[0])) {
          const last = merged.at(-1);
          if (last && s <= last[1]) last[1] = Math.max(last[1], e);
          else merged.push([s, e]);
        }
        week[(i + 1) as 1] = merged.map(([s, e]) => ({ start: hhmm(s), end: hhmm(e) }));
      });
      // never empty: Wednesday always has an hour
      if (!week[3]?.length) week[3] = [{ start: '10:00', end: '11:00' }];
      return { timeZone, week };
    });
  const instant = fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2027-12-31T00:00:00Z') });
  const span = fc.integer({ min: 0, max: 200 * H });

  it('property: the deadline of t business ms after a start is exactly t business ms away', () => {
    fc.assert(
      fc.property(calendar, instant, span, (cal, from, ms) => {
        expect(checkCalendar(cal)).toEqual([]);
        const end = addBusinessMs(cal, from, ms);
        expect(end).toBeGreaterThanOrEqual(from);
        expect(businessMs(cal, from, end)).toBe(ms);
      }),
      { numRuns: 150 },
    );
  });

  it('property: business time adds up over consecutive spans and never exceeds wall time', () => {
    fc.assert(
      fc.property(calendar, instant, span, span, (cal, a, x, y) => {
        const b = a + x;
        const c = b + y;
        expect(businessMs(cal, a, c)).toBe(businessMs(cal, a, b) + businessMs(cal, b, c));
        expect(businessMs(cal, a, c)).toBeLessThanOrEqual(c - a);
      }),
      { numRuns: 150 },
    );
  });

  it('property: the local date of an instant is what the time zone database says, at any offset and change', () => {
    // whole-hour, half-hour and 45-minute offsets, southern and northern summers, a 30-minute summer shift
    const zones = [
      'Europe/Amsterdam',
      'America/St_Johns',
      'Asia/Kolkata',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
      'America/Santiago',
      'Pacific/Chatham',
      'UTC',
    ];
    const day = (timeZone: string, ms: number) => {
      const p = Object.fromEntries(
        new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
          .formatToParts(new Date(ms))
          .map((x) => [x.type, Number(x.value)]),
      );
      return { y: p.year, mo: p.month, d: p.day };
    };
    const wall = (timeZone: string, ms: number) => {
      const p = Object.fromEntries(
        new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric' })
          .formatToParts(new Date(ms))
          .map((x) => [x.type, Number(x.value)]),
      );
      return (p.hour ?? 0) * 60 + (p.minute ?? 0);
    };
    // every 5 minutes of each day of 2026 on which a zone changes its offset (Santiago's at midnight)
    for (const zone of zones)
      for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 24 * H) {
        const changes = (wall(zone, t + 24 * H) - wall(zone, t) + 1440) % 1440 !== 0;
        for (let ms = t; changes && ms < t + 24 * H; ms += 5 * 60_000)
          expect(localDateOf(zone, ms)).toEqual(day(zone, ms));
      }
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2031-01-01T00:00:00Z') }),
        (zone, ms) => {
          // the same hour is asked twice: once worked out, once from what was kept
          expect(localDateOf(zone, ms)).toEqual(day(zone, ms));
          expect(localDateOf(zone, ms)).toEqual(day(zone, ms));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
