import { describe, expect, it } from 'vitest';
import type { Role } from '../../kernel/access/roles.ts';
import { mayAdministerUsers, mayEditCustomers, mayReadCustomers, mayReadUsers } from './policy.ts';

const rule = {
  'read people and tokens': mayReadUsers,
  'administer people and tokens': mayAdministerUsers,
  'read customers': mayReadCustomers,
  'edit customers': mayEditCustomers,
};

const table: Array<[Role[], keyof typeof rule, boolean]> = [
  [['administrator'], 'read people and tokens', true],
  [['administrator'], 'administer people and tokens', true],
  [['administrator'], 'read customers', true],
  [['administrator'], 'edit customers', true],
  [['internal_auditor'], 'read people and tokens', true],
  [['internal_auditor'], 'administer people and tokens', false],
  [['internal_auditor'], 'read customers', true],
  [['internal_auditor'], 'edit customers', false],
  [['service_level_manager'], 'edit customers', true],
  [['service_level_manager'], 'read people and tokens', false],
  [['service_level_manager'], 'administer people and tokens', false],
  [['top_management'], 'administer people and tokens', false],
  [['top_management'], 'read people and tokens', false],
  [['top_management'], 'read customers', true],
  [['top_management'], 'edit customers', false],
  [['service_desk_agent'], 'read customers', true],
  [['service_desk_agent'], 'edit customers', false],
  [['service_desk_agent'], 'read people and tokens', false],
  [['configuration_manager'], 'administer people and tokens', false],
  [['customer'], 'read customers', false],
  [['customer'], 'read people and tokens', false],
  [['customer'], 'edit customers', false],
  [['supplier'], 'read customers', false],
  [['supplier'], 'administer people and tokens', false],
  [[], 'read customers', false],
];

describe('who may administer people, tokens and customers', () => {
  it.each(table)('%s %s → %s', (roles, action, expected) => {
    expect(rule[action]({ roles })).toBe(expected);
  });

  it('nobody signed out may do anything', () => {
    for (const r of Object.values(rule)) expect(r(null)).toBe(false);
  });
});
