import { parseArgs } from 'node:util';
import { loadDemo } from '../demo/organisation.ts';
import { isRole, roles } from '../kernel/access/roles.ts';
import { sealAudit, verifyAudit } from '../kernel/audit/chain.ts';
import {
  createApiToken,
  createUser,
  findUserByEmail,
  type TokenScope,
  tokenScopes,
} from '../kernel/auth/users.ts';
import { type Config, ConfigError, loadConfig } from '../kernel/config.ts';
import { BackupError, backupDatabase, restoreDatabase } from '../kernel/db/backup.ts';
import { runCommand, systemActor } from '../kernel/db/tx.ts';
import { Problem } from '../kernel/http/problem.ts';
import { makeLogger, type Opened, openKeelDatabase } from '../kernel/runtime.ts';
import { serve } from '../server.ts';
import {
  databaseAtHand,
  EvidenceUsageError,
  exportPack,
  periodArgument,
  readPack,
  verifyPack,
} from './evidence.ts';

/**
 * `keel`: the command line. Every command finds its database like the server does (DATABASE_URL, else the
 * embedded server in KEEL_DATA_DIR, reusing it when a Keel server already runs on that folder).
 */
type Command = {
  usage: string;
  help: string;
  options?: NonNullable<Parameters<typeof parseArgs>[0]>['options'];
  /** Whether it takes arguments besides its options (a file to read). */
  positionals?: boolean;
  run: (config: Config, values: Record<string, unknown>, positionals: string[]) => Promise<number>;
};

class UsageError extends Error {}

const log = (config: Config) =>
  makeLogger({ ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel }, 'keel-cli');

async function withDatabase(
  config: Config,
  fn: (o: Opened) => Promise<number>,
  opts: { migrate?: boolean } = {},
): Promise<number> {
  const opened = await openKeelDatabase(config, log(config), { poolSize: 2, ...opts });
  try {
    return await fn(opened);
  } finally {
    await opened.close();
  }
}

const commands: Record<string, Command> = {
  serve: {
    usage: 'keel serve',
    help: 'Start Keel: database, migrations, web app and API on PORT (default 3000). Ctrl-C stops it cleanly.',
    run: async (config) => {
      const running = await serve(config);
      // a stop that fails (the embedded PostgreSQL would not stop, say) is an exit code a supervisor sees
      return new Promise<number>((resolve) => {
        const onSignal = (sig: string) => {
          process.stdout.write(`\n${sig} received: stopping Keel\n`);
          running.stop().then(
            () => resolve(0),
            (e) => {
              console.error('Keel did not stop cleanly:', e);
              resolve(1);
            },
          );
        };
        process.once('SIGINT', () => onSignal('SIGINT'));
        process.once('SIGTERM', () => onSignal('SIGTERM'));
      });
    },
  },
  migrate: {
    usage: 'keel migrate',
    help: 'Apply pending database migrations, then exit.',
    run: (config) =>
      withDatabase(config, async () => {
        console.log('migrations applied');
        return 0;
      }),
  },
  demo: {
    usage: 'keel demo',
    help: 'Load the demo organisation (people in every role); existing people are left alone.',
    run: (config) =>
      withDatabase(config, async ({ db }) => {
        const added = await loadDemo(db);
        console.log(`demo organisation loaded (${added} people added)`);
        return 0;
      }),
  },
  'user create': {
    usage: 'keel user create --email E --password P --role R [--role R2] [--name N]',
    help: `Create a user. Roles: ${roles.join(', ')}.`,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string', multiple: true },
      name: { type: 'string' },
    },
    run: (config, v) => {
      const email = v.email as string | undefined;
      const password = v.password as string | undefined;
      const list = (v.role as string[] | undefined) ?? [];
      if (!email || !password) throw new UsageError('--email and --password are required');
      const bad = list.filter((r) => !isRole(r));
      if (bad.length) throw new UsageError(`unknown role ${bad.join(', ')}; known: ${roles.join(', ')}`);
      return withDatabase(config, async ({ db }) => {
        const { user } = await runCommand(db, systemActor('cli'), null, (ctx) =>
          createUser(ctx, {
            email,
            password,
            roles: list,
            name: (v.name as string | undefined) ?? email.split('@')[0]!,
          }),
        );
        console.log(`created ${user.email} (${user.id}) with roles: ${user.roles.join(', ') || 'none'}`);
        return 0;
      });
    },
  },
  'token create': {
    usage: 'keel token create --email E [--scope read|write]... [--name N] [--expires-days D]',
    help: 'Create an API token for a user and print only the token on stdout. Scopes default to read and write.',
    options: {
      email: { type: 'string' },
      scope: { type: 'string', multiple: true },
      name: { type: 'string' },
      'expires-days': { type: 'string' },
    },
    run: (config, v) => {
      const email = v.email as string | undefined;
      if (!email) throw new UsageError('--email is required');
      const scopes = ((v.scope as string[] | undefined) ?? ['read', 'write']).flatMap((s) => s.split(','));
      const bad = scopes.filter((s) => !(tokenScopes as readonly string[]).includes(s));
      if (bad.length)
        throw new UsageError(`unknown scope ${bad.join(', ')}; known: ${tokenScopes.join(', ')}`);
      const days = v['expires-days'] === undefined ? null : Number(v['expires-days']);
      if (days !== null && !(days > 0)) throw new UsageError('--expires-days must be a positive number');
      return withDatabase(config, async ({ db }) => {
        const user = await findUserByEmail(db, email);
        if (!user) throw new UsageError(`no user with e-mail ${email}`);
        const res = await runCommand(db, systemActor('cli'), null, (ctx) =>
          createApiToken(ctx, {
            userId: user.id,
            name: (v.name as string | undefined) ?? `cli ${new Date().toISOString().slice(0, 10)}`,
            scopes: scopes as TokenScope[],
            expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null,
          }),
        );
        process.stdout.write(`${res.token}\n`);
        return 0;
      });
    },
  },
  'audit verify': {
    usage: 'keel audit verify [--no-seal]',
    help: 'Seal what can be sealed, then check the audit hash chain. Exit 0 when intact; 1 and the first bad entry otherwise.',
    options: { 'no-seal': { type: 'boolean' } },
    run: (config, v) =>
      withDatabase(config, async ({ db }) => {
        if (!v['no-seal']) await sealAudit(db);
        const r = await verifyAudit(db);
        if (r.ok) {
          console.log(`audit chain intact: ${r.sealed} entries sealed, ${r.unsealed} not yet sealed`);
          console.log(`head hash ${r.headHash}`);
          return 0;
        }
        console.error(
          `audit chain BROKEN at ${r.seq ? `sequence ${r.seq}` : 'its head'}${r.id ? ` (entry id ${r.id})` : ''}: ${r.problem}`,
        );
        console.error(`${r.sealed} entries verified before it, ${r.unsealed} not yet sealed`);
        return 1;
      }),
  },
  'evidence export': {
    usage: 'keel evidence export --period FROM..TO --out FILE',
    help: 'Make the evidence pack of a period (e.g. 2026-01-01..2026-12-31) as a ZIP: readiness per clause, the records as CSV and PDF, and a manifest of SHA-256 hashes tied to the audit chain. The pack is recorded as made by Keel itself (the command line names no person: a person makes one through the API, signed in).',
    options: { period: { type: 'string' }, out: { type: 'string' } },
    run: (config, v) => {
      const period = periodArgument(v.period as string | undefined);
      const out = v.out as string | undefined;
      if (!out) throw new UsageError('--out is required, e.g. --out pack.zip');
      return withDatabase(config, ({ db }) => exportPack(db, { period, out }));
    },
  },
  'evidence verify': {
    usage: 'keel evidence verify FILE [--offline]',
    help: "Check an evidence pack: every file's hash against the manifest, every file listed and present; with this Keel's database (unless --offline), also the manifest Keel recorded and the audit head in its chain. Exit 0 when intact; 1 and each difference by path otherwise; 3 when intact against its manifest but no database was at hand to check it against (pass --offline to accept that). The manifest's SHA-256 is printed to compare with the one recorded at export.",
    options: { offline: { type: 'boolean' } },
    positionals: true,
    run: async (config, v, files) => {
      if (files.length > 1) throw new UsageError('verify one pack at a time');
      const zip = await readPack(files[0]);
      if (v.offline || !databaseAtHand(config)) return verifyPack(zip, files[0]!, undefined, !!v.offline);
      // reading only: a database of an older Keel is checked as it is, not migrated
      return withDatabase(config, ({ db }) => verifyPack(zip, files[0]!, db), { migrate: false });
    },
  },
  backup: {
    usage: 'keel backup [--file F]',
    help: 'Write the whole database (attachments included) to one file, from one consistent snapshot while Keel keeps running. Default file: keel-backup-<time>.tar.',
    options: { file: { type: 'string' } },
    run: (config, v) => {
      const file =
        (v.file as string | undefined) ??
        `keel-backup-${new Date()
          .toISOString()
          .replaceAll(':', '')
          .replace(/\.\d+Z$/, 'Z')}.tar`;
      return withDatabase(
        config,
        async ({ url }) => {
          const r = await backupDatabase(url, file);
          const rows = r.manifest.tables.reduce((n, t) => n + t.rows, 0);
          console.log(
            `backup written to ${r.file}: ${r.manifest.tables.length} tables, ${rows} rows, ${r.bytes} bytes, at migration ${r.manifest.lastMigration}`,
          );
          return 0;
        },
        { migrate: false },
      );
    },
  },
  restore: {
    usage: 'keel restore --file F',
    help: 'Restore a backup into an empty database (DATABASE_URL) or a new data folder (KEEL_DATA_DIR), then apply newer migrations. Refuses a database that holds tables.',
    options: { file: { type: 'string' } },
    run: (config, v) => {
      const file = v.file as string | undefined;
      if (!file) throw new UsageError('--file is required');
      return withDatabase(
        config,
        async ({ url }) => {
          const r = await restoreDatabase(url, file);
          const rows = r.manifest.tables.reduce((n, t) => n + t.rows, 0);
          console.log(
            `restored ${r.manifest.tables.length} tables, ${rows} rows from a backup of ${r.manifest.createdAt} (Keel ${r.manifest.keelVersion}); migrated from ${r.migratedFrom} to ${r.migratedTo}`,
          );
          console.log('run `keel audit verify` to check the audit chain');
          return 0;
        },
        { migrate: false },
      );
    },
  },
};

function printHelp() {
  console.log('Usage: npm run keel -- <command> [options]\n\nCommands:');
  for (const c of Object.values(commands)) console.log(`  ${c.usage}\n      ${c.help}`);
  console.log(
    '\nSettings come from the environment: DATABASE_URL, KEEL_DATA_DIR, PORT, KEEL_DEMO (see docs/operations.md).',
  );
}

async function main(argv: string[]): Promise<number> {
  const key = [argv.slice(0, 2).join(' '), argv[0] ?? ''].find((k) => commands[k]);
  if (!key) {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      printHelp();
      return argv.length === 0 ? 1 : 0;
    }
    console.error(`unknown command: ${argv.join(' ')}\n`);
    printHelp();
    return 2;
  }
  const cmd = commands[key]!;
  const rest = argv.slice(key.split(' ').length);
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`Usage: npm run ${cmd.usage.replace('keel ', 'keel -- ')}\n\n${cmd.help}`);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: cmd.options ?? {},
    strict: true,
    allowPositionals: !!cmd.positionals,
  });
  return cmd.run(loadConfig(), values, positionals);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof ConfigError) console.error(e.message);
    else if (e instanceof UsageError || e instanceof EvidenceUsageError)
      console.error(`error: ${e.message} (see --help)`);
    else if (e instanceof BackupError) console.error(`error: ${e.message}`);
    else if (e instanceof Problem) {
      console.error(
        `error: ${e.message}${e.errors ? ` ${e.errors.map((x) => `${x.field} ${x.message}`).join('; ')}` : ''}`,
      );
    } else if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
      console.error(`error: ${(e as Error).message}`);
    else console.error(e);
    process.exit(2);
  },
);
