import { and, eq, sql } from 'drizzle-orm';
import { mustHold } from '../../kernel/access/actor.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { checkVersion } from '../../kernel/http/etag.ts';
import { Problem, problems } from '../../kernel/http/problem.ts';
import { loadClass } from './commands/classes.ts';
import { cmdbEditors, mayVerifyConfiguration } from './policy.ts';
import { ciAuditItems, ciAudits } from './schema.ts';
import type { AuditItem, AuditPlan, AuditSummary, Check } from './shapes.ts';

/** Plans an audit: every CI in use of a class, or a random sample (of a class, or of all CIs in use). */
export async function planAudit(ctx: CommandContext, plan: AuditPlan) {
  mustHold(ctx.actor, mayVerifyConfiguration, `Configuration audits are kept by: ${cmdbEditors.join(', ')}.`);
  if (plan.classKey && !(await loadClass(ctx.tx, plan.classKey))) {
    throw problems.validation([{ field: 'classKey', message: `unknown CI class "${plan.classKey}"` }]);
  }
  if (!plan.classKey && !plan.sampleSize) {
    throw problems.validation([
      { field: 'sampleSize', message: 'audit a class, or give a sample size (or both)' },
    ]);
  }
  const [audit] = await ctx.tx
    .insert(ciAudits)
    .values({
      title: plan.title.trim(),
      classKey: plan.classKey ?? null,
      sampleSize: plan.sampleSize ?? null,
      plannedFor: plan.plannedFor,
      auditorId: plan.auditorId ?? null,
      createdBy: ctx.actor.userId,
    })
    .returning();
  // the CIs to check, written with the audit and held by its entry as written
  const picked = await ctx.tx.execute<typeof ciAuditItems.$inferSelect>(sql`
    insert into ci_audit_items (audit_id, ci_id)
    select ${audit!.id}, id from cis
     where status <> 'retired' ${plan.classKey ? sql`and class_key = ${plan.classKey}` : sql``}
     ${plan.sampleSize ? sql`order by random() limit ${plan.sampleSize}` : sql``}
    returning audit_id as "auditId", ci_id as "ciId", result, discrepancy, follow_up as "followUp",
              follow_up_done as "followUpDone", checked_by as "checkedBy", checked_at as "checkedAt"`);
  const n = picked.rows.length;
  if (n === 0) throw problems.validation([{ field: 'classKey', message: 'no CIs in use to audit' }]);
  await ctx.audit({
    action: 'ci-audit.planned',
    recordType: 'ci-audit',
    recordId: audit!.id,
    after: { ...audit, items: n, ciItems: picked.rows },
  });
  return audit!;
}

async function lockAudit(ctx: CommandContext, id: string) {
  const [audit] = await ctx.tx.select().from(ciAudits).where(eq(ciAudits.id, id)).for('update');
  if (!audit) throw problems.notFound(`Configuration audit ${id}`);
  return audit;
}

/** Records what was found for one CI. A mismatch needs the discrepancy and what will be done about it. */
export async function recordCheck(ctx: CommandContext, auditId: string, ciId: string, check: Check) {
  mustHold(ctx.actor, mayVerifyConfiguration, `Configuration audits are kept by: ${cmdbEditors.join(', ')}.`);
  const audit = await lockAudit(ctx, auditId);
  const [item] = await ctx.tx
    .select()
    .from(ciAuditItems)
    .where(and(eq(ciAuditItems.auditId, auditId), eq(ciAuditItems.ciId, ciId)));
  if (!item) throw problems.notFound(`CI ${ciId} in this audit`);
  // what was found, and what will be done about it, are fixed once the audit is closed
  const changesResult =
    check.result !== undefined || check.discrepancy !== undefined || check.followUp !== undefined;
  if (changesResult && (audit.state === 'completed' || audit.state === 'cancelled')) {
    throw new Problem(
      409,
      'Audit closed',
      `The audit is ${audit.state}; only follow-ups can still be marked done.`,
      {
        type: 'urn:keel:problem:transition',
      },
    );
  }
  const next = { ...item, ...check };
  if (next.result === 'mismatch') {
    const errors = [];
    if (!next.discrepancy?.trim())
      errors.push({ field: 'discrepancy', message: 'say what differs from the record' });
    if (!next.followUp?.trim())
      errors.push({
        field: 'followUp',
        message: 'say what will be done (e.g. correct the record, raise a change)',
      });
    if (errors.length) throw problems.validation(errors);
  }
  if (check.followUpDone && next.result !== 'mismatch') {
    throw problems.validation([{ field: 'followUpDone', message: 'only a mismatch has a follow-up' }]);
  }
  const [after] = await ctx.tx
    .update(ciAuditItems)
    .set({
      ...check,
      ...(check.result === 'match' ? { discrepancy: null, followUp: null, followUpDone: false } : {}),
      ...(changesResult ? { checkedBy: ctx.actor.userId, checkedAt: new Date() } : {}),
    })
    .where(and(eq(ciAuditItems.auditId, auditId), eq(ciAuditItems.ciId, ciId)))
    .returning();
  if (audit.state === 'planned' && changesResult) {
    await ctx.tx
      .update(ciAudits)
      .set({ state: 'in_progress', version: audit.version + 1 })
      .where(eq(ciAudits.id, auditId));
  }
  await ctx.audit({
    action: 'ci-audit.checked',
    recordType: 'ci-audit',
    recordId: auditId,
    before: item,
    after,
  });
  return after!;
}

export async function closeAudit(
  ctx: CommandContext,
  id: string,
  expected: number,
  to: 'completed' | 'cancelled',
) {
  mustHold(ctx.actor, mayVerifyConfiguration, `Configuration audits are kept by: ${cmdbEditors.join(', ')}.`);
  const audit = await lockAudit(ctx, id);
  checkVersion(expected, audit.version);
  if (audit.state === 'completed' || audit.state === 'cancelled') {
    throw new Problem(409, 'Audit closed', `The audit is ${audit.state} already.`, {
      type: 'urn:keel:problem:transition',
    });
  }
  if (to === 'completed') {
    const open = await ctx.tx.execute<{ n: number }>(
      sql`select count(*)::int as n from ci_audit_items where audit_id = ${id} and result is null`,
    );
    if (open.rows[0]!.n > 0) {
      throw problems.validation([
        { field: 'items', message: `${open.rows[0]!.n} CI(s) are not checked yet` },
      ]);
    }
  }
  const [after] = await ctx.tx
    .update(ciAudits)
    .set({ state: to, completedAt: to === 'completed' ? new Date() : null, version: audit.version + 1 })
    .where(eq(ciAudits.id, id))
    .returning();
  await ctx.audit({ action: `ci-audit.${to}`, recordType: 'ci-audit', recordId: id, before: audit, after });
  return after!;
}

const summary = sql`
  a.id, a.title, a.class_key as "classKey", a.sample_size as "sampleSize", a.planned_for::text as "plannedFor",
  a.state, a.auditor_id as "auditorId", u.name as "auditorName", a.version,
  to_char(a.completed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "completedAt",
  count(i.ci_id)::int as items, count(i.result)::int as checked,
  count(*) filter (where i.result = 'match')::int as matches,
  count(*) filter (where i.result = 'mismatch')::int as mismatches,
  count(*) filter (where i.result = 'mismatch' and not i.follow_up_done)::int as "openFollowUps",
  case when count(i.result) > 0
       then round(100.0 * count(*) filter (where i.result = 'match') / count(i.result), 1)::float end as accuracy`;

export async function listAudits(db: Queryable): Promise<AuditSummary[]> {
  const res = await db.execute<AuditSummary>(sql`
    select ${summary} from ci_audits a left join ci_audit_items i on i.audit_id = a.id left join users u on u.id = a.auditor_id
     group by a.id, u.name order by a.planned_for desc, a.created_at desc limit 500`);
  return res.rows;
}

export async function getAudit(db: Queryable, id: string) {
  const res = await db.execute<AuditSummary>(sql`
    select ${summary} from ci_audits a left join ci_audit_items i on i.audit_id = a.id left join users u on u.id = a.auditor_id
     where a.id = ${id} group by a.id, u.name`);
  if (!res.rows[0]) return null;
  const items = await db.execute<AuditItem>(sql`
    select i.ci_id as "ciId", c.name, c.class_key as "classKey", i.result, i.discrepancy, i.follow_up as "followUp",
           i.follow_up_done as "followUpDone", u.name as "checkedByName",
           to_char(i.checked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "checkedAt"
      from ci_audit_items i join cis c on c.id = i.ci_id left join users u on u.id = i.checked_by
     where i.audit_id = ${id} order by c.class_key, lower(c.name)`);
  return { ...res.rows[0], ciItems: items.rows };
}
