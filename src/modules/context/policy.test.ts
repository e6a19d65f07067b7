import { describe, expect, it } from 'vitest';
import { holdsAny, type Role } from '../../kernel/access/roles.ts';
import { contextReaders, mayKeepContext } from './policy.ts';

/** Who may do what with the context and the scope: role × action × outcome, asked of the rules directly. */
const rule: Record<string, (who: { roles: Role[]; userId: string }) => boolean> = {
  read: (w) => holdsAny(w, contextReaders),
  'record issues, parties and the scope': (w) => mayKeepContext(w),
};
const table: Array<[Role[], string, boolean]> = [
  [['service_desk_agent'], 'read', true],
  [['internal_auditor'], 'read', true],
  [['customer'], 'read', false],
  [['supplier'], 'read', false],
  [['process_owner'], 'record issues, parties and the scope', true],
  [['top_management'], 'record issues, parties and the scope', true],
  [['administrator'], 'record issues, parties and the scope', false],
  [['service_desk_agent'], 'record issues, parties and the scope', false],
  [['internal_auditor'], 'record issues, parties and the scope', false],
];

describe('who may do what with the context and the scope', () => {
  it.each(table)('%s: %s → %s', (roles, action, expected) =>
    expect(rule[action]!({ roles, userId: 'me' })).toBe(expected),
  );
});
