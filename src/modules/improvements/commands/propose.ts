import { sql } from 'drizzle-orm';
import { isStaff } from '../../../kernel/access/roles.ts';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import { peopleByIds } from '../../roles/index.ts';
import { mayPropose, mayProposeFromAudit } from '../policy.ts';
import { improvements } from '../schema.ts';
import { type NewImprovement, type ProposeInput, proposeInput } from '../shapes.ts';
import { scoreOf } from './criteria.ts';

/** Checks what an improvement names: the process (register), the service, the objective and the owner. */
export async function checkRefs(
  tx: Queryable,
  p: {
    processKey?: string | null;
    serviceId?: string | null;
    objectiveId?: string | null;
    ownerId?: string | null;
  },
): Promise<FieldError[]> {
  const res = await tx.execute<{ process: boolean; service: boolean; objective: boolean }>(sql`
    select exists (select 1 from sms_processes where lower(key) = lower(${p.processKey ?? null}::text)) as process,
           exists (select 1 from services where id = ${p.serviceId ?? null}::uuid) as service,
           exists (select 1 from objectives where id = ${p.objectiveId ?? null}::uuid) as objective`);
  const x = res.rows[0]!;
  const errors: FieldError[] = [];
  if (p.processKey && !x.process)
    errors.push({ field: 'processKey', message: 'names no process of the process register' });
  if (p.serviceId && !x.service) errors.push({ field: 'serviceId', message: 'does not exist' });
  if (p.objectiveId && !x.objective) errors.push({ field: 'objectiveId', message: 'does not exist' });
  if (p.ownerId) {
    const owner = (await peopleByIds(tx, [p.ownerId])).get(p.ownerId);
    if (!owner) errors.push({ field: 'ownerId', message: 'does not exist' });
    else if (!owner.active || !isStaff(owner))
      errors.push({ field: 'ownerId', message: 'must be an active member of the staff' });
  }
  return errors;
}

/** IMP-001, IMP-002, ...: the next code, drawn under a lock so two proposals never share one. */
async function nextCode(ctx: CommandContext) {
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(hashtext('keel-improvement-codes'))`);
  const res = await ctx.tx.execute<{ n: number }>(sql`
    select coalesce(max(substring(code from 5)::int), 0) + 1 as n from improvements where code ~ '^IMP-[0-9]+$'`);
  return `IMP-${String(res.rows[0]!.n).padStart(3, '0')}`;
}

/**
 * Proposes an opportunity for improvement (state proposed) inside the caller's transaction: any member of
 * the staff by hand, or another module for its record (an audit's opportunity-for-improvement finding, a
 * management review's decision, a problem). Its owner defaults to the one who proposed it when they are
 * staff. Nothing is written when anything named is wrong.
 */
export async function proposeImprovement(
  ctx: CommandContext,
  who: Principal,
  input: ProposeInput & Partial<Pick<NewImprovement, 'objectiveId' | 'scores'>>,
): Promise<{ id: string; code: string }> {
  const { objectiveId, scores, ...rest } = input;
  const parsed = proposeInput.safeParse(rest);
  if (!parsed.success)
    throw problems.validation(
      parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message })),
    );
  const imp = parsed.data;
  const allowed = imp.source === 'audit' ? mayProposeFromAudit(who) : mayPropose(who);
  if (!allowed) throw problems.forbidden('Opportunities for improvement are proposed by the staff.');
  const errors = await checkRefs(ctx.tx, { ...imp, objectiveId });
  const scored = await scoreOf(ctx.tx, scores ?? {});
  errors.push(...scored.errors);
  if (errors.length) throw problems.validation(errors);
  const ownerId = imp.ownerId ?? (isStaff(who) ? who.userId : null);
  const [row] = await ctx.tx
    .insert(improvements)
    .values({
      code: await nextCode(ctx),
      title: imp.title,
      description: imp.description,
      source: imp.source,
      sourceRef: imp.sourceRef,
      processKey: imp.processKey ?? null,
      serviceId: imp.serviceId ?? null,
      objectiveId: objectiveId ?? null,
      ownerId,
      scores: scores ?? {},
      score: scored.score,
      createdBy: ctx.actor.userId,
    })
    .returning();
  await ctx.audit({
    action: 'improvement.proposed',
    recordType: 'improvement',
    recordId: row!.code,
    after: row,
  });
  return { id: row!.id, code: row!.code };
}
