import { eq, sql } from 'drizzle-orm';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { checkVersion } from '../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../kernel/http/problem.ts';
import { canServe, peopleByIds } from '../roles/index.ts';
import { isClause } from './clauses.ts';
import { mayAddRequirement, mayDecideApplicability, mayKeepRequirement, maySetRule } from './policy.ts';
import { codeTaken } from './queries.ts';
import { ruleOf } from './rules.ts';
import { clauseApplicability, evidenceRuleSettings, ownRequirements } from './schema.ts';
import type { ApplicabilityInput, RequirementInput, RequirementPatch, RuleSettingInput } from './shapes.ts';

/**
 * The writes of the clause register: applicability decisions, own requirements, evidence rule freshness.
 * Each is one transaction with its audit entry; a decision is attributable to who took it and when.
 */

/**
 * A clause is marked not applicable only with the justification an auditor will ask for; marking it
 * applicable again keeps the reasoning given. The first decision on a clause expects version 0.
 */
export async function decideApplicability(
  ctx: CommandContext,
  who: Principal,
  clause: string,
  expected: number,
  input: ApplicabilityInput,
) {
  if (!mayDecideApplicability(who))
    throw problems.forbidden('Only a process owner or top management decides whether a clause applies.');
  if (!isClause(clause)) throw problems.notFound(`Clause ${clause}`);
  const justification = (input.justification ?? '').trim();
  if (!input.applicable && !justification)
    throw problems.validation([
      { field: 'justification', message: 'say why the clause does not apply: an auditor will ask' },
    ]);
  const [locked] = await ctx.tx
    .select()
    .from(clauseApplicability)
    .where(eq(clauseApplicability.clause, clause))
    .for('update');
  checkVersion(expected, locked?.version ?? 0);
  const row = {
    clause,
    applicable: input.applicable,
    justification,
    decidedBy: who.userId,
    decidedAt: new Date(),
    version: (locked?.version ?? 0) + 1,
  };
  if (locked) await ctx.tx.update(clauseApplicability).set(row).where(eq(clauseApplicability.clause, clause));
  else {
    // two first decisions at once: the second finds the row there and is told it changed
    const inserted = await ctx.tx.insert(clauseApplicability).values(row).onConflictDoNothing().returning();
    if (!inserted.length) throw problems.stale();
  }
  await ctx.audit({
    action: input.applicable ? 'clause.applicable' : 'clause.not_applicable',
    recordType: 'clause',
    recordId: clause,
    before: locked ?? null,
    after: row,
  });
  return row;
}

async function checkRequirement(tx: Queryable, r: RequirementPatch, id?: string): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (r.clause && !isClause(r.clause))
    errors.push({ field: 'clause', message: 'must be a clause of the register, such as 8.3.3' });
  if (r.code !== undefined && (await codeTaken(tx, r.code.trim(), id)))
    errors.push({ field: 'code', message: 'is taken by another requirement' });
  if (r.ownerId) {
    const p = (await peopleByIds(tx, [r.ownerId])).get(r.ownerId);
    if (!canServe(p)) errors.push({ field: 'ownerId', message: 'must be an active member of the staff' });
  }
  return errors;
}

/** Process owners and top management add the organisation's own requirements (a contract's, a law's). */
export async function createRequirement(ctx: CommandContext, who: Principal, input: RequirementInput) {
  if (!mayAddRequirement(who))
    throw problems.forbidden('Own requirements are added by a process owner or top management.');
  // codes are unique without regard to case: writers of codes take turns, so the check below holds
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(hashtext('keel-own-requirement-codes'))`);
  const errors = await checkRequirement(ctx.tx, input);
  if (errors.length) throw problems.validation(errors);
  const [row] = await ctx.tx
    .insert(ownRequirements)
    .values({
      code: input.code.trim(),
      title: input.title.trim(),
      description: input.description ?? '',
      source: input.source,
      reference: input.reference ?? '',
      clause: input.clause ?? null,
      ownerId: input.ownerId ?? null,
      evidence: input.evidence ?? '',
      reviewMonths: input.reviewMonths ?? 12,
      createdBy: who.userId,
    })
    .returning();
  await ctx.audit({
    action: 'own_requirement.created',
    recordType: 'own-requirement',
    recordId: row!.code,
    after: row,
  });
  return row!;
}

async function kept(ctx: CommandContext, who: Principal, id: string, expected: number) {
  const [locked] = await ctx.tx
    .select()
    .from(ownRequirements)
    .where(eq(ownRequirements.id, id))
    .for('update');
  if (!locked) throw problems.notFound(`Own requirement ${id}`);
  checkVersion(expected, locked.version);
  if (!mayKeepRequirement(who, locked))
    throw problems.forbidden(
      `Only the owner of ${locked.code}, a process owner or top management may change it.`,
    );
  return locked;
}

export async function updateRequirement(
  ctx: CommandContext,
  who: Principal,
  id: string,
  expected: number,
  patch: RequirementPatch,
) {
  const before = await kept(ctx, who, id, expected);
  if (before.retired) throw problems.conflict(`${before.code} is retired: it is kept as it was.`);
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(hashtext('keel-own-requirement-codes'))`);
  const errors = await checkRequirement(ctx.tx, patch, id);
  if (errors.length) throw problems.validation(errors);
  const [after] = await ctx.tx
    .update(ownRequirements)
    .set({
      ...patch,
      ...(patch.code !== undefined ? { code: patch.code.trim() } : {}),
      ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
      updatedAt: new Date(),
      version: before.version + 1,
    })
    .where(eq(ownRequirements.id, id))
    .returning();
  await ctx.audit({
    action: 'own_requirement.updated',
    recordType: 'own-requirement',
    recordId: before.code,
    before,
    after,
  });
  return after!;
}

/** Its owner or a keeper confirms the requirement is still met as described: its review period starts again. */
export async function reviewRequirement(
  ctx: CommandContext,
  who: Principal,
  id: string,
  expected: number,
  note: string | undefined,
) {
  const before = await kept(ctx, who, id, expected);
  if (before.retired) throw problems.conflict(`${before.code} is retired: there is nothing to review.`);
  const now = new Date();
  const [after] = await ctx.tx
    .update(ownRequirements)
    .set({ lastReviewedAt: now, updatedAt: now, version: before.version + 1 })
    .where(eq(ownRequirements.id, id))
    .returning();
  await ctx.audit({
    action: 'own_requirement.reviewed',
    recordType: 'own-requirement',
    recordId: before.code,
    before: { lastReviewedAt: before.lastReviewedAt },
    after: { lastReviewedAt: now, note: note ?? '' },
  });
  return after!;
}

/** A requirement that no longer binds the organisation is retired, saying why; it stays in the register. */
export async function retireRequirement(
  ctx: CommandContext,
  who: Principal,
  id: string,
  expected: number,
  reason: string,
) {
  const before = await kept(ctx, who, id, expected);
  if (before.retired) throw problems.conflict(`${before.code} is retired already.`);
  const [after] = await ctx.tx
    .update(ownRequirements)
    .set({ retired: true, updatedAt: new Date(), version: before.version + 1 })
    .where(eq(ownRequirements.id, id))
    .returning();
  await ctx.audit({
    action: 'own_requirement.retired',
    recordType: 'own-requirement',
    recordId: before.code,
    before: { retired: false },
    after: { retired: true, reason: reason.trim() },
  });
  return after!;
}

/** A rule's freshness as the organisation wants it; the first setting of a rule expects version 0. */
export async function setRule(
  ctx: CommandContext,
  who: Principal,
  key: string,
  expected: number,
  input: RuleSettingInput,
) {
  if (!maySetRule(who))
    throw problems.forbidden('Only a process owner or top management sets how fresh evidence must be.');
  const rule = ruleOf(key);
  if (!rule) throw problems.notFound(`Evidence rule ${key}`);
  if (rule.measure === 'share' && input.minCount > 100)
    throw problems.validation([{ field: 'minCount', message: 'is a percentage for this rule: 1–100' }]);
  const [locked] = await ctx.tx
    .select()
    .from(evidenceRuleSettings)
    .where(eq(evidenceRuleSettings.rule, key))
    .for('update');
  checkVersion(expected, locked?.version ?? 0);
  const row = {
    rule: key,
    ...input,
    setBy: who.userId,
    setAt: new Date(),
    version: (locked?.version ?? 0) + 1,
  };
  if (locked) await ctx.tx.update(evidenceRuleSettings).set(row).where(eq(evidenceRuleSettings.rule, key));
  else {
    const inserted = await ctx.tx.insert(evidenceRuleSettings).values(row).onConflictDoNothing().returning();
    if (!inserted.length) throw problems.stale();
  }
  await ctx.audit({
    action: 'evidence_rule.set',
    recordType: 'evidence-rule',
    recordId: key,
    before: locked ?? { maxAgeDays: rule.maxAgeDays, minCount: rule.minCount },
    after: row,
  });
  return row;
}
