import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessMs, type Calendar, twentyFourSeven } from './calendar.ts';
import { type ClockEvent, runningPeriods, viewClock } from './clock.ts';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const office: Calendar = {
  timeZone: 'Europe/Copenhagen',
  week: Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [{ start: '08:00', end: '16:00' }]])),
};
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('SLA clocks', () => {
  // Monday 23 November 2026, Copenhagen is UTC+1: office hours 07:00–15:00 UTC
  const opened = at('2026-11-23T08:00:00Z');
  const events: ClockEvent[] = [
    { kind: 'start', at: opened },
    { kind: 'pause', at: at('2026-11-23T10:00:00Z'), reason: 'waiting for customer' },
    { kind: 'resume', at: at('2026-11-24T08:00:00Z') },
  ];

  it('a pause stops the business time and moves the deadline by what it paused', () => {
    const c = viewClock(office, events, 4 * H, at('2026-11-24T09:00:00Z'));
    // 2 h on Monday, 1 h on Tuesday so far; the 4th hour ends Tuesday 10:00 UTC
    expect(c).toMatchObject({ state: 'running', elapsedMs: 3 * H, remainingMs: H, breached: false });
    expect(iso(c.deadline)).toBe('2026-11-24T10:00:00.000Z');
  });

  it('while paused, it says why, and has no deadline yet', () => {
    const c = viewClock(office, events.slice(0, 2), 4 * H, at('2026-11-23T14:00:00Z'));
    expect(c).toMatchObject({
      state: 'paused',
      pausedFor: 'waiting for customer',
      elapsedMs: 2 * H,
      deadline: null,
    });
  });

  it('a new priority (target) or a new agreement (calendar) recomputes from the history and loses no pause', () => {
    const now = at('2026-11-24T09:00:00Z');
    const p1 = viewClock(office, events, 2 * H, now);
    // the 2 h target was reached on Monday at 10:00 UTC, just as the pause began: breached
    expect(p1).toMatchObject({ breached: true, elapsedMs: 3 * H });
    expect(iso(p1.deadline)).toBe('2026-11-23T10:00:00.000Z');
    const p4 = viewClock(office, events, 8 * H, now);
    expect(iso(p4.deadline)).toBe('2026-11-24T14:00:00.000Z');
    // the same history under 24×7: the pause (Monday evening and night) still counts for nothing
    const always = viewClock(twentyFourSeven('Europe/Copenhagen'), events, 8 * H, now);
    expect(always.elapsedMs).toBe(3 * H);
    expect(iso(always.deadline)).toBe('2026-11-24T14:00:00.000Z');
    // …and evenings count once it runs: 12 h from Tuesday 08:00 UTC ends 20:00 UTC, after office hours
    expect(iso(viewClock(twentyFourSeven('Europe/Copenhagen'), events, 14 * H, now).deadline)).toBe(
      '2026-11-24T20:00:00.000Z',
    );
    // office hours: 2 h Monday, 7 h Tuesday (08:00–15:00 UTC), 5 h Wednesday from 07:00 UTC
    expect(iso(viewClock(office, events, 14 * H, now).deadline)).toBe('2026-11-25T12:00:00.000Z');
  });

  it('a stopped clock keeps its elapsed time and whether it met the target', () => {
    const stopped = [...events, { kind: 'stop', at: at('2026-11-24T09:30:00Z') } as ClockEvent];
    const c = viewClock(office, stopped, 4 * H, at('2026-12-31T00:00:00Z'));
    expect(c).toMatchObject({ state: 'stopped', elapsedMs: 3.5 * H, breached: false, remainingMs: 0.5 * H });
  });

  it('a clock not started has nothing elapsed', () => {
    expect(viewClock(office, [], H, opened)).toMatchObject({
      state: 'not_started',
      elapsedMs: 0,
      deadline: null,
    });
  });

  const cal = fc.constantFrom(office, twentyFourSeven('Europe/Amsterdam'), {
    timeZone: 'America/New_York',
    week: {
      1: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '18:00' },
      ],
      3: [{ start: '00:00', end: '24:00' }],
    },
  } satisfies Calendar);
  const history = fc
    .tuple(
      fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2027-06-01T00:00:00Z') }),
      fc.array(fc.integer({ min: 1, max: 30 * H }), { maxLength: 8 }),
    )
    .map(([start, gaps]) => {
      const out: ClockEvent[] = [{ kind: 'start', at: start }];
      let t = start;
      gaps.forEach((g, i) => {
        t += g;
        out.push(i % 2 === 0 ? { kind: 'pause', at: t, reason: 'supplier' } : { kind: 'resume', at: t });
      });
      return { events: out, end: t + 5 * H };
    });

  it('property: elapsed is the business time of the running periods; at the deadline exactly the target has passed', () => {
    fc.assert(
      fc.property(cal, history, fc.integer({ min: 1, max: 40 * H }), (c, { events: ev, end }, target) => {
        const view = viewClock(c, ev, target, end);
        const expected = runningPeriods(ev).reduce((sum, [a, b]) => sum + businessMs(c, a, b ?? end), 0);
        expect(view.elapsedMs).toBe(expected);
        if (view.deadline !== null) {
          const before = ev.filter((e) => e.at <= view.deadline!);
          expect(viewClock(c, before, target, view.deadline).elapsedMs).toBe(target);
        } else {
          expect(view.state).toBe('paused');
          expect(view.elapsedMs).toBeLessThan(target);
        }
      }),
      { numRuns: 200 },
    );
  });
});
