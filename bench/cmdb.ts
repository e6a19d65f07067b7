import { sql } from 'drizzle-orm';
import { impactOf, listCis } from '../src/modules/cmdb/queries.ts';
import { benchDatabase, measure, percentile, printTable, type Row } from './lib.ts';

/**
 * The CMDB at scale: 100,000 CIs and 300,000 relationships shaped like a real estate, then impact analysis
 * both ways and CI list queries, each beside a SELECT 1 round trip on the same pool (the floor).
 */
const CIS = Number(process.env.BENCH_CIS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);

const { db, close } = await benchDatabase('keel_bench_cmdb');
try {
  const t0 = performance.now();
  // the estate, by layer: share of all CIs
  const layers = [
    { cls: 'site', share: 0.001 },
    { cls: 'network_device', share: 0.03 },
    { cls: 'server', share: 0.06 },
    { cls: 'virtual_machine', share: 0.25 },
    { cls: 'database', share: 0.06 },
    { cls: 'application', share: 0.15 },
    { cls: 'business_service', share: 0.005 },
    { cls: 'software', share: 0.002 },
    { cls: 'licence', share: 0.002 },
    { cls: 'software_install', share: 0.44 },
  ];
  let offset = 0;
  const ranges: Record<string, [number, number]> = {};
  for (const l of layers) {
    const n = Math.max(1, Math.round(CIS * l.share));
    ranges[l.cls] = [offset, offset + n];
    offset += n;
  }
  await db.execute(sql`
    insert into cis (id, class_key, name, status, attributes)
    select md5('ci' || g)::uuid, k.cls, k.cls || '-' || g, 'live',
           case when k.cls = 'database' then '{"engine":"PostgreSQL"}'::jsonb
                when k.cls = 'network_device' then '{"device_type":"switch"}'::jsonb
                when k.cls = 'licence' then '{"entitlements":100,"metric":"per install"}'::jsonb else '{}'::jsonb end
      from generate_series(0, ${offset - 1}::int) g
      join (select * from jsonb_to_recordset(${JSON.stringify(Object.entries(ranges).map(([cls, [a, b]]) => ({ cls, a, b })))}::jsonb)
              as x(cls text, a int, b int)) k on g >= k.a and g < k.b`);
  const tCis = performance.now();
  const id = (n: ReturnType<typeof sql>) => sql`md5('ci' || (${n}))::uuid`;
  /** Each CI of one layer stands on perCi random CIs of another, as hosts, networks and databases do. */
  const edge = (from: string, type: string, to: string, perCi: number) => {
    const [fa, fb] = ranges[from]!;
    const [ta, tb] = ranges[to]!;
    return sql`
      insert into ci_relationships (source_id, target_id, type_key)
      select ${id(sql`s`)}, ${id(sql`${ta}::int + floor(random() * ${tb - ta}::int)::int`)}, ${type}::text
        from generate_series(${fa}::int, ${fb - 1}::int) s, generate_series(1, ${perCi}::int)
      on conflict do nothing`;
  };
  /** The network as a tree: each device uplinks to one of the layer above, eight below each. */
  const tree = (layer: string, type: string, fanOut: number) => {
    const [a, b] = ranges[layer]!;
    return sql`
      insert into ci_relationships (source_id, target_id, type_key)
      select ${id(sql`s`)}, ${id(sql`${a}::int + (s - ${a}::int - 1) / ${fanOut}::int`)}, ${type}::text
        from generate_series(${a + 1}::int, ${b - 1}::int) s
      on conflict do nothing`;
  };
  /** Applications in three tiers: front ends call middle tiers, middle tiers call back ends. */
  const tiers = () => {
    const [a, b] = ranges.application!;
    const third = Math.floor((b - a) / 3);
    return sql`
      insert into ci_relationships (source_id, target_id, type_key)
      select ${id(sql`s`)}, ${id(sql`${a}::int + ((s - ${a}::int) / ${third}::int - 1) * ${third}::int + floor(random() * ${third}::int)::int`)}, 'depends_on'
        from generate_series(${a + third}::int, ${b - 1}::int) s, generate_series(1, 2)
      on conflict do nothing`;
  };
  await db.execute(edge('network_device', 'located_at', 'site', 1));
  await db.execute(tree('network_device', 'connects_to', 8));
  await db.execute(edge('server', 'located_at', 'site', 1));
  await db.execute(edge('server', 'connects_to', 'network_device', 2));
  await db.execute(edge('virtual_machine', 'runs_on', 'server', 1));
  await db.execute(edge('virtual_machine', 'connects_to', 'network_device', 1));
  await db.execute(edge('database', 'runs_on', 'virtual_machine', 1));
  await db.execute(edge('application', 'runs_on', 'virtual_machine', 1));
  await db.execute(edge('application', 'depends_on', 'database', 4));
  await db.execute(tiers());
  // a few dependencies the other way: cycles, which real estates have and the walk must survive
  const [aa, ab] = ranges.application!;
  await db.execute(sql`
    insert into ci_relationships (source_id, target_id, type_key)
    select ${id(sql`s`)}, ${id(sql`least(${ab - 1}::int, s + 1 + floor(random() * 200)::int)`)}, 'depends_on'
      from generate_series(${aa}::int, ${ab - 1}::int) s where random() < 0.005
    on conflict do nothing`);
  await db.execute(edge('business_service', 'provided_by', 'application', 8));
  await db.execute(edge('software_install', 'installed_on', 'virtual_machine', 1));
  await db.execute(edge('software_install', 'installs', 'software', 1));
  await db.execute(edge('software_install', 'licensed_by', 'licence', 1));
  await db.execute(sql`delete from ci_relationships where source_id = target_id`);
  await db.execute(sql`analyze`);
  const tRels = performance.now();
  const counts = (
    await db.execute<{ cis: number; rels: number }>(sql`
    select (select count(*)::int from cis) as cis, (select count(*)::int from ci_relationships) as rels`)
  ).rows[0]!;
  console.log(
    `generated ${counts.cis} CIs in ${((tCis - t0) / 1000).toFixed(1)} s and ${counts.rels} relationships in ${((tRels - tCis) / 1000).toFixed(1)} s`,
  );

  const pick = async (cls: string, n: number) =>
    (
      await db.execute<{ id: string }>(
        sql`select id from cis where class_key = ${cls} order by md5(id::text || 'x') limit ${n}`,
      )
    ).rows.map((r) => r.id);
  const floorTimes = await measure(SAMPLES, () => db.$client.query('select 1'));
  const floor = percentile(floorTimes, 50);
  const rows: Row[] = [
    { what: 'SELECT 1 round trip (floor)', n: SAMPLES, p50: floor, p95: percentile(floorTimes, 95) },
  ];
  const impact = async (what: string, cls: string, direction: 'upstream' | 'downstream') => {
    const ids = await pick(cls, SAMPLES);
    const reached: number[] = [];
    const times = await measure(ids.length, async (i) => {
      const r = await impactOf(db, ids[i % ids.length]!, direction);
      reached.push(r.items.length);
    });
    reached.sort((a, b) => a - b);
    rows.push({
      what,
      n: ids.length,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      note: `CIs reached: median ${percentile(reached, 50)}, max ${reached.at(-1)}`,
    });
  };
  await impact('impact upstream from a database', 'database', 'upstream');
  await impact('impact upstream from a host server', 'server', 'upstream');
  await impact('impact upstream from a virtual machine', 'virtual_machine', 'upstream');
  await impact('impact upstream from a network device', 'network_device', 'upstream');
  await impact('impact downstream from a service', 'business_service', 'downstream');
  await impact('impact downstream from an application', 'application', 'downstream');

  const list = async (what: string, f: Parameters<typeof listCis>[1], deep = 0) => {
    let cursor: string | undefined;
    for (let i = 0; i < deep; i++) cursor = (await listCis(db, { ...f, cursor })).nextCursor ?? undefined;
    const times = await measure(SAMPLES, () => listCis(db, { ...f, cursor }));
    rows.push({ what, n: SAMPLES, p50: percentile(times, 50), p95: percentile(times, 95) });
  };
  await list('CI list, first page of 50 by name', { sort: 'name', order: 'asc', limit: 50 });
  await list('CI list, page 100 by name (cursor)', { sort: 'name', order: 'asc', limit: 50 }, 99);
  await list('CI list, one class, by name', {
    classKey: ['database'],
    sort: 'name',
    order: 'asc',
    limit: 50,
  });
  await list('CI list, recently changed first', { sort: 'updatedAt', order: 'desc', limit: 50 });
  await list('CI list, text search "application-12"', {
    q: 'application-12',
    sort: 'name',
    order: 'asc',
    limit: 50,
  });
  printTable(
    `CMDB: ${counts.cis} CIs, ${counts.rels} relationships (PostgreSQL ${process.env.KEEL_BENCH_DATABASE_URL ? 'at KEEL_BENCH_DATABASE_URL' : 'embedded'})`,
    rows,
    floor,
  );
} finally {
  await close();
}
