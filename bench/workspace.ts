import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Principal } from '../src/kernel/auth/principal.ts';
import { listWorkItems, queueCounts, searchWorkItems } from '../src/modules/servicedesk/workspace.ts';
import { benchDatabase, measure, percentile, printTable, type Row } from './lib.ts';

/**
 * The agent workspace at scale: 1,000,000 work items (3% open, spread over 20 groups and 200 agents, with
 * deadlines on the open ones), then the queues an agent opens all day, a second page, filters, full-text
 * search and the queue counts, each beside a SELECT 1 round trip on the same pool (the floor).
 */
const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
const AGENTS = 200;
const GROUPS = 20;
const SERVICES = 50;
const CUSTOMER_USERS = 5_000;

const { db, close } = await benchDatabase('keel_bench_workspace');
try {
  const t0 = performance.now();
  await db.execute(sql`
    insert into users (id, email, name, language)
    select md5('agent' || g)::uuid, 'agent' || g || '@bench.example', 'Agent ' || g, 'en' from generate_series(1, ${AGENTS}) g`);
  await db.execute(sql`
    insert into user_roles (user_id, role) select md5('agent' || g)::uuid, 'service_desk_agent' from generate_series(1, ${AGENTS}) g`);
  await db.execute(sql`
    insert into users (id, email, name, language)
    select md5('user' || g)::uuid, 'user' || g || '@customer.example', 'User ' || g,
           (array['en','nl','da'])[1 + g % 3] from generate_series(1, ${CUSTOMER_USERS}) g`);
  await db.execute(sql`
    insert into groups (id, name) select md5('group' || g)::uuid, 'Group ' || g from generate_series(1, ${GROUPS}) g`);
  // each agent in two groups
  await db.execute(sql`
    insert into group_members (group_id, user_id)
    select md5('group' || (1 + (g + k) % ${GROUPS}))::uuid, md5('agent' || g)::uuid
      from generate_series(1, ${AGENTS}) g, generate_series(0, 1) k`);
  await db.execute(sql`
    insert into cis (id, class_key, name, status) select md5('svcci' || g)::uuid, 'business_service', 'Service ' || g, 'live'
      from generate_series(1, ${SERVICES}) g`);
  await db.execute(sql`
    insert into services (id, ci_id, status) select md5('svc' || g)::uuid, md5('svcci' || g)::uuid, 'live'
      from generate_series(1, ${SERVICES}) g`);
  const words = [
    'printer',
    'booking',
    'wifi',
    'mailbox',
    'till',
    'encoder',
    'vpn',
    'laptop',
    'screen',
    'password',
    'invoice',
    'calendar',
  ];
  await db.execute(sql`alter table work_items disable trigger work_items_changed`);
  const tRefs = performance.now();
  const CHUNK = 100_000;
  for (let from = 1; from <= ITEMS; from += CHUNK) {
    const to = Math.min(ITEMS, from + CHUNK - 1);
    // deterministic: everything derives from the row number; 3% of items are open, the newest ones mostly
    await db.execute(sql`
      insert into work_items (id, type, number, title, description, state, final, priority, requester_id, assignee_id,
                              group_id, service_id, language, due_at, created_at, updated_at)
      select md5('wi' || g)::uuid, 'incident', 'INC-' || lpad(g::text, 7, '0'),
             initcap(w1) || ' problem with ' || w2 || ' at site ' || (g % 97),
             '<p>The ' || w1 || ' does not work since the ' || w2 || ' was changed.</p>',
             case when open then (array['new','assigned','in_progress','pending'])[1 + g % 4] else 'closed' end,
             not open, 1 + (g * 7) % 5,
             md5('user' || (1 + g % ${CUSTOMER_USERS}))::uuid,
             case when open and g % 3 = 0 then null else md5('agent' || (1 + g % ${AGENTS}))::uuid end,
             md5('group' || (1 + g % ${GROUPS}))::uuid, md5('svc' || (1 + g % ${SERVICES}))::uuid,
             (array['en','nl','da'])[1 + g % 3],
             case when open then now() + make_interval(mins => (g % 2880) - 120) end,
             now() - make_interval(mins => ${ITEMS} - g), now() - make_interval(mins => (${ITEMS} - g) / 2)
        from (select g, g > ${ITEMS} * 0.97 or g % 200 = 0 as open,
                     ${sql.param(words)}::text[] as words from generate_series(${from}::int, ${to}::int) g) x,
             lateral (select x.words[1 + g % 12] as w1, x.words[1 + (g / 12) % 12] as w2) w`);
  }
  await db.execute(sql`alter table work_items enable trigger work_items_changed`);
  await db.execute(sql`vacuum analyze work_items`);
  const tItems = performance.now();
  const counts = (
    await db.execute<{ n: number; open: number }>(
      sql`select count(*)::int as n, count(*) filter (where not final)::int as open from work_items`,
    )
  ).rows[0]!;
  console.log(
    `generated ${counts.n.toLocaleString('en')} work items (${counts.open.toLocaleString('en')} open) in ${((tItems - tRefs) / 1000).toFixed(1)} s ` +
      `(${Math.round(counts.n / ((tItems - tRefs) / 1000)).toLocaleString('en')} rows/s incl. indexes and search vectors); people and services ${((tRefs - t0) / 1000).toFixed(1)} s`,
  );

  const agent = (i: number): Principal => ({
    userId: md5Uuid(`agent${1 + (i % AGENTS)}`),
    email: 'agent@bench.example',
    name: 'Agent',
    language: 'en',
    roles: ['service_desk_agent'],
    customerId: null,
    via: 'token',
    scopes: ['read', 'write'],
  });
  const customer = (i: number): Principal => ({
    ...agent(i),
    userId: md5Uuid(`user${1 + (i % CUSTOMER_USERS)}`),
    roles: ['customer'],
  });
  const page2 = await listWorkItems(db, agent(0), { queue: 'open' });
  const rows: Row[] = [];
  const run = async (what: string, fn: (i: number) => Promise<unknown>, note = '') => {
    const times = await measure(SAMPLES, fn);
    rows.push({ what, n: SAMPLES, p50: percentile(times, 50), p95: percentile(times, 95), note });
  };
  await run('SELECT 1 (floor)', () => db.execute(sql`select 1`));
  const floor = rows[0]!.p50;
  for (const queue of ['mine', 'groups', 'unassigned', 'breaching', 'open'] as const) {
    let size = 0;
    await run(`queue "${queue}", 50 items`, async (i) => {
      size = (await listWorkItems(db, agent(i), { queue, limit: 50 })).items.length;
    });
    rows.at(-1)!.note = `${size} rows, with clocks and names`;
  }
  await run('queue "open", second page (cursor)', (i) =>
    listWorkItems(db, agent(i), { queue: 'open', cursor: page2.nextCursor! }),
  );
  await run('all items, recently changed first', (i) =>
    listWorkItems(db, agent(i), { queue: 'all', sort: '-updated' }),
  );
  await run('filter: service + priority 1–2, open', (i) =>
    listWorkItems(db, agent(i), {
      open: true,
      service: md5Uuid(`svc${1 + (i % SERVICES)}`),
      priority: [1, 2],
    }),
  );
  await run('filter: open + text "printer"', (i) =>
    listWorkItems(db, agent(i), { queue: 'open', q: 'printer' }),
  );
  await run(
    'customer: own items',
    (i) => listWorkItems(db, customer(i), { sort: '-updated' }),
    'about 200 items each',
  );
  await run('queue counts (6 queues)', (i) => queueCounts(db, agent(i)));
  await run(
    'search "encoder vpn" (top 20, snippets)',
    (i) => searchWorkItems(db, agent(i), { q: i % 2 ? 'encoder vpn' : 'printers booking' }),
    'ranked over every match',
  );
  await run('search a rare word', (i) => searchWorkItems(db, agent(i), { q: `site ${i % 97} mailbox` }));
  printTable(`Agent workspace on ${counts.n.toLocaleString('en')} work items`, rows, floor);
} finally {
  await close();
}

function md5Uuid(s: string) {
  const h = createHash('md5').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
