import { describe, expect, it } from 'vitest';
import type { Role } from '../../kernel/access/roles.ts';
import { mayEditAgreement, mayEditCalendar, mayReadAgreements } from './policy.ts';

const rule = {
  'read agreements': mayReadAgreements,
  'edit an agreement': mayEditAgreement,
  'edit a calendar': mayEditCalendar,
};

const table: Array<[Role[], keyof typeof rule, boolean]> = [
  [['service_level_manager'], 'read agreements', true],
  [['service_level_manager'], 'edit an agreement', true],
  [['service_level_manager'], 'edit a calendar', true],
  [['service_owner'], 'read agreements', true],
  [['service_owner'], 'edit an agreement', false],
  [['service_owner'], 'edit a calendar', false],
  [['incident_manager'], 'edit an agreement', false],
  [['service_desk_agent'], 'read agreements', true],
  [['service_desk_agent'], 'edit a calendar', false],
  [['configuration_manager'], 'edit an agreement', false],
  [['administrator'], 'read agreements', true],
  [['administrator'], 'edit an agreement', false],
  [['top_management'], 'read agreements', true],
  [['top_management'], 'edit an agreement', false],
  [['internal_auditor'], 'read agreements', true],
  [['internal_auditor'], 'edit an agreement', false],
  [['internal_auditor'], 'edit a calendar', false],
  [['customer'], 'read agreements', false],
  [['customer'], 'edit an agreement', false],
  [['supplier'], 'read agreements', false],
  [['supplier'], 'edit an agreement', false],
  [[], 'read agreements', false],
];

describe('who may do what with agreements and calendars', () => {
  it.each(table)('%s %s → %s', (roles, action, expected) => {
    expect(rule[action]({ roles })).toBe(expected);
  });

  it('nobody signed out may do anything', () => {
    for (const r of Object.values(rule)) expect(r(null)).toBe(false);
  });
});
