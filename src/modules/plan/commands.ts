import type { Principal } from '../../kernel/auth/principal.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { problems } from '../../kernel/http/problem.ts';
import { policyFor, saveDraft } from '../policies/index.ts';
import { assemblePlan } from './queries.ts';
import type { PlanNotes } from './shapes.ts';

/**
 * Writes the plan's draft from the records and the author's notes (kept with the version for next time); the
 * draft then goes through review, approval and publication like any policy.
 */
export async function assemblePlanDraft(ctx: CommandContext, who: Principal, id: string, notes: PlanNotes) {
  const p = await policyFor(ctx.tx, id, true);
  if (p.kind !== 'plan') throw problems.conflict(`${p.identifier} is not the service management plan.`);
  const body = await assemblePlan(ctx.tx, p.language, notes);
  return saveDraft(ctx, who, id, { body, changeNote: 'Assembled from Keel’s records' }, notes);
}
