import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../testing/harness.ts';
import type { Db } from './database.ts';
import { PER_CONNECTION, PLAN_EACH_TIME, PREPARE_AFTER, statementName } from './prepared.ts';

let db: Db;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
});
afterAll(() => drop());

/** The statements prepared on one of the pool's connections, read on that same connection. */
async function preparedOnOneConnection(run: (client: pg.PoolClient) => Promise<void>): Promise<string[]> {
  const client = await db.$client.connect();
  try {
    await run(client);
    const res = await client.query<{ name: string }>('select name from pg_prepared_statements');
    return res.rows.map((r) => r.name);
  } finally {
    client.release();
  }
}

describe('statements sent again and again', () => {
  it('are prepared once their text has been seen often enough, and give the same answers', async () => {
    const text = 'select $1::int + 1 as n -- prepared.test a';
    const answers: number[] = [];
    const names = await preparedOnOneConnection(async (client) => {
      for (let i = 0; i < PREPARE_AFTER + 2; i++) {
        const r = await client.query<{ n: number }>({ text, values: [i] });
        answers.push(r.rows[0]!.n);
      }
    });
    expect(answers).toEqual([1, 2, 3, 4, 5]);
    expect(names).toContain(statementName(text));
  });

  it('are not prepared when seen rarely, without parameters (which may be several statements), or when marked to be planned each time', async () => {
    const rare = 'select $1::int as n -- prepared.test rare';
    const bare = 'select 2 as n -- prepared.test bare';
    const planned = `select $1::int as n where ${PLAN_EACH_TIME} true -- prepared.test planned each time`;
    const names = await preparedOnOneConnection(async (client) => {
      await client.query({ text: rare, values: [1] });
      for (let i = 0; i < PREPARE_AFTER + 2; i++) await client.query({ text: planned, values: [i] });
      for (let i = 0; i < PREPARE_AFTER + 2; i++) await client.query({ text: bare });
      await client.query('select 1; select 2');
    });
    expect(names).not.toContain(statementName(rare));
    expect(names).not.toContain(statementName(bare));
    expect(names).not.toContain(statementName(planned));
  });

  it('come through drizzle, which Keel builds its statements with', async () => {
    const names = await preparedOnOneConnection(async (client) => {
      const onConnection = drizzle(client);
      for (let i = 0; i < PREPARE_AFTER; i++)
        await onConnection.execute(sql`select ${i}::int as n, 'prepared.test drizzle' as label`);
    });
    expect(names).toContain(statementName("select $1::int as n, 'prepared.test drizzle' as label"));
  });

  it('stay usable after a transaction that used them failed and was rolled back', async () => {
    const text = 'select 10 / $1::int as n -- prepared.test error';
    const names = await preparedOnOneConnection(async (client) => {
      for (let i = 0; i < PREPARE_AFTER; i++) await client.query({ text, values: [5] });
      await client.query('begin');
      await expect(client.query({ text, values: [0] })).rejects.toThrow(/division by zero/);
      await client.query('rollback');
      const r = await client.query<{ n: number }>({ text, values: [2] });
      expect(r.rows[0]!.n).toBe(5);
    });
    expect(names).toContain(statementName(text));
  });

  it('are bounded per connection', async () => {
    const names = await preparedOnOneConnection(async (client) => {
      for (let k = 0; k < PER_CONNECTION + 20; k++) {
        const text = `select $1::int as n -- prepared.test bound ${k}`;
        for (let i = 0; i < PREPARE_AFTER; i++) await client.query({ text, values: [k] });
      }
    });
    expect(names.length).toBeLessThanOrEqual(PER_CONNECTION);
    expect(names.length).toBeGreaterThan(0);
  });
});
