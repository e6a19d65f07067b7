import { holdsAny, internalRoles, type Role } from '../../kernel/access/roles.ts';

/**
 * Who may do what in configuration management (ISO/IEC 20000-1 8.2.6): the one place it is written. Routes
 * declare their access from these lists; the web shows the CMDB's buttons by the same rules.
 */

/** The configuration manager and service owners keep the CIs, their relationships and their verification. */
export const cmdbEditors: readonly Role[] = ['configuration_manager', 'service_owner'];
/** Classes shape everyone's data: the configuration manager keeps them, with the administrator. */
export const classEditors: readonly Role[] = ['configuration_manager', 'administrator'];
/** Everyone inside the provider reads the CMDB (the auditor too); customers and suppliers do not. */
export const cmdbReaders: readonly Role[] = internalRoles;

type Who = { roles: readonly string[] } | null | undefined;

export const mayReadCmdb = (who: Who) => holdsAny(who, cmdbReaders);
/** Record, change and relate CIs, import them, and link their history to a change record. */
export const mayEditCi = (who: Who) => holdsAny(who, cmdbEditors);
export const mayEditClasses = (who: Who) => holdsAny(who, classEditors);
/** Plan configuration audits, record what was found, and close them. */
export const mayVerifyConfiguration = (who: Who) => holdsAny(who, cmdbEditors);
