import { describe, expect, it } from 'vitest';
import type { Role } from '../../kernel/access/roles.ts';
import type { ClosedBy } from './lifecycle.ts';
import {
  mayAnnotateNonconformity,
  mayAnswer,
  mayClose,
  mayFire,
  mayRaiseFromAudit,
  mayRaiseNonconformity,
  mayReadNonconformities,
  maySetNcSettings,
  mayTickCorrectiveAction,
} from './policy.ts';

/** Who may do what with nonconformities: role × action (× situation) × outcome, asked of the rules directly. */
const me = 'me';
const theirs = { ownerId: 'owner', processOwnerId: 'process-owner' };
const close = (closedBy: ClosedBy) => (w: { roles: Role[]; userId: string }) => mayClose(w, theirs, closedBy);
const rule: Record<string, (who: { roles: Role[]; userId: string }) => boolean> = {
  read: (w) => mayReadNonconformities(w),
  'comment, link, attach': (w) => mayAnnotateNonconformity(w),
  'raise by hand': (w) => mayRaiseNonconformity(w),
  'raise from an audit finding': (w) => mayRaiseFromAudit(w),
  'set the settings': (w) => maySetNcSettings(w),
  "answer someone else's": (w) => mayAnswer(w, theirs),
  'answer one they own': (w) => mayAnswer(w, { ownerId: me, processOwnerId: null }),
  'answer one of their process (register)': (w) => mayAnswer(w, { ownerId: null, processOwnerId: me }),
  'answer one of no owned process': (w) => mayAnswer(w, { ownerId: 'owner', processOwnerId: null }),
  'close one of no owned process (settings: process owner)': (w) =>
    mayClose(w, { ownerId: 'owner', processOwnerId: null }, 'process_owner'),
  'close (settings: auditor)': close('auditor'),
  'close (settings: process owner)': close('process_owner'),
  'close (settings: either)': close('either'),
  'close their process’s (settings: process owner)': (w) =>
    mayClose(w, { ownerId: null, processOwnerId: me }, 'process_owner'),
  'fire correct': (w) => mayFire(w, theirs, 'correct', 'either'),
  'send back to analysis (settings: auditor)': (w) => mayFire(w, theirs, 'reanalyse', 'auditor'),
  'tick an action they are responsible for': (w) => mayTickCorrectiveAction(w, theirs, { responsibleId: me }),
  "tick someone else's action": (w) => mayTickCorrectiveAction(w, theirs, { responsibleId: 'other' }),
};
const table: Array<[Role[], string, boolean]> = [
  [['internal_auditor'], 'read', true],
  [['internal_auditor'], 'comment, link, attach', false],
  [['internal_auditor', 'process_owner'], 'comment, link, attach', true],
  [['service_desk_agent'], 'comment, link, attach', true],
  [['service_desk_agent'], 'read', true],
  [['customer'], 'read', false],
  [['supplier'], 'read', false],
  [['process_owner'], 'raise by hand', true],
  [['incident_manager'], 'raise by hand', true],
  [['top_management'], 'raise by hand', true],
  [['service_desk_agent'], 'raise by hand', false],
  [['internal_auditor'], 'raise by hand', false],
  [['internal_auditor'], 'raise from an audit finding', true],
  // an audit team may hold any internal role; the audits module checks the person is on the team
  [['change_manager'], 'raise from an audit finding', true],
  [['supplier'], 'raise from an audit finding', false],
  [['customer'], 'raise from an audit finding', false],
  [['top_management'], 'set the settings', true],
  [['process_owner'], 'set the settings', true],
  [['internal_auditor'], 'set the settings', false],
  [['administrator'], 'set the settings', false],
  // the role does not make one the owner of another's process
  [['process_owner'], "answer someone else's", false],
  [['process_owner'], 'answer one of no owned process', true],
  [['top_management'], 'answer one of no owned process', true],
  [['resolver'], 'answer one of no owned process', false],
  [['process_owner'], 'close one of no owned process (settings: process owner)', true],
  [['top_management'], 'close one of no owned process (settings: process owner)', false],
  [['top_management'], "answer someone else's", true],
  [['internal_auditor'], "answer someone else's", false],
  [['resolver'], "answer someone else's", false],
  [['customer'], "answer someone else's", false],
  [['resolver'], 'answer one they own', true],
  [['service_desk_agent'], 'answer one of their process (register)', true],
  [['internal_auditor'], 'close (settings: auditor)', true],
  [['process_owner'], 'close (settings: auditor)', false],
  [['top_management'], 'close (settings: auditor)', false],
  [['internal_auditor'], 'close (settings: process owner)', false],
  [['process_owner'], 'close (settings: process owner)', false],
  [['top_management'], 'close (settings: process owner)', false],
  [['internal_auditor'], 'close (settings: either)', true],
  [['process_owner'], 'close (settings: either)', false],
  [['top_management'], 'close (settings: either)', false],
  [['resolver'], 'close (settings: either)', false],
  [['customer'], 'close (settings: either)', false],
  [['service_desk_agent'], 'close their process’s (settings: process owner)', true],
  [['internal_auditor'], 'fire correct', false],
  [['process_owner'], 'fire correct', false],
  [['top_management'], 'fire correct', true],
  [['internal_auditor'], 'send back to analysis (settings: auditor)', true],
  [['resolver'], 'send back to analysis (settings: auditor)', false],
  [['resolver'], 'tick an action they are responsible for', true],
  [['resolver'], "tick someone else's action", false],
  [['process_owner'], "tick someone else's action", false],
  [['top_management'], "tick someone else's action", true],
  [['internal_auditor'], "tick someone else's action", false],
];

describe('who may do what with nonconformities', () => {
  it.each(table)('%s: %s → %s', (roles, action, expected) =>
    expect(rule[action]!({ roles, userId: me })).toBe(expected),
  );
});
