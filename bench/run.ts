import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createApiToken } from '../src/kernel/auth/users.ts';
import { runCommand, systemActor } from '../src/kernel/db/tx.ts';
import { benchDatabase } from './database.ts';
import { type Floors, measureFloors } from './floors.ts';
import { type Estate, estateLayout, generateEstate } from './generate/estate.ts';
import { generateOrganisation } from './generate/organisation.ts';
import { generateKnownErrors } from './generate/problems.ts';
import { installHelpers, timed, uidOf } from './generate/sql.ts';
import { generateWorkItems } from './generate/work-items.ts';
import { Http } from './load/http.ts';
import { type Replay, type Statement, sendAgain } from './load/replay.ts';
import { machineFacts, type Row, table, withRatios } from './report.ts';
import { type Scale, scales } from './scales.ts';
import { type Ctx, slaBurst, workloads } from './workloads.ts';

/**
 * `npm run bench -- [--scale tiny|small|large] [--only create,read,...] [--reuse] [--out dir]`: a service
 * desk day at scale, measured against the machine's own limits (docs/performance.md). Generates an
 * organisation in a database of its own, starts Keel on it, drives the workloads over HTTP at each
 * concurrency, prints one table and writes the same results as JSON.
 */
const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    only: { type: 'string' },
    reuse: { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(import.meta.dirname, 'results') },
    /** Write a CPU profile of the Keel server to this folder (open it in Chrome's DevTools, or bench/profile.ts). */
    'cpu-prof': { type: 'string' },
  },
});
const names = [...workloads.map((w) => w.name), 'sla'];
const scale: Scale | undefined = scales[args.scale as Scale['name']];
const only = args.only?.split(',').map((s) => s.trim());
const unknown = only?.filter((n) => !names.includes(n)) ?? [];
if (!scale || unknown.length) {
  console.error(
    `usage: npm run bench -- [--scale ${Object.keys(scales).join('|')}] [--only ${names.join(',')}] [--reuse] [--out dir] [--cpu-prof dir]`,
  );
  process.exit(2);
}
const chosen = (name: string) => !only || only.includes(name);
const log = (s: string) => console.log(s);

const database = await benchDatabase(`keel_bench_${scale.name}`, { reuse: args.reuse });
const { db } = database;
let server: ChildProcess | undefined;
try {
  const generation: Record<string, number> = {};
  const t0 = performance.now();
  const existing = database.reused
    ? (await db.execute<{ n: number }>(sql`select count(*)::int as n from work_items`)).rows[0]!.n
    : 0;
  let estate: Estate;
  if (existing > 0) {
    log(`reusing keel_bench_${scale.name} (${existing.toLocaleString('en')} work items)`);
    estate = { ...estateLayout(scale.cis, scale.services), relationships: 0 };
    // earlier runs' creates and updates are newer than the planner's statistics until autovacuum gets to
    // them (at large, a search took 27 ms instead of 15), and a migration that rewrote a table leaves its
    // pages unmarked as all-visible, so index-only scans visit the rows: start as a fresh database would
    await timed('vacuum analyze', () => db.execute(sql`vacuum analyze`), log);
  } else {
    log(
      `generating the ${scale.name} organisation (${scale.workItems.toLocaleString('en')} work items, ${scale.cis.toLocaleString('en')} CIs)`,
    );
    await installHelpers(db);
    estate = await timed('CMDB estate', () => generateEstate(db, scale.cis, scale.services), log);
    await timed(
      'people, customers, services, agreements',
      () => generateOrganisation(db, scale, estate),
      log,
    );
    const tItems = performance.now();
    await generateWorkItems(db, scale, log);
    generation.workItemsPerSecond = scale.workItems / ((performance.now() - tItems) / 1000);
    await timed('vacuum analyze', () => db.execute(sql`vacuum analyze`), log);
  }
  // known errors for the suggestions workload (an organisation generated before problems existed gets them too)
  const problemCount = (await db.execute<{ n: number }>(sql`select count(*)::int as n from problems`))
    .rows[0]!.n;
  if (problemCount === 0) await timed('known errors', () => generateKnownErrors(db, scale), log);
  const counts = (
    await db.execute<{
      workItems: number;
      comments: number;
      clocks: number;
      cis: number;
      relationships: number;
      users: number;
    }>(sql`
      select (select count(*)::int from work_items) as "workItems", (select count(*)::int from work_item_comments) as comments,
             (select count(*)::int from sla_clocks) as clocks, (select count(*)::int from cis) as cis,
             (select count(*)::int from ci_relationships) as relationships, (select count(*)::int from users) as users`)
  ).rows[0]!;
  generation.seconds = (performance.now() - t0) / 1000;
  log(
    `organisation ready in ${generation.seconds.toFixed(1)} s: ${Object.entries(counts)
      .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
      .join(', ')}`,
  );

  // API tokens, as real clients authenticate: one per concurrent agent and customer
  const loops = Math.max(...scale.concurrency);
  const tokens = await runCommand(db, systemActor('bench'), null, async (ctx) => {
    const make = async (userId: string) =>
      (await createApiToken(ctx, { userId, name: 'benchmark', scopes: ['read', 'write'] })).token;
    const agents: string[] = [];
    const customers: string[] = [];
    for (let i = 1; i <= Math.min(loops, scale.agents); i++) agents.push(await make(uidOf('agent', i)));
    for (let i = 1; i <= Math.min(loops, scale.customerUsers); i++)
      customers.push(await make(uidOf('user', i)));
    return { agents, customers };
  });

  const port = await startServer(database.url, args['cpu-prof']);
  server = port.child;
  const http = new Http(`http://127.0.0.1:${port.port}`, loops + 4);
  const pool = new pg.Pool({ connectionString: database.url, max: 20 });
  const ctx: Ctx = {
    scale,
    db,
    pool,
    http,
    estate,
    agentTokens: tokens.agents,
    customerTokens: tokens.customers,
  };
  const floors = new Map<number, Floors>();
  const rows: Row[] = [];
  try {
    for (const c of scale.concurrency) {
      const bounds = { concurrency: c, maxOps: scale.maxOps, seconds: scale.seconds };
      const f = await measureFloors(ctx, bounds);
      floors.set(c, f);
      rows.push(f.select, f.insert, f.http);
      log(
        `floors at concurrency ${c}: SELECT 1 ${Math.round(f.select.throughput)}/s, INSERT ${Math.round(f.insert.throughput)}/s, HTTP ${Math.round(f.http.throughput)}/s`,
      );
    }
    const statements = async () => (await ask<{ statements: number }>(port.child, 'statements')).statements;
    const replay: Replay = {
      record: async () => {
        await ask(port.child, 'record');
      },
      recorded: async () => (await ask<{ recorded: Statement[] }>(port.child, 'recorded')).recorded,
      send: (s) => sendAgain(pool, s),
    };
    for (const w of workloads.filter((w) => chosen(w.name))) {
      // what only reads can be sent again: at concurrency 1, each read's statements are also timed alone
      const reads = w.rows.every((r) => r.floor === 'http');
      for (const c of scale.concurrency) {
        const b = {
          concurrency: c,
          maxOps: scale.maxOps,
          seconds: scale.seconds,
          statements,
          replay: reads && c === 1 ? replay : undefined,
        };
        const results = await w.run(ctx, b);
        results.forEach((r, k) => {
          rows.push({ ...r, floor: w.rows[k]?.floor });
          log(
            `  ${r.workload} ×${c}: p50 ${r.p50.toFixed(2)} ms, ${Math.round(r.throughput)} ops/s${r.errors ? `, ${r.errors} errors (${r.firstError})` : ''}`,
          );
        });
      }
    }
    if (chosen('sla')) {
      const r = await slaBurst(ctx);
      rows.push({ ...r, floor: 'insert' });
      log(`  ${r.workload}: ${r.note}`);
    }
  } finally {
    await http.close();
    await pool.end();
  }
  // the SLA burst is compared with single-row inserts from one connection: Keel's one job worker
  const results = withRatios(rows, floors);
  const report = {
    date: new Date().toISOString(),
    scale: scale.name,
    machine: await machineFacts(db),
    database: database.embedded ? 'embedded' : 'DATABASE_URL',
    generation: { ...generation, counts },
    bounds: { concurrency: scale.concurrency, maxOps: scale.maxOps, seconds: scale.seconds },
    results,
  };
  console.log(
    `\nKeel ${scale.name}: ${counts.workItems.toLocaleString('en')} work items, ${counts.cis.toLocaleString('en')} CIs; ${report.machine.cores} cores, Node ${report.machine.node}, PostgreSQL ${report.machine.postgres}\n`,
  );
  console.log(table(results));
  mkdirSync(args.out, { recursive: true });
  const file = path.join(args.out, `${report.date.slice(0, 10)}-${scale.name}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nresults written to ${path.relative(process.cwd(), file)}`);
} finally {
  server?.send('stop');
  if (server) await new Promise((r) => server!.once('exit', r));
  await database.close();
}

/** Asks the Keel server (bench/server.ts) one thing and waits for its answer. */
function ask<T>(child: ChildProcess, what: 'statements' | 'record' | 'recorded'): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as T));
    child.send(what);
  });
}

/** Keel in a process of its own on the benchmark's database; resolves with the port it listens on. */
function startServer(url: string, profileDir?: string): Promise<{ port: number; child: ChildProcess }> {
  const child = fork(path.join(import.meta.dirname, 'server.ts'), [], {
    execArgv: profileDir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(profileDir)] : [],
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ port: (m as { port: number }).port, child }));
    child.once('exit', (code) => reject(new Error(`Keel stopped before listening (exit ${code})`)));
  });
}
