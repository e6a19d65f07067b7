import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { DEMO_PASSWORD } from '../src/demo/organisation.ts';
import { loadConfig } from '../src/kernel/config.ts';
import { type Running, serve } from '../src/server.ts';
import { freshDatabase } from '../src/testing/harness.ts';

/** Keel serving the demo organisation on its own database, and Debian's Chromium to drive it. */
export function journeyKeel() {
  const ctx = {} as { base: string; browser: Browser; running: Running; drop: () => Promise<void> };
  beforeAll(async () => {
    const db = await freshDatabase();
    // port 0: the system picks a free port, so journeys never collide with a port already in use
    const config = loadConfig({
      DATABASE_URL: db.url,
      PORT: '0',
      HOST: '127.0.0.1',
      KEEL_LOG_LEVEL: 'warn',
    });
    ctx.running = await serve(config);
    ctx.drop = db.drop;
    ctx.base = `http://127.0.0.1:${(ctx.running.app.server.address() as AddressInfo).port}`;
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

/** Signs in on the login page (in English) and waits for the start page. */
export async function signIn(page: Page, base: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${base}/login`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('greeting').waitFor();
}
