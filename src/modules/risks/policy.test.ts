import { describe, expect, it } from 'vitest';
import type { Role } from '../../kernel/access/roles.ts';
import {
  mayAcceptAboveLevel,
  mayEditRisk,
  mayRecordRisks,
  maySetRiskCriteria,
  mayTickRiskAction,
  treatmentsFor,
} from './policy.ts';

/** Who may do what with risks: role × action (× situation) × outcome, asked of the rules directly. */
const me = 'me';
const someoneElses = { ownerId: 'owner' };
const rule: Record<string, (who: { roles: Role[]; userId: string }) => boolean> = {
  record: (w) => mayRecordRisks(w),
  'set the criteria': (w) => maySetRiskCriteria(w),
  'accept above the level': (w) => mayAcceptAboveLevel(w),
  "edit someone else's": (w) => mayEditRisk(w, someoneElses),
  'edit their own': (w) => mayEditRisk(w, { ownerId: me }),
  'tick off an action they are responsible for': (w) =>
    mayTickRiskAction(w, someoneElses, { responsibleId: me }),
  "tick off someone else's action": (w) => mayTickRiskAction(w, someoneElses, { responsibleId: 'other' }),
};
const table: Array<[Role[], string, boolean]> = [
  [['service_desk_agent'], 'record', true],
  [['resolver'], 'record', true],
  [['internal_auditor'], 'record', false],
  [['customer'], 'record', false],
  [['top_management'], 'set the criteria', true],
  [['process_owner'], 'set the criteria', false],
  [['administrator'], 'set the criteria', false],
  [['top_management'], 'accept above the level', true],
  [['process_owner'], 'accept above the level', false],
  [['process_owner'], "edit someone else's", true],
  [['top_management'], "edit someone else's", true],
  [['service_desk_agent'], "edit someone else's", false],
  [['service_desk_agent'], 'edit their own', true],
  [['resolver'], 'tick off an action they are responsible for', true],
  [['resolver'], "tick off someone else's action", false],
  [['process_owner'], "tick off someone else's action", true],
];

describe('who may do what with risks', () => {
  it.each(table)('%s: %s → %s', (roles, action, expected) =>
    expect(rule[action]!({ roles, userId: me })).toBe(expected),
  );

  it('offers each kind its own treatments', () => {
    expect(treatmentsFor.risk).toEqual(['avoid', 'reduce', 'transfer', 'accept']);
    expect(treatmentsFor.opportunity).toEqual(['exploit', 'enhance', 'share', 'accept']);
  });
});
