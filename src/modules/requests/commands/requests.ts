import { and, eq, sql } from 'drizzle-orm';
import type { Role } from '../../../kernel/access/roles.ts';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import { notify } from '../../../kernel/notify/notify.ts';
import { createWorkItem, fireAsKeel } from '../../../kernel/records/commands.ts';
import type { WorkItem } from '../../../kernel/records/registry.ts';
import { requesterFacts } from '../../../kernel/records/requester.ts';
import { workItems } from '../../../kernel/records/schema.ts';
import { visibilitySql } from '../../../kernel/records/visibility.ts';
import { checkAnswers, inLanguage } from '../form.ts';
import { mayDecideApproval, mayOrder, ordersForOthers, requestOrderers } from '../policy.ts';
import { orderableItem } from '../queries/catalogue.ts';
import type { ApprovalDecision, NewRequest } from '../routes/requests.ts';
import { requestApprovals, requests } from '../schema.ts';

export const REQUEST = 'request';
export const TASK = 'task';
/** Requests run at a middle priority: the fulfilment targets of an agreement are set per priority. */
export const REQUEST_PRIORITY = 3;

/** People and CIs named in answers must exist; a customer's colleague must be of the same organisation. */
async function checkRefs(
  ctx: CommandContext,
  refs: ReturnType<typeof checkAnswers>['refs'],
  customerId: string | null,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  // the people and CIs named, each looked up once, whatever the number of fields
  const ids = refs.map((r) => r.id);
  const found = new Map(
    (
      await ctx.tx.execute<{
        id: string;
        kind: string;
        customer_id: string | null;
        class_key: string | null;
      }>(sql`
        select id, 'user' as kind, customer_id, null as class_key from users where id = any(${sql.param(ids)}::uuid[]) and active
        union all
        select id, 'ci', null, class_key from cis where id = any(${sql.param(ids)}::uuid[])`)
    ).rows.map((r) => [`${r.kind}:${r.id}`, r]),
  );
  for (const r of refs) {
    const row = found.get(`${r.type}:${r.id}`);
    const field = `answers.${r.key}`;
    if (r.type === 'user') {
      if (!row) errors.push({ field, message: 'no such person' });
      else if (customerId && row.customer_id && row.customer_id !== customerId)
        errors.push({ field, message: "must be a person of the requester's organisation" });
    } else if (!row) errors.push({ field, message: 'no such configuration item' });
    else if (r.ciClass && row.class_key !== r.ciClass)
      errors.push({ field, message: `must be a configuration item of class ${r.ciClass}` });
  }
  return errors;
}

/** Who decides each approval the item asks for, named now; an approver Keel cannot name is a clear refusal. */
async function approversFor(
  ctx: CommandContext,
  approval: { mode: string; approvers: Array<{ kind: string; role?: string; userId?: string }> },
  requesterId: string,
  serviceId: string,
  customerId: string | null,
): Promise<{
  rows: Array<{ kind: string; userId: string | null; role: string | null }>;
  errors: FieldError[];
}> {
  const rows: Array<{ kind: string; userId: string | null; role: string | null }> = [];
  const errors: FieldError[] = [];
  if (approval.mode === 'none') return { rows, errors };
  for (const a of approval.approvers) {
    if (a.kind === 'manager') {
      const r = await ctx.tx.execute<{ manager_id: string | null }>(
        sql`select manager_id from users where id = ${requesterId}`,
      );
      const id = r.rows[0]?.manager_id ?? null;
      if (!id)
        errors.push({
          field: 'catalogueItemId',
          message: "needs the requester's manager's approval, and Keel knows no manager for the requester",
        });
      rows.push({ kind: 'manager', userId: id, role: null });
    } else if (a.kind === 'service_owner') {
      const r = await ctx.tx.execute<{ owner_id: string | null }>(
        sql`select owner_id from services where id = ${serviceId}`,
      );
      const id = r.rows[0]?.owner_id ?? null;
      if (!id)
        errors.push({
          field: 'catalogueItemId',
          message: "needs the service owner's approval, and the service has no owner",
        });
      rows.push({ kind: 'service_owner', userId: id, role: null });
    } else if (a.kind === 'role') rows.push({ kind: 'role', userId: null, role: a.role! });
    else rows.push({ kind: 'person', userId: a.userId!, role: null });
  }
  // a named approver outside the provider must be of the request's organisation: anyone else could not
  // read the request (visibility.ts), so it would wait for them for ever
  for (const r of rows) {
    if (!r.userId) continue;
    const facts = await requesterFacts(ctx.tx, r.userId);
    if (facts && !facts.staff && facts.customerId !== customerId)
      errors.push({
        field: 'catalogueItemId',
        message: `needs the approval of someone of another organisation than the requester's (${r.kind})`,
      });
  }
  return { rows, errors };
}

/** Orders a catalogue item (docs/requests.md): checks the answers, names the approvers, and moves it on. */
export async function createRequest(
  ctx: CommandContext,
  who: Principal,
  input: NewRequest,
): Promise<WorkItem> {
  if (!mayOrder(who))
    throw problems.forbidden(
      `Ordering from the catalogue needs one of the roles: ${requestOrderers.join(', ')}.`,
    );
  if (input.requesterId && input.requesterId !== who.userId && !ordersForOthers(who))
    throw problems.forbidden('Customers order for themselves.');
  const requesterId = input.requesterId ?? who.userId;
  const requester = (
    await ctx.tx.execute<{ customer_id: string | null; language: string }>(
      sql`select customer_id, language from users where id = ${requesterId} and active`,
    )
  ).rows[0];
  if (!requester) throw problems.validation([{ field: 'requesterId', message: 'no such person' }]);
  const item = await orderableItem(ctx.tx, requester.customer_id, input.catalogueItemId);
  if (!item)
    throw problems.validation([
      { field: 'catalogueItemId', message: "is not in the requester's catalogue (or is no longer offered)" },
    ]);
  const checked = checkAnswers(item.form, input.answers);
  const errors = [...checked.errors, ...(await checkRefs(ctx, checked.refs, requester.customer_id))];
  const approvers = await approversFor(
    ctx,
    item.approval,
    requesterId,
    item.serviceId,
    requester.customer_id,
  );
  errors.push(...approvers.errors);
  if (errors.length) throw problems.validation(errors);

  const name = inLanguage(item.texts, requester.language).name;
  // the request's own row and its approvals are written with it, so `request.created` holds them
  const request = await createWorkItem(
    ctx,
    who,
    {
      type: REQUEST,
      title: name,
      description: input.note ?? '',
      priority: REQUEST_PRIORITY,
      requesterId,
      customerId: requester.customer_id,
      serviceId: item.serviceId,
      language: requester.language,
    },
    async (written) => {
      const [detail] = await ctx.tx
        .insert(requests)
        .values({
          workItemId: written.id,
          catalogueItemId: item.id,
          answers: checked.values,
          approvalMode: item.approval.mode,
        })
        .returning();
      const approvals = approvers.rows.length
        ? await ctx.tx
            .insert(requestApprovals)
            .values(
              approvers.rows.map((a) => ({
                workItemId: written.id,
                kind: a.kind,
                userId: a.userId,
                role: a.role,
              })),
            )
            .returning()
        : [];
      return { ...detail, approvals };
    },
  );
  if (approvers.rows.length) {
    await notify(
      ctx.tx,
      {
        userIds: approvers.rows.map((a) => a.userId),
        roles: approvers.rows.flatMap((a) => (a.role ? [a.role as Role] : [])),
      },
      'request.approval_needed',
      { number: request.number, title: request.title },
      `/work-items/${request.number}`,
    );
    return fireAsKeel(ctx, request.id, 'awaiting_approval');
  }
  return fireAsKeel(ctx, request.id, 'in_fulfilment');
}

/**
 * An approver's decision. All-of: one no rejects, every yes approves. Any-of: one yes approves, every no
 * rejects. Once decided, the approvals still open are no longer needed.
 */
export async function decideApproval(
  ctx: CommandContext,
  who: Principal,
  number: string,
  approvalId: number,
  input: ApprovalDecision,
) {
  const [item] = await ctx.tx
    .select()
    .from(workItems)
    .where(
      and(
        eq(workItems.number, number.toUpperCase()),
        eq(workItems.type, REQUEST),
        // an approver by role outside the provider (any customer, say) decides only what they may read
        visibilitySql(who, 'work_items'),
      ),
    )
    .for('update');
  if (!item) throw problems.notFound(`Request ${number}`);
  const [approval] = await ctx.tx
    .select()
    .from(requestApprovals)
    .where(and(eq(requestApprovals.id, approvalId), eq(requestApprovals.workItemId, item.id)));
  if (!approval) throw problems.notFound(`Approval ${approvalId} of ${item.number}`);
  if (!mayDecideApproval(who, approval)) throw problems.forbidden('This approval is not yours to decide.');
  if (approval.decision !== 'pending' || item.state !== 'awaiting_approval')
    throw problems.conflict(`This approval has already been settled (${approval.decision}).`);
  if (input.decision === 'rejected' && !input.comment?.trim())
    throw problems.validation([{ field: 'comment', message: 'say why, so the requester knows' }]);
  await ctx.tx
    .update(requestApprovals)
    .set({
      decision: input.decision,
      decidedBy: who.userId,
      decidedAt: new Date(),
      comment: input.comment?.trim() ?? '',
    })
    .where(eq(requestApprovals.id, approval.id));
  await ctx.audit({
    action: `request.approval-${input.decision}`,
    recordType: 'work-item',
    recordId: item.number,
    after: { approvalId, decision: input.decision, comment: input.comment ?? '' },
  });
  const all = await ctx.tx.select().from(requestApprovals).where(eq(requestApprovals.workItemId, item.id));
  const [detail] = await ctx.tx.select().from(requests).where(eq(requests.workItemId, item.id));
  const yes = all.filter((a) => a.decision === 'approved').length;
  const no = all.filter((a) => a.decision === 'rejected').length;
  const outcome =
    detail!.approvalMode === 'any'
      ? yes > 0
        ? 'approved'
        : no === all.length
          ? 'rejected'
          : null
      : no > 0
        ? 'rejected'
        : yes === all.length
          ? 'approved'
          : null;
  if (!outcome) return;
  await fireAsKeel(ctx, item.id, outcome === 'approved' ? 'in_fulfilment' : 'rejected');
  await notify(
    ctx.tx,
    { userIds: [item.requesterId] },
    outcome === 'approved' ? 'request.approved' : 'request.rejected',
    { number: item.number, title: item.title },
    `/work-items/${item.number}`,
  );
}

/** Approvals nobody needs to decide any more: the request has been decided, or withdrawn. */
export async function settleOpenApprovals(ctx: CommandContext, itemId: string) {
  await ctx.tx
    .update(requestApprovals)
    .set({ decision: 'not_needed' })
    .where(and(eq(requestApprovals.workItemId, itemId), eq(requestApprovals.decision, 'pending')));
}
