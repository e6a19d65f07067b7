import type { Queryable } from '../../../kernel/db/database.ts';
import { readinessFor } from '../queries.ts';
import type { Readiness } from '../shapes.ts';

/**
 * The readiness view as the pack reads it: the readiness module's own, judged at the pack's moment, in
 * English (the pack is the auditor's). Read from the module's queries rather than its face, which registers
 * the pack's route: the face importing the pack and the pack the face would be a circle.
 */
export type { Readiness };
export type ClauseReadiness = Readiness['clauses'][number];

export const readinessAt = (db: Queryable, at: Date): Promise<Readiness> =>
  readinessFor(db, { at, lang: 'en' });
