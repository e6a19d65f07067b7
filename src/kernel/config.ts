import path from 'node:path';
import { z } from 'zod';

/** Settings Keel reads from its environment; validated once at start so a typo fails loudly, not later. */
const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  KEEL_DATA_DIR: z.string().min(1).default('./data'),
  KEEL_DEMO: z.enum(['true', 'false']).default('true'),
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
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  seedDemo: boolean;
  logLevel: z.infer<typeof schema>['KEEL_LOG_LEVEL'];
  publicUrl: string;
  sessionHours: number;
  attachmentMaxBytes: number;
  secureCookies: 'auto' | 'true' | 'false';
  /** Believe X-Forwarded-For/-Proto: only behind a reverse proxy that sets them, or clients could forge them. */
  trustProxy: boolean;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Keel cannot start: invalid settings\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.KEEL_DATA_DIR),
    seedDemo: e.KEEL_DEMO === 'true',
    logLevel: e.KEEL_LOG_LEVEL,
    publicUrl: e.KEEL_PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    sessionHours: e.KEEL_SESSION_HOURS,
    attachmentMaxBytes: e.KEEL_ATTACHMENT_MAX_BYTES,
    secureCookies: e.KEEL_SECURE_COOKIES,
    trustProxy: e.KEEL_TRUST_PROXY === 'true',
  };
}
