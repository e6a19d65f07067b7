import { holdsAny, internalRoles, type Role } from '../../kernel/access/roles.ts';

/**
 * Who may do what with service level agreements, OLAs, underpinning contracts and business calendars: the
 * one place it is written. Routes declare their access from these lists.
 */

/** The service level manager agrees service levels (ISO/IEC 20000-1 8.3.3) and keeps the calendars. */
export const agreementEditors: readonly Role[] = ['service_level_manager'];
/** Everyone inside the provider reads agreements, calendars and service level reports (the auditor too). */
export const agreementReaders: readonly Role[] = internalRoles;

type Who = { roles: readonly string[] } | null | undefined;

export const mayReadAgreements = (who: Who) => holdsAny(who, agreementReaders);
/** Record an agreement, change its parties, services, targets and status. */
export const mayEditAgreement = (who: Who) => holdsAny(who, agreementEditors);
/** Add and change business calendars: every clock under an agreement using one follows it. */
export const mayEditCalendar = (who: Who) => holdsAny(who, agreementEditors);
