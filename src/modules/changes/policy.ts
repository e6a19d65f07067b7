import { holdsAny, internalRoles, isStaff, type Role } from '../../kernel/access/roles.ts';

/**
 * Who may do what in change management (ISO/IEC 20000-1 8.5.1, docs/changes.md): the one place each rule is
 * written. Routes build their access from these lists, commands ask the rules again inside their
 * transaction, the work-item type registers them, and the answers' transitions and abilities come from them.
 */

/** Who records changes and carries them out: the provider's technical and process staff. */
export const changeWorkers: readonly Role[] = [
  'change_manager',
  'resolver',
  'service_desk_agent',
  'incident_manager',
  'problem_manager',
  'configuration_manager',
  'service_owner',
];

/**
 * The change authority for normal and emergency changes (ISO/IEC 20000-1 8.5.1.3): the change manager, or
 * top management. A standard change is pre-authorised: any change worker approves it.
 */
export const changeAuthority: readonly Role[] = ['change_manager', 'top_management'];

/** Everyone who may record a change and take its steps: the workers and the authority. */
export const changeRecorders: readonly Role[] = [...new Set([...changeWorkers, ...changeAuthority])];

/** Everyone inside the provider reads the change log (the head of service management and the auditor too). */
export const changeReaders: readonly Role[] = internalRoles;

type Who = { roles: readonly string[]; userId?: string | null };
type ChangeFacts = { kind: string; requesterId: string | null };

/** "Anyone who works on changes records them." */
export const mayRecordChange = (who: Who) => holdsAny(who, changeRecorders);

/** "Anyone inside the provider reads the change log." */
export const mayReadChangeLog = (who: Who) => holdsAny(who, changeReaders);

/** "Staff comment on a change and attach to it; the plan itself is the change workers' and authority's." */
export const mayWriteOnChange = (who: Who) => isStaff(who);
export const mayEditChange = (who: Who) => mayRecordChange(who);

/** Whether someone belongs to the change authority (approves, rejects and closes what needs it). */
export const isChangeAuthority = (who: Who) => holdsAny(who, changeAuthority);

/**
 * "A normal or emergency change is approved by the change authority, never by the person who asked for it;
 * a standard change is pre-authorised, so anyone who works on changes approves it."
 */
export const mayApproveChange = (who: Who, change: ChangeFacts) =>
  change.kind === 'standard'
    ? mayRecordChange(who)
    : isChangeAuthority(who) && !(who.userId && who.userId === change.requesterId);

/** "Once submitted, only the change authority says what kind of change it is." */
export const mayChangeKind = (who: Who, change: { state: string }) =>
  change.state === 'new' ? mayEditChange(who) : isChangeAuthority(who);
