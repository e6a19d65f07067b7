import { sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db/database.ts';
import type { LicencePosition } from './shapes.ts';

/**
 * Software licence compliance (ISO/IEC 20000-1 8.2.5): for each licence CI, its entitlements against the
 * software installations licensed by it that are not retired.
 */
export async function licenceCompliance(db: Queryable): Promise<LicencePosition[]> {
  const res = await db.execute<Omit<LicencePosition, 'balance' | 'position'>>(sql`
    select l.id, l.name, l.attributes->>'vendor' as vendor, l.attributes->>'metric' as metric,
           l.attributes->>'expires' as expires,
           case when jsonb_typeof(l.attributes->'entitlements') = 'number'
                then floor((l.attributes->>'entitlements')::numeric)::float8 else 0 end as entitlements,
           (select count(*)::int from ci_relationships r join cis i on i.id = r.source_id
             where r.target_id = l.id and r.type_key = 'licensed_by' and i.class_key = 'software_install'
               and i.status <> 'retired') as installations
      from cis l
     where l.class_key = 'licence' and l.status <> 'retired'
     order by l.name`);
  return res.rows.map((r) => {
    const balance = r.installations - r.entitlements;
    if (r.metric !== 'per install') return { ...r, balance, position: 'not_measured' as const };
    return { ...r, balance, position: balance > 0 ? 'over' : balance < 0 ? 'under' : 'balanced' };
  });
}
