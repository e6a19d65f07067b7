import type { Actor } from '../../kernel/access/actor.ts';
import { holdsAny, internalRoles, type Role, staffRoles } from '../../kernel/access/roles.ts';

/**
 * Who may do what with the communication plan (ISO/IEC 20000-1 7.4): everyone inside the provider reads it;
 * top management, process owners and administrators plan and change it; a dated communication is marked done
 * by its responsible person or by one of those keepers.
 */
type Who = Pick<Actor, 'userId' | 'roles'>;

/** Who reads the communication plan. */
export const communicationReaders: readonly Role[] = internalRoles;
/** Who plans communications, changes and stops them. */
export const communicationKeepers: readonly Role[] = ['top_management', 'process_owner', 'administrator'];
/** Who may reach the "done" step at all; the task's own rule (mayCompleteCommunication) then decides. */
export const communicationWorkers: readonly Role[] = staffRoles;

export const mayPlanCommunication = (who: Who) => holdsAny(who, communicationKeepers);

/** A dated communication is marked done by the person responsible for it, or by a keeper of the plan. */
export const mayCompleteCommunication = (who: Who, task: { responsibleId: string }) =>
  task.responsibleId === who.userId || mayPlanCommunication(who);
