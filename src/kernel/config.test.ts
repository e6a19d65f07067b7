import { describe, expect, it } from 'vitest';
import { ConfigError, isLoopback, loadConfig } from './config.ts';

describe('settings', () => {
  it('defaults give a working local Keel', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      seedDemo: true,
      publicUrl: 'http://localhost:3000',
      pgPrepare: true,
    });
    expect(c.dataDir).toMatch(/data$/);
  });

  it('names every bad value at once', () => {
    try {
      loadConfig({ PORT: '99999', DATABASE_URL: 'mysql://x', KEEL_DEMO: 'yes' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const m = (e as Error).message;
      expect(m).toMatch(/PORT:/);
      expect(m).toMatch(/DATABASE_URL: must be a postgres/);
      expect(m).toMatch(/KEEL_DEMO:/);
    }
  });

  it('prepared statements can be turned off for a pooler that cannot keep them', () => {
    expect(loadConfig({ KEEL_PG_PREPARE: 'false' }).pgPrepare).toBe(false);
    expect(() => loadConfig({ KEEL_PG_PREPARE: 'no' })).toThrow(/KEEL_PG_PREPARE/);
  });

  it('an empty variable counts as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).databaseUrl).toBeUndefined();
  });

  it('listens on loopback only unless HOST says otherwise, the mail listener too', () => {
    const c = loadConfig({});
    expect(c.host).toBe('127.0.0.1');
    expect(c.mail.listenHost).toBe('127.0.0.1');
    expect(c.demoOnNetwork).toBe(false);
    expect(loadConfig({ HOST: '0.0.0.0', KEEL_MAIL_LISTEN_HOST: '::' })).toMatchObject({
      host: '0.0.0.0',
      mail: { listenHost: '::' },
    });
    expect(loadConfig({ KEEL_DEMO_ON_NETWORK: 'true' }).demoOnNetwork).toBe(true);
  });

  it('metrics and the API description are closed unless a setting opens them', () => {
    expect(loadConfig({})).toMatchObject({
      metrics: { public: false, token: undefined },
      apiDocsPublic: false,
    });
    expect(
      loadConfig({
        KEEL_METRICS_TOKEN: 'a-long-scrape-token',
        KEEL_METRICS_PUBLIC: 'true',
        KEEL_API_DOCS_PUBLIC: 'true',
      }),
    ).toMatchObject({ metrics: { public: true, token: 'a-long-scrape-token' }, apiDocsPublic: true });
    expect(() => loadConfig({ KEEL_METRICS_TOKEN: 'short' })).toThrow(
      /KEEL_METRICS_TOKEN: must be at least 16/,
    );
  });

  it('tells loopback addresses from addresses other machines reach', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1'])
      expect(isLoopback(h), h).toBe(true);
    for (const h of [
      '0.0.0.0',
      '::',
      '192.168.1.10',
      '10.0.0.1',
      'keel.example',
      '::ffff:10.0.0.1',
      '128.0.0.1',
    ])
      expect(isLoopback(h), h).toBe(false);
  });
});
