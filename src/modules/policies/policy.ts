import type { Actor } from '../../kernel/access/actor.ts';
import { holdsAny, isInternal, type Role, staffRoles } from '../../kernel/access/roles.ts';
import type { Audience } from './schema.ts';

/**
 * Who may do what with policies (ISO/IEC 20000-1 5.2, docs/governance.md): process owners and top management
 * write them; each policy is kept by its owner or top management; the roles it names approve its versions,
 * never the author of the text; overseers and the owner read every version, approvers all but drafts, and
 * everyone else only the version in force, if they are in the audience it was published to.
 */
type Who = Pick<Actor, 'userId' | 'roles'>;
type PolicyLike = { ownerId: string; approverRoles: readonly string[] };
type VersionLike = { state: string; audience: Audience | null };

/** Who writes policies; a policy's owner must hold one of these roles too. */
export const policyWriters: readonly Role[] = ['process_owner', 'top_management'];
/** Who keeps every policy besides its owner. */
export const policyKeepers: readonly Role[] = ['top_management'];
/** Who reads every policy with all its versions and decisions. */
export const policyOverseers: readonly Role[] = [
  'internal_auditor',
  'top_management',
  'process_owner',
  'administrator',
];
/** The roles a policy may name as its approvers: approving is a write, so the provider's staff only. */
export const policyApprovers: readonly Role[] = staffRoles;
/** The roles that alone approve the service management policy and the plan. */
export const topApprovers: readonly Role[] = ['top_management'];

export const mayWritePolicies = (who: Who) => holdsAny(who, policyWriters);
export const mayOverseePolicies = (who: Who) => holdsAny(who, policyOverseers);

/** The owner of a policy, or top management, changes it, drafts, submits, publishes, withdraws and reminds. */
export const mayKeepPolicy = (who: Who, policy: { ownerId: string }) =>
  policy.ownerId === who.userId || holdsAny(who, policyKeepers);

/** The first of the policy's approver roles this person holds: the role they decide in. */
export const approvingRole = (who: Who, policy: PolicyLike) =>
  policy.approverRoles.find((r) => holdsAny(who, [r as Role]));

/** A version in review is decided by a holder of one of the policy's approver roles who did not write it. */
export const mayApprovePolicy = (who: Who, policy: PolicyLike, version: { authorId: string | null }) =>
  !!approvingRole(who, policy) && version.authorId !== who.userId;

/** The service management policy and the plan are approved by top management alone. */
export const approvedByTopOnly = (kind: string) => kind === 'service_management' || kind === 'plan';

/** Whether a person is in an audience: by role, by group, everyone (inside the provider), customers or suppliers. */
export function inAudience(who: Pick<Who, 'roles'>, groups: ReadonlySet<string>, a: Audience | null) {
  if (!a) return false;
  return (
    (a.everyone && isInternal(who)) ||
    (a.customers && holdsAny(who, ['customer'])) ||
    (a.suppliers === true && holdsAny(who, ['supplier'])) ||
    holdsAny(who, a.roles as Role[]) ||
    a.groupIds.some((g) => groups.has(g))
  );
}

/** Whether this person reads every version of the policy with its decisions and coverage. */
export const readsEverything = (who: Who, policy: { ownerId: string }) =>
  mayOverseePolicies(who) || policy.ownerId === who.userId;

/**
 * What of a policy a person may read: overseers and the owner everything; its approvers every version but
 * drafts; anyone else only the version in force, if they are in the audience it was published to.
 */
export function readableVersions<V extends VersionLike>(
  who: Who,
  groups: ReadonlySet<string>,
  policy: PolicyLike,
  versions: readonly V[],
): V[] {
  if (readsEverything(who, policy)) return [...versions];
  if (approvingRole(who, policy)) return versions.filter((v) => v.state !== 'draft');
  return versions.filter((v) => v.state === 'published' && inAudience(who, groups, v.audience));
}
