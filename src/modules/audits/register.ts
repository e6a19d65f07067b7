import type { Language } from '../../kernel/auth/users.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { checklistFor, clauses, isClause } from '../readiness/index.ts';
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

/** The process register: each process's key, name and owner. */
export async function processRegister(db: Queryable) {
  return (await listProcesses(db)).map((p) => ({ key: p.key, name: p.name, ownerId: p.ownerId }));
}
