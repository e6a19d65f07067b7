import { sql } from 'drizzle-orm';
import type { Db } from '../../src/kernel/db/database.ts';
import { pick, uid } from './sql.ts';

/** Each class's share of the estate; business services are counted apart (the scale names them). */
const layers = [
  { cls: 'site', share: 0.001 },
  { cls: 'network_device', share: 0.03 },
  { cls: 'server', share: 0.06 },
  { cls: 'virtual_machine', share: 0.25 },
  { cls: 'database', share: 0.06 },
  { cls: 'application', share: 0.15 },
  { cls: 'business_service', share: 0 },
  { cls: 'software', share: 0.002 },
  { cls: 'licence', share: 0.002 },
  { cls: 'software_install', share: 0.44 },
] as const;

/** Which CI numbers each class holds: [first, last + 1). */
export function estateLayout(total: number, services: number) {
  let offset = 0;
  const ranges: Record<string, [number, number]> = {};
  for (const l of layers) {
    const n = l.cls === 'business_service' ? services : Math.max(1, Math.round(total * l.share));
    ranges[l.cls] = [offset, offset + n];
    offset += n;
  }
  return { ranges, cis: offset };
}

export type Estate = { ranges: Record<string, [number, number]>; cis: number; relationships: number };

/**
 * A CMDB shaped like a real estate: sites, a network tree (each device uplinks to one above it, eight below
 * each), hosts on two network devices, virtual machines on hosts, databases and applications on virtual
 * machines, applications in three tiers each depending on two of the tier below and on four databases, a
 * few dependencies back up the tiers (cycles), business services provided by eight front-end applications,
 * and software installations with their product and licence. CI n has the id uid('ci', n).
 */
export async function generateEstate(db: Db, total: number, services: number): Promise<Estate> {
  const { ranges, cis: offset } = estateLayout(total, services);
  await db.execute(sql`
    insert into cis (id, class_key, name, status, attributes)
    select ${uid('ci', sql`g`)}, k.cls,
           case when k.cls = 'business_service' then 'Service ' || (g - k.a + 1) else k.cls || '-' || g end, 'live',
           case when k.cls = 'database' then '{"engine":"PostgreSQL"}'::jsonb
                when k.cls = 'network_device' then '{"device_type":"switch"}'::jsonb
                when k.cls = 'licence' then '{"entitlements":100,"metric":"per install"}'::jsonb else '{}'::jsonb end
      from generate_series(0, ${offset - 1}::int) g
      join (select * from jsonb_to_recordset(${JSON.stringify(Object.entries(ranges).map(([cls, [a, b]]) => ({ cls, a, b })))}::jsonb)
              as x(cls text, a int, b int)) k on g >= k.a and g < k.b`);
  /** Each CI of one layer stands on perCi CIs of another, as hosts, networks and databases do. */
  const edge = (from: string, type: string, to: string, perCi: number) => {
    const [fa, fb] = ranges[from]!;
    const [ta, tb] = ranges[to]!;
    return db.execute(sql`
      insert into ci_relationships (source_id, target_id, type_key)
      select ${uid('ci', sql`s`)}, ${uid('ci', sql`${ta}::int + ${pick(`${type}:${to}:`, sql`s * 16 + k`, tb - ta)}`)}, ${type}::text
        from generate_series(${fa}::int, ${fb - 1}::int) s, generate_series(1, ${perCi}::int) k
      on conflict do nothing`);
  };
  /** The network as a tree: each device uplinks to one of the layer above, eight below each. */
  const [na, nb] = ranges.network_device!;
  await db.execute(sql`
    insert into ci_relationships (source_id, target_id, type_key)
    select ${uid('ci', sql`s`)}, ${uid('ci', sql`${na}::int + (s - ${na}::int - 1) / 8`)}, 'connects_to'
      from generate_series(${na + 1}::int, ${nb - 1}::int) s
    on conflict do nothing`);
  await edge('network_device', 'located_at', 'site', 1);
  await edge('server', 'located_at', 'site', 1);
  await edge('server', 'connects_to', 'network_device', 2);
  await edge('virtual_machine', 'runs_on', 'server', 1);
  await edge('virtual_machine', 'connects_to', 'network_device', 1);
  await edge('database', 'runs_on', 'virtual_machine', 1);
  await edge('application', 'runs_on', 'virtual_machine', 1);
  await edge('application', 'depends_on', 'database', 4);
  // applications in three tiers: front ends call middle tiers, middle tiers call back ends
  const [aa, ab] = ranges.application!;
  const third = Math.max(1, Math.floor((ab - aa) / 3));
  await db.execute(sql`
    insert into ci_relationships (source_id, target_id, type_key)
    select ${uid('ci', sql`s`)},
           ${uid('ci', sql`${aa}::int + ((s - ${aa}::int) / ${third}::int - 1) * ${third}::int + ${pick('tier:', sql`s * 4 + k`, third)}`)},
           'depends_on'
      from generate_series(${aa + third}::int, ${ab - 1}::int) s, generate_series(1, 2) k
    on conflict do nothing`);
  // a few dependencies the other way: cycles, which real estates have and the walk must survive
  await db.execute(sql`
    insert into ci_relationships (source_id, target_id, type_key)
    select ${uid('ci', sql`s`)}, ${uid('ci', sql`least(${ab - 1}::int, s + 1 + ${pick('back:', sql`s`, 200)})`)}, 'depends_on'
      from generate_series(${aa}::int, ${ab - 1}::int) s where bench_rand('cycle:' || s) < 0.005
    on conflict do nothing`);
  // business services are provided by front-end applications
  const [ba, bb] = ranges.business_service!;
  await db.execute(sql`
    insert into ci_relationships (source_id, target_id, type_key)
    select ${uid('ci', sql`s`)}, ${uid('ci', sql`${aa}::int + ${pick('front:', sql`s * 16 + k`, third)}`)}, 'provided_by'
      from generate_series(${ba}::int, ${bb - 1}::int) s, generate_series(1, 8) k
    on conflict do nothing`);
  await edge('software_install', 'installed_on', 'virtual_machine', 1);
  await edge('software_install', 'installs', 'software', 1);
  await edge('software_install', 'licensed_by', 'licence', 1);
  await db.execute(sql`delete from ci_relationships where source_id = target_id`);
  const counts = (await db.execute<{ rels: number }>(sql`select count(*)::int as rels from ci_relationships`))
    .rows[0]!;
  return { ranges, cis: offset, relationships: counts.rels };
}
