import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../testing/harness.ts';

/**
 * Migration 0023 turns deadlines, review and due dates stored as midnight UTC into calendar days. Run on a
 * server whose time zone is west of UTC (where a plain cast gives the day before), each keeps its UTC day, and
 * a queued risk review reminder is rewritten to the day's key and morning.
 */
const migration = readFileSync(new URL('../../../drizzle/0023_dates_as_dates.sql', import.meta.url), 'utf8')
  .split('--> statement-breakpoint')
  .map((s) => s.trim())
  .filter(Boolean);

let t: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  t = await freshDatabase();
});
afterAll(() => t.drop());

describe('migration 0023 (dates as dates)', () => {
  it('keeps each stored day, whatever the server’s time zone', async () => {
    const c = await t.db.$client.connect();
    try {
      // the columns as they were before it, holding midnight UTC
      await c.query(`
        alter table objectives alter column deadline type timestamptz using (deadline::timestamp at time zone 'UTC');
        alter table objective_actions alter column due type timestamptz using (due::timestamp at time zone 'UTC');
        alter table risks alter column review_due type timestamptz using (review_due::timestamp at time zone 'UTC');
        alter table risk_actions alter column due type timestamptz using (due::timestamp at time zone 'UTC')`);
      const user = await c.query(
        `insert into users (email, name) values ('owner@example.com', 'Owner') returning id`,
      );
      const owner = user.rows[0].id;
      const o = await c.query(
        `insert into objectives (code, title, owner_id, target, direction, unit, deadline, measurement)
         values ('OBJ-1', 'x', $1, 1, 'at_least', '%', '2026-12-31T00:00:00Z', '{"kind":"recorded"}') returning id`,
        [owner],
      );
      await c.query(
        `insert into objective_actions (objective_id, title, due) values ($1, 'a', '2027-01-01T00:00:00Z')`,
        [o.rows[0].id],
      );
      const r = await c.query(
        `insert into risks (code, kind, title, owner_id, inherent_likelihood, inherent_impact, residual_likelihood,
                            residual_impact, treatment, review_due)
         values ('RSK-001', 'risk', 'x', $1, 1, 1, 1, 1, 'accept', '2026-03-01T00:00:00Z') returning id`,
        [owner],
      );
      const riskId = r.rows[0].id;
      await c.query(
        `insert into risk_actions (risk_id, title, due) values ($1, 'a', '2026-06-30T00:00:00Z')`,
        [riskId],
      );
      await c.query(
        `insert into jobs (kind, payload, due_at, unique_key) values ('risk.review_due', $1, '2026-03-01T00:00:00Z', $2)`,
        [
          JSON.stringify({ riskId, due: '2026-03-01T00:00:00.000Z' }),
          `risk-review:${riskId}:2026-03-01T00:00:00.000Z`,
        ],
      );

      await c.query(`set time zone 'America/Los_Angeles'`);
      const naive = await c.query(`select deadline::date::text as d from objectives`);
      expect(naive.rows[0].d).toBe('2026-12-30'); // what a plain cast would have kept
      for (const statement of migration) await c.query(statement);

      const days = await c.query(`
        select (select deadline::text from objectives) as deadline,
               (select due::text from objective_actions) as objective_action,
               (select review_due::text from risks) as review,
               (select due::text from risk_actions) as risk_action`);
      expect(days.rows[0]).toEqual({
        deadline: '2026-12-31',
        objective_action: '2027-01-01',
        review: '2026-03-01',
        risk_action: '2026-06-30',
      });
      const job = await c.query(
        `select payload, unique_key, due_at from jobs where kind = 'risk.review_due'`,
      );
      expect(job.rows).toEqual([
        {
          payload: { riskId, due: '2026-03-01' },
          unique_key: `risk-review:${riskId}:2026-03-01`,
          due_at: new Date('2026-03-01T07:00:00Z'),
        },
      ]);
    } finally {
      c.release();
    }
  });
});
