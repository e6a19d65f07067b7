import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { loadConfig } from '../src/kernel/config.ts';
import { serve } from '../src/server.ts';
import type { Statement } from './load/replay.ts';

/**
 * Keel as the benchmark drives it: a process of its own (so the load generator does not share its event
 * loop), on the benchmark's database, on a port the system picks; it tells its parent the port once it
 * listens, says how many statements it has sent to PostgreSQL when asked, records the statements that
 * HTTP requests send when asked to (so the benchmark can send them again without Keel: bench/load/replay.ts),
 * and stops cleanly when the parent says so.
 */
const config = loadConfig({
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  KEEL_DEMO: 'false',
  KEEL_LOG_LEVEL: 'warn',
});
// every statement sent to PostgreSQL, so the benchmark can show how many round trips an operation makes;
// while recording, those sent on behalf of an HTTP request (not the job worker's) are kept as sent
let statements = 0;
let recorded: Statement[] | null = null;
const inRequest = new AsyncLocalStorage<true>();
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  if (recorded && inRequest.getStore()) recorded.push(statementOf(args[0], args[1]));
  // biome-ignore lint/suspicious/noExplicitAny: pg's overloaded query, passed on unchanged
  return (query as any).apply(this, args);
} as typeof query;

function statementOf(config: unknown, values: unknown): Statement {
  if (typeof config === 'string') return { text: config, values: Array.isArray(values) ? values : [] };
  const c = config as { text: string; values?: unknown[]; name?: string };
  return { text: c.text, values: (Array.isArray(values) ? values : c.values) ?? [], name: c.name };
}

const running = await serve(config);
const server = running.app.server;
// Fastify's request handler, run in a context the statement counter can recognise
for (const handler of server.listeners('request') as Array<(...a: unknown[]) => void>) {
  server.off('request', handler);
  server.on('request', (...a: unknown[]) => inRequest.run(true, () => handler.apply(server, a)));
}
const address = server.address();
process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
process.on('message', (m) => {
  if (m === 'stop') running.stop().then(() => process.exit(0));
  if (m === 'statements') process.send?.({ statements });
  if (m === 'record') {
    recorded = [];
    process.send?.({ recording: true });
  }
  if (m === 'recorded') {
    process.send?.({ recorded: recorded ?? [] });
    recorded = null;
  }
});
process.on('disconnect', () => running.stop().then(() => process.exit(0)));
