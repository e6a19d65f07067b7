import { holdsAny, internalRoles, type Role } from '../../kernel/access/roles.ts';

/**
 * Who may administer Keel: people, their access roles and API tokens, and the customer organisations the
 * provider serves. The one place it is written; the routes declare their access from these lists.
 */

/** The administrator grants access: creates people, sets their roles, resets passwords, issues tokens. */
export const userAdministrators: readonly Role[] = ['administrator'];
/** Who holds which access is evidence: the internal auditor reads it beside the administrator. */
export const userReaders: readonly Role[] = ['administrator', 'internal_auditor'];
/** Customers are parties to agreements: the service level manager keeps them, with the administrator. */
export const customerEditors: readonly Role[] = ['administrator', 'service_level_manager'];
/** Everyone inside the provider reads the customer organisations (the auditor too). */
export const customerReaders: readonly Role[] = internalRoles;

type Who = { roles: readonly string[] } | null | undefined;

export const mayReadUsers = (who: Who) => holdsAny(who, userReaders);
/** Create and change people and their roles, reset passwords, issue and revoke API tokens. */
export const mayAdministerUsers = (who: Who) => holdsAny(who, userAdministrators);
export const mayReadCustomers = (who: Who) => holdsAny(who, customerReaders);
export const mayEditCustomers = (who: Who) => holdsAny(who, customerEditors);
