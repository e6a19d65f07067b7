import { describe, expect, it } from 'vitest';
import { Problem } from '../http/problem.ts';
import { type Actor, mustHold, systemActor } from './actor.ts';
import { holdsAny } from './roles.ts';

/** A command's own check of its rule: the holder passes, anyone else is refused, Keel itself is not asked. */
const keepsRisks = (who: { roles: readonly string[] }) => holdsAny(who, ['process_owner', 'top_management']);
const person = (...roles: Actor['roles']): Actor => ({ kind: 'user', userId: 'u', label: 'someone', roles });

describe('mustHold', () => {
  it('lets the holder of the rule through', () => {
    expect(() => mustHold(person('process_owner'), keepsRisks, 'no')).not.toThrow();
  });

  it('refuses anyone else with a 403 naming why', () => {
    const refused = (() => {
      try {
        mustHold(person('resolver'), keepsRisks, 'Risks are kept by process owners.');
      } catch (e) {
        return e;
      }
    })() as Problem;
    expect(refused).toBeInstanceOf(Problem);
    expect(refused.status).toBe(403);
    expect(refused.message).toBe('Risks are kept by process owners.');
    expect(() => mustHold({ ...person(), kind: 'token' }, keepsRisks, 'no')).toThrow(Problem);
  });

  it('does not ask Keel itself (the demo, scheduled steps, the CLI)', () => {
    expect(() => mustHold(systemActor('demo'), keepsRisks, 'no')).not.toThrow();
  });
});
