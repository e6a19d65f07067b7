import { sql } from 'drizzle-orm';
import { formatCsv } from '../../kernel/csv/csv.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { ciColumns } from './lifecycle.ts';
import { type CiFilter, ciWhere } from './queries.ts';

/** Every CI of a filtered list as CSV, in the columns the import reads, so export → edit → import works. */
export async function exportCis(db: Queryable, f: Omit<CiFilter, 'limit' | 'cursor'>): Promise<string> {
  const res = await db.execute<Record<string, unknown> & { attributes: Record<string, unknown> }>(sql`
    select c.class_key as "classKey", c.name, c.external_id as "externalId", c.status, c.description,
           o.email as owner, l.name as location, c.purchase_date::text as "purchaseDate", c.supplier,
           c.cost::text as cost, c.warranty_end::text as "warrantyEnd", c.disposal_date::text as "disposalDate",
           c.attributes
      from cis c left join users o on o.id = c.owner_id left join cis l on l.id = c.location_id
     where ${ciWhere(f)}
     order by c.class_key, lower(c.name)
     limit 200000`);
  const attrKeys = [...new Set(res.rows.flatMap((r) => Object.keys(r.attributes)))].sort();
  const header = [...ciColumns, ...attrKeys.map((k) => `attributes.${k}`)];
  return formatCsv([
    header,
    ...res.rows.map((r) => [...ciColumns.map((c) => r[c]), ...attrKeys.map((k) => r.attributes[k])]),
  ]);
}
