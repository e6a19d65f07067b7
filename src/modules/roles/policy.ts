import type { Actor } from '../../kernel/access/actor.ts';
import { externalRoles, holdsAny, internalRoles, type Role } from '../../kernel/access/roles.ts';
import type { Person } from './queries.ts';

/**
 * Who may do what with roles, appointments, the process register and competences (ISO/IEC 20000-1 5.3, 7.2):
 * everyone inside the provider reads them; top management, process owners and administrators keep them; a
 * role that gives an access role is made, changed and appointed to only by those who may grant that access.
 */
type Who = Pick<Actor, 'userId' | 'roles'>;

/** Who reads the role catalogue, the appointments and the process register. */
export const roleReaders: readonly Role[] = internalRoles;
/** Who keeps the role catalogue and the process register, records competences, and appoints people to roles. */
export const roleKeepers: readonly Role[] = ['top_management', 'process_owner', 'administrator'];
/**
 * Who may appoint to a role that gives an access role: top management and administrators (an administrator
 * alone for the administrator role), so that keeping the catalogue is no back door to more access.
 */
export const accessGranters: readonly Role[] = ['top_management', 'administrator'];
/** Who reads anyone's competence records: the keepers and the auditor (everyone reads their own). */
export const competenceReaders: readonly Role[] = [...roleKeepers, 'internal_auditor'];

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

export const mayKeepRoles = (who: Who) => holdsAny(who, roleKeepers);

/** Whether someone with these access roles may make a catalogue role give `accessRole`, or appoint to it. */
export function mayGrantAccess(held: readonly Role[], accessRole: string | null | undefined) {
  if (!accessRole) return true;
  if (accessRole === 'administrator') return holdsAny({ roles: held }, ['administrator']);
  return holdsAny({ roles: held }, accessGranters);
}

/** Who may appoint to this role: role keepers; for a role giving access, only those who may grant it. */
export const mayAppoint = (who: Who, role: { accessRole: string | null }) =>
  mayKeepRoles(who) && mayGrantAccess(who.roles, role.accessRole);

/** A person's competence records are read by that person, the keepers and the auditor. */
export const mayReadCompetencesOf = (who: Who, userId: string) =>
  userId === who.userId || holdsAny(who, competenceReaders);

/** Someone who works in the service provider and can hold a role: active, and neither a customer's user nor a supplier's contact. */
export const canServe = (p: Person | undefined): p is Person =>
  !!p && p.active && !holdsAny(p, externalRoles);

/**
 * Why this person may not take on a role giving `accessRole`, if they may not: an internal auditor's
 * independence means the auditor access role is never combined with another one (as for direct grants).
 */
export function accessClash(p: Pick<Person, 'roles'>, accessRole: string | null): string | null {
  if (!accessRole) return null;
  const others = p.roles.filter((r) => r !== accessRole);
  if (accessRole === 'internal_auditor' && others.length)
    return 'an internal auditor holds no other access role; this person already has some';
  if (accessRole !== 'internal_auditor' && holdsAny(p, ['internal_auditor']))
    return 'an internal auditor cannot also take a role that gives other access';
  return null;
}
