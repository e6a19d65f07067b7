import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../testing/harness.ts';
import type { Db } from './database.ts';
import { isoTimestamp, isoTimestampOrNull } from './timestamps.ts';

let db: Db;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
});
afterAll(() => drop());

/** Points in time as PostgreSQL writes them in a time zone: whole seconds, every fraction length, leap days. */
async function written(zone: string): Promise<string[]> {
  const client = await db.$client.connect();
  try {
    await client.query(`set time zone '${zone}'`);
    // text as PostgreSQL sends it, not parsed by the driver
    const res = await client.query<{ t: string }>(`
      select (timestamptz '1999-12-31 23:59:59.999999+00'
              + make_interval(secs => k * 86400.0 * 3.3 + (k % 7) * 0.1 + (k % 11) * 0.000001 + (k % 5) * 0.0123))::text as t
        from generate_series(0, 3000) k
      union all select unnest(array['2024-02-29 12:00:00+00', '2026-03-29 01:00:00.5+00', '1970-01-01 00:00:00+00',
                                    '2026-11-22 02:36:22.999999+00', '2026-11-22 02:36:22.1+00'])::timestamptz::text`);
    return res.rows.map((r) => r.t);
  } finally {
    await client.query('reset time zone');
    client.release();
  }
}

describe('isoTimestamp', () => {
  it('writes what Date#toISOString writes, for PostgreSQL text in UTC and in other time zones', async () => {
    for (const zone of ['UTC', 'Asia/Kolkata', 'America/St_Johns', 'Europe/Amsterdam']) {
      const texts = await written(zone);
      expect(texts.length).toBeGreaterThan(3000);
      for (const t of texts) expect(isoTimestamp(t), `${zone}: ${t}`).toBe(new Date(t).toISOString());
    }
  });

  it('takes Dates, and keeps null as null', () => {
    const d = new Date('2026-11-22T02:36:22.123Z');
    expect(isoTimestamp(d)).toBe('2026-11-22T02:36:22.123Z');
    expect(isoTimestampOrNull(null)).toBeNull();
    expect(isoTimestampOrNull(undefined)).toBeNull();
    expect(isoTimestampOrNull('2026-11-22 02:36:22+00')).toBe('2026-11-22T02:36:22.000Z');
    expect(isoTimestamp('0999-01-01 00:00:00.25+00')).toBe('0999-01-01T00:00:00.250Z');
  });
});
