import { asc, eq, sql } from 'drizzle-orm';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { checkVersion } from '../../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import { maySetCriteria } from '../policy.ts';
import { improvementCriteria, improvements } from '../schema.ts';
import { weightedScore } from '../scoring.ts';
import type { CriterionInput, CriterionPatch } from '../shapes.ts';

export type CriterionRow = typeof improvementCriteria.$inferSelect;

export const criteriaOf = (tx: Queryable): Promise<CriterionRow[]> =>
  tx
    .select()
    .from(improvementCriteria)
    .orderBy(asc(improvementCriteria.position), asc(improvementCriteria.key));

/**
 * The weighted score of scores given against the criteria (scoring.ts): a score must name a criterion in
 * use; the score is over the criteria scored.
 */
export async function scoreOf(tx: Queryable, scores: Readonly<Record<string, number>>) {
  const criteria = await criteriaOf(tx);
  const inUse = new Set(criteria.filter((c) => !c.retired).map((c) => c.key));
  const errors: FieldError[] = Object.keys(scores)
    .filter((k) => !inUse.has(k))
    .map((k) => ({ field: `scores.${k}`, message: 'names no criterion in use' }));
  return { score: weightedScore(criteria, scores), errors };
}

function mustSet(who: Principal) {
  if (!maySetCriteria(who))
    throw problems.forbidden('Process owners and top management set the improvement criteria.');
}

/**
 * Every improvement's weighted score again, after the criteria changed (a weight, a direction, one retired):
 * the register keeps ranking by the criteria as they are. The scores given stay as they were.
 */
async function rescoreAll(ctx: CommandContext) {
  const criteria = await criteriaOf(ctx.tx);
  const rows = await ctx.tx.select({ id: improvements.id, scores: improvements.scores }).from(improvements);
  const changed = rows.map((r) => ({ id: r.id, score: weightedScore(criteria, r.scores) }));
  if (!changed.length) return;
  await ctx.tx.execute(sql`
    update improvements i set score = x.score
      from jsonb_to_recordset(${JSON.stringify(changed)}::jsonb) as x(id uuid, score float8)
     where i.id = x.id and i.score is distinct from x.score`);
}

export async function addCriterion(ctx: CommandContext, who: Principal, input: CriterionInput) {
  mustSet(who);
  const [clash] = await ctx.tx
    .select({ id: improvementCriteria.id })
    .from(improvementCriteria)
    .where(sql`lower(${improvementCriteria.key}) = lower(${input.key})`);
  if (clash) throw problems.validation([{ field: 'key', message: 'is taken by another criterion' }]);
  const position =
    input.position ??
    Number(
      (
        await ctx.tx.execute<{ n: number }>(
          sql`select coalesce(max(position), 0) + 1 as n from improvement_criteria`,
        )
      ).rows[0]!.n,
    );
  const [row] = await ctx.tx
    .insert(improvementCriteria)
    .values({ ...input, position })
    .returning();
  await ctx.audit({
    action: 'improvement.criterion_added',
    recordType: 'improvement-criterion',
    recordId: row!.key,
    after: row,
  });
  return row!;
}

export async function updateCriterion(
  ctx: CommandContext,
  who: Principal,
  id: string,
  expected: number,
  patch: CriterionPatch,
) {
  mustSet(who);
  const [before] = await ctx.tx
    .select()
    .from(improvementCriteria)
    .where(eq(improvementCriteria.id, id))
    .for('update');
  if (!before) throw problems.notFound(`Criterion ${id}`);
  checkVersion(expected, before.version);
  const [after] = await ctx.tx
    .update(improvementCriteria)
    .set({ ...patch, version: before.version + 1 })
    .where(eq(improvementCriteria.id, id))
    .returning();
  await ctx.audit({
    action: 'improvement.criterion_updated',
    recordType: 'improvement-criterion',
    recordId: before.key,
    before,
    after,
  });
  if (
    (patch.weight !== undefined && patch.weight !== before.weight) ||
    (patch.higherIsBetter !== undefined && patch.higherIsBetter !== before.higherIsBetter) ||
    (patch.retired !== undefined && patch.retired !== before.retired)
  )
    await rescoreAll(ctx);
  return after!;
}
