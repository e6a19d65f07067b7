import type { Role } from '../../kernel/access/roles.ts';

/**
 * Who may do what by e-mail (docs/mail.md): the one place mail intake's rules are written. A mail acts as its
 * sender: a known, active person does by mail only what their roles let them do through the API (the
 * incident and request modules' policy.ts decide, inside the same commands), so a mail from the internal
 * auditor opens nothing. Someone Keel does not know is refused, unless the setting lets mail make them an
 * end user of the organisation their address belongs to.
 */

/** The roles a sender Keel did not know gets when the setting lets mail create them: an end user's. */
export const unknownSenderRoles: readonly Role[] = ['customer'];

export type UnknownSenders = 'reject' | 'create';

/** "A mail from an address Keel does not know is acted on only where the setting says to create its sender." */
export const mayCreateSenderByMail = (setting: UnknownSenders) => setting === 'create';

/** "A known sender acts by mail only while their account is active." */
export const mayActByMail = (sender: { active: boolean }) => sender.active;
