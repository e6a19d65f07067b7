import { describe, expect, it } from 'vitest';
import { type Role, roles } from '../../kernel/access/roles.ts';
import { allowedTransitions } from '../../kernel/records/lifecycle.ts';
import { problemLifecycle } from './lifecycle.ts';
import {
  mayApplyWorkaround,
  mayManageProblems,
  mayNotePublicly,
  mayReadProblems,
  mayWriteOnProblem,
  workaroundAppliedAs,
} from './policy.ts';

/**
 * Who may do what with problems (docs/problems.md, "Who may do what"), role × action × outcome: every role
 * Keel knows is in the table, so a role added later must be placed in it.
 */
type Action = 'manage' | 'read' | 'comment' | 'apply workaround' | 'fire transitions';
const rules: Record<Action, (who: { roles: readonly string[] }) => boolean> = {
  manage: mayManageProblems,
  read: mayReadProblems,
  comment: mayWriteOnProblem,
  'apply workaround': mayApplyWorkaround,
  'fire transitions': (who) =>
    problemLifecycle.states.some(
      (s) => allowedTransitions(problemLifecycle, s, who.roles as Role[]).length > 0,
    ),
};

// manage, read, comment, apply workaround, fire transitions
const expected: Record<Role, [boolean, boolean, boolean, boolean, boolean]> = {
  problem_manager: [true, true, true, true, true],
  service_desk_agent: [false, true, true, true, false],
  resolver: [false, true, true, true, false],
  incident_manager: [false, true, true, true, false],
  change_manager: [false, true, true, false, false],
  configuration_manager: [false, true, true, false, false],
  service_level_manager: [false, true, true, false, false],
  service_owner: [false, true, true, false, false],
  process_owner: [false, true, true, false, false],
  knowledge_manager: [false, true, true, false, false],
  top_management: [false, true, true, false, false],
  administrator: [false, true, true, false, false],
  internal_auditor: [false, true, false, false, false],
  customer: [false, false, false, false, false],
  supplier: [false, false, false, false, false],
};

const actions = Object.keys(rules) as Action[];
const table = roles.flatMap((role) =>
  actions.map((action, i) => ({ role, action, outcome: expected[role][i]! })),
);

describe('problem policy', () => {
  it.each(table)('$role may $action: $outcome', ({ role, action, outcome }) => {
    expect(rules[action]({ roles: [role] })).toBe(outcome);
  });

  it('every transition is the problem manager’s alone', () => {
    for (const t of problemLifecycle.transitions) expect(t.roles).toEqual(['problem_manager']);
  });

  // workaround fit for customers × note asked for → note allowed, resolution text shows the workaround
  it.each([
    { workaroundPublic: true, note: 'public', noteAllowed: true, resolutionShowsWorkaround: true },
    { workaroundPublic: true, note: 'internal', noteAllowed: true, resolutionShowsWorkaround: true },
    { workaroundPublic: false, note: 'public', noteAllowed: false, resolutionShowsWorkaround: false },
    { workaroundPublic: false, note: 'internal', noteAllowed: true, resolutionShowsWorkaround: false },
  ] as const)(
    'a workaround for customers: $workaroundPublic, applied as a $note note: allowed $noteAllowed, shown on resolution $resolutionShowsWorkaround',
    ({ workaroundPublic, note, noteAllowed, resolutionShowsWorkaround }) => {
      expect(mayNotePublicly({ workaroundPublic })).toBe(note === 'public' ? noteAllowed : workaroundPublic);
      expect(workaroundAppliedAs({ workaroundPublic }, note)).toEqual({
        noteAllowed,
        resolutionShowsWorkaround,
      });
    },
  );
});
