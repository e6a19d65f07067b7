import { holdsAny, type Role } from '../../../kernel/access/roles.ts';

/**
 * Who may make an evidence pack (docs/check-and-act.md, "Evidence pack"): the internal auditor, whose audit
 * work it is (9.2), and the head of service management (the process owner role), who answers to the
 * certification auditor for the SMS. Nobody else: a pack holds every governance record of the period, and
 * customers and suppliers see none of check-and-act.
 */
type Who = { roles: readonly string[] };

export const evidencePackMakers: readonly Role[] = ['internal_auditor', 'process_owner'];

export const mayMakeEvidencePack = (who: Who) => holdsAny(who, evidencePackMakers);
