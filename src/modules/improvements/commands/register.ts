import { eq, sql } from 'drizzle-orm';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { checkVersion } from '../../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import { tickAction } from '../../../kernel/records/actions.ts';
import { changedFields } from '../../../kernel/records/diff.ts';
import { planTransition } from '../../../kernel/records/lifecycle.ts';
import { kpiKeys, kpiValue } from '../../objectives/index.ts';
import { improvementLifecycle } from '../lifecycle.ts';
import { mayEdit, mayRun, mayScore, mayStep, mayTickImprovementAction } from '../policy.ts';
import { improvementActions, improvements } from '../schema.ts';
import type { ImprovementPatch, ImprovementTransition, NewImprovementAction } from '../shapes.ts';
import { criteriaOf, scoreOf } from './criteria.ts';
import { checkRefs } from './propose.ts';

export type Improvement = typeof improvements.$inferSelect;

export async function improvementFor(tx: Queryable, id: string, forUpdate = false): Promise<Improvement> {
  const q = tx.select().from(improvements).where(eq(improvements.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw problems.notFound(`Improvement ${id}`);
  return row;
}

const isFinal = (s: string) => improvementLifecycle.final.includes(s);

/**
 * A benefit is measured twice. Before: over the 90 days up to approval (long enough that one bad week does
 * not make the figure), frozen then; or, when its KPI is named only after approval, over the 90 days up to the
 * approval all the same. After: from approval to realisation, the time the improvement has had to work, not
 * a trailing window that could reach back before it was approved.
 */
export const MEASURE_DAYS = 90;
type Measured = Pick<Improvement, 'kpiKey' | 'serviceId'>;
export async function measureBefore(tx: Queryable, i: Measured, approvedAt: Date) {
  if (!i.kpiKey) return null;
  const from = new Date(approvedAt.getTime() - MEASURE_DAYS * 86_400_000);
  return kpiValue(tx, i.kpiKey, { from, to: approvedAt, serviceId: i.serviceId });
}
async function measureAfter(tx: Queryable, i: Measured & Pick<Improvement, 'decidedAt'>, at: Date) {
  if (!i.kpiKey) return null;
  const from = i.decidedAt ?? new Date(at.getTime() - MEASURE_DAYS * 86_400_000);
  return kpiValue(tx, i.kpiKey, { from, to: at, serviceId: i.serviceId });
}

const kpiErrors = (kpiKey: string | null | undefined): FieldError[] =>
  kpiKey && !(kpiKeys as readonly string[]).includes(kpiKey)
    ? [{ field: 'kpiKey', message: `names no KPI (${kpiKeys.join(', ')})` }]
    : [];

/**
 * Changes an improvement (If-Match): its owner and the register's keepers; whoever proposed it while it is
 * only proposed. Scores replace those given before and the weighted score follows. Realised and withdrawn
 * ones stand as they were.
 */
export async function updateImprovement(
  ctx: CommandContext,
  who: Principal,
  id: string,
  expected: number,
  patch: ImprovementPatch,
) {
  const before = await improvementFor(ctx.tx, id, true);
  checkVersion(expected, before.version);
  if (!mayEdit(who, before))
    throw problems.forbidden(`${before.code} is changed by its owner, process owners and top management.`);
  if (isFinal(before.state))
    throw problems.conflict(`${before.code} is ${before.state}; it stands as it was.`);
  if (patch.scores !== undefined && !mayScore(who, before))
    throw before.state === 'proposed'
      ? problems.forbidden(
          'Process owners and top management score improvements: the scores are the evaluation.',
        )
      : problems.conflict(
          `${before.code} is ${before.state}: it was scored while proposed, and stands as decided.`,
        );
  const errors = [...(await checkRefs(ctx.tx, patch)), ...kpiErrors(patch.kpiKey)];
  const scored = patch.scores ? await scoreOf(ctx.tx, patch.scores) : null;
  if (scored) errors.push(...scored.errors);
  if (errors.length) throw problems.validation(errors);
  const { set } = changedFields(before, {
    ...patch,
    title: patch.title?.trim(),
    ...(scored ? { score: scored.score } : {}),
  } as Partial<Improvement>);
  if (Object.keys(set).length === 0) return before;
  // a KPI first named after approval takes its value before from the approval, frozen now
  const approved = before.state === 'approved' || before.state === 'in_progress';
  if (approved && set.kpiKey && before.baseline === null && set.baseline === undefined && before.decidedAt)
    set.baseline = await measureBefore(ctx.tx, { ...before, kpiKey: set.kpiKey }, before.decidedAt);
  const [after] = await ctx.tx
    .update(improvements)
    .set({ ...set, updatedAt: new Date(), version: before.version + 1 })
    .where(eq(improvements.id, id))
    .returning();
  await ctx.audit({
    action: 'improvement.updated',
    recordType: 'improvement',
    recordId: before.code,
    before,
    after,
  });
  return after!;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * Moves an improvement along its lifecycle (If-Match): approving or rejecting is the evaluators' (process
 * owners, top management), with a reason; starting, realising and withdrawing are its owner's and the
 * keepers'. Approval reads the KPI's value before (when a KPI measures it and no baseline is set);
 * realisation records the benefits and the value after (given, or read from the KPI).
 */
export async function fireImprovementStep(
  ctx: CommandContext,
  who: Principal,
  id: string,
  expected: number,
  input: ImprovementTransition,
) {
  const before = await improvementFor(ctx.tx, id, true);
  checkVersion(expected, before.version);
  const t = improvementLifecycle.transitions.find((x) => x.to === input.to && x.from.includes(before.state));
  if (!t) throw problems.conflict(`${before.code} is ${before.state}: it cannot become ${input.to}.`);
  if (!mayStep(who, before, t.name))
    throw problems.forbidden(
      t.name === 'approve' || t.name === 'reject'
        ? 'Process owners and top management approve or reject improvements.'
        : `${before.code} is run by its owner, process owners and top management.`,
    );
  planTransition(improvementLifecycle, before, t.name, who.roles, input);
  if (t.name === 'approve' || t.name === 'reject') {
    // a decision rests on the evaluation: every criterion in use scored
    const missing = (await criteriaOf(ctx.tx)).filter(
      (c) => !c.retired && before.scores[c.key] === undefined,
    );
    if (missing.length)
      throw problems.validation(
        missing.map((c) => ({ field: `scores.${c.key}`, message: `score ${c.name} before deciding` })),
        `${before.code} is evaluated against every criterion before it is approved or rejected.`,
      );
  }
  if (t.name === 'realise') {
    const open = await ctx.tx.execute<{ n: number }>(sql`
      select count(*)::int as n from improvement_actions where improvement_id = ${id} and done_at is null`);
    const n = Number(open.rows[0]!.n);
    if (n > 0)
      throw problems.conflict(
        `${before.code} has ${n} action${n === 1 ? '' : 's'} of its plan not done; it is realised once all are.`,
        [{ field: 'actions', message: `${n} not done` }],
      );
  }
  const now = new Date();
  const set: Partial<Improvement> = { state: t.to as Improvement['state'] };
  if (t.name === 'approve' || t.name === 'reject' || t.name === 'withdraw')
    Object.assign(set, { decisionReason: text(input.reason), decidedBy: ctx.actor.userId, decidedAt: now });
  if (t.name === 'approve' && before.baseline === null)
    set.baseline = await measureBefore(ctx.tx, before, now);
  if (t.name === 'repropose') Object.assign(set, { decidedBy: null, decidedAt: null });
  if (t.name === 'start' && !before.ownerId)
    throw problems.validation([{ field: 'ownerId', message: 'name its owner before starting it' }]);
  if (t.name === 'realise') {
    set.benefits = text(input.benefits);
    set.realisedAt = now;
    set.measured = input.measured ?? before.measured ?? (await measureAfter(ctx.tx, before, now));
  }
  const [after] = await ctx.tx
    .update(improvements)
    .set({ ...set, updatedAt: now, version: before.version + 1 })
    .where(eq(improvements.id, id))
    .returning();
  await ctx.audit({
    action: `improvement.${t.name}`,
    recordType: 'improvement',
    recordId: before.code,
    before: { state: before.state },
    after: { ...set, input },
  });
  return after!;
}

/** An approved or running improvement's plan gets actions: its owner and the keepers. */
export async function addImprovementAction(
  ctx: CommandContext,
  who: Principal,
  id: string,
  input: NewImprovementAction,
) {
  const imp = await improvementFor(ctx.tx, id, true);
  if (!mayRun(who, imp))
    throw problems.forbidden(`${imp.code} is run by its owner, process owners and top management.`);
  if (!['approved', 'in_progress'].includes(imp.state))
    throw problems.conflict(`${imp.code} is ${imp.state}: an improvement is planned once approved.`);
  const errors = await checkRefs(ctx.tx, { ownerId: input.responsibleId });
  if (errors.length) throw problems.validation(errors.map((e) => ({ ...e, field: 'responsibleId' })));
  const [row] = await ctx.tx
    .insert(improvementActions)
    .values({
      improvementId: id,
      title: input.title.trim(),
      responsibleId: input.responsibleId ?? null,
      due: input.due ?? null,
    })
    .returning();
  await ctx.tx
    .update(improvements)
    .set({ updatedAt: new Date(), version: imp.version + 1 })
    .where(eq(improvements.id, id));
  await ctx.audit({
    action: 'improvement.action_added',
    recordType: 'improvement',
    recordId: imp.code,
    after: row,
  });
  return row!;
}

/** Ticks an action of the plan off, or opens it again: its responsible person, or whoever runs it. */
export async function setImprovementActionDone(
  ctx: CommandContext,
  who: Principal,
  id: string,
  actionId: string,
  done: boolean,
) {
  const imp = await improvementFor(ctx.tx, id, true);
  const [a] = await ctx.tx
    .select()
    .from(improvementActions)
    .where(eq(improvementActions.id, actionId))
    .for('update');
  if (!a || a.improvementId !== id) throw problems.notFound(`Action ${actionId}`);
  if (!mayTickImprovementAction(who, imp, a))
    throw problems.forbidden(
      `An action of ${imp.code} is ticked off by its responsible person or whoever runs the improvement.`,
    );
  if (isFinal(imp.state)) throw problems.conflict(`${imp.code} is ${imp.state}; its plan stands as it was.`);
  // ticking off what is done (or opening what is open) again changes nothing
  if (!tickAction(a, done)) return;
  await ctx.tx
    .update(improvementActions)
    .set({ doneAt: done ? new Date() : null })
    .where(eq(improvementActions.id, actionId));
  await ctx.tx
    .update(improvements)
    .set({ updatedAt: new Date(), version: imp.version + 1 })
    .where(eq(improvements.id, id));
  await ctx.audit({
    action: done ? 'improvement.action_done' : 'improvement.action_reopened',
    recordType: 'improvement',
    recordId: imp.code,
    after: { actionId, title: a.title },
  });
}
