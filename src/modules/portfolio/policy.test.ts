import { describe, expect, it } from 'vitest';
import type { Role } from '../../kernel/access/roles.ts';
import { catalogueReach, mayEditService, mayReadPortfolio } from './policy.ts';

const rule = {
  'read the portfolio': mayReadPortfolio,
  'edit a service': mayEditService,
  'read the whole catalogue': (who: { roles: readonly string[] }) => catalogueReach(who) === 'all',
  "read their organisation's catalogue": (who: { roles: readonly string[] }) => catalogueReach(who) === 'own',
};

const table: Array<[Role[], keyof typeof rule, boolean]> = [
  [['service_owner'], 'read the portfolio', true],
  [['service_owner'], 'edit a service', true],
  [['service_level_manager'], 'edit a service', true],
  [['configuration_manager'], 'read the portfolio', true],
  [['configuration_manager'], 'edit a service', false],
  [['service_desk_agent'], 'read the portfolio', true],
  [['service_desk_agent'], 'edit a service', false],
  [['administrator'], 'edit a service', false],
  [['top_management'], 'read the portfolio', true],
  [['top_management'], 'edit a service', false],
  [['internal_auditor'], 'read the portfolio', true],
  [['internal_auditor'], 'edit a service', false],
  [['internal_auditor'], 'read the whole catalogue', true],
  [['resolver'], 'read the whole catalogue', true],
  [['customer'], 'read the portfolio', false],
  [['customer'], 'edit a service', false],
  [['customer'], 'read the whole catalogue', false],
  [['customer'], "read their organisation's catalogue", true],
  [['supplier'], 'read the portfolio', false],
  [['supplier'], 'read the whole catalogue', false],
  [['supplier'], "read their organisation's catalogue", false],
  [['customer', 'service_desk_agent'], 'read the whole catalogue', true],
  [[], 'read the portfolio', false],
  [[], "read their organisation's catalogue", false],
];

describe('who may do what with the service portfolio', () => {
  it.each(table)('%s %s → %s', (roles, action, expected) => {
    expect(rule[action]({ roles })).toBe(expected);
  });

  it('nobody signed out reads or edits it', () => {
    expect(mayReadPortfolio(null)).toBe(false);
    expect(mayEditService(null)).toBe(false);
    expect(catalogueReach(null)).toBe('none');
  });
});
