import { type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { decodeCursor, encodeCursor } from '../../kernel/http/pagination.ts';
import { impactOf } from '../cmdb/index.ts';
import { catalogueReach } from './policy.ts';
import type { CatalogueText, ServiceFilter, ServiceView, TechnicalView } from './shapes.ts';

const columns = sql`s.id, s.ci_id as "ciId", c.name, c.description, s.kind, s.status, s.owner_id as "ownerId", u.name as "ownerName",
         s.criticality, s.requirements, s.hours_of_service as "hoursOfService", s.published, s.catalogue,
         coalesce((select json_agg(json_build_object('id', cu.id, 'code', cu.code, 'name', cu.name) order by cu.name)
                     from service_customers sc join customers cu on cu.id = sc.customer_id where sc.service_id = s.id), '[]') as customers,
         to_char(s.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt",
         to_char(s.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "updatedAt", s.version`;
const from = sql`from services s join cis c on c.id = s.ci_id left join users u on u.id = s.owner_id`;
const select = sql`select ${columns} ${from}`;
const selectWithSort = sql`select ${columns}, lower(c.name) as sort_name ${from}`;

export async function getService(db: Queryable, id: string): Promise<ServiceView | null> {
  const res = await db.execute<ServiceView>(sql`${select} where s.id = ${id}`);
  return res.rows[0] ?? null;
}

/** The portfolio, by name, cursor-paged. */
export async function listServices(db: Queryable, f: ServiceFilter) {
  const cursor = decodeCursor(f.cursor);
  const where: SQL[] = [sql`true`];
  if (f.status?.length) where.push(sql`s.status = any(${sql.param(f.status)}::text[])`);
  if (f.kind) where.push(sql`s.kind = ${f.kind}`);
  if (f.q) where.push(sql`c.name ilike ${`%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`}`);
  if (f.customerId) {
    where.push(
      sql`exists (select 1 from service_customers sc where sc.service_id = s.id and sc.customer_id = ${f.customerId})`,
    );
  }
  if (cursor) where.push(sql`(lower(c.name), s.id) > (${String(cursor.v)}, ${cursor.id}::uuid)`);
  // the cursor carries PostgreSQL's own lower(name), the value the comparison above uses
  const res = await db.execute<ServiceView & { sort_name: string }>(sql`
    ${selectWithSort} where ${sql.join(where, sql` and `)}
     order by lower(c.name), s.id limit ${f.limit + 1}`);
  const rows = res.rows.slice(0, f.limit);
  const last = rows[rows.length - 1];
  return {
    items: rows.map(({ sort_name: _s, ...v }) => v),
    nextCursor: res.rows.length > f.limit && last ? encodeCursor({ v: last.sort_name, id: last.id }) : null,
  };
}

export type CatalogueEntry = {
  id: string;
  name: string;
  description: string;
  hoursOfService: string;
  status: string;
  language: string;
};

/**
 * The customer-facing catalogue: published services, in the reader's language (falling back to English).
 * A customer sees only the services offered to their own organisation; the provider's staff see all.
 */
export async function catalogueFor(
  db: Queryable,
  who: Principal,
  customerId: string | null,
  language: string,
) {
  const reach = catalogueReach(who);
  if (reach === 'none' || (reach === 'own' && !customerId)) return [];
  const isCustomer = reach === 'own';
  const res = await db.execute<{
    id: string;
    catalogue: CatalogueText;
    hoursOfService: string;
    status: string;
  }>(sql`
    select s.id, s.catalogue, s.hours_of_service as "hoursOfService", s.status
      from services s join cis c on c.id = s.ci_id
     where s.published and s.status <> 'retired'
       ${isCustomer ? sql`and exists (select 1 from service_customers sc where sc.service_id = s.id and sc.customer_id = ${customerId})` : sql``}
     order by lower(c.name)`);
  return res.rows.map((r): CatalogueEntry => {
    const text = r.catalogue[language as 'nl' | 'da']?.name
      ? r.catalogue[language as 'nl' | 'da']!
      : r.catalogue.en;
    const lang = text === r.catalogue.en ? 'en' : language;
    return {
      id: r.id,
      name: text.name,
      description: text.description,
      hoursOfService: r.hoursOfService,
      status: r.status,
      language: lang,
    };
  });
}

/** The technical view of a service: everything below it, split into supporting services and components. */
export async function technicalView(db: Queryable, ciId: string): Promise<TechnicalView> {
  const { items } = await impactOf(db, ciId, 'downstream');
  const pick = ({ id, name, classKey, status, depth }: (typeof items)[number]) => ({
    id,
    name,
    classKey,
    status,
    depth,
  });
  return {
    components: items.filter((i) => !i.serviceId).map(pick),
    supportingServices: items.flatMap((i) => (i.serviceId ? [{ ...pick(i), serviceId: i.serviceId }] : [])),
  };
}
