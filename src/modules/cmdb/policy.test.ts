import { describe, expect, it } from 'vitest';
import type { Role } from '../../kernel/access/roles.ts';
import { mayEditCi, mayEditClasses, mayReadCmdb, mayVerifyConfiguration } from './policy.ts';

const rule = {
  'read the CMDB': mayReadCmdb,
  'edit a CI': mayEditCi,
  'edit classes': mayEditClasses,
  'verify configuration': mayVerifyConfiguration,
};

const table: Array<[Role[], keyof typeof rule, boolean]> = [
  [['configuration_manager'], 'read the CMDB', true],
  [['configuration_manager'], 'edit a CI', true],
  [['configuration_manager'], 'edit classes', true],
  [['configuration_manager'], 'verify configuration', true],
  [['service_owner'], 'edit a CI', true],
  [['service_owner'], 'edit classes', false],
  [['service_owner'], 'verify configuration', true],
  [['administrator'], 'edit classes', true],
  [['administrator'], 'edit a CI', false],
  [['administrator'], 'read the CMDB', true],
  [['service_desk_agent'], 'read the CMDB', true],
  [['service_desk_agent'], 'edit a CI', false],
  [['resolver'], 'edit a CI', false],
  [['change_manager'], 'edit a CI', false],
  [['service_level_manager'], 'edit a CI', false],
  [['top_management'], 'read the CMDB', true],
  [['internal_auditor'], 'read the CMDB', true],
  [['internal_auditor'], 'edit a CI', false],
  [['internal_auditor'], 'edit classes', false],
  [['internal_auditor'], 'verify configuration', false],
  [['customer'], 'read the CMDB', false],
  [['customer'], 'edit a CI', false],
  [['supplier'], 'read the CMDB', false],
  [['supplier'], 'edit a CI', false],
  [[], 'read the CMDB', false],
  [['resolver', 'configuration_manager'], 'edit a CI', true],
];

describe('who may do what in configuration management', () => {
  it.each(table)('%s %s → %s', (roles, action, expected) => {
    expect(rule[action]({ roles })).toBe(expected);
  });

  it('nobody signed out may do anything', () => {
    for (const r of Object.values(rule)) expect(r(null)).toBe(false);
  });
});
