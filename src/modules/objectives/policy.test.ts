import { describe, expect, it } from 'vitest';
import type { Role } from '../../kernel/access/roles.ts';
import { mayKeepObjective, maySetObjectives, mayTickObjectiveAction } from './policy.ts';

/** Who may do what with objectives: role × action (× situation) × outcome, asked of the rules directly. */
const me = 'me';
const someoneElses = { ownerId: 'owner' };
const rule: Record<string, (who: { roles: Role[]; userId: string }) => boolean> = {
  set: (w) => maySetObjectives(w),
  "keep someone else's": (w) => mayKeepObjective(w, someoneElses),
  'keep their own': (w) => mayKeepObjective(w, { ownerId: me }),
  'tick off an action they are responsible for': (w) =>
    mayTickObjectiveAction(w, someoneElses, { responsibleId: me }),
  "tick off someone else's action": (w) =>
    mayTickObjectiveAction(w, someoneElses, { responsibleId: 'other' }),
  'tick off an action nobody is responsible for': (w) =>
    mayTickObjectiveAction(w, someoneElses, { responsibleId: null }),
};
const table: Array<[Role[], string, boolean]> = [
  [['process_owner'], 'set', true],
  [['top_management'], 'set', true],
  [['service_desk_agent'], 'set', false],
  [['internal_auditor'], 'set', false],
  [['top_management'], "keep someone else's", true],
  [['process_owner'], "keep someone else's", false],
  [['resolver'], "keep someone else's", false],
  [['service_desk_agent'], 'keep their own', true],
  [['resolver'], 'tick off an action they are responsible for', true],
  [['resolver'], "tick off someone else's action", false],
  [['top_management'], "tick off someone else's action", true],
  [['resolver'], 'tick off an action nobody is responsible for', false],
];

describe('who may do what with objectives', () => {
  it.each(table)('%s: %s → %s', (roles, action, expected) =>
    expect(rule[action]!({ roles, userId: me })).toBe(expected),
  );
});
