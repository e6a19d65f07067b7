import pg from 'pg';
import { loadConfig } from '../src/kernel/config.ts';
import { serve } from '../src/server.ts';

/**
 * Keel as the benchmark drives it: a process of its own (so the load generator does not share its event
 * loop), on the benchmark's database, on a port the system picks; it tells its parent the port once it
 * listens, says how many statements it has sent to PostgreSQL when asked, and stops cleanly when the parent
 * says so.
 */
const config = loadConfig({
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  KEEL_DEMO: 'false',
  KEEL_LOG_LEVEL: 'warn',
});
// every statement sent to PostgreSQL, so the benchmark can show how many round trips an operation makes
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  // biome-ignore lint/suspicious/noExplicitAny: pg's overloaded query, passed on unchanged
  return (query as any).apply(this, args);
} as typeof query;

const running = await serve(config);
const address = running.app.server.address();
process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
process.on('message', (m) => {
  if (m === 'stop') running.stop().then(() => process.exit(0));
  if (m === 'statements') process.send?.({ statements });
});
process.on('disconnect', () => running.stop().then(() => process.exit(0)));
