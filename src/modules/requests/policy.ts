import { type Role, serviceDeskRoles } from '../../kernel/access/roles.ts';

/**
 * Who may do what with service requests (ISO/IEC 20000-1 8.6.2, docs/requests.md): the one place each rule
 * is written.
 */

/** The service desk fulfils requests and works their tasks: the same people who work incidents. */
export const workers: readonly Role[] = serviceDeskRoles;
