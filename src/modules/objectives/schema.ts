import { sql } from 'drizzle-orm';
import {
  bigserial,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/schema.ts';
import type { KpiKey } from './policy.ts';

/** How an objective is measured: a KPI Keel computes from live data, or a value its owner records. */
export type Measurement =
  | { kind: 'kpi'; kpi: KpiKey; priority?: number | null; serviceId?: string | null }
  | { kind: 'recorded' };

/** A measurable objective (ISO/IEC 20000-1 6.2): target, deadline, owner, how it is measured. */
export const objectives = pgTable(
  'objectives',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    businessGoal: text('business_goal').notNull().default(''),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    target: doublePrecision('target').notNull(),
    direction: text('direction').$type<'at_least' | 'at_most'>().notNull(),
    unit: text('unit').notNull(),
    period: text('period').$type<'month' | 'quarter'>().notNull().default('quarter'),
    /** The last day (a calendar date) by which the target is to be met. */
    deadline: date('deadline').notNull(),
    measurement: jsonb('measurement').$type<Measurement>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('objectives_code_key').on(sql`lower(${t.code})`)],
);

/** The plan of an objective: what is done, by whom, with what, by when. */
export const objectiveActions = pgTable(
  'objective_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    objectiveId: uuid('objective_id')
      .notNull()
      .references(() => objectives.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    responsibleId: uuid('responsible_id').references(() => users.id),
    resources: text('resources').notNull().default(''),
    due: date('due'),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [index('objective_actions_objective_idx').on(t.objectiveId)],
);

/** A value its owner recorded for a period, with the evidence for it. */
export const objectiveValues = pgTable(
  'objective_values',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    objectiveId: uuid('objective_id')
      .notNull()
      .references(() => objectives.id, { onDelete: 'cascade' }),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    value: doublePrecision('value').notNull(),
    evidence: text('evidence').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('objective_values_period_key').on(t.objectiveId, t.periodStart)],
);

/** A review of an objective: the status and value seen, and what was said. Append-only. */
export const objectiveReviews = pgTable(
  'objective_reviews',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    objectiveId: uuid('objective_id')
      .notNull()
      .references(() => objectives.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    value: doublePrecision('value'),
    note: text('note').notNull().default(''),
    reviewerId: uuid('reviewer_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('objective_reviews_objective_idx').on(t.objectiveId, t.id)],
);
