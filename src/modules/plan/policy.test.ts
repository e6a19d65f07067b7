import { describe, expect, it } from 'vitest';
import { holdsAny, type Role } from '../../kernel/access/roles.ts';
import { planNoteKeys, planReaders } from './policy.ts';

/** Who reads the plan (writing it is the policies module's rule: the plan is a policy document). */
const table: Array<[Role[], boolean]> = [
  [['service_desk_agent'], true],
  [['internal_auditor'], true],
  [['top_management'], true],
  [['customer'], false],
  [['supplier'], false],
];

describe('who reads the service management plan', () => {
  it.each(table)('%s → %s', (roles, expected) => expect(holdsAny({ roles }, planReaders)).toBe(expected));

  it('leaves its author five sections of their own', () => {
    expect(planNoteKeys).toEqual(['introduction', 'limitations', 'resources', 'technology', 'improvement']);
  });
});
