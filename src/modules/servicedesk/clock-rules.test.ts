import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canMove } from '../agreements/index.ts';
import { movesTo, olaScope, type Situation, startsNow, ucScope, wantedClock } from './clock-rules.ts';
import { incidentStates, pendingReasons } from './lifecycle.ts';

type Sim = { state: string; pausedFor: string | null };

/** Applies the moves the rules ask for, refusing any the clock commands would refuse (the agreements module). */
function apply(clock: Sim, moves: ReturnType<typeof movesTo>): Sim {
  let c = clock;
  for (const m of moves) {
    expect(canMove(c.state, m.kind), `${m.kind} from ${c.state}`).toBe(true);
    c =
      m.kind === 'pause'
        ? { state: 'paused', pausedFor: m.reason }
        : m.kind === 'resume'
          ? { state: 'running', pausedFor: null }
          : { state: 'stopped', pausedFor: null };
  }
  return c;
}

const G1 = 'g1';
const G2 = 'g2';
const S1 = 's1';
const situation = fc.record<Situation>({
  state: fc.constantFrom(...incidentStates),
  pendingReason: fc.option(fc.constantFrom(...pendingReasons), { nil: null }),
  groupId: fc.option(fc.constantFrom(G1, G2), { nil: null }),
  supplierCiId: fc.option(fc.constantFrom(S1, 's2'), { nil: null }),
});
const scopes = ['sla', olaScope(G1), olaScope(G2), ucScope(S1)];
const pauseOn = fc.subarray([...pendingReasons]);

describe('clock rules', () => {
  it('property: through any sequence of situations each clock is taken exactly where the rules want it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...scopes),
        fc.constantFrom('response', 'resolution'),
        pauseOn,
        fc.array(situation, { minLength: 1, maxLength: 25 }),
        (scope, metric, rules, path) => {
          let clock: Sim | null = null;
          for (const s of path) {
            if (!clock) {
              if (startsNow(metric, scope, s, rules)) clock = { state: 'running', pausedFor: null };
            }
            if (!clock) continue;
            const wasStopped = clock.state === 'stopped';
            clock = apply(clock, movesTo(clock, wantedClock(metric, scope, s, rules)));
            const wanted = wantedClock(metric, scope, s, rules);
            if (wasStopped)
              expect(clock.state).toBe('stopped'); // a stopped clock never runs again
            else if (wanted.kind === 'paused')
              expect(clock).toEqual({ state: 'paused', pausedFor: wanted.reason });
            else expect(clock.state).toBe(wanted.kind);
          }
        },
      ),
    );
  });

  it('property: a supplier clock runs only while the incident waits on that supplier', () => {
    fc.assert(
      fc.property(situation, pauseOn, fc.constantFrom('response', 'resolution'), (s, rules, metric) => {
        const waiting = s.state === 'pending' && s.pendingReason === 'supplier' && s.supplierCiId === S1;
        expect(wantedClock(metric, ucScope(S1), s, rules).kind === 'running').toBe(waiting);
      }),
    );
  });

  it("property: a group's clock runs only while the group holds the incident, and never once it is final", () => {
    fc.assert(
      fc.property(situation, pauseOn, fc.constantFrom('response', 'resolution'), (s, rules, metric) => {
        const wanted = wantedClock(metric, olaScope(G1), s, rules);
        if (s.groupId !== G1) expect(wanted.kind).not.toBe('running');
        if (['closed', 'cancelled'].includes(s.state)) expect(wanted.kind).not.toBe('running');
      }),
    );
  });

  it('the SLA: pending pauses only for the reasons the agreement names; resolved waits for the requester', () => {
    const s = (state: string, pendingReason: string | null = null): Situation => ({
      state,
      pendingReason,
      groupId: null,
      supplierCiId: null,
    });
    expect(wantedClock('resolution', 'sla', s('pending', 'customer'), ['customer'])).toEqual({
      kind: 'paused',
      reason: 'pending:customer',
    });
    expect(wantedClock('resolution', 'sla', s('pending', 'supplier'), ['customer'])).toEqual({
      kind: 'running',
    });
    expect(wantedClock('resolution', 'sla', s('resolved'), [])).toEqual({
      kind: 'paused',
      reason: 'resolved',
    });
    expect(wantedClock('resolution', 'sla', s('closed'), [])).toEqual({ kind: 'paused', reason: 'resolved' });
    expect(wantedClock('response', 'sla', s('in_progress'), [])).toEqual({ kind: 'stopped' });
    expect(wantedClock('resolution', 'sla', s('cancelled'), [])).toEqual({ kind: 'stopped' });
    // a paused clock changing its reason resumes and pauses at the same instant: no time runs between
    expect(
      movesTo({ state: 'paused', pausedFor: 'pending:customer' }, { kind: 'paused', reason: 'resolved' }),
    ).toEqual([{ kind: 'resume' }, { kind: 'pause', reason: 'resolved' }]);
    expect(startsNow('response', 'sla', s('in_progress'), [])).toBe(false);
    expect(startsNow('resolution', 'sla', s('in_progress'), [])).toBe(true);
  });
});
