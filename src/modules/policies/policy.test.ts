import { describe, expect, it } from 'vitest';
import type { Role } from '../../kernel/access/roles.ts';
import {
  approvedByTopOnly,
  mayApprovePolicy,
  mayKeepPolicy,
  mayOverseePolicies,
  mayWritePolicies,
  readableVersions,
} from './policy.ts';
import type { Audience } from './schema.ts';

/** Who may do what with policies: role × action (× situation) × outcome, asked of the rules directly. */
const me = 'me';
const someoneElses = { ownerId: 'owner', approverRoles: ['top_management'] };
const mine = { ownerId: me, approverRoles: ['top_management'] };
const rule: Record<string, (who: { roles: Role[]; userId: string }) => boolean> = {
  write: (w) => mayWritePolicies(w),
  "keep someone else's": (w) => mayKeepPolicy(w, someoneElses),
  'keep their own': (w) => mayKeepPolicy(w, mine),
  "approve another's text": (w) => mayApprovePolicy(w, someoneElses, { authorId: 'author' }),
  'approve their own text': (w) => mayApprovePolicy(w, someoneElses, { authorId: me }),
  oversee: (w) => mayOverseePolicies(w),
};
const table: Array<[Role[], string, boolean]> = [
  [['process_owner'], 'write', true],
  [['top_management'], 'write', true],
  [['service_desk_agent'], 'write', false],
  [['internal_auditor'], 'write', false],
  [['administrator'], 'write', false],
  [['customer'], 'write', false],
  [['top_management'], "keep someone else's", true],
  [['process_owner'], "keep someone else's", false],
  [['administrator'], "keep someone else's", false],
  [['process_owner'], 'keep their own', true],
  [['service_desk_agent'], 'keep their own', true],
  [['top_management'], "approve another's text", true],
  [['process_owner'], "approve another's text", false],
  [['internal_auditor'], "approve another's text", false],
  [['top_management'], 'approve their own text', false],
  [['internal_auditor'], 'oversee', true],
  [['administrator'], 'oversee', true],
  [['process_owner'], 'oversee', true],
  [['top_management'], 'oversee', true],
  [['service_desk_agent'], 'oversee', false],
  [['supplier'], 'oversee', false],
];

describe('who may do what with policies', () => {
  it.each(table)('%s: %s → %s', (roles, action, expected) =>
    expect(rule[action]!({ roles, userId: me })).toBe(expected),
  );

  it('lets top management alone approve the service management policy and the plan', () => {
    expect([approvedByTopOnly('service_management'), approvedByTopOnly('plan')]).toEqual([true, true]);
    expect([approvedByTopOnly('process'), approvedByTopOnly('other')]).toEqual([false, false]);
  });
});

describe('which versions of a policy a person reads', () => {
  const audience = (a: Partial<Audience>): Audience => ({
    everyone: false,
    roles: [],
    groupIds: [],
    customers: false,
    ...a,
  });
  const versions = [
    { state: 'superseded', audience: audience({ everyone: true }) },
    { state: 'published', audience: audience({ roles: ['resolver'], suppliers: true }) },
    { state: 'draft', audience: null },
  ];
  const byChangeManager = { ownerId: 'owner', approverRoles: ['change_manager'] };
  const table: Array<[string, Role[], string[], typeof mine]> = [
    ['an overseer', ['internal_auditor'], ['superseded', 'published', 'draft'], someoneElses],
    ['its owner, whatever their role', ['service_desk_agent'], ['superseded', 'published', 'draft'], mine],
    ['one of its approvers', ['change_manager'], ['superseded', 'published'], byChangeManager],
    ['someone in the audience of the version in force', ['resolver'], ['published'], someoneElses],
    ['a supplier’s contact it was shared with', ['supplier'], ['published'], someoneElses],
    ['someone outside its audience', ['service_desk_agent'], [], someoneElses],
    ['a customer’s user', ['customer'], [], someoneElses],
  ];
  it.each(table)('%s %j reads %j', (_who, roles, expected, policy) =>
    expect(readableVersions({ roles, userId: me }, new Set(), policy, versions).map((v) => v.state)).toEqual(
      expected,
    ),
  );

  it('counts members of a group the version was published to', () => {
    const toGroup = [{ state: 'published', audience: audience({ groupIds: ['night-shift'] }) }];
    const seen = (groups: string[]) =>
      readableVersions({ roles: ['resolver'], userId: me }, new Set(groups), someoneElses, toGroup).length;
    expect([seen(['night-shift']), seen([])]).toEqual([1, 0]);
  });
});
