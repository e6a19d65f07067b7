import type { Role } from '../../kernel/access/roles.ts';

/** Who writes policies and sets objectives; the owner keeps each one. */
export const policyWriters: readonly Role[] = ['process_owner', 'top_management'];
/** Who reads every policy with all its versions and decisions. */
export const policyOverseers: readonly Role[] = [
  'internal_auditor',
  'top_management',
  'process_owner',
  'administrator',
];
/** Who sees the leadership dashboard: top management, the head of service management, and those who check. */
export const leaders: readonly Role[] = [
  'top_management',
  'process_owner',
  'service_level_manager',
  'internal_auditor',
  'administrator',
];
/** The KPIs an objective can be measured by (computed in kpis.ts). */
export const kpiKeys = [
  'incidents_resolved_in_sla',
  'incidents_responded_in_sla',
  'major_incidents',
  'customer_satisfaction',
] as const;
export type KpiKey = (typeof kpiKeys)[number];
