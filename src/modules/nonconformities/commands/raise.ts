import { eq } from 'drizzle-orm';
import type { Principal } from '../../../kernel/auth/principal.ts';
import { today } from '../../../kernel/days.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { notify } from '../../../kernel/notify/notify.ts';
import { applyItemChange, createWorkItem, loadForWrite } from '../../../kernel/records/commands.ts';
import { changedFields } from '../../../kernel/records/diff.ts';
import { sanitiseRichText } from '../../../kernel/records/html.ts';
import type { WorkItem } from '../../../kernel/records/registry.ts';
import { mayRaiseFromAudit, mayRaiseNonconformity } from '../policy.ts';
import { nonconformities } from '../schema.ts';
import { type NonconformityPatch, type RaiseInput, raiseInput } from '../shapes.ts';
import {
  checkRefs,
  checkStaff,
  type Detail,
  detailOf,
  factsOf,
  link,
  mustAnswer,
  NONCONFORMITY,
  only,
  processOwnerOf,
} from './common.ts';
import { scheduleEffectivenessReminder } from './schedule.ts';

/**
 * Raises a nonconformity (state new) inside the caller's transaction: by hand from an incident, a PIR, a
 * complaint, a review or elsewhere (process owners, incident managers, top management), or from an audit's
 * finding (the audits module calls this in its own transaction, as the internal auditor doing audit work).
 * Its owner is the one named, else the owner of its process in the register; the owner is told. Nothing is
 * written when anything named is wrong.
 */
export async function raiseNonconformity(
  ctx: CommandContext,
  who: Principal,
  input: RaiseInput,
): Promise<{ id: string; number: string }> {
  const parsed = raiseInput.safeParse(input);
  if (!parsed.success)
    throw problems.validation(
      parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message })),
    );
  const nc = parsed.data;
  const allowed = nc.source === 'audit' ? mayRaiseFromAudit(who) : mayRaiseNonconformity(who);
  if (!allowed)
    throw problems.forbidden(
      nc.source === 'audit'
        ? 'A nonconformity from an audit is raised from its finding by the audit team.'
        : 'Nonconformities are recorded by process owners, incident managers and top management.',
    );
  const errors = [...(await checkRefs(ctx.tx, nc)), ...(await checkStaff(ctx.tx, { ownerId: nc.ownerId }))];
  if (errors.length) throw problems.validation(errors);
  const ownerId = nc.ownerId ?? (await processOwnerOf(ctx.tx, nc.processKey ?? null));
  const item = await createWorkItem(
    ctx,
    who,
    {
      type: NONCONFORMITY,
      title: nc.title,
      description: nc.description,
      // the provider's own work: nobody outside asked for it, no organisation owns it
      requesterId: null,
      customerId: null,
      serviceId: nc.serviceId ?? null,
      assigneeId: ownerId,
    },
    async (w) => {
      const [detail] = await ctx.tx
        .insert(nonconformities)
        .values({
          workItemId: w.id,
          source: nc.source,
          sourceRef: nc.sourceRef,
          findingId: nc.findingId ?? null,
          severity: nc.severity,
          clause: nc.clause || null,
          processKey: nc.processKey ?? null,
        })
        .returning();
      return { ...detail };
    },
  );
  if (ownerId && ownerId !== ctx.actor.userId)
    await notify(
      ctx.tx,
      { userIds: [ownerId] },
      'nonconformity.raised',
      { number: item.number, title: item.title, severity: nc.severity },
      link(item.number),
    );
  return { id: item.id, number: item.number };
}

const trimmed = (v: string | undefined) => v?.trim();

/**
 * Changes a nonconformity's fields (If-Match): whoever answers it, while it is open. Its effectiveness date
 * may be moved while the check is pending; the reminder follows it.
 */
export async function updateNonconformity(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  expected: number,
  patch: NonconformityPatch,
): Promise<WorkItem> {
  const { item } = await loadForWrite(ctx, who, ref, expected, only);
  const before = await detailOf(ctx, item.id);
  mustAnswer(ctx.actor, await factsOf(ctx.tx, item, before.processKey), item.number);
  if (item.final) throw problems.conflict(`${item.number} is ${item.state}; it can no longer be changed.`);
  const errors = [
    ...(await checkRefs(ctx.tx, patch)),
    ...(await checkStaff(ctx.tx, { ownerId: patch.ownerId })),
  ];
  if (
    patch.effectivenessDue &&
    patch.effectivenessDue !== before.effectivenessDue &&
    patch.effectivenessDue < today()
  )
    errors.push({ field: 'effectivenessDue', message: 'must be today or later' });
  if (errors.length) throw problems.validation(errors);
  const { set, history } = changedFields(item, {
    title: patch.title?.trim(),
    description: patch.description === undefined ? undefined : sanitiseRichText(patch.description),
    serviceId: patch.serviceId,
    assigneeId: patch.ownerId,
  } as Partial<WorkItem>);
  const { set: detailSet, history: detailChanges } = changedFields(before, {
    severity: patch.severity,
    clause: patch.clause === undefined ? undefined : patch.clause || null,
    processKey: patch.processKey,
    correction: trimmed(patch.correction),
    rootCause: trimmed(patch.rootCause),
    rootCauseMethod: trimmed(patch.rootCauseMethod),
    similar: trimmed(patch.similar),
    effectivenessDue: patch.effectivenessDue,
  } as Partial<Detail>);
  history.push(...detailChanges);
  // what a passed step rests on stays: analysis needs the correction, actions need the cause
  const emptied: Array<[keyof Detail, readonly string[]]> = [
    ['correction', ['analysis', 'action', 'verification']],
    ['rootCause', ['action', 'verification']],
  ];
  const gone = emptied.filter(([f, states]) => detailSet[f] === '' && states.includes(item.state));
  if (gone.length)
    throw problems.validation(
      gone.map(([f]) => ({ field: f, message: `a nonconformity in ${item.state} keeps it` })),
    );
  if (history.length === 0) return item;
  const after = await applyItemChange(ctx, item, set, history);
  if (detailSet.correction && !before.correctedAt) detailSet.correctedAt = new Date();
  if (Object.keys(detailSet).length)
    await ctx.tx.update(nonconformities).set(detailSet).where(eq(nonconformities.workItemId, item.id));
  if (detailSet.effectivenessDue && item.state === 'verification')
    await scheduleEffectivenessReminder(ctx.tx, item.id, detailSet.effectivenessDue);
  await ctx.audit({
    action: 'nonconformity.updated',
    recordType: 'work-item',
    recordId: item.number,
    before: { ...item, ...before },
    after: { ...after, ...before, ...detailSet },
  });
  return after;
}
