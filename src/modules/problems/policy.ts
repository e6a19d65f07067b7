import { holdsAny, internalRoles, type Role } from '../../kernel/access/roles.ts';

/**
 * Who may do what in problem management (ISO/IEC 20000-1 8.6.3, docs/problems.md): the one place each rule
 * is written.
 */

/** Problem managers own problems: they record, analyse, document known errors, resolve and close them. */
export const problemManagers: readonly Role[] = ['problem_manager'];

/** Everyone inside the provider reads problems and known errors (agents, resolvers, the auditor). */
export const problemReaders: readonly Role[] = internalRoles;

type Who = { roles: readonly string[] };

/** "Problem managers own problems." */
export const mayManageProblems = (who: Who) => holdsAny(who, problemManagers);

/** "Everyone inside the provider reads problems and known errors." */
export const mayReadProblems = (who: Who) => holdsAny(who, problemReaders);
