import path from 'node:path';
import { z } from 'zod';

/** Settings Keel reads from its environment; validated once at start so a typo fails loudly, not later. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // loopback unless said otherwise: a first start (with the demo's published password) reaches no one else
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  KEEL_DATA_DIR: z.string().min(1).default('./data'),
  KEEL_DEMO: z.enum(['true', 'false']).default('true'),
  KEEL_DEMO_ON_NETWORK: z.enum(['true', 'false']).default('false'),
  KEEL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KEEL_PUBLIC_URL: z.url().optional(),
  KEEL_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  KEEL_ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  KEEL_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  KEEL_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  KEEL_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  KEEL_METRICS_PUBLIC: z.enum(['true', 'false']).default('false'),
  KEEL_API_DOCS_PUBLIC: z.enum(['true', 'false']).default('false'),
  KEEL_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  KEEL_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  KEEL_MAIL_FROM: z.email().optional(),
  KEEL_MAIL_ADDRESS: z.email().optional(),
  KEEL_MAIL_LISTEN_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  KEEL_MAIL_LISTEN_HOST: z.string().min(1).default('127.0.0.1'),
  KEEL_MAIL_UNKNOWN_SENDERS: z.enum(['reject', 'create']).default('reject'),
  KEEL_MAIL_SENDER_LIMIT: z.coerce.number().int().positive().default(30),
  KEEL_PG_PREPARE: z.enum(['true', 'false']).default('true'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  seedDemo: boolean;
  /** Serve the demo organisation (its published password) on an address other machines reach: said explicitly. */
  demoOnNetwork: boolean;
  logLevel: z.infer<typeof schema>['KEEL_LOG_LEVEL'];
  publicUrl: string;
  sessionHours: number;
  attachmentMaxBytes: number;
  secureCookies: 'auto' | 'true' | 'false';
  /** Believe X-Forwarded-For/-Proto: only behind a reverse proxy that sets them, or clients could forge them. */
  trustProxy: boolean;
  /** Who may read /metrics: anyone (`public`), or a scraper sending this token as a Bearer token. */
  metrics: { public: boolean; token: string | undefined };
  /** Whether the API description (/api/docs, /api/openapi.json) is shown to callers who are not signed in. */
  apiDocsPublic: boolean;
  /** Largest CSV file an import reads; the reading stops at this size. */
  importMaxBytes: number;
  /** Prepare repeated statements once per connection; off behind a pooler that cannot keep them (docs/operations.md). */
  pgPrepare: boolean;
  mail: MailConfig;
};

/** E-mail in and out (docs/mail.md). Outbound is on when smtpUrl is set; inbound when listenPort is. */
export type MailConfig = {
  smtpUrl: string | undefined;
  /** The sender of Keel's mails. */
  from: string;
  /** The service desk's address: replies go there, and new mails to it open incidents. */
  address: string | undefined;
  listenPort: number | undefined;
  listenHost: string;
  /** What a mail from an address Keel does not know does: refused and recorded, or its sender becomes a user. */
  unknownSenders: 'reject' | 'create';
  /** More mails than this from one sender within an hour are taken for a loop and ignored. */
  senderLimit: number;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Keel cannot start: invalid settings\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.KEEL_MAIL_LISTEN_PORT && !e.KEEL_MAIL_ADDRESS)
    throw new ConfigError(
      'Keel cannot start: invalid settings\n  KEEL_MAIL_ADDRESS: is required when KEEL_MAIL_LISTEN_PORT is set (the address mail is accepted for)',
    );
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.KEEL_DATA_DIR),
    seedDemo: e.KEEL_DEMO === 'true',
    demoOnNetwork: e.KEEL_DEMO_ON_NETWORK === 'true',
    logLevel: e.KEEL_LOG_LEVEL,
    publicUrl: e.KEEL_PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    sessionHours: e.KEEL_SESSION_HOURS,
    attachmentMaxBytes: e.KEEL_ATTACHMENT_MAX_BYTES,
    secureCookies: e.KEEL_SECURE_COOKIES,
    trustProxy: e.KEEL_TRUST_PROXY === 'true',
    metrics: { public: e.KEEL_METRICS_PUBLIC === 'true', token: e.KEEL_METRICS_TOKEN },
    apiDocsPublic: e.KEEL_API_DOCS_PUBLIC === 'true',
    importMaxBytes: e.KEEL_IMPORT_MAX_BYTES,
    pgPrepare: e.KEEL_PG_PREPARE === 'true',
    mail: {
      smtpUrl: e.KEEL_SMTP_URL,
      from:
        e.KEEL_MAIL_FROM ??
        e.KEEL_MAIL_ADDRESS ??
        `keel@${new URL(e.KEEL_PUBLIC_URL ?? 'http://localhost').hostname}`,
      address: e.KEEL_MAIL_ADDRESS,
      listenPort: e.KEEL_MAIL_LISTEN_PORT,
      listenHost: e.KEEL_MAIL_LISTEN_HOST,
      unknownSenders: e.KEEL_MAIL_UNKNOWN_SENDERS,
      senderLimit: e.KEEL_MAIL_SENDER_LIMIT,
    },
  };
}

/**
 * Whether an address to listen on is reachable from this machine only: 127.0.0.0/8, ::1 (also as
 * ::ffff:127.x) or the name localhost. The wildcards 0.0.0.0 and :: listen on every interface.
 */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.replace(/^::ffff:/, '');
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}
