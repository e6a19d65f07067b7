import type { Queryable } from '../../../kernel/db/database.ts';

/**
 * The readiness view as the pack reads it (docs/check-and-act.md, "Clause register and readiness"): per
 * clause its status and the sentences its evidence rules found, rolled up per clause group and as one figure.
 */
export type ClauseStatus = 'evidenced' | 'stale' | 'missing' | 'not_applicable';

export type Readiness = {
  figure: number;
  groups: Array<{
    group: string;
    title: string;
    evidenced: number;
    stale: number;
    missing: number;
    notApplicable: number;
    figure: number;
  }>;
  clauses: Array<{
    number: string;
    group: string;
    title: string;
    status: ClauseStatus;
    justification?: string | null;
    rules: Array<{ key: string; sentence: string; count: number; newest: string | null; met: boolean }>;
  }>;
};

/** TEMPORARY until the readiness branch is merged: an empty register. */
export async function readinessAt(_db: Queryable, _at: Date): Promise<Readiness> {
  return { figure: 0, groups: [], clauses: [] };
}
