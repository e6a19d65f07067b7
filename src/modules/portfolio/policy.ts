import { holdsAny, internalRoles, type Role } from '../../kernel/access/roles.ts';

/**
 * Who may do what with the service portfolio and catalogue (ISO/IEC 20000-1 8.2.2, 8.2.4): the one place
 * it is written. Routes declare their access from these lists; the web shows buttons by the same rules.
 */

/** The service owner and the service level manager keep the portfolio. */
export const portfolioEditors: readonly Role[] = ['service_owner', 'service_level_manager'];
/** Everyone inside the provider reads the portfolio (the auditor too); customers read the catalogue. */
export const portfolioReaders: readonly Role[] = internalRoles;

type Who = { roles: readonly string[] } | null | undefined;

export const mayReadPortfolio = (who: Who) => holdsAny(who, portfolioReaders);
/** Add services, change them, publish them in the catalogue and say which customers they serve. */
export const mayEditService = (who: Who) => holdsAny(who, portfolioEditors);

/**
 * How much of the customer-facing catalogue someone reads: the provider all of it, a customer's user the
 * services offered to their own organisation, anyone else (a supplier's contact) none.
 */
export const catalogueReach = (who: Who): 'all' | 'own' | 'none' =>
  holdsAny(who, internalRoles) ? 'all' : holdsAny(who, ['customer']) ? 'own' : 'none';
