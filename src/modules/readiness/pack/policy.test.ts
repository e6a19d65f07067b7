import { describe, expect, it } from 'vitest';
import { type Role, roles } from '../../../kernel/access/roles.ts';
import { mayMakeEvidencePack } from './policy.ts';

/** Who may make an evidence pack: role × outcome, asked of the rule directly, every role listed. */
const makes: Record<Role, boolean> = {
  internal_auditor: true,
  process_owner: true,
  administrator: false,
  top_management: false,
  service_owner: false,
  service_desk_agent: false,
  resolver: false,
  incident_manager: false,
  problem_manager: false,
  knowledge_manager: false,
  change_manager: false,
  configuration_manager: false,
  service_level_manager: false,
  customer: false,
  supplier: false,
};

describe('who may make an evidence pack', () => {
  it.each(roles.map((r) => [r, makes[r]] as const))('%s → %s', (role, expected) =>
    expect(mayMakeEvidencePack({ roles: [role] })).toBe(expected),
  );
  it('a customer who is also something else is still nobody who makes one, unless a maker', () => {
    expect(mayMakeEvidencePack({ roles: ['customer', 'resolver'] })).toBe(false);
    expect(mayMakeEvidencePack({ roles: [] })).toBe(false);
  });
});
