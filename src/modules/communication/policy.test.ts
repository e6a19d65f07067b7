import { describe, expect, it } from 'vitest';
import { holdsAny, type Role } from '../../kernel/access/roles.ts';
import { communicationReaders, mayCompleteCommunication, mayPlanCommunication } from './policy.ts';

/** Who may do what with the communication plan: role × action (× situation) × outcome. */
const me = 'me';
const rule: Record<string, (who: { roles: Role[]; userId: string }) => boolean> = {
  read: (w) => holdsAny(w, communicationReaders),
  plan: (w) => mayPlanCommunication(w),
  'mark their own communication done': (w) => mayCompleteCommunication(w, { responsibleId: me }),
  "mark someone else's communication done": (w) => mayCompleteCommunication(w, { responsibleId: 'other' }),
};
const table: Array<[Role[], string, boolean]> = [
  [['resolver'], 'read', true],
  [['internal_auditor'], 'read', true],
  [['customer'], 'read', false],
  [['top_management'], 'plan', true],
  [['process_owner'], 'plan', true],
  [['administrator'], 'plan', true],
  [['service_desk_agent'], 'plan', false],
  [['service_desk_agent'], 'mark their own communication done', true],
  [['resolver'], "mark someone else's communication done", false],
  [['process_owner'], "mark someone else's communication done", true],
];

describe('who may do what with the communication plan', () => {
  it.each(table)('%s: %s → %s', (roles, action, expected) =>
    expect(rule[action]!({ roles, userId: me })).toBe(expected),
  );
});
