import { type Language, languages } from '../../kernel/auth/users.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { Problem } from '../../kernel/http/problem.ts';
import { type ProcessTie, processTies } from '../roles/index.ts';
import { processesInScope } from './register.ts';

/**
 * The auditor's independence (9.2): nobody audits a process they own or are Responsible for. The ties come
 * from the process register and the RACI with the appointments (as holder or deputy) overlapping the audit's
 * dates (roles module).
 */
export const describeTie = (t: ProcessTie, lang: Language = 'en') => {
  const process = `${t.processName} (${t.processKey})`;
  if (t.tie === 'owner')
    return {
      en: `${t.userName} owns the process ${process} and cannot audit it.`,
      nl: `${t.userName} is eigenaar van het proces ${process} en kan het niet auditen.`,
      da: `${t.userName} ejer processen ${process} og kan ikke auditere den.`,
    }[lang];
  const role = t.roleName ?? '';
  return {
    en: `${t.userName} is Responsible in the process ${process} as ${t.deputy ? `deputy ${role}` : role} and cannot audit it.`,
    nl: `${t.userName} is Responsible in het proces ${process} als ${t.deputy ? `plaatsvervanger van ${role}` : role} en kan het niet auditen.`,
    da: `${t.userName} er Responsible i processen ${process} som ${t.deputy ? `stedfortræder for ${role}` : role} og kan ikke auditere den.`,
  }[lang];
};

/** The caller's language for messages: their own where Keel speaks it, English otherwise. */
export const messageLanguage = (who: { language: string }): Language =>
  (languages as readonly string[]).includes(who.language) ? (who.language as Language) : 'en';

/**
 * Refuses (422) a team whose lead auditor or a member is tied to a process in the audit's scope, naming each
 * person and process in the caller's language; the scope's processes include those concerning its clauses.
 * Each error's field is where the request names that person.
 */
export async function mustBeIndependent(
  tx: Queryable,
  a: {
    leadAuditorId: string;
    teamIds: readonly string[];
    scopeClauses: readonly string[];
    scopeProcesses: readonly string[];
    plannedStart: string;
    plannedEnd: string;
  },
  /** The language of the messages: the caller's (messageLanguage). */
  lang: Language,
  /** The period the auditors must be independent over; the audit's planned dates unless said otherwise. */
  period = { from: a.plannedStart, to: a.plannedEnd },
) {
  const people = [...new Set([a.leadAuditorId, ...a.teamIds])];
  const ties = await processTies(tx, people, processesInScope(a.scopeClauses, a.scopeProcesses), period);
  if (!ties.length) return;
  const errors = ties.map((t) => ({
    field: t.userId === a.leadAuditorId ? 'leadAuditorId' : `teamIds.${a.teamIds.indexOf(t.userId)}`,
    message: describeTie(t, lang),
  }));
  throw new Problem(422, 'Auditor not independent', errors.map((e) => e.message).join(' '), {
    type: 'urn:keel:problem:auditor-independence',
    errors,
  });
}
