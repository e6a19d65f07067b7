/**
 * What each of an incident's clocks should be doing, given where the incident stands (docs/incidents.md,
 * "Clocks"). Pure: the commands compare this with the clock's history and append the events that get it
 * there, so every lifecycle step, reassignment and agreement change goes through the same rules.
 *
 * - The customer's SLA ('sla'): response runs until work starts; resolution runs until resolved and then
 *   waits (paused, "resolved") for the requester's confirmation or a reopen; pending pauses both where the
 *   agreement's pause rules say so; cancelling stops them.
 * - An internal group's OLA ('ola:<group id>'): the same rules while the group holds the incident; while
 *   another group holds it the clock waits ("reassigned"); once the incident is resolved elsewhere it stops.
 * - A supplier's underpinning contract ('uc:<supplier CI id>'): runs only while the incident waits on that
 *   supplier. Response ends when the wait ends; resolution waits ("with provider") while the work is back
 *   with the service provider, and stops when the incident is resolved or cancelled.
 */
export type Wanted = { kind: 'running' } | { kind: 'paused'; reason: string } | { kind: 'stopped' };
export type Situation = {
  state: string;
  pendingReason: string | null;
  groupId: string | null;
  supplierCiId: string | null;
};

export const PENDING_PREFIX = 'pending:';
export const RESOLVED_REASON = 'resolved';
export const REASSIGNED_REASON = 'reassigned';
export const WITH_PROVIDER_REASON = 'with-provider';

export const olaScope = (groupId: string) => `ola:${groupId}`;
export const ucScope = (supplierCiId: string) => `uc:${supplierCiId}`;

const running: Wanted = { kind: 'running' };
const stopped: Wanted = { kind: 'stopped' };
const paused = (reason: string): Wanted => ({ kind: 'paused', reason });

/** The customer's and the holding group's clocks. */
function serviceProvider(metric: string, s: Situation, pauseOn: readonly string[]): Wanted {
  if (s.state === 'cancelled') return stopped;
  const pending =
    s.state === 'pending' && s.pendingReason && pauseOn.includes(s.pendingReason)
      ? paused(`${PENDING_PREFIX}${s.pendingReason}`)
      : running;
  if (metric === 'response') {
    if (s.state === 'new' || s.state === 'assigned') return running;
    return s.state === 'pending' ? pending : stopped;
  }
  if (s.state === 'resolved' || s.state === 'closed') return paused(RESOLVED_REASON);
  return s.state === 'pending' ? pending : running;
}

export function wantedClock(metric: string, scope: string, s: Situation, pauseOn: readonly string[]): Wanted {
  if (scope.startsWith('ola:')) {
    if (scope !== (s.groupId ? olaScope(s.groupId) : null)) {
      return ['resolved', 'closed', 'cancelled'].includes(s.state) ? stopped : paused(REASSIGNED_REASON);
    }
    return serviceProvider(metric, s, pauseOn);
  }
  if (scope.startsWith('uc:')) {
    const waiting =
      s.state === 'pending' &&
      s.pendingReason === 'supplier' &&
      s.supplierCiId !== null &&
      scope === ucScope(s.supplierCiId);
    if (waiting) return running;
    if (metric === 'response' || ['resolved', 'closed', 'cancelled'].includes(s.state)) return stopped;
    return paused(WITH_PROVIDER_REASON);
  }
  return serviceProvider(metric, s, pauseOn);
}

/**
 * Whether a clock that does not exist yet starts now. A response clock starts only before work is under
 * way (a group taking over an incident already being worked on, or an agreement set later, has nothing to
 * respond to); a clock that would stop as it starts measures nothing.
 */
export function startsNow(metric: string, scope: string, s: Situation, pauseOn: readonly string[]): boolean {
  if (wantedClock(metric, scope, s, pauseOn).kind === 'stopped') return false;
  if (metric !== 'response' || scope.startsWith('uc:')) return true;
  return s.state === 'new' || s.state === 'assigned';
}

/** The events that take a clock from where it is to where it should be (none when it is there already). */
export function movesTo(
  current: { state: string; pausedFor: string | null },
  wanted: Wanted,
): Array<{ kind: 'pause'; reason: string } | { kind: 'resume' } | { kind: 'stop' }> {
  if (current.state === 'stopped' || current.state === 'not_started') return [];
  if (wanted.kind === 'stopped') return [{ kind: 'stop' }];
  if (wanted.kind === 'running') return current.state === 'paused' ? [{ kind: 'resume' }] : [];
  if (current.state === 'running') return [{ kind: 'pause', reason: wanted.reason }];
  // paused for another reason: the reason changes at the same instant, no time runs in between
  return current.pausedFor === wanted.reason
    ? []
    : [{ kind: 'resume' }, { kind: 'pause', reason: wanted.reason }];
}
