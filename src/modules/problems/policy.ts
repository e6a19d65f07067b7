import { holdsAny, internalRoles, isStaff, type Role, serviceDeskRoles } from '../../kernel/access/roles.ts';

/**
 * Who may do what in problem management (ISO/IEC 20000-1 8.6.3, docs/problems.md): the one place each rule
 * is written. Routes build their access from these lists, commands ask the rules again inside their
 * transaction, the work-item type registers them, and the answers' abilities come from them.
 */

/** Problem managers own problems: they record, analyse, document known errors, resolve and close them. */
export const problemManagers: readonly Role[] = ['problem_manager'];

/** Everyone inside the provider reads problems and known errors (agents, resolvers, the auditor). */
export const problemReaders: readonly Role[] = internalRoles;

/** Who applies a known error's workaround to an incident: the service desk and the problem managers. */
export const workaroundAppliers: readonly Role[] = [...serviceDeskRoles, ...problemManagers];

type Who = { roles: readonly string[] };

/** "Problem managers own problems": record, edit, transitions, candidates and the trend settings. */
export const mayManageProblems = (who: Who) => holdsAny(who, problemManagers);

/** "Everyone inside the provider reads problems, known errors and candidates; nobody outside does." */
export const mayReadProblems = (who: Who) => holdsAny(who, problemReaders);

/** "Staff comment on a problem and attach to it (the investigation is shared); its fields are the manager's." */
export const mayWriteOnProblem = (who: Who) => isStaff(who);

/** "The service desk and the problem managers apply a known error's workaround to an incident." */
export const mayApplyWorkaround = (who: Who) => holdsAny(who, workaroundAppliers);

/**
 * "A workaround reaches a customer only as a public note, and only one the problem manager marked as fit
 * for customers."
 */
export const mayNotePublicly = (problem: { workaroundPublic: boolean }) => problem.workaroundPublic;

/**
 * "Applying a known error adds its workaround as a note the agent chooses (internal, or public when the
 * workaround is fit for customers), and resolving with it tells the requester the workaround only when it is
 * fit for customers; otherwise the resolution says a workaround was applied."
 */
export function workaroundAppliedAs(
  problem: { workaroundPublic: boolean },
  note: 'public' | 'internal',
): { noteAllowed: boolean; resolutionShowsWorkaround: boolean } {
  return {
    noteAllowed: note === 'internal' || mayNotePublicly(problem),
    resolutionShowsWorkaround: mayNotePublicly(problem),
  };
}
