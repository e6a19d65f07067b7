import type { Actor } from '../../kernel/access/actor.ts';
import { holdsAny, internalRoles, type Role } from '../../kernel/access/roles.ts';

/**
 * Who may do what with the clause register and the readiness view (docs/check-and-act.md): everyone inside
 * the provider reads it, the internal auditor included; customers and suppliers see none of it. The head of
 * service management (a process owner) and top management decide which clauses apply, keep the
 * organisation's own requirements and set how fresh evidence must be; a requirement's owner keeps their own.
 */
type Who = Pick<Actor, 'userId' | 'roles'>;

/** Who reads the clause register, the readiness view, own requirements and the evidence rules. */
export const readinessReaders: readonly Role[] = internalRoles;
/** Who says a clause does not apply (with the justification an auditor will ask for), or applies again. */
export const applicabilityDeciders: readonly Role[] = ['process_owner', 'top_management'];
/** Who keeps the organisation's own requirements, besides each requirement's owner. */
export const requirementKeepers: readonly Role[] = ['process_owner', 'top_management'];
/** Who sets an evidence rule's freshness. */
export const ruleSetters: readonly Role[] = ['process_owner', 'top_management'];
/** Who may ask to change an own requirement at all (the command then checks keeper or owner). */
export const requirementWriters: readonly Role[] = internalRoles.filter((r) => r !== 'internal_auditor');

export const mayReadReadiness = (who: Who) => holdsAny(who, readinessReaders);
export const mayDecideApplicability = (who: Who) => holdsAny(who, applicabilityDeciders);
export const mayAddRequirement = (who: Who) => holdsAny(who, requirementKeepers);
export const maySetRule = (who: Who) => holdsAny(who, ruleSetters);

/** A requirement is changed, reviewed or retired by its owner, a process owner or top management. */
export const mayKeepRequirement = (who: Who, r: { ownerId: string | null }) =>
  (!!r.ownerId && r.ownerId === who.userId) || holdsAny(who, requirementKeepers);

/**
 * Who may make an evidence pack (docs/check-and-act.md, "Evidence pack"): the internal auditor, whose audit
 * work it is (9.2), and the head of service management (the process owner role), who answers to the
 * certification auditor for the SMS. Nobody else: a pack holds every governance record of the period, and
 * customers and suppliers see none of check-and-act.
 */
export const evidencePackMakers: readonly Role[] = ['internal_auditor', 'process_owner'];

export const mayMakeEvidencePack = (who: Pick<Who, 'roles'>) => holdsAny(who, evidencePackMakers);
