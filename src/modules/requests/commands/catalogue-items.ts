import { eq, sql } from 'drizzle-orm';
import { isRole } from '../../../kernel/access/roles.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { checkVersion } from '../../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import { checkForm } from '../form.ts';
import type { CatalogueItemPatch, NewCatalogueItem } from '../routes/catalogue.ts';
import { catalogueItems } from '../schema.ts';

async function check(ctx: CommandContext, a: NewCatalogueItem, self?: string): Promise<FieldError[]> {
  const errors = checkForm(a.form ?? []);
  const exists = async (table: 'services' | 'groups' | 'users' | 'customers', ids: string[]) => {
    if (ids.length === 0) return new Set<string>();
    const r = await ctx.tx.execute<{ id: string }>(
      sql`select id from ${sql.identifier(table)} where id = any(${sql.param(ids)}::uuid[])`,
    );
    return new Set(r.rows.map((x) => x.id));
  };
  if (!(await exists('services', [a.serviceId])).has(a.serviceId))
    errors.push({ field: 'serviceId', message: 'no such service' });
  const approval = a.approval ?? { mode: 'none', approvers: [] };
  if (approval.mode !== 'none' && approval.approvers.length === 0)
    errors.push({
      field: 'approval.approvers',
      message: `"${approval.mode}" approval needs at least one approver`,
    });
  const people = approval.approvers.flatMap((x) => (x.kind === 'person' ? [x.userId] : []));
  const known = await exists('users', people);
  approval.approvers.forEach((x, i) => {
    if (x.kind === 'role' && !isRole(x.role))
      errors.push({ field: `approval.approvers.${i}.role`, message: 'is not a role' });
    if (x.kind === 'person' && !known.has(x.userId))
      errors.push({ field: `approval.approvers.${i}.userId`, message: 'no such person' });
  });
  const groups = await exists(
    'groups',
    (a.tasks ?? []).flatMap((t) => (t.groupId ? [t.groupId] : [])),
  );
  (a.tasks ?? []).forEach((t, i) => {
    if (t.groupId && !groups.has(t.groupId))
      errors.push({ field: `tasks.${i}.groupId`, message: 'no such group' });
  });
  const customers = await exists('customers', a.customerIds ?? []);
  for (const c of a.customerIds ?? [])
    if (!customers.has(c)) errors.push({ field: 'customerIds', message: `no customer ${c}` });
  const dup = await ctx.tx.execute(
    sql`select 1 from catalogue_items where lower(code) = lower(${a.code}) ${self ? sql`and id <> ${self}` : sql``}`,
  );
  if (dup.rows.length) errors.push({ field: 'code', message: 'is already in use' });
  if (a.mailAddress) {
    // a mail carries only text: it becomes the request's note, so no field may be required
    if ((a.form ?? []).some((f) => f.required))
      errors.push({ field: 'mailAddress', message: 'an item ordered by e-mail cannot have required fields' });
    const taken = await ctx.tx.execute(
      sql`select 1 from catalogue_items where lower(mail_address) = lower(${a.mailAddress}) ${self ? sql`and id <> ${self}` : sql``}`,
    );
    if (taken.rows.length) errors.push({ field: 'mailAddress', message: 'orders another item already' });
  }
  return errors;
}

export async function createCatalogueItem(ctx: CommandContext, input: NewCatalogueItem) {
  const errors = await check(ctx, input);
  if (errors.length) throw problems.validation(errors);
  const [row] = await ctx.tx.insert(catalogueItems).values(input).returning();
  await ctx.audit({
    action: 'catalogue-item.created',
    recordType: 'catalogue-item',
    recordId: row!.id,
    after: row,
  });
  return row!;
}

export async function updateCatalogueItem(
  ctx: CommandContext,
  id: string,
  expected: number,
  patch: CatalogueItemPatch,
) {
  const [before] = await ctx.tx.select().from(catalogueItems).where(eq(catalogueItems.id, id)).for('update');
  if (!before) throw problems.notFound(`Catalogue item ${id}`);
  checkVersion(expected, before.version);
  const errors = await check(ctx, { ...before, ...patch }, id);
  if (errors.length) throw problems.validation(errors);
  const [after] = await ctx.tx
    .update(catalogueItems)
    .set({ ...patch, updatedAt: new Date(), version: before.version + 1 })
    .where(eq(catalogueItems.id, id))
    .returning();
  await ctx.audit({
    action: 'catalogue-item.updated',
    recordType: 'catalogue-item',
    recordId: id,
    before,
    after,
  });
  return after!;
}
