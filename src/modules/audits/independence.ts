import type { Queryable } from '../../kernel/db/database.ts';
import { Problem } from '../../kernel/http/problem.ts';
import { type ProcessTie, processTies } from '../roles/index.ts';

/**
 * The auditor's independence (9.2): nobody audits a process they own or are Responsible for. The ties come
 * from the process register and the RACI with today's appointments (roles module).
 */
export const describeTie = (t: ProcessTie) =>
  t.tie === 'owner'
    ? `${t.userName} owns the process ${t.processName} (${t.processKey}) and cannot audit it.`
    : `${t.userName} is Responsible in the process ${t.processName} (${t.processKey}) as ${t.roleName} and cannot audit it.`;

/**
 * Refuses (422) a team whose lead auditor or a member is tied to a process in the audit's scope, naming each
 * person and process; each error's field is where the request names that person.
 */
export async function mustBeIndependent(
  tx: Queryable,
  a: { leadAuditorId: string; teamIds: readonly string[]; scopeProcesses: readonly string[] },
) {
  const people = [...new Set([a.leadAuditorId, ...a.teamIds])];
  const ties = await processTies(tx, people, a.scopeProcesses);
  if (!ties.length) return;
  const errors = ties.map((t) => ({
    field: t.userId === a.leadAuditorId ? 'leadAuditorId' : `teamIds.${a.teamIds.indexOf(t.userId)}`,
    message: describeTie(t),
  }));
  throw new Problem(422, 'Auditor not independent', errors.map((e) => e.message).join(' '), {
    type: 'urn:keel:problem:auditor-independence',
    errors,
  });
}
