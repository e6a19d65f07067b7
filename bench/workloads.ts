import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Db } from '../src/kernel/db/database.ts';
import { JOBS_CHANNEL } from '../src/kernel/jobs/queue.ts';
import { formatNumber } from '../src/kernel/records/numbering.ts';
import type { Estate } from './generate/estate.ts';
import { uid, uidOf } from './generate/sql.ts';
import { type Bounds, drive } from './load/driver.ts';
import type { Http } from './load/http.ts';
import { percentile, type Result, summarise } from './load/stats.ts';
import type { Scale } from './scales.ts';

export type Ctx = {
  scale: Scale;
  db: Db;
  /** A pool of the size Keel's own, for the database floors. */
  pool: pg.Pool;
  http: Http;
  estate: Estate;
  agentTokens: string[];
  /** Tokens of the first customers' users (user u's is customerTokens[u - 1]). */
  customerTokens: string[];
};

/** Which floor a workload is compared with: the database's insert ceiling or the HTTP ceiling. */
export type Floor = 'insert' | 'http';

export type Workload = {
  name: string;
  /** What the table calls it; a workload may report more than one row. */
  rows: Array<{ title: string; floor: Floor }>;
  run: (ctx: Ctx, bounds: Bounds) => Promise<Result[]>;
};

/** A spread of numbers from an operation's index: the same sequence on every run. */
const spread = (i: number, n: number) => Number((BigInt(i + 1) * 2654435761n) % BigInt(n));
const today = () => new Date().toISOString().slice(0, 10);

/** A generated incident (every fourth work item is a request). */
function incidentNumber(scale: Scale, i: number) {
  let n = 1 + spread(i, scale.workItems);
  if (n % 4 === 0) n -= 1;
  return formatNumber('INC', Math.max(1, n));
}

const one =
  (run: (ctx: Ctx, b: Bounds) => Promise<Result>): Workload['run'] =>
  async (ctx, b) => [await run(ctx, b)];

export const workloads: Workload[] = [
  {
    name: 'create',
    rows: [{ title: 'create an incident', floor: 'insert' }],
    run: one((ctx, b) => {
      const { scale } = ctx;
      return drive('create an incident', b, async (i, loop) => {
        const u = 1 + spread(i, scale.customerUsers);
        const c = u % scale.agreements;
        const s = (c % 4) + 4 * (i % (Math.floor((scale.services - 1 - (c % 4)) / 4) + 1));
        await ctx.http.call('POST', '/api/v1/incidents', {
          token: ctx.agentTokens[loop % ctx.agentTokens.length],
          body: {
            title: `Till ${i} at the front desk shows an error`,
            description: '<p>The card reader restarts when a guest pays.</p>',
            requesterId: uidOf('user', u),
            serviceId: uidOf('svc', s),
            impact: 1 + (i % 3),
            urgency: 1 + (Math.floor(i / 3) % 3),
          },
        });
      });
    }),
  },
  {
    name: 'read',
    rows: [{ title: 'read an incident with its timeline', floor: 'http' }],
    run: one((ctx, b) =>
      drive('read an incident with its timeline', b, async (i, loop) => {
        const number = incidentNumber(ctx.scale, i);
        const token = ctx.agentTokens[loop % ctx.agentTokens.length];
        // what the incident page asks for at once: the incident, its comments and its field history
        await Promise.all([
          ctx.http.call('GET', `/api/v1/incidents/${number}`, { token }),
          ctx.http.call('GET', `/api/v1/work-items/${number}/comments`, { token }),
          ctx.http.call('GET', `/api/v1/work-items/${number}/history`, { token }),
        ]);
      }),
    ),
  },
  {
    name: 'queue',
    rows: [{ title: 'agent queue: 50 open items', floor: 'http' }],
    run: one(async (ctx, b) => {
      let size = 0;
      const r = await drive('agent queue: 50 open items', b, async (_i, loop) => {
        const res = await ctx.http.call('GET', '/api/v1/work-items?limit=50&queue=open', {
          token: ctx.agentTokens[loop % ctx.agentTokens.length],
        });
        size = (res.body as { items: unknown[] }).items.length;
      });
      return { ...r, note: `${size} rows with clocks and names` };
    }),
  },
  {
    name: 'search',
    rows: [
      { title: 'search: common words', floor: 'http' },
      { title: 'search: rarer words', floor: 'http' },
    ],
    run: async (ctx, b) => {
      const search = (title: string, queries: string[]) =>
        drive(title, b, async (i, loop) => {
          await ctx.http.call('GET', `/api/v1/search?q=${encodeURIComponent(queries[i % queries.length]!)}`, {
            token: ctx.agentTokens[loop % ctx.agentTokens.length],
          });
        });
      return [
        await search('search: common words', ['encoder vpn', 'printers booking', 'wifi', 'laptop screen']),
        await search(
          'search: rarer words',
          Array.from({ length: 97 }, (_, k) => `site ${k} ${['mailbox', 'till', 'invoice'][k % 3]}`),
        ),
      ];
    },
  },
  {
    name: 'suggest',
    rows: [{ title: 'known-error suggestions for an incident', floor: 'http' }],
    run: one((ctx, b) => {
      const words = ['printer', 'booking', 'wifi', 'mailbox', 'till', 'encoder', 'vpn', 'laptop', 'screen'];
      const texts = [
        (a: string, c: string) => `The ${a} fails when the ${c} is busy at the front desk`,
        (a: string, c: string) => `${a} werkt niet meer sinds de ${c} is vervangen`,
        (a: string, c: string) => `${a} virker ikke efter ${c} blev genstartet`,
      ];
      return drive('known-error suggestions for an incident', b, async (i, loop) => {
        const text = texts[i % 3]!(words[i % words.length]!, words[(i * 7) % words.length]!);
        const serviceId = uidOf('svc', i % ctx.scale.services);
        await ctx.http.call(
          'GET',
          `/api/v1/known-errors?text=${encodeURIComponent(text)}&serviceId=${serviceId}`,
          { token: ctx.agentTokens[loop % ctx.agentTokens.length] },
        );
      });
    }),
  },
  {
    name: 'update',
    rows: [{ title: 'update: assign, start, comment (If-Match)', floor: 'insert' }],
    run: async (ctx, b) => {
      // incidents nobody has touched yet: the generated new ones and those the create workload made
      const fresh = (
        await ctx.db.execute<{ number: string; version: number }>(sql`
          select number, version from work_items where type = 'incident' and state = 'new' order by created_at desc limit 100000`)
      ).rows;
      let taken = 0;
      const title = 'update: assign, start, comment (If-Match)';
      const r = await drive(
        title,
        { ...b, maxOps: Math.min(b.maxOps, fresh.length - 5) },
        async (_i, loop) => {
          const item = fresh[taken++];
          if (!item) throw new Error('no untouched incident left');
          const a = 1 + (loop % ctx.scale.agents);
          const token = ctx.agentTokens[loop % ctx.agentTokens.length];
          const assigned = await ctx.http.call('PATCH', `/api/v1/incidents/${item.number}`, {
            token,
            ifMatch: `"${item.version}"`,
            body: { groupId: uidOf('group', a % ctx.scale.groups), assigneeId: uidOf('agent', a) },
          });
          await ctx.http.call('POST', `/api/v1/incidents/${item.number}/transitions`, {
            token,
            ifMatch: assigned.etag,
            body: { to: 'in_progress' },
            expect: 200,
          });
          await ctx.http.call('POST', `/api/v1/work-items/${item.number}/comments`, {
            token,
            body: { body: '<p>Looking into it: the reader firmware is two versions behind.</p>' },
          });
        },
      );
      return [{ ...r, note: `${fresh.length.toLocaleString('en')} untouched incidents to take from` }];
    },
  },
  {
    name: 'impact',
    rows: [
      { title: 'impact upstream from a CI', floor: 'http' },
      { title: 'impact downstream from a service or application', floor: 'http' },
    ],
    run: async (ctx, b) => {
      const { ranges } = ctx.estate;
      const from = (classes: string[], i: number) => {
        const [a, z] = ranges[classes[i % classes.length]!]!;
        return uidOf('ci', a + spread(i, z - a));
      };
      const impact = async (title: string, direction: string, classes: string[]) => {
        const reached: number[] = [];
        const r = await drive(title, b, async (i, loop) => {
          const res = await ctx.http.call(
            'GET',
            `/api/v1/cis/${from(classes, i)}/impact?direction=${direction}`,
            {
              token: ctx.agentTokens[loop % ctx.agentTokens.length],
            },
          );
          reached.push((res.body as { items: unknown[] }).items.length);
        });
        reached.sort((x, y) => x - y);
        return { ...r, note: `CIs reached: median ${percentile(reached, 50)}, max ${reached.at(-1) ?? 0}` };
      };
      return [
        await impact('impact upstream from a CI', 'upstream', [
          'database',
          'server',
          'virtual_machine',
          'network_device',
          'application',
        ]),
        await impact('impact downstream from a service or application', 'downstream', [
          'business_service',
          'application',
        ]),
      ];
    },
  },
  {
    name: 'report',
    rows: [{ title: 'service level report, two years', floor: 'http' }],
    run: one((ctx, b) => {
      const from = new Date(Date.now() - 730 * 86_400_000).toISOString().slice(0, 10);
      return drive('service level report, two years', b, async (i, loop) => {
        await ctx.http.call(
          'GET',
          `/api/v1/agreements/${uidOf('sla', i % ctx.scale.agreements)}/report?from=${from}&to=${today()}`,
          {
            token: ctx.agentTokens[loop % ctx.agentTokens.length],
          },
        );
      });
    }),
  },
  {
    name: 'readiness',
    rows: [{ title: 'readiness view: every clause from live records', floor: 'http' }],
    run: one((ctx, b) =>
      // every evidence rule counts its records in its window over the whole database: the auditor's view
      drive('readiness view: every clause from live records', b, async (_i, loop) => {
        await ctx.http.call('GET', '/api/v1/readiness', {
          token: ctx.agentTokens[loop % ctx.agentTokens.length],
        });
      }),
    ),
  },
  {
    name: 'portal',
    rows: [{ title: "portal: a customer's own items", floor: 'http' }],
    run: one((ctx, b) =>
      drive("portal: a customer's own items", b, async (i, loop) => {
        await ctx.http.call('GET', '/api/v1/work-items?requester=me&sort=-updated&limit=20', {
          token: ctx.customerTokens[(i + loop) % ctx.customerTokens.length],
        });
      }),
    ),
  },
  {
    name: 'knowledge',
    rows: [
      { title: 'article search (agents and customers)', floor: 'http' },
      { title: 'article suggestions while typing a title', floor: 'http' },
    ],
    run: async (ctx, b) => {
      // agents read every article; customers through the audience rule, their organisation's and all customers'
      const token = (i: number, loop: number) =>
        (i + loop) % 2
          ? ctx.agentTokens[loop % ctx.agentTokens.length]
          : ctx.customerTokens[(i + loop) % ctx.customerTokens.length];
      const queries = [
        'wifi',
        'printer blank',
        'wachtwoord intranet',
        'kortterminal',
        'vpn slow',
        'boekingssysteem traag',
      ];
      let found = 0;
      const search = await drive('article search (agents and customers)', b, async (i, loop) => {
        const res = await ctx.http.call(
          'GET',
          `/api/v1/articles?q=${encodeURIComponent(queries[i % queries.length]!)}&limit=20`,
          {
            token: token(i, loop),
          },
        );
        found = Math.max(found, (res.body as { total: number }).total);
      });
      // what a customer has typed so far of an incident's title, with the service they chose
      const typed = [
        'guest wifi does not connect',
        'receipt printer prints blank',
        'pinautomaat maakt geen verbinding',
        'kortterminal forbinder ikke',
        'booking system shows an error',
        'wachtwoord intranet aanmelden mislukt',
      ];
      let suggested = 0;
      let answers = 0;
      const suggest = await drive('article suggestions while typing a title', b, async (i, loop) => {
        const text = typed[i % typed.length]!;
        const res = await ctx.http.call(
          'GET',
          `/api/v1/articles/suggestions?text=${encodeURIComponent(text)}&service=${uidOf('svc', i % ctx.scale.services)}`,
          { token: ctx.customerTokens[(i + loop) % ctx.customerTokens.length] },
        );
        suggested += (res.body as { items: unknown[] }).items.length;
        answers += 1;
      });
      return [
        { ...search, note: `${ctx.scale.articles.toLocaleString('en')} articles; up to ${found} matches` },
        { ...suggest, note: `${(suggested / Math.max(1, answers)).toFixed(1)} suggestions per answer` },
      ];
    },
  },
];

/**
 * SLA: `dueClocks` running clocks whose warning and breach both fall due in the same second, two seconds
 * from now, with their jobs queued as Keel queues them. Measures, from that second, how long until Keel's
 * job worker has recorded every warning and breach, and each record's lag behind its due time.
 */
export async function slaBurst(ctx: Ctx): Promise<Result> {
  const { db, scale } = ctx;
  const n = scale.dueClocks;
  await db.execute(sql`delete from work_items where number like 'BURST-%'`);
  await db.execute(sql`
    insert into work_items (id, type, number, title, state, priority, requester_id, customer_id, assignee_id, group_id, service_id, language, created_at)
    select ${uid('burst', sql`k`)}, 'incident', 'BURST-' || lpad(k::text, 6, '0'), 'Clock falling due ' || k, 'in_progress', 3,
           ${uid('user', sql`1 + k % ${scale.customerUsers}`)},
           -- the requester's own organisation (generate/organisation.ts: user u belongs to customer u % agreements)
           ${uid('customer', sql`(1 + k % ${scale.customerUsers}) % ${scale.agreements}`)},
           ${uid('agent', sql`1 + k % ${scale.agents}`)},
           ${uid('group', sql`(1 + k % ${scale.agents}) % ${scale.groups}`)}, ${uid('svc', 0)}, 'en', now()
      from generate_series(1, ${n}) k`);
  const due = (
    await db.execute<{ at: string }>(sql`select date_trunc('second', now()) + interval '3 seconds' as at`)
  ).rows[0]!.at;
  await db.execute(sql`
    insert into sla_clocks (id, work_item_id, metric, agreement_id, priority, events, state, deadline, warn_at)
    select ${uid('burst-clock', sql`k`)}, ${uid('burst', sql`k`)}, 'resolution', ${uid('sla', 0)}, 3,
           jsonb_build_array(jsonb_build_object('kind', 'start', 'at', (extract(epoch from ${due}::timestamptz - interval '1 day') * 1000)::bigint)),
           'running', ${due}::timestamptz, ${due}::timestamptz
      from generate_series(1, ${n}) k`);
  await db.execute(sql`
    insert into jobs (kind, payload, due_at, unique_key)
    select 'sla.' || kind, jsonb_build_object('clockId', ${uid('burst-clock', sql`k`)}), ${due}::timestamptz,
           'sla:' || kind || ':' || ${uid('burst-clock', sql`k`)}
      from generate_series(1, ${n}) k, unnest(array['warn', 'breach']) kind`);
  await db.execute(sql`select pg_notify(${JOBS_CHANNEL}, ${new Date(due).toISOString()})`);
  const ids = sql`(select ${uid('burst-clock', sql`k`)} from generate_series(1, ${n}) k)`;
  const started = performance.now();
  const limit = started + 10 * 60_000;
  for (;;) {
    const left = (
      await db.execute<{ left: number }>(sql`
        select count(*)::int as left from sla_clocks where id in ${ids} and (warned_at is null or breached_at is null)`)
    ).rows[0]!.left;
    if (left === 0) break;
    if (performance.now() > limit)
      throw new Error(`SLA burst: ${left} clocks still not recorded after 10 minutes`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const lags = (
    await db.execute<{ lag: number }>(sql`
      select extract(epoch from warned_at - warn_at) * 1000 as lag from sla_clocks where id in ${ids}
      union all select extract(epoch from breached_at - deadline) * 1000 from sla_clocks where id in ${ids}`)
  ).rows.map((r) => Number(r.lag));
  const last = Math.max(...lags);
  const r = summarise('SLA: warnings and breaches falling due in one second', 1, lags, 0, last / 1000);
  return {
    ...r,
    note: `${(2 * n).toLocaleString('en')} records (${n.toLocaleString('en')} clocks), all in ${(last / 1000).toFixed(2)} s`,
  };
}
