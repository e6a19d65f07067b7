import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull().default({}),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull().defaultNow(),
    /** queued → running → done | failed | queued (retry); running is visible only inside the worker's transaction. */
    state: text('state').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(10),
    lastError: text('last_error'),
    /** Scheduling the same timer twice (for example one SLA breach) keeps one job. */
    uniqueKey: text('unique_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('jobs_due_idx').on(t.dueAt).where(sql`${t.state} = 'queued'`),
    uniqueIndex('jobs_unique_key').on(t.uniqueKey).where(sql`${t.state} = 'queued'`),
  ],
);
