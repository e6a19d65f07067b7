import type { Role } from '../../kernel/access/roles.ts';

/** Who records the context and the scope. */
export const policyWriters: readonly Role[] = ['process_owner', 'top_management'];
/** Who sees the leadership dashboard: top management, the head of service management, and those who check. */
export const leaders: readonly Role[] = [
  'top_management',
  'process_owner',
  'internal_auditor',
  'administrator',
];
/**
 * The authorities a role in the catalogue can carry (5.3): who may approve which kinds of change, declare
 * major incidents, report the SMS's performance to top management, ensure conformity, and so on.
 */
export const authorities = [
  'approve_standard_change',
  'approve_normal_change',
  'approve_emergency_change',
  'declare_major_incident',
  'report_sms_performance',
  'ensure_conformity',
  'approve_sm_policy',
  'set_risk_criteria',
  'accept_high_risk',
  'agree_service_levels',
  'authorise_budget',
  'approve_access',
] as const;
export type Authority = (typeof authorities)[number];

/** Who keeps the role catalogue and the process register, and appoints people to roles. */
export const roleKeepers: readonly Role[] = ['top_management', 'process_owner', 'administrator'];
/**
 * Who may appoint to a role that gives an access role: top management and administrators (an administrator
 * alone for the administrator role), so that keeping the catalogue is no back door to more access.
 */
export const accessGranters: readonly Role[] = ['top_management', 'administrator'];

/** Whether someone with these access roles may make a catalogue role give `accessRole`, or appoint to it. */
export function mayGrantAccess(held: readonly Role[], accessRole: string | null | undefined) {
  if (!accessRole) return true;
  if (accessRole === 'administrator') return held.includes('administrator');
  return held.some((r) => accessGranters.includes(r));
}
