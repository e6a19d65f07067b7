import type { Actor } from '../../kernel/access/actor.ts';
import { holdsAny, internalRoles, type Role } from '../../kernel/access/roles.ts';

/**
 * Who may do what with the context and the scope (ISO/IEC 20000-1 4.1–4.3): everyone inside the provider
 * reads them; process owners and top management record issues and interested parties and write the scope.
 */
type Who = Pick<Actor, 'userId' | 'roles'>;

/** Who reads the context registers and the scope. */
export const contextReaders: readonly Role[] = internalRoles;
/** Who records issues and interested parties and writes the scope. */
export const contextKeepers: readonly Role[] = ['process_owner', 'top_management'];

export const mayKeepContext = (who: Who) => holdsAny(who, contextKeepers);
