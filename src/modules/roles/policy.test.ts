import { describe, expect, it } from 'vitest';
import type { Role } from '../../kernel/access/roles.ts';
import {
  accessClash,
  canServe,
  mayAppoint,
  mayGrantAccess,
  mayKeepRoles,
  mayReadCompetencesOf,
} from './policy.ts';

/** Who may do what with roles: role × action (× situation) × outcome, asked of the rules directly. */
const me = 'me';
const rule: Record<string, (who: { roles: Role[]; userId: string }) => boolean> = {
  'keep the catalogue': (w) => mayKeepRoles(w),
  'appoint to a role giving no access': (w) => mayAppoint(w, { accessRole: null }),
  'appoint to a role giving change_manager': (w) => mayAppoint(w, { accessRole: 'change_manager' }),
  'appoint to a role giving administrator': (w) => mayAppoint(w, { accessRole: 'administrator' }),
  'make a role give change_manager': (w) => mayGrantAccess(w.roles, 'change_manager'),
  'make a role give administrator': (w) => mayGrantAccess(w.roles, 'administrator'),
  'read their own competences': (w) => mayReadCompetencesOf(w, me),
  "read someone else's competences": (w) => mayReadCompetencesOf(w, 'other'),
};
const table: Array<[Role[], string, boolean]> = [
  [['top_management'], 'keep the catalogue', true],
  [['process_owner'], 'keep the catalogue', true],
  [['administrator'], 'keep the catalogue', true],
  [['service_desk_agent'], 'keep the catalogue', false],
  [['internal_auditor'], 'keep the catalogue', false],
  [['process_owner'], 'appoint to a role giving no access', true],
  [['service_desk_agent'], 'appoint to a role giving no access', false],
  [['process_owner'], 'appoint to a role giving change_manager', false],
  [['top_management'], 'appoint to a role giving change_manager', true],
  [['administrator'], 'appoint to a role giving change_manager', true],
  [['top_management'], 'appoint to a role giving administrator', false],
  [['administrator'], 'appoint to a role giving administrator', true],
  [['process_owner'], 'make a role give change_manager', false],
  [['top_management'], 'make a role give change_manager', true],
  [['top_management'], 'make a role give administrator', false],
  [['administrator'], 'make a role give administrator', true],
  [['service_desk_agent'], 'read their own competences', true],
  [['service_desk_agent'], "read someone else's competences", false],
  [['internal_auditor'], "read someone else's competences", true],
  [['process_owner'], "read someone else's competences", true],
];

describe('who may do what with roles, appointments and competences', () => {
  it.each(table)('%s: %s → %s', (roles, action, expected) =>
    expect(rule[action]!({ roles, userId: me })).toBe(expected),
  );
});

describe('who can hold a role', () => {
  const person = (roles: string[], active = true) => ({ id: 'p', name: 'P', active, roles });
  const table: Array<[string, ReturnType<typeof person> | undefined, boolean]> = [
    ['an active member of the staff', person(['resolver']), true],
    ['someone with no access role yet', person([]), true],
    ['the internal auditor', person(['internal_auditor']), true],
    ['a deactivated person', person(['resolver'], false), false],
    ['a customer’s user', person(['customer']), false],
    ['a supplier’s contact', person(['supplier']), false],
    ['nobody', undefined, false],
  ];
  it.each(table)('%s → %s', (_who, p, expected) => expect(canServe(p)).toBe(expected));

  it('keeps the internal auditor independent of any other access', () => {
    expect(accessClash({ roles: ['resolver'] }, 'internal_auditor')).toMatch(/holds no other access role/);
    expect(accessClash({ roles: ['internal_auditor'] }, 'change_manager')).toMatch(/cannot also take/);
    expect(accessClash({ roles: ['internal_auditor'] }, 'internal_auditor')).toBeNull();
    expect(accessClash({ roles: ['resolver'] }, 'change_manager')).toBeNull();
    expect(accessClash({ roles: ['internal_auditor'] }, null)).toBeNull();
  });
});
