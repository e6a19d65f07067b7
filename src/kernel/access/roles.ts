/**
 * Keel's access roles. Governance appointments (who holds which role, with deputies) arrive later and
 * drive these same roles.
 */
export const roles = [
  'administrator',
  'top_management',
  'service_owner',
  'process_owner',
  'service_desk_agent',
  'resolver',
  'incident_manager',
  'problem_manager',
  'change_manager',
  'configuration_manager',
  'service_level_manager',
  'internal_auditor',
  'customer',
] as const;

export type Role = (typeof roles)[number];

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

/** Everyone who works in the service provider, as opposed to customers and end users. */
export const staffRoles: readonly Role[] = roles.filter((r) => r !== 'customer' && r !== 'internal_auditor');

/** The internal auditor reads everything and writes nothing: read routes grant it, write routes may not. */
export const readOnlyRoles: readonly Role[] = ['internal_auditor'];

/** Whether someone works in the service provider (and so may act for others, see its own work, and so on). */
export const isStaff = (p: { roles: readonly Role[] }) => p.roles.some((r) => staffRoles.includes(r));
