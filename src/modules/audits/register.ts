import type { Language } from '../../kernel/auth/users.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { checklistFor, clauseOf, clauses, isClause } from '../readiness/index.ts';
import { listProcesses } from '../roles/index.ts';

/**
 * What audits read of the two registers they are planned against: the clause register (readiness module,
 * shipped as data) and the organisation's process register (roles module), each through its module's face.
 */
export { checklistFor };

export type RegisterClause = { number: string; title: string; processes: readonly string[] };

/** Every clause of the register in the standard's order, titled in `lang`. */
export const clauseRegister = (lang: Language): RegisterClause[] =>
  clauses.map((c) => ({ number: c.number, title: c.title[lang], processes: c.processes }));

/** The clause numbers among these that the register does not have. */
export const unknownClauses = (numbers: readonly string[]) => numbers.filter((n) => !isClause(n));

/**
 * The processes an audit's scope reaches: those it names, and those of the register concerning each clause it
 * names (a clause-only scope still audits the processes behind the clause), each once, lower case.
 */
export const processesInScope = (scopeClauses: readonly string[], scopeProcesses: readonly string[]) => [
  ...new Set([
    ...scopeProcesses.map((p) => p.toLowerCase()),
    ...scopeClauses.flatMap((n) => clauseOf(n)?.processes ?? []).map((p) => p.toLowerCase()),
  ]),
];

/** The process register: each process's key, name and owner. */
export async function processRegister(db: Queryable) {
  return (await listProcesses(db)).map((p) => ({ key: p.key, name: p.name, ownerId: p.ownerId }));
}
