import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from './demo/organisation.ts';
import { countUsers, createUser } from './kernel/auth/users.ts';
import { ConfigError, loadConfig } from './kernel/config.ts';
import { runCommand, systemActor } from './kernel/db/tx.ts';
import { serve } from './server.ts';
import { freshDatabase } from './testing/harness.ts';

const databases: Array<Awaited<ReturnType<typeof freshDatabase>>> = [];
afterAll(async () => {
  for (const d of databases) await d.drop();
});

async function database(withDemoAdmin: boolean) {
  const d = await freshDatabase();
  databases.push(d);
  if (withDemoAdmin) {
    await runCommand(d.db, systemActor('test'), null, (ctx) =>
      createUser(ctx, {
        email: 'admin@keel.example',
        name: 'Alex Administrator',
        password: DEMO_PASSWORD,
        roles: ['administrator'],
      }),
    );
  }
  return d;
}

const settings = (url: string, env: Record<string, string>) =>
  loadConfig({ DATABASE_URL: url, PORT: '0', KEEL_LOG_LEVEL: 'silent', ...env });

describe('the demo on the network', () => {
  it('a first start with the demo on every interface is refused before the demo is loaded', async () => {
    const d = await database(false);
    const start = serve(settings(d.url, { HOST: '0.0.0.0' }));
    await expect(start).rejects.toBeInstanceOf(ConfigError);
    await expect(start).rejects.toThrow(
      /HOST=0\.0\.0\.0 .*demo organisation[\s\S]*KEEL_DEMO_ON_NETWORK=true/,
    );
    expect(await countUsers(d.db)).toBe(0);
  });

  it("the demo's people still present, with KEEL_DEMO=false, are refused on a network address too", async () => {
    const d = await database(true);
    await expect(serve(settings(d.url, { HOST: '::', KEEL_DEMO: 'false' }))).rejects.toThrow(
      /HOST=:: lets other machines reach the demo organisation/,
    );
  });

  it('KEEL_DEMO_ON_NETWORK=true starts it, with a warning', async () => {
    const d = await database(true);
    const printed: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
      printed.push(String(s));
      return true;
    });
    try {
      const running = await serve(settings(d.url, { HOST: '0.0.0.0', KEEL_DEMO_ON_NETWORK: 'true' }));
      await running.stop();
    } finally {
      write.mockRestore();
    }
    expect(printed.join('')).toMatch(/WARNING: the demo organisation .* is reachable on 0\.0\.0\.0/);
  });

  it('without the demo, a network address needs no permission; loopback never does', async () => {
    const empty = await database(false);
    const open = await serve(settings(empty.url, { HOST: '0.0.0.0', KEEL_DEMO: 'false' }));
    await open.stop();
    const demo = await database(true);
    const local = await serve(settings(demo.url, {}));
    expect(local.app.server.address()).toMatchObject({ address: '127.0.0.1' });
    await local.stop();
  });

  it('`keel serve` says why it will not start, and exits', async () => {
    const d = await database(false);
    const run = promisify(execFile);
    const failed = await run(
      path.resolve('node_modules/.bin/node'),
      [path.resolve('src/cli/keel.ts'), 'serve'],
      {
        env: { ...process.env, DATABASE_URL: d.url, HOST: '0.0.0.0', PORT: '0', KEEL_LOG_LEVEL: 'silent' },
        timeout: 60_000,
      },
    ).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toMatch(/^Keel will not start: HOST=0\.0\.0\.0/);
  });
});
