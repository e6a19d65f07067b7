import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Queryable } from '../../kernel/db/database.ts';
import { isoTimestamp } from '../../kernel/db/timestamps.ts';
import { type Cursor, decodeCursor, encodeCursor } from '../../kernel/http/pagination.ts';
import { problems } from '../../kernel/http/problem.ts';
import { type Direction, reachable } from './impact.ts';
import type { CiHistoryEntry, CiView, ciListQuery, ImpactItem, RelationshipView } from './shapes.ts';

const columns = sql`c.id, c.class_key as "classKey", k.names as "className", c.name, c.external_id as "externalId", c.status,
         c.owner_id as "ownerId", o.name as "ownerName", c.location_id as "locationId", l.name as "locationName",
         c.description, c.attributes, c.purchase_date::text as "purchaseDate", c.supplier, c.cost::text as cost,
         c.warranty_end::text as "warrantyEnd", c.disposal_date::text as "disposalDate", s.id as "serviceId",
         c.created_at as "createdAt", c.updated_at as "updatedAt", c.version`;
const from = sql`
    from cis c join ci_classes k on k.key = c.class_key
    left join users o on o.id = c.owner_id left join cis l on l.id = c.location_id
    left join services s on s.ci_id = c.id`;
const select = sql`select ${columns} ${from}`;

type Row = Omit<CiView, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };
const present = (r: Row): CiView => ({
  ...r,
  createdAt: isoTimestamp(r.createdAt),
  updatedAt: isoTimestamp(r.updatedAt),
});

export async function getCi(db: Queryable, id: string): Promise<CiView | null> {
  const res = await db.execute<Row>(sql`${select} where c.id = ${id}`);
  return res.rows[0] ? present(res.rows[0]) : null;
}

/** The list's query as the route reads it, its `class` named classKey. */
export type CiFilter = Omit<z.infer<typeof ciListQuery>, 'class'> & { classKey?: string[] };

const sortExpr: Record<CiFilter['sort'], SQL> = {
  name: sql`lower(c.name)`,
  updatedAt: sql`c.updated_at`,
  createdAt: sql`c.created_at`,
};

export function ciWhere(f: Omit<CiFilter, 'sort' | 'order' | 'limit' | 'cursor'>): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.classKey?.length) parts.push(sql`c.class_key = any(${sql.param(f.classKey)}::text[])`);
  if (f.status?.length) parts.push(sql`c.status = any(${sql.param(f.status)}::text[])`);
  if (f.ownerId) parts.push(sql`c.owner_id = ${f.ownerId}`);
  if (f.locationId) parts.push(sql`c.location_id = ${f.locationId}`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    parts.push(sql`(c.name ilike ${like} or c.external_id ilike ${like})`);
  }
  return sql.join(parts, sql` and `);
}

/** A page of CIs; the cursor carries the last sort value and id, so each page is an index range. */
export async function listCis(
  db: Queryable,
  f: CiFilter,
): Promise<{ items: CiView[]; nextCursor: string | null }> {
  const key = sortExpr[f.sort];
  const cursor = decodeCursor(f.cursor);
  if (
    cursor &&
    f.sort !== 'name' &&
    (typeof cursor.v !== 'string' || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?\+00$/.test(cursor.v))
  ) {
    throw problems.validation([
      { field: 'querystring.cursor', message: 'is not a cursor this list gave out' },
    ]);
  }
  const cmp = f.order === 'asc' ? sql`>` : sql`<`;
  const after = cursor
    ? f.sort === 'name'
      ? sql`and (lower(c.name), c.id) ${cmp} (${cursor.v}::text, ${cursor.id}::uuid)`
      : sql`and (${key}, c.id) ${cmp} (${cursor.v}::timestamptz, ${cursor.id}::uuid)`
    : sql``;
  const dir = f.order === 'asc' ? sql`asc` : sql`desc`;
  const res = await db.execute<Row & { sort_value: string }>(sql`
    select ${columns}, ${f.sort === 'name' ? key : sql`(${key} at time zone 'UTC')::text || '+00'`} as sort_value ${from}
    where ${ciWhere(f)} ${after}
    order by ${key} ${dir}, c.id ${dir}
    limit ${f.limit + 1}`);
  const rows = res.rows.slice(0, f.limit);
  const last = rows[rows.length - 1];
  const next: Cursor | null = res.rows.length > f.limit && last ? { v: last.sort_value, id: last.id } : null;
  return {
    items: rows.map(({ sort_value: _s, ...r }) => present(r)),
    nextCursor: next ? encodeCursor(next) : null,
  };
}

/** A CI's relationships both ways, each labelled as read from this CI ("runs on" / "hosts"). */
export async function relationshipsOf(db: Queryable, id: string): Promise<RelationshipView[]> {
  const res = await db.execute<RelationshipView>(sql`
    select r.id, r.type_key as "typeKey",
           case when r.source_id = ${id} then 'outgoing' else 'incoming' end as direction,
           case when r.source_id = ${id} then t.forward else t.reverse end as label,
           json_build_object('id', o.id, 'name', o.name, 'classKey', o.class_key, 'status', o.status) as other
      from ci_relationships r join ci_relationship_types t on t.key = r.type_key
      join cis o on o.id = case when r.source_id = ${id} then r.target_id else r.source_id end
     where r.source_id = ${id} or r.target_id = ${id}
     order by 3 desc, r.type_key, o.name`);
  return res.rows;
}

/** A CI's field history, newest first (the last 500 changes). */
export async function ciHistory(db: Queryable, id: string): Promise<CiHistoryEntry[]> {
  const res = await db.execute<CiHistoryEntry>(sql`
    select h.id, h.field, h.old_value as "oldValue", h.new_value as "newValue", u.name as "actorName",
           h.change_ref as "changeRef", h.at::text as at
      from ci_history h left join users u on u.id = h.actor_id
     where h.ci_id = ${id} order by h.id desc limit 500`);
  return res.rows;
}

/**
 * Impact from a CI: every CI reached with its depth and the CI it was reached through; upstream also the
 * services reached (the start included when it is a service) and the customers those services serve.
 */
export async function impactOf(db: Queryable, id: string, direction: Direction) {
  const reached = await reachable(db, id, direction);
  const ids = reached.map((r) => r.id);
  const details = ids.length
    ? await db.execute<{
        id: string;
        name: string;
        classKey: string;
        status: string;
        serviceId: string | null;
      }>(sql`
        select c.id, c.name, c.class_key as "classKey", c.status, s.id as "serviceId"
          from cis c left join services s on s.ci_id = c.id where c.id = any(${sql.param(ids)}::uuid[])`)
    : { rows: [] };
  const byId = new Map(details.rows.map((d) => [d.id, d]));
  const items: ImpactItem[] = reached.map((r) => ({
    ...byId.get(r.id)!,
    depth: r.depth,
    via: r.via,
    relationship: r.relationship,
  }));
  if (direction === 'downstream') return { items };
  const withStart = [id, ...ids];
  const services = await db.execute<{
    id: string;
    ciId: string;
    name: string;
    criticality: number;
    status: string;
  }>(sql`
    select s.id, s.ci_id as "ciId", c.name, s.criticality, s.status
      from services s join cis c on c.id = s.ci_id where s.ci_id = any(${sql.param(withStart)}::uuid[])
     order by s.criticality, c.name`);
  const serviceIds = services.rows.map((s) => s.id);
  const customers = serviceIds.length
    ? await db.execute<{ id: string; code: string; name: string }>(sql`
        select distinct cu.id, cu.code, cu.name from service_customers sc join customers cu on cu.id = sc.customer_id
         where sc.service_id = any(${sql.param(serviceIds)}::uuid[]) order by cu.name`)
    : { rows: [] };
  // the agreements in force that cover the services reached: what the failure puts at risk
  const agreements = serviceIds.length
    ? await db.execute<{
        id: string;
        kind: string;
        name: string;
        status: string;
        partyName: string | null;
      }>(sql`
        select distinct a.id, a.kind, a.name, a.status, coalesce(cu.name, sp.name, a.internal_party) as "partyName"
          from agreement_services x join agreements a on a.id = x.agreement_id
          left join customers cu on cu.id = a.customer_id left join cis sp on sp.id = a.supplier_ci_id
         where x.service_id = any(${sql.param(serviceIds)}::uuid[]) and a.status <> 'expired'
         order by a.kind, a.name`)
    : { rows: [] };
  return { items, services: services.rows, customers: customers.rows, agreements: agreements.rows };
}
