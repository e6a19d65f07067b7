import { describe, expect, it } from 'vitest';
import type { Role } from '../../kernel/access/roles.ts';
import {
  mayEdit,
  mayEvaluate,
  mayPropose,
  mayProposeFromAudit,
  mayReadImprovements,
  mayScore,
  maySetCriteria,
  mayStep,
  mayTickImprovementAction,
} from './policy.ts';

/** Who may do what with the improvement register: role × action (× situation) × outcome. */
const me = 'me';
const theirs = { ownerId: 'owner', createdBy: 'proposer', state: 'proposed' };
const rule: Record<string, (who: { roles: Role[]; userId: string }) => boolean> = {
  read: (w) => mayReadImprovements(w),
  propose: (w) => mayPropose(w),
  'propose from an audit finding': (w) => mayProposeFromAudit(w),
  'set the criteria': (w) => maySetCriteria(w),
  evaluate: (w) => mayEvaluate(w),
  "approve someone else's": (w) => mayStep(w, theirs, 'approve'),
  'approve one they own': (w) => mayStep(w, { ownerId: me, createdBy: me, state: 'proposed' }, 'approve'),
  "start someone else's": (w) => mayStep(w, theirs, 'start'),
  'start one they own': (w) => mayStep(w, { ownerId: me, createdBy: null, state: 'approved' }, 'start'),
  'withdraw one they proposed': (w) =>
    mayStep(w, { ownerId: 'owner', createdBy: me, state: 'proposed' }, 'withdraw'),
  'withdraw one they proposed, once approved': (w) =>
    mayStep(w, { ownerId: 'owner', createdBy: me, state: 'approved' }, 'withdraw'),
  'withdraw one they own, once approved': (w) =>
    mayStep(w, { ownerId: me, createdBy: null, state: 'in_progress' }, 'withdraw'),
  'score one proposed': (w) => mayScore(w, { state: 'proposed' }),
  'score one approved': (w) => mayScore(w, { state: 'approved' }),
  'edit one they proposed, still proposed': (w) =>
    mayEdit(w, { ownerId: 'owner', createdBy: me, state: 'proposed' }),
  'edit one they proposed, once approved': (w) =>
    mayEdit(w, { ownerId: 'owner', createdBy: me, state: 'approved' }),
  'tick an action they are responsible for': (w) =>
    mayTickImprovementAction(w, theirs, { responsibleId: me }),
  "tick someone else's action": (w) => mayTickImprovementAction(w, theirs, { responsibleId: 'other' }),
};
const table: Array<[Role[], string, boolean]> = [
  [['internal_auditor'], 'read', true],
  [['resolver'], 'read', true],
  [['customer'], 'read', false],
  [['supplier'], 'read', false],
  [['service_desk_agent'], 'propose', true],
  [['resolver'], 'propose', true],
  [['internal_auditor'], 'propose', false],
  [['customer'], 'propose', false],
  [['internal_auditor'], 'propose from an audit finding', true],
  [['supplier'], 'propose from an audit finding', false],
  [['process_owner'], 'set the criteria', true],
  [['top_management'], 'set the criteria', true],
  [['administrator'], 'set the criteria', false],
  [['process_owner'], 'evaluate', true],
  [['top_management'], 'evaluate', true],
  [['service_owner'], 'evaluate', false],
  [['internal_auditor'], 'evaluate', false],
  [['process_owner'], "approve someone else's", true],
  [['resolver'], 'approve one they own', false],
  [['resolver'], "start someone else's", false],
  [['top_management'], "start someone else's", true],
  [['resolver'], 'start one they own', true],
  [['service_desk_agent'], 'withdraw one they proposed', true],
  [['service_desk_agent'], 'withdraw one they proposed, once approved', false],
  [['resolver'], 'withdraw one they own, once approved', false],
  [['process_owner'], 'withdraw one they own, once approved', true],
  [['process_owner'], 'score one proposed', true],
  [['service_desk_agent'], 'score one proposed', false],
  [['top_management'], 'score one approved', false],
  [['service_desk_agent'], 'edit one they proposed, still proposed', true],
  [['service_desk_agent'], 'edit one they proposed, once approved', false],
  [['resolver'], 'tick an action they are responsible for', true],
  [['resolver'], "tick someone else's action", false],
  [['process_owner'], "tick someone else's action", true],
];

describe('who may do what with the improvement register', () => {
  it.each(table)('%s: %s → %s', (roles, action, expected) =>
    expect(rule[action]!({ roles, userId: me })).toBe(expected),
  );
});
