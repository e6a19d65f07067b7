import { and, eq, sql } from 'drizzle-orm';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import { textToHtml } from '../../../kernel/records/html.ts';
import { proposeImprovement } from '../../improvements/index.ts';
import { raiseNonconformity } from '../../nonconformities/index.ts';
import { checkEvidence, storedEvidence } from '../evidence.ts';
import { nonconformityKinds } from '../lifecycle.ts';
import { mayPerformAudit, maySendToImprovements } from '../policy.ts';
import { auditFor } from '../queries/audits.ts';
import { type Finding, findingFor } from '../queries/findings.ts';
import { processRegister, unknownClauses } from '../register.ts';
import { auditChecklistItems, findings } from '../schema.ts';
import type { FindingInput } from '../shapes.ts';

/** The next finding code of an audit: AUD-2026-01-F01, -F02, … (the audit is locked by the caller). */
async function nextFindingCode(ctx: CommandContext, audit: { id: string; code: string }) {
  const res = await ctx.tx.execute<{ n: number }>(
    sql`select count(*)::int + 1 as n from findings where audit_id = ${audit.id}`,
  );
  return `${audit.code}-F${String(res.rows[0]!.n).padStart(2, '0')}`;
}

/** Proposes an opportunity for improvement to the register (improvements module) and links it. */
async function propose(ctx: CommandContext, who: Principal, f: Finding) {
  const imp = await proposeImprovement(ctx, who, {
    title: f.title,
    description: f.statement,
    source: 'audit',
    sourceRef: f.code,
    processKey: f.processKey,
  });
  await ctx.tx
    .update(findings)
    .set({ improvementId: imp.id, version: f.version + 1 })
    .where(eq(findings.id, f.id));
  return imp;
}

/**
 * Raises a finding on an audit in progress (its team), from a question of its checklist or free. A major or
 * minor nonconformity raises its nonconformity work item at once, in the same transaction (nonconformities
 * module); an opportunity for improvement may go to the improvement register. An unanswered question the
 * finding came from is answered by it.
 */
export async function raiseFinding(ctx: CommandContext, who: Principal, input: FindingInput) {
  const a = await auditFor(ctx.tx, input.auditId, true).catch(() => {
    throw problems.validation([{ field: 'auditId', message: 'no such audit' }]);
  });
  if (!mayPerformAudit(who, a)) throw problems.forbidden(`Findings of ${a.code} are raised by its team.`);
  if (a.state !== 'in_progress')
    throw problems.conflict(`${a.code} is ${a.state}: findings are raised while it is in progress.`);
  const errors: FieldError[] = [];
  let item: typeof auditChecklistItems.$inferSelect | undefined;
  if (input.checklistItemId) {
    [item] = await ctx.tx
      .select()
      .from(auditChecklistItems)
      .where(and(eq(auditChecklistItems.id, input.checklistItemId), eq(auditChecklistItems.auditId, a.id)))
      .for('update');
    if (!item) errors.push({ field: 'checklistItemId', message: `is no question of ${a.code}'s checklist` });
  }
  const clause = input.clause ?? item?.clause;
  if (!clause)
    errors.push({ field: 'clause', message: 'is required (or raise it from a checklist question)' });
  else if (unknownClauses([clause]).length)
    errors.push({ field: 'clause', message: `${clause} is not in the clause register` });
  // a finding of an audit of one process is about that process unless it says otherwise
  const processKey = input.processKey ?? (a.scopeProcesses.length === 1 ? a.scopeProcesses[0]! : null);
  if (
    processKey &&
    !(await processRegister(ctx.tx)).some((p) => p.key.toLowerCase() === processKey.toLowerCase())
  )
    errors.push({ field: 'processKey', message: 'names no process of the process register' });
  if (input.toImprovements && input.kind !== 'ofi')
    errors.push({
      field: 'toImprovements',
      message: 'only an opportunity for improvement goes to the register',
    });
  errors.push(...(await checkEvidence(ctx.tx, input.evidence)));
  if (errors.length) throw problems.validation(errors);

  const code = await nextFindingCode(ctx, a);
  const [row] = await ctx.tx
    .insert(findings)
    .values({
      code,
      auditId: a.id,
      checklistItemId: item?.id ?? null,
      kind: input.kind,
      clause: clause!,
      processKey,
      title: input.title.trim(),
      statement: input.statement.trim(),
      evidence: storedEvidence(input.evidence),
      raisedBy: who.userId,
    })
    .returning();
  let f = row!;
  if (item && !item.answer)
    await ctx.tx
      .update(auditChecklistItems)
      .set({
        answer: input.kind === 'observation' ? 'observation' : 'finding',
        answeredBy: who.userId,
        answeredAt: new Date(),
        version: item.version + 1,
      })
      .where(eq(auditChecklistItems.id, item.id));
  let raised: { nonconformity?: string; improvement?: string } = {};
  if (nonconformityKinds.includes(f.kind)) {
    const nc = await raiseNonconformity(ctx, who, {
      title: f.title,
      description: textToHtml(f.statement),
      severity: f.kind === 'major_nc' ? 'major' : 'minor',
      source: 'audit',
      sourceRef: f.code,
      findingId: f.id,
      clause: f.clause,
      processKey: f.processKey,
    });
    [f] = (await ctx.tx
      .update(findings)
      .set({ nonconformityId: nc.id })
      .where(eq(findings.id, f.id))
      .returning()) as [Finding];
    raised = { nonconformity: nc.number };
  }
  if (input.toImprovements) raised = { improvement: (await propose(ctx, who, f)).code };
  await ctx.audit({
    action: 'finding.raised',
    recordType: 'finding',
    recordId: code,
    after: { ...f, ...raised },
  });
  return f;
}

/**
 * Sends an opportunity for improvement to the improvement register, once (the audit's team, unless the audit
 * was cancelled).
 */
export async function sendToImprovements(ctx: CommandContext, who: Principal, id: string) {
  const f = await findingFor(ctx.tx, id, true);
  const a = f.auditId ? await auditFor(ctx.tx, f.auditId) : null;
  if (!a || !maySendToImprovements(who, a))
    throw problems.forbidden(`${f.code} is sent to the improvement register by its audit's team.`);
  if (f.kind !== 'ofi') throw problems.conflict(`${f.code} is no opportunity for improvement.`);
  if (f.improvementId) throw problems.conflict(`${f.code} is in the improvement register already.`);
  if (a.state === 'cancelled') throw problems.conflict(`${a.code} was cancelled.`);
  const imp = await propose(ctx, who, f);
  await ctx.audit({
    action: 'finding.sent_to_improvements',
    recordType: 'finding',
    recordId: f.code,
    before: f,
    after: { ...f, improvementId: imp.id, improvement: imp.code },
  });
  return imp;
}
