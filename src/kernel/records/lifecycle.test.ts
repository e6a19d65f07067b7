import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Role } from '../access/roles.ts';
import { Problem } from '../http/problem.ts';
import { allowedTransitions, defineLifecycle, planTransition } from './lifecycle.ts';

const lc = defineLifecycle<{ state: string }>({
  initial: 'new',
  states: ['new', 'active', 'pending', 'resolved', 'closed', 'cancelled'],
  final: ['closed', 'cancelled'],
  transitions: [
    { name: 'start', from: ['new'], to: 'active' },
    { name: 'pause', from: ['active'], to: 'pending', requires: ['reason'] },
    { name: 'resume', from: ['pending'], to: 'active' },
    { name: 'resolve', from: ['active', 'pending'], to: 'resolved', roles: ['resolver'], requires: ['code'] },
    { name: 'close', from: ['resolved'], to: 'closed' },
    { name: 'cancel', from: ['new', 'active', 'pending'], to: 'cancelled', roles: ['incident_manager'] },
  ],
});

describe('lifecycle engine', () => {
  it('refuses a lifecycle that names unknown states', () => {
    expect(() =>
      defineLifecycle({
        initial: 'a',
        states: ['a'],
        final: [],
        transitions: [{ name: 't', from: ['a'], to: 'b' }],
      }),
    ).toThrow(/unknown state b/);
  });

  it('offers only transitions from the current state that the roles allow', () => {
    expect(allowedTransitions(lc, 'active', ['resolver']).map((t) => t.name)).toEqual(['pause', 'resolve']);
    expect(allowedTransitions(lc, 'active', ['customer']).map((t) => t.name)).toEqual(['pause']);
    expect(allowedTransitions(lc, 'closed', ['incident_manager'])).toEqual([]);
  });

  it('requires the declared input and says which field is missing', () => {
    try {
      planTransition(lc, { state: 'active' }, 'resolve', ['resolver'], { code: '  ' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(Problem);
      expect((e as Problem).errors).toEqual([{ field: 'code', message: 'is required to resolve' }]);
    }
  });

  it('a transition from the wrong state is a 409; without the role a 403', () => {
    expect(() => planTransition(lc, { state: 'new' }, 'close', ['resolver'], {})).toThrow(
      expect.objectContaining({ status: 409 }),
    );
    expect(() => planTransition(lc, { state: 'active' }, 'resolve', ['customer'], { code: 'x' })).toThrow(
      expect.objectContaining({ status: 403 }),
    );
  });

  const roleSets = fc.subarray<Role>(['resolver', 'incident_manager', 'customer']);
  const names = fc.constantFrom(...lc.transitions.map((t) => t.name), 'nonsense');
  it('property: any walk stays inside the declared states and agrees with the offered transitions', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(names, roleSets, fc.boolean()), { maxLength: 30 }), (steps) => {
        let state = lc.initial;
        for (const [name, roles, withInput] of steps) {
          const offered = allowedTransitions(lc, state, roles).map((t) => t.name);
          const input = withInput ? { reason: 'r', code: 'c' } : {};
          let next: string | null = null;
          try {
            next = planTransition(lc, { state }, name, roles, input).to;
          } catch (e) {
            expect(e).toBeInstanceOf(Problem);
          }
          if (next !== null) {
            // whatever fired was offered, and leads to a declared state
            expect(offered).toContain(name);
            expect(lc.states).toContain(next);
            state = next;
          } else if (offered.includes(name)) {
            // an offered transition can only fail for missing input
            expect(withInput).toBe(false);
          }
          if (lc.final.includes(state))
            expect(allowedTransitions(lc, state, ['incident_manager', 'resolver'])).toEqual([]);
        }
      }),
    );
  });
});
