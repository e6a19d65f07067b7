import { describe, expect, it } from 'vitest';
import type { Role } from '../../kernel/access/roles.ts';
import {
  mayAddRequirement,
  mayDecideApplicability,
  mayKeepRequirement,
  mayReadReadiness,
  maySetRule,
} from './policy.ts';

/** Who may do what with the clause register: role × action (× situation) × outcome, asked of the rules. */
const me = 'me';
const rule: Record<string, (who: { roles: Role[]; userId: string }) => boolean> = {
  read: (w) => mayReadReadiness(w),
  'decide applicability': (w) => mayDecideApplicability(w),
  'add a requirement': (w) => mayAddRequirement(w),
  "keep someone else's requirement": (w) => mayKeepRequirement(w, { ownerId: 'other' }),
  'keep their own requirement': (w) => mayKeepRequirement(w, { ownerId: me }),
  'keep a requirement without owner': (w) => mayKeepRequirement(w, { ownerId: null }),
  'set a rule': (w) => maySetRule(w),
};
const table: Array<[Role[], string, boolean]> = [
  [['internal_auditor'], 'read', true],
  [['service_desk_agent'], 'read', true],
  [['top_management'], 'read', true],
  [['customer'], 'read', false],
  [['supplier'], 'read', false],
  [['process_owner'], 'decide applicability', true],
  [['top_management'], 'decide applicability', true],
  [['internal_auditor'], 'decide applicability', false],
  [['change_manager'], 'decide applicability', false],
  [['administrator'], 'decide applicability', false],
  [['process_owner'], 'add a requirement', true],
  [['top_management'], 'add a requirement', true],
  [['service_level_manager'], 'add a requirement', false],
  [['internal_auditor'], 'add a requirement', false],
  [['process_owner'], "keep someone else's requirement", true],
  [['service_level_manager'], "keep someone else's requirement", false],
  [['service_level_manager'], 'keep their own requirement', true],
  [['resolver'], 'keep a requirement without owner', false],
  [['top_management'], 'keep a requirement without owner', true],
  [['process_owner'], 'set a rule', true],
  [['top_management'], 'set a rule', true],
  [['internal_auditor'], 'set a rule', false],
  [['customer'], 'set a rule', false],
];

describe('who may do what with the clause register', () => {
  it.each(table)('%s: %s → %s', (roles, action, expected) =>
    expect(rule[action]!({ roles, userId: me })).toBe(expected),
  );
});
