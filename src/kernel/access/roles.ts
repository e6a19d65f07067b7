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
  'knowledge_manager',
  'change_manager',
  'configuration_manager',
  'service_level_manager',
  'internal_auditor',
  'customer',
  'supplier',
] as const;

export type Role = (typeof roles)[number];

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

/**
 * People outside the service provider: its customers' users (customer) and its suppliers' contacts
 * (supplier). They see only what is theirs or addressed to them.
 */
export const externalRoles: readonly Role[] = ['customer', 'supplier'];

/** Everyone inside the service provider: its staff and the internal auditor. */
export const internalRoles: readonly Role[] = roles.filter((r) => !externalRoles.includes(r));

/** Everyone who works in the service provider, as opposed to customers, end users and suppliers. */
export const staffRoles: readonly Role[] = internalRoles.filter((r) => r !== 'internal_auditor');

/**
 * The service desk: the people who work the queues that incidents and service requests share (agents,
 * resolvers and incident managers). Both processes' policies start from it.
 */
export const serviceDeskRoles: readonly Role[] = ['service_desk_agent', 'resolver', 'incident_manager'];

/**
 * The internal auditor reads everything and writes nothing but its own audit work: read routes grant it,
 * write routes may not, except those declared `access.auditWork` (audits, findings, evidence packs).
 */
export const readOnlyRoles: readonly Role[] = ['internal_auditor'];

/**
 * Whether someone holds any of these roles: the one way a rule asks it (policy.ts files, the route access
 * check, the web's buttons). Takes anything with roles: an actor, a principal, the signed-in person.
 */
export const holdsAny = (who: { roles: readonly string[] } | null | undefined, allowed: readonly Role[]) =>
  !!who && who.roles.some((r) => (allowed as readonly string[]).includes(r));

/** Whether someone works in the service provider (and so may act for others, see its own work, and so on). */
export const isStaff = (p: { roles: readonly string[] }) => holdsAny(p, staffRoles);

/** Whether someone is inside the service provider: staff or the internal auditor. */
export const isInternal = (p: { roles: readonly string[] }) => holdsAny(p, internalRoles);

/** Whether someone may write at all: holds a role other than the read-only ones. */
export const writesAnything = (p: { roles: readonly string[] }) =>
  p.roles.some((r) => !(readOnlyRoles as readonly string[]).includes(r));
