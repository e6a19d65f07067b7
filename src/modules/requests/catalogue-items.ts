import { eq, sql } from 'drizzle-orm';
import { isRole } from '../../kernel/access/roles.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { checkVersion } from '../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../kernel/http/problem.ts';
import { catalogueFor } from '../portfolio/index.ts';
import { checkForm, inLanguage } from './form.ts';
import { seesWholeCatalogue } from './policy.ts';
import type { CatalogueItemPatch, NewCatalogueItem } from './routes/catalogue.ts';
import { catalogueItems } from './schema.ts';

type Item = typeof catalogueItems.$inferSelect;

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

export const presentCatalogueItem = (r: Item) => ({
  id: r.id,
  code: r.code,
  serviceId: r.serviceId,
  texts: r.texts,
  form: r.form,
  approval: r.approval,
  tasks: r.tasks,
  customerIds: r.customerIds,
  active: r.active,
  mailAddress: r.mailAddress,
  version: r.version,
});

/** One request offering as written. */
export async function catalogueItem(db: Queryable, id: string): Promise<Item> {
  const [row] = await db.select().from(catalogueItems).where(eq(catalogueItems.id, id));
  if (!row) throw problems.notFound(`Catalogue item ${id}`);
  return row;
}

export async function listCatalogueItems(db: Queryable, serviceId?: string) {
  const rows = await db
    .select()
    .from(catalogueItems)
    .where(serviceId ? eq(catalogueItems.serviceId, serviceId) : undefined)
    .orderBy(catalogueItems.code);
  return rows.map(presentCatalogueItem);
}

/**
 * What a customer's organisation may order: active items whose service is offered to it (and that name it,
 * where an item names customers). Staff see every active item.
 */
export async function orderableItems(
  db: Queryable,
  by: { customerId: string | null; staff: boolean; id?: string },
) {
  const { customerId, staff } = by;
  type Orderable = Pick<Item, 'id' | 'code' | 'serviceId' | 'texts' | 'form' | 'approval'>;
  const res = await db.execute<Orderable>(sql`
    select i.id, i.code, i.service_id as "serviceId", i.texts, i.form, i.approval
      from catalogue_items i join services s on s.id = i.service_id
     where i.active and s.published and s.status <> 'retired' ${by.id ? sql`and i.id = ${by.id}` : sql``}
       ${
         staff
           ? sql``
           : sql`and exists (select 1 from service_customers sc where sc.service_id = i.service_id and sc.customer_id = ${customerId})
                 and (cardinality(i.customer_ids) = 0 or ${customerId}::uuid = any(i.customer_ids))`
       }
     order by i.code`);
  return res.rows;
}

/** An orderable item as a reader sees it in the catalogue: texts and labels in their language. */
export function localiseItem(item: Awaited<ReturnType<typeof orderableItems>>[number], language: string) {
  const t = inLanguage(item.texts, language);
  return {
    id: item.id,
    code: item.code,
    name: t.name,
    description: t.description,
    needsApproval: item.approval.mode !== 'none',
    form: item.form.map((f) => ({
      ...f,
      label: inLanguage(f.label, language),
      help: f.help ? inLanguage(f.help, language) : undefined,
      options: f.options?.map((o) => ({ value: o.value, label: inLanguage(o.label, language) })),
    })),
  };
}

/**
 * The customer-facing catalogue in a language: the services offered to the reader's organisation, each with
 * the items the reader may order.
 */
export async function catalogueOf(db: Queryable, who: Principal, language: string) {
  const services = await catalogueFor(db, who, who.customerId, language);
  const items = await orderableItems(db, { customerId: who.customerId, staff: seesWholeCatalogue(who) });
  return services.map((s) => ({
    ...s,
    requestItems: items.filter((i) => i.serviceId === s.id).map((i) => localiseItem(i, language)),
  }));
}

/**
 * The item someone may order for a requester: the catalogue of the requester's organisation, or every
 * active item for a requester inside the service provider.
 */
export async function orderableItem(db: Queryable, requesterCustomerId: string | null, id: string) {
  const [item] = await orderableItems(db, {
    customerId: requesterCustomerId,
    staff: !requesterCustomerId,
    id,
  });
  return item ?? null;
}

/** The active catalogue item a mail to this address orders, if any. */
export async function itemByMailAddress(db: Queryable, address: string): Promise<string | null> {
  const r = await db.execute<{ id: string }>(
    sql`select id from catalogue_items where active and lower(mail_address) = lower(${address})`,
  );
  return r.rows[0]?.id ?? null;
}

/**
 * Whom or what a user or CI field of an item can name, for a picker: people of the requester's organisation
 * (anyone for staff) or CIs of the field's class. The same rule as the answer's check at submission.
 */
export async function fieldChoices(
  db: Queryable,
  by: { customerId: string | null; staff: boolean },
  itemId: string,
  key: string,
  q: string,
) {
  const [item] = await orderableItems(db, { ...by, id: itemId });
  if (!item) throw problems.notFound(`Catalogue item ${itemId}`);
  const f = item.form.find((x) => x.key === key);
  if (!f || (f.type !== 'user' && f.type !== 'ci'))
    throw problems.notFound(`A person or CI field "${key}" on this item`);
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const res =
    f.type === 'user'
      ? await db.execute<{ value: string; label: string }>(sql`
          select id as value, name || ' <' || email || '>' as label from users
           where active and (name ilike ${like} or email ilike ${like})
             ${by.staff ? sql`` : sql`and customer_id = ${by.customerId}`}
           order by lower(name) limit 20`)
      : await db.execute<{ value: string; label: string }>(sql`
          select id as value, name as label from cis
           where name ilike ${like} ${f.ciClass ? sql`and class_key = ${f.ciClass}` : sql``}
           order by lower(name) limit 20`);
  return res.rows;
}
