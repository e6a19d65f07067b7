/**
 * Business calendars (ISO/IEC 20000-1 8.3.3): when the clock of an agreement runs. Weekly working intervals
 * (several a day: a lunch break is a gap), holidays that close a whole day or part of one, in a time zone
 * with its daylight saving changes. 24×7 is a calendar too. Pure functions over UTC milliseconds.
 */
export type Interval = { start: string; end: string };
export type Holiday = { date: string; name?: string; closed?: Interval[] };
export type Calendar = {
  timeZone: string;
  /** ISO weekday 1 (Monday) … 7 (Sunday) → open intervals, local time "HH:MM" to "HH:MM" ("24:00" ends a day). */
  week: Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, Interval[]>>;
  holidays?: Holiday[];
};

export const allDay: Interval[] = [{ start: '00:00', end: '24:00' }];
export const twentyFourSeven = (timeZone = 'UTC'): Calendar => ({
  timeZone,
  week: { 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay },
});

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export const minutesOf = (hhmm: string): number => {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`not a time of day: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
};

/** Checks a calendar; returns field errors a person can act on. */
export function checkCalendar(cal: Calendar): Array<{ field: string; message: string }> {
  const errors: Array<{ field: string; message: string }> = [];
  try {
    new Intl.DateTimeFormat('en', { timeZone: cal.timeZone });
  } catch {
    errors.push({
      field: 'timeZone',
      message: `unknown time zone "${cal.timeZone}" (use an IANA name like Europe/Amsterdam)`,
    });
  }
  const checkIntervals = (list: Interval[], field: string) => {
    let last = -1;
    list.forEach((iv, i) => {
      const ok =
        /^([01]\d|2[0-3]):[0-5]\d$/.test(iv.start) &&
        (/^([01]\d|2[0-3]):[0-5]\d$/.test(iv.end) || iv.end === '24:00');
      if (!ok) {
        errors.push({ field: `${field}.${i}`, message: 'times are HH:MM, from 00:00 to 24:00' });
        return;
      }
      const s = minutesOf(iv.start);
      const e = minutesOf(iv.end);
      if (e <= s) errors.push({ field: `${field}.${i}`, message: 'must end after it starts' });
      if (s < last)
        errors.push({ field: `${field}.${i}`, message: 'intervals must be in order and not overlap' });
      last = e;
    });
  };
  for (const [day, list] of Object.entries(cal.week)) {
    if (!/^[1-7]$/.test(day))
      errors.push({ field: `week.${day}`, message: 'weekdays are 1 (Monday) to 7 (Sunday)' });
    else checkIntervals(list ?? [], `week.${day}`);
  }
  (cal.holidays ?? []).forEach((h, i) => {
    // Date.parse takes 30 February for 2 March; a real date reads back as itself
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(h.date) ? new Date(`${h.date}T00:00:00Z`) : null;
    if (!parsed || Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(h.date)) {
      errors.push({ field: `holidays.${i}.date`, message: 'must be a date (YYYY-MM-DD)' });
    }
    if (h.closed) checkIntervals(h.closed, `holidays.${i}.closed`);
  });
  return errors;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function parts(timeZone: string, ms: number) {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return {
    y: Number(p.year),
    mo: Number(p.month),
    d: Number(p.day),
    h: Number(p.hour),
    mi: Number(p.minute),
    s: Number(p.second),
  };
}

/** Local time minus UTC, in ms, at an instant. */
function offset(timeZone: string, ms: number): number {
  const hour = Math.floor(ms / HOUR);
  const key = `${timeZone}|${hour}`;
  const known = hourOffsets.get(key);
  if (known !== undefined) return known;
  const first = exactOffset(timeZone, hour * HOUR);
  // a zone changes its offset at most once within an hour: equal at both ends means all through it
  if (first !== exactOffset(timeZone, hour * HOUR + HOUR - 1000)) return exactOffset(timeZone, ms);
  if (hourOffsets.size >= 200_000) hourOffsets.clear();
  hourOffsets.set(key, first);
  return first;
}
/** Formatting a date in a time zone costs microseconds; clock views ask for the same hours again and again. */
const hourOffsets = new Map<string, number>();

function exactOffset(timeZone: string, ms: number): number {
  const p = parts(timeZone, ms);
  return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant of a local wall-clock time. A time that does not exist (skipped by a spring-forward change)
 * moves forward by the gap; a time that exists twice (autumn) means the first of them.
 */
export function localToUtc(timeZone: string, y: number, mo: number, d: number, minutes: number): number {
  const local = Date.UTC(y, mo - 1, d) + minutes * MIN;
  // the offsets in force within a day either side: the true instant is at most 14 hours from `local`
  const offsets = [...new Set([-26, 0, 26].map((h) => offset(timeZone, local + h * HOUR)))];
  const exact = offsets.map((o) => local - o).filter((u) => u + offset(timeZone, u) === local);
  if (exact.length) return Math.min(...exact);
  // in a spring-forward gap: read the wall time with the offset from before the change (the smaller one)
  return local - Math.min(...offsets);
}

export type LocalDate = { y: number; mo: number; d: number };
const dateKey = (x: LocalDate) => `${x.y}-${String(x.mo).padStart(2, '0')}-${String(x.d).padStart(2, '0')}`;
const nextDate = (x: LocalDate, days = 1): LocalDate => {
  const t = new Date(Date.UTC(x.y, x.mo - 1, x.d) + days * DAY);
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate() };
};
const isoWeekday = (x: LocalDate) => ((new Date(Date.UTC(x.y, x.mo - 1, x.d)).getUTCDay() + 6) % 7) + 1;
export const localDateOf = (timeZone: string, ms: number): LocalDate => {
  const t = new Date(ms + offset(timeZone, ms));
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate() };
};

/** Minutes of a local day that are open: the weekday's intervals less a holiday's closed intervals. */
function openMinutes(cal: Calendar, date: LocalDate): Array<[number, number]> {
  const weekly = (cal.week[isoWeekday(date) as 1] ?? []).map((iv): [number, number] => [
    minutesOf(iv.start),
    minutesOf(iv.end),
  ]);
  const holiday = cal.holidays?.find((h) => h.date === dateKey(date));
  if (!holiday) return weekly;
  if (!holiday.closed) return [];
  let open = weekly;
  for (const c of holiday.closed) {
    const [cs, ce] = [minutesOf(c.start), minutesOf(c.end)];
    open = open.flatMap(([s, e]): Array<[number, number]> => {
      if (ce <= s || cs >= e) return [[s, e]];
      const out: Array<[number, number]> = [];
      if (cs > s) out.push([s, cs]);
      if (ce < e) out.push([ce, e]);
      return out;
    });
  }
  return open;
}

/** The open periods of a calendar that touch [from, to), as UTC [start, end) pairs, in order. */
export function* openPeriods(
  cal: Calendar,
  from: number,
  to = Number.POSITIVE_INFINITY,
): Generator<[number, number]> {
  let date = nextDate(localDateOf(cal.timeZone, from), -1);
  // a calendar with no open time at all would walk for ever; two years of nothing is proof enough
  let emptyDays = 0;
  for (;;) {
    const day = dayOf(cal, date);
    if (day.start >= to) return;
    for (const [a, b] of day.open) {
      if (b <= from) continue;
      if (a >= to) return;
      yield [Math.max(a, from), Math.min(b, to)];
    }
    emptyDays = day.open.length ? 0 : emptyDays + 1;
    if (emptyDays > 800) throw new Error('this calendar has no working time in two years');
    date = nextDate(date);
  }
}

/** A local day of a calendar: when it starts and its open periods, as UTC instants. */
type Day = { start: number; open: Array<[number, number]> };

/**
 * The days a calendar has been worked out for, kept with the calendar object: a clock running for months
 * walks every day since it started each time it is shown, and a queue shows a hundred clocks of the same few
 * calendars. Calendars are values: a changed calendar is a new object (clocks.ts keeps one per version).
 */
const daysOf = new WeakMap<Calendar, Map<number, Day>>();

function dayOf(cal: Calendar, date: LocalDate): Day {
  let days = daysOf.get(cal);
  if (!days) {
    days = new Map();
    daysOf.set(cal, days);
  }
  const key = Date.UTC(date.y, date.mo - 1, date.d) / DAY;
  let day = days.get(key);
  if (!day) {
    const { timeZone } = cal;
    const open: Array<[number, number]> = [];
    for (const [s, e] of openMinutes(cal, date)) {
      const a = localToUtc(timeZone, date.y, date.mo, date.d, s);
      const b = localToUtc(timeZone, date.y, date.mo, date.d, e);
      if (b > a) open.push([a, b]);
    }
    day = { start: localToUtc(timeZone, date.y, date.mo, date.d, 0), open };
    if (days.size >= 50_000) days.clear();
    days.set(key, day);
  }
  return day;
}

/** Business time in ms between two instants (0 when to ≤ from). */
export function businessMs(cal: Calendar, from: number, to: number): number {
  if (to <= from) return 0;
  let sum = 0;
  for (const [a, b] of openPeriods(cal, from, to)) sum += b - a;
  return sum;
}

/** The instant at which `ms` of business time have passed since `from`. */
export function addBusinessMs(cal: Calendar, from: number, ms: number): number {
  if (ms <= 0) {
    // the clock starts at the next open instant
    for (const [a] of openPeriods(cal, from)) return a;
  }
  let left = ms;
  for (const [a, b] of openPeriods(cal, from)) {
    if (b - a >= left) return a + left;
    left -= b - a;
  }
  throw new Error('unreachable');
}

/** A business calendar as a clock's statement reads it with the clock. */
export type CalendarRow = {
  calendar_id: string;
  calendar_version: number;
  time_zone: string;
  week: Calendar['week'];
  holidays: Calendar['holidays'];
};
const calendars = new Map<string, Calendar>();
/**
 * One calendar object per calendar and version, kept between requests: the days it has worked out stay
 * with it (calendar.ts), and an edited calendar has a new version, so it is read afresh.
 */
export function calendarOf(r: CalendarRow): Calendar {
  const key = `${r.calendar_id}:${r.calendar_version}`;
  let cal = calendars.get(key);
  if (!cal) {
    if (calendars.size >= 1000) calendars.clear();
    cal = { timeZone: r.time_zone, week: r.week, holidays: r.holidays };
    calendars.set(key, cal);
  }
  return cal;
}
