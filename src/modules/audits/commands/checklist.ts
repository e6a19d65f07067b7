import { and, eq, sql } from 'drizzle-orm';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { checkVersion } from '../../../kernel/http/etag.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { checkEvidence, storedEvidence } from '../evidence.ts';
import { mayEditChecklist, mayPerformAudit } from '../policy.ts';
import { type Audit, auditFor, type ChecklistItem, checklistItemsOf } from '../queries/audits.ts';
import { unknownClauses } from '../register.ts';
import { auditChecklistItems } from '../schema.ts';
import { type ChecklistAdd, type ChecklistPatch, checklistLimit } from '../shapes.ts';

/**
 * An audit's checklist: its questions are shaped (added, changed, removed, put in order) while the audit is
 * planned or in progress, by its team or, before it starts, the planners; they are answered by its team while
 * it is in progress. The audit is locked first, so that its state cannot change under the edit.
 */
async function openForEdit(ctx: CommandContext, who: Principal, auditId: string) {
  const a = await auditFor(ctx.tx, auditId, true);
  if (!mayEditChecklist(who, a))
    throw problems.forbidden(
      `The checklist of ${a.code} is kept by its team (and by the planners before it starts).`,
    );
  if (a.state !== 'planned' && a.state !== 'in_progress')
    throw problems.conflict(`${a.code} is ${a.state}: its checklist no longer changes.`);
  return a;
}

async function itemOf(ctx: CommandContext, a: Audit, itemId: string) {
  const [item] = await ctx.tx
    .select()
    .from(auditChecklistItems)
    .where(and(eq(auditChecklistItems.id, itemId), eq(auditChecklistItems.auditId, a.id)))
    .for('update');
  if (!item) throw problems.notFound(`Checklist item ${itemId} of ${a.code}`);
  return item;
}

const checkClause = (clause: string | undefined) => {
  if (clause && unknownClauses([clause]).length)
    throw problems.validation([{ field: 'clause', message: `${clause} is not in the clause register` }]);
};

/** Writes the positions 1…n in this order (only those that moved), in one statement however many moved. */
async function renumber(ctx: CommandContext, ordered: readonly ChecklistItem[]) {
  const moved = ordered.flatMap((item, i) =>
    item.position === i + 1 ? [] : [{ id: item.id, position: i + 1 }],
  );
  if (!moved.length) return;
  await ctx.tx.execute(sql`
    update audit_checklist_items c set position = m.position
      from unnest(${sql.param(moved.map((m) => m.id))}::uuid[], ${sql.param(moved.map((m) => m.position))}::int[])
           as m(id, position)
     where c.id = m.id`);
}

export async function addChecklistItem(
  ctx: CommandContext,
  who: Principal,
  auditId: string,
  input: ChecklistAdd,
) {
  const a = await openForEdit(ctx, who, auditId);
  checkClause(input.clause);
  const items = await checklistItemsOf(ctx.tx, auditId);
  if (items.length >= checklistLimit)
    throw problems.validation([
      {
        field: 'question',
        message: `the checklist of ${a.code} has ${checklistLimit} questions, the most it holds`,
      },
    ]);
  const at = Math.min(input.position ?? items.length + 1, items.length + 1);
  const [row] = await ctx.tx
    .insert(auditChecklistItems)
    .values({ auditId, clause: input.clause, question: input.question.trim(), position: at })
    .returning();
  await renumber(ctx, [...items.slice(0, at - 1), row!, ...items.slice(at - 1)]);
  await ctx.audit({
    action: 'audit.checklist_item_added',
    recordType: 'audit',
    recordId: a.code,
    after: row,
  });
  return row!;
}

/**
 * Changes a question or answers it (send If-Match with the item's version). Evidence names records that
 * exist in Keel, web addresses, or files attached in Keel.
 */
export async function updateChecklistItem(
  ctx: CommandContext,
  who: Principal,
  auditId: string,
  itemId: string,
  expected: number,
  patch: ChecklistPatch,
) {
  const a = await auditFor(ctx.tx, auditId, true);
  const shaping = patch.clause !== undefined || patch.question !== undefined;
  const answering = patch.answer !== undefined || patch.notes !== undefined || patch.evidence !== undefined;
  if (shaping || !answering) await openForEdit(ctx, who, auditId);
  // an empty change is refused after the checks, so it neither bypasses them nor writes a version or log entry
  if (!shaping && !answering)
    throw problems.validation([{ field: 'body', message: 'names nothing to change' }]);
  if (answering) {
    if (!mayPerformAudit(who, a))
      throw problems.forbidden(`The checklist of ${a.code} is answered by its team.`);
    if (a.state !== 'in_progress')
      throw problems.conflict(`${a.code} is ${a.state}: its checklist is answered while it is in progress.`);
  }
  const before = await itemOf(ctx, a, itemId);
  checkVersion(expected, before.version);
  checkClause(patch.clause);
  if (patch.evidence) {
    const errors = await checkEvidence(ctx.tx, patch.evidence);
    if (errors.length) throw problems.validation(errors);
  }
  const answered =
    patch.answer === undefined
      ? {}
      : { answeredBy: patch.answer ? who.userId : null, answeredAt: patch.answer ? new Date() : null };
  const [after] = await ctx.tx
    .update(auditChecklistItems)
    .set({
      ...patch,
      ...(patch.question ? { question: patch.question.trim() } : {}),
      ...(patch.evidence ? { evidence: storedEvidence(patch.evidence) } : {}),
      ...answered,
      version: before.version + 1,
    })
    .where(eq(auditChecklistItems.id, itemId))
    .returning();
  await ctx.audit({
    action: answering ? 'audit.checklist_answered' : 'audit.checklist_item_changed',
    recordType: 'audit',
    recordId: a.code,
    before,
    after,
  });
  return after!;
}

export async function removeChecklistItem(
  ctx: CommandContext,
  who: Principal,
  auditId: string,
  itemId: string,
) {
  const a = await openForEdit(ctx, who, auditId);
  const before = await itemOf(ctx, a, itemId);
  const raised = await ctx.tx.execute(
    sql`select 1 from findings where checklist_item_id = ${itemId} limit 1`,
  );
  if (raised.rows.length)
    throw problems.conflict('A finding was raised from this question; it stays on the checklist.');
  await ctx.tx.delete(auditChecklistItems).where(eq(auditChecklistItems.id, itemId));
  await renumber(ctx, await checklistItemsOf(ctx.tx, auditId));
  await ctx.audit({ action: 'audit.checklist_item_removed', recordType: 'audit', recordId: a.code, before });
}

/** Puts the checklist in the order given, which must name each of its items once. */
export async function reorderChecklist(
  ctx: CommandContext,
  who: Principal,
  auditId: string,
  itemIds: readonly string[],
) {
  const a = await openForEdit(ctx, who, auditId);
  const items = await checklistItemsOf(ctx.tx, auditId);
  const byId = new Map(items.map((i) => [i.id, i]));
  const same =
    itemIds.length === items.length &&
    new Set(itemIds).size === itemIds.length &&
    itemIds.every((id) => byId.has(id));
  if (!same)
    throw problems.validation([
      { field: 'itemIds', message: `must name each of the ${items.length} items of the checklist once` },
    ]);
  await renumber(
    ctx,
    itemIds.map((id) => byId.get(id)!),
  );
  await ctx.audit({
    action: 'audit.checklist_reordered',
    recordType: 'audit',
    recordId: a.code,
    before: { order: items.map((i) => i.id) },
    after: { order: itemIds },
  });
}
