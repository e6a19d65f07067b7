import type { Actor } from '../../kernel/access/actor.ts';
import { holdsAny, internalRoles, type Role, writesAnything } from '../../kernel/access/roles.ts';
import type { ClosedBy } from './lifecycle.ts';

/**
 * Who may do what with nonconformities and their corrective actions (ISO/IEC 20000-1 10.1,
 * docs/check-and-act.md): the one place each rule is written. Everyone inside the provider reads them;
 * the owner of its process in the register (process owners where it has none), the NC's owner and top
 * management answer them with
 * the correction, the cause and the actions; a corrective action is ticked off by its responsible person too;
 * the effectiveness check and the closing are the auditor's, the process owner's or either's, as the settings
 * say; customers and suppliers see none of it.
 */
type Who = Pick<Actor, 'userId' | 'roles'>;

/** What a rule needs to know of a nonconformity: its owner and the owner of its process (register). */
export type NcFacts = { ownerId: string | null; processOwnerId: string | null };

/** Who reads nonconformities, their actions and the settings. */
export const ncReaders: readonly Role[] = internalRoles;
/** Who records one by hand (from an incident, a PIR, a complaint, a review): audits raise theirs from findings. */
export const ncRaisers: readonly Role[] = ['process_owner', 'incident_manager', 'top_management'];
/** Who answers every nonconformity besides its owner and its process's owner. */
export const ncAnswerers: readonly Role[] = ['top_management'];
/** Who stands for the owner of a process when the nonconformity names none, or its process has no owner. */
export const ncProcessOwners: readonly Role[] = ['process_owner'];
/** Who sets who closes nonconformities and when their effectiveness is checked. */
export const ncSettingsKeepers: readonly Role[] = ['top_management', 'process_owner'];
/** The auditor who may check effectiveness and close, when the settings give it to the auditor. */
export const ncAuditors: readonly Role[] = ['internal_auditor'];
/**
 * Who may reach the work-item type's create at all: everyone inside, since an audit team may hold any internal
 * role and its finding raises the nonconformity through the face (raiseNonconformity) inside the audit work,
 * after the audits module checked the person is on the audit's team. The route that records one by hand admits
 * the raisers only.
 */
export const ncCreators: readonly Role[] = internalRoles;

export const mayReadNonconformities = (who: Pick<Who, 'roles'>) => holdsAny(who, ncReaders);
/**
 * Comments, links and files on a nonconformity, as on any work item, are for those who write at all: the
 * internal auditor reads, and writes only the check and the closing (the kernel refuses the rest).
 */
export const mayAnnotateNonconformity = (who: Pick<Who, 'roles'>) => writesAnything(who);
export const mayRaiseNonconformity = (who: Pick<Who, 'roles'>) => holdsAny(who, ncRaisers);
export const maySetNcSettings = (who: Pick<Who, 'roles'>) => holdsAny(who, ncSettingsKeepers);

/**
 * "A finding of an audit becomes a nonconformity in the audit work: whoever is on the audit's team raises it"
 * (the audits module's mayPerformAudit decides the team; here only that they are inside the provider).
 */
export const mayRaiseFromAudit = (who: Pick<Who, 'roles'>) => holdsAny(who, ncCreators);

/**
 * "The owner of its process answers it": the owner in the process register. Someone holding the process-owner
 * role stands in only when there is no such owner, because the nonconformity names no process or its process
 * has nobody registered (else nobody could close it when the settings give closing to the process owner).
 */
export const isProcessOwnerOf = (who: Who, nc: NcFacts) =>
  nc.processOwnerId ? !!who.userId && who.userId === nc.processOwnerId : holdsAny(who, ncProcessOwners);

/**
 * "The owner of its process answers nonconformities: the correction, the cause, the corrective actions, the
 * steps up to verification; so do top management and the nonconformity's owner."
 */
export const mayAnswer = (who: Who, nc: NcFacts) =>
  holdsAny(who, ncAnswerers) || (!!who.userId && who.userId === nc.ownerId) || isProcessOwnerOf(who, nc);

/**
 * "The effectiveness check is recorded, and the nonconformity closed, by the auditor, the process owner, or
 * either, as `nonconformity_settings.closed_by` says." Nobody else closes one, top management included.
 */
export function mayClose(who: Who, nc: NcFacts, closedBy: ClosedBy): boolean {
  const auditor = holdsAny(who, ncAuditors);
  const owner = isProcessOwnerOf(who, nc);
  if (closedBy === 'auditor') return auditor;
  if (closedBy === 'process_owner') return owner;
  return auditor || owner;
}

/** Who closes, in words, for a refusal. */
export const closerNoun: Record<ClosedBy, string> = {
  auditor: 'an internal auditor',
  process_owner: 'the process owner',
  either: 'an internal auditor or the process owner',
};

/** "A corrective action is ticked off (or opened again) by its responsible person, or whoever answers the NC." */
export const mayTickCorrectiveAction = (who: Who, nc: NcFacts, action: { responsibleId: string }) =>
  (!!who.userId && action.responsibleId === who.userId) || mayAnswer(who, nc);

/**
 * Who fires a step of the lifecycle: closing is the closers'; sending it back to analysis is also theirs
 * (an ineffective check); every other step is the answerers'.
 */
export function mayFire(who: Who, nc: NcFacts, transition: string, closedBy: ClosedBy): boolean {
  if (transition === 'close') return mayClose(who, nc, closedBy);
  if (transition === 'reanalyse') return mayAnswer(who, nc) || mayClose(who, nc, closedBy);
  return mayAnswer(who, nc);
}
