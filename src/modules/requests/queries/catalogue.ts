import { eq, sql } from 'drizzle-orm';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { catalogueFor } from '../../portfolio/index.ts';
import { inLanguage } from '../form.ts';
import { seesWholeCatalogue } from '../policy.ts';
import { catalogueItems } from '../schema.ts';

/** The catalogue's reads: request offerings as the keepers list them and as a customer orders them. */
type Item = typeof catalogueItems.$inferSelect;

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
