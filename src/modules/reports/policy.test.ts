import { describe, expect, it } from 'vitest';
import type { Role } from '../../kernel/access/roles.ts';
import { mayKeepReports, mayReadReports, mayReceive } from './policy.ts';

/** Who may do what with scheduled service reports: role × action × outcome, asked of the rules directly. */
const rule: Record<string, (who: { roles: Role[]; customerId?: string }) => boolean> = {
  'read schedules and distributions': (w) => mayReadReports(w),
  'keep schedules': (w) => mayKeepReports(w),
  'receive a service level report': (w) => mayReceive('service_level', w, 'alpenrose'),
  'receive the KPI pack': (w) => mayReceive('kpi_pack', w),
  'receive the review pack': (w) => mayReceive('review_pack', w),
};
const table: Array<[Role[] | { roles: Role[]; customerId?: string }, string, boolean]> = [
  [['internal_auditor'], 'read schedules and distributions', true],
  [['service_desk_agent'], 'read schedules and distributions', true],
  [['customer'], 'read schedules and distributions', false],
  [['supplier'], 'read schedules and distributions', false],
  [['service_level_manager'], 'keep schedules', true],
  [['process_owner'], 'keep schedules', true],
  [['top_management'], 'keep schedules', true],
  [['service_desk_agent'], 'keep schedules', false],
  [['internal_auditor'], 'keep schedules', false],
  [{ roles: ['customer'], customerId: 'alpenrose' }, 'receive a service level report', true],
  [{ roles: ['customer'], customerId: 'seeblick' }, 'receive a service level report', false],
  [['customer'], 'receive a service level report', false],
  [['supplier'], 'receive a service level report', false],
  [['service_level_manager'], 'receive a service level report', true],
  [
    { roles: ['service_desk_agent', 'customer'], customerId: 'seeblick' },
    'receive a service level report',
    false,
  ],
  [{ roles: ['customer'], customerId: 'alpenrose' }, 'receive the review pack', false],
  [['customer'], 'receive the KPI pack', false],
  [['supplier'], 'receive the review pack', false],
  [['top_management'], 'receive the review pack', true],
  [['internal_auditor'], 'receive the KPI pack', true],
];

describe('who may do what with scheduled reports', () => {
  it.each(table)('%j: %s → %s', (who, action, expected) =>
    expect(rule[action]!(Array.isArray(who) ? { roles: who } : who)).toBe(expected),
  );
});
