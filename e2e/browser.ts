import { mkdirSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../src/kernel/config.ts';
import { type Running, serve } from '../src/server.ts';
import { freshDatabase } from '../src/testing/harness.ts';

/** Keel serving the demo organisation on its own database, and Debian's Chromium to drive it. */
export function journeyKeel() {
  const ctx = {} as { base: string; browser: Browser; running: Running; drop: () => Promise<void> };
  beforeAll(async () => {
    const db = await freshDatabase();
    const port = 30000 + Math.floor(Math.random() * 20000);
    const config = loadConfig({
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      KEEL_LOG_LEVEL: 'warn',
    });
    ctx.running = await serve(config);
    ctx.drop = db.drop;
    ctx.base = `http://127.0.0.1:${port}`;
    ctx.browser = await chromium.launch({
      executablePath: process.env.KEEL_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    mkdirSync('test-results', { recursive: true });
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.running?.stop();
    await ctx.drop?.();
  });
  return ctx;
}
