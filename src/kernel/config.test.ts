import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

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
});
