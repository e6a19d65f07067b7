import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { DEMO_PASSWORD, demoPeople, loadDemo } from './demo/organisation.ts';
import { sealAudit } from './kernel/audit/chain.ts';
import { countUsers } from './kernel/auth/users.ts';
import { type Config, ConfigError, isLoopback } from './kernel/config.ts';
import { type Db, failureLog, finishWithin } from './kernel/db/database.ts';
import { buildApp } from './kernel/http/app.ts';
import { JobWorker } from './kernel/jobs/worker.ts';
import { MailSender } from './kernel/mail/sender.ts';
import { makeLogger, type Opened, openKeelDatabase } from './kernel/runtime.ts';
import { startInboundMail } from './modules/email/index.ts';
import { allModules } from './modules/index.ts';

export const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * The demo organisation's password is published, so serving it where other machines reach Keel hands
 * them every role. Refuses that (a ConfigError, which `keel serve` prints) unless KEEL_DEMO_ON_NETWORK
 * says it is meant; then answers the warning to print. Null when nothing is exposed.
 */
export async function demoExposure(config: Config, db: Db): Promise<string | null> {
  if (isLoopback(config.host)) return null;
  const empty = (await countUsers(db)) === 0;
  const emails = demoPeople.map((p) => p.email.toLowerCase());
  const present =
    !empty &&
    (await db.$client.query('select 1 from users where lower(email) = any($1::text[]) limit 1', [emails]))
      .rowCount! > 0;
  if (!present && !(empty && config.seedDemo)) return null;
  const what = present
    ? 'the demo organisation (its people sign in with a published password)'
    : 'the demo organisation, which KEEL_DEMO=true would load (its people sign in with a published password)';
  if (config.demoOnNetwork)
    return `${what} is reachable on ${config.host}, which other machines can reach (KEEL_DEMO_ON_NETWORK=true).`;
  throw new ConfigError(
    [
      `Keel will not start: HOST=${config.host} lets other machines reach ${what}.`,
      '  Listen on this machine only (unset HOST, or HOST=127.0.0.1),',
      '  or start without the demo (a new KEEL_DATA_DIR or database with KEEL_DEMO=false),',
      '  or, if you mean it, set KEEL_DEMO_ON_NETWORK=true.',
    ].join('\n'),
  );
}

export type Running = { app: FastifyInstance; opened: Opened; stop: () => Promise<void> };

/** Starts Keel: database (embedded or DATABASE_URL), migrations, demo on first start, HTTP, jobs, sealer. */
export async function serve(config: Config, log: Logger = makeLogger(config)): Promise<Running> {
  const opened = await openKeelDatabase(config, log, { poolSize: 20 });
  const { db } = opened;
  const demoWarning = await demoExposure(config, db).catch(async (e) => {
    await opened.close();
    throw e;
  });
  if (demoWarning) log.warn(demoWarning);
  let seeded = false;
  if ((await countUsers(db)) === 0 && config.seedDemo) {
    await loadDemo(db);
    seeded = true;
  }
  const app = await buildApp({ keel: { db, config }, modules: allModules, logger: log, version });
  const worker = new JobWorker(db, { log });
  for (const m of allModules)
    for (const [kind, handler] of Object.entries(m.jobs ?? {})) worker.register(kind, handler);
  await worker.start();
  const mailOut = config.mail.smtpUrl ? new MailSender(db, config, log) : null;
  await mailOut?.start();
  const mailIn = config.mail.listenPort ? await startInboundMail(db, config, { log }) : null;
  // the sealer runs a second after its last round ended (a round can wait seconds for a connection while
  // the database is away, and must not pile up behind itself)
  const sealing = failureLog(log, 'audit sealer');
  let sealer: NodeJS.Timeout | undefined;
  let sealerRound: Promise<void> = Promise.resolve();
  const seal = () => {
    sealerRound = sealAudit(db)
      .then(sealing.succeeded, sealing.failed)
      .finally(() => {
        if (sealer) sealer = setTimeout(seal, 1000);
      });
  };
  sealer = setTimeout(seal, 1000);
  // upkeep runs once at start (after the demo's bulk load, say) and then every so often
  const housekeeping = allModules.flatMap((m) => m.housekeeping ?? []);
  const upkeep = (h: (typeof housekeeping)[number]) =>
    h.run(db).catch((e) => log.error({ err: e }, `${h.what} failed`));
  await Promise.all(housekeeping.map(upkeep));
  const timers = housekeeping.map((h) => setInterval(() => void upkeep(h), h.everyMs));
  await app.listen({ port: config.port, host: config.host });

  const empty = (await countUsers(db)) === 0;
  const lines = [
    '',
    `  Keel ${version} is running at ${config.publicUrl}`,
    `  Database: ${opened.embedded ? `embedded PostgreSQL, data in ${config.dataDir}` : 'DATABASE_URL'}`,
  ];
  if (mailIn) lines.push(`  Mail: taking mail for ${config.mail.address} on port ${mailIn.port}`);
  if (mailOut) lines.push(`  Mail: sending notifications from ${config.mail.from}`);
  if (demoWarning) lines.push(`  WARNING: ${demoWarning}`);
  if (empty) lines.push(`  No users yet: open ${config.publicUrl}/setup to create the first administrator.`);
  else if (seeded || config.seedDemo) {
    lines.push(`  Demo sign-ins (password "${DEMO_PASSWORD}"):`);
    for (const p of demoPeople) lines.push(`    ${p.email.padEnd(24)} ${p.roles.join(', ')}`);
  }
  lines.push('  Press Ctrl-C to stop.', '');
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      // Node ends a process that has nothing left to wait for, even in the middle of this function (with
      // exit code 0, and the embedded PostgreSQL still running): hold it until the stop has finished
      const holding = setInterval(() => {}, 1000);
      try {
        await stopInOrder();
      } finally {
        clearInterval(holding);
      }
    })();
    return stopping;
  };
  const stopInOrder = async () => {
    log.info('shutting down: finishing requests in flight');
    await app.close();
    log.debug('stopping: requests finished');
    await mailIn?.close();
    clearTimeout(sealer);
    sealer = undefined;
    await sealerRound;
    for (const t of timers) clearInterval(t);
    await mailOut?.stop();
    log.debug('stopping: mail and sealer stopped');
    await worker.stop();
    log.debug('stopping: job worker stopped');
    const sealed = await finishWithin(
      sealAudit(db).catch(() => {}),
      10_000,
    );
    if (!sealed) log.warn('sealing the audit log at stop took over 10 s; the next start seals the rest');
    await opened.close();
    log.info('stopped');
  };
  return { app, opened, stop };
}
