import { addBusinessMs, businessMs, type Calendar } from './calendar.ts';

/**
 * An SLA clock keeps its whole history: when it started, every pause (with its reason) and resume, and when
 * it stopped. Elapsed business time, the deadline and the state are derived from that history and the
 * calendar every time, so changing the target (a new priority) or the calendar (a new agreement) gives the
 * right deadline at once and never loses a pause.
 */
export type ClockEvent =
  | { kind: 'start'; at: number }
  | { kind: 'pause'; at: number; reason: string }
  | { kind: 'resume'; at: number }
  | { kind: 'stop'; at: number };

export type ClockState = 'running' | 'paused' | 'stopped' | 'not_started';

export type ClockView = {
  state: ClockState;
  elapsedMs: number;
  remainingMs: number;
  /** When the target is (or was) reached while running; null while paused before reaching it. */
  deadline: number | null;
  breached: boolean;
  /** The reason of the pause in force. */
  pausedFor: string | null;
};

/** The running periods of a clock: [from, to) pairs, the last one open (to = null) while it runs. */
export function runningPeriods(events: ClockEvent[]): Array<[number, number | null]> {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const periods: Array<[number, number | null]> = [];
  let since: number | null = null;
  for (const e of sorted) {
    if ((e.kind === 'start' || e.kind === 'resume') && since === null) since = e.at;
    else if ((e.kind === 'pause' || e.kind === 'stop') && since !== null) {
      periods.push([since, e.at]);
      since = null;
    }
    if (e.kind === 'stop') break;
  }
  if (since !== null) periods.push([since, null]);
  return periods;
}

export function stateOf(events: ClockEvent[]): { state: ClockState; pausedFor: string | null } {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  if (!sorted.some((e) => e.kind === 'start')) return { state: 'not_started', pausedFor: null };
  const stop = sorted.find((e) => e.kind === 'stop');
  if (stop) return { state: 'stopped', pausedFor: null };
  const last = sorted.at(-1);
  if (last?.kind === 'pause') return { state: 'paused', pausedFor: last.reason };
  return { state: 'running', pausedFor: null };
}

/** The clock as of `now`, against a target of `targetMs` business time under `cal`. */
export function viewClock(cal: Calendar, events: ClockEvent[], targetMs: number, now: number): ClockView {
  const { state, pausedFor } = stateOf(events);
  let elapsed = 0;
  let deadline: number | null = null;
  for (const [from, to] of runningPeriods(events)) {
    const end = to ?? now;
    const part = businessMs(cal, from, Math.max(from, end));
    if (deadline === null && elapsed + part >= targetMs)
      deadline = addBusinessMs(cal, from, targetMs - elapsed);
    elapsed += part;
    // the period still running: the deadline lies ahead of now, if the target is not reached yet
    if (to === null && deadline === null) deadline = addBusinessMs(cal, from, targetMs - (elapsed - part));
  }
  return {
    state,
    elapsedMs: elapsed,
    remainingMs: Math.max(0, targetMs - elapsed),
    deadline,
    breached: elapsed >= targetMs && targetMs >= 0,
    pausedFor,
  };
}
