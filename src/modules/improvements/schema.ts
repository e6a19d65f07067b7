import { sql } from 'drizzle-orm';
import {
  boolean,
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
import type { ImprovementSource, ImprovementState } from './lifecycle.ts';

/**
 * A criterion the organisation evaluates opportunities by (10.2): benefit, effort, risk, alignment with the
 * objectives, ... with a weight; `higherIsBetter` false for effort-like criteria (a high score counts against).
 */
export const improvementCriteria = pgTable(
  'improvement_criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    weight: integer('weight').notNull().default(1),
    higherIsBetter: boolean('higher_is_better').notNull().default(true),
    position: integer('position').notNull().default(0),
    retired: boolean('retired').notNull().default(false),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('improvement_criteria_key_key').on(sql`lower(${t.key})`)],
);

/**
 * An opportunity for improvement in the register (10.2): where it came from, its scores against the criteria
 * (1–5 each) and the weighted score, the decision with its reason, its owner and plan (actions), and the
 * benefit measured — before and after, where a KPI measures it.
 */
export const improvements = pgTable(
  'improvements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    source: text('source').$type<ImprovementSource>().notNull(),
    /** The record it came from: a finding's code, a problem's or incident's number, a review's code. */
    sourceRef: text('source_ref').notNull().default(''),
    serviceId: uuid('service_id'),
    processKey: text('process_key'),
    objectiveId: uuid('objective_id'),
    ownerId: uuid('owner_id').references(() => users.id),
    state: text('state').$type<ImprovementState>().notNull().default('proposed'),
    scores: jsonb('scores').$type<Record<string, number>>().notNull().default({}),
    score: doublePrecision('score'),
    decisionReason: text('decision_reason').notNull().default(''),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    targetDate: date('target_date'),
    /** The KPI measuring the benefit (objectives' KPI keys), its value before, the target, the value after. */
    kpiKey: text('kpi_key'),
    baseline: doublePrecision('baseline'),
    target: doublePrecision('target'),
    measured: doublePrecision('measured'),
    benefits: text('benefits').notNull().default(''),
    realisedAt: timestamp('realised_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('improvements_code_key').on(sql`lower(${t.code})`),
    index('improvements_state_idx').on(t.state, t.updatedAt),
  ],
);

/** An action of an improvement's plan: what is done, by whom, by when. */
export const improvementActions = pgTable(
  'improvement_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    improvementId: uuid('improvement_id')
      .notNull()
      .references(() => improvements.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    responsibleId: uuid('responsible_id').references(() => users.id),
    due: date('due'),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [index('improvement_actions_improvement_idx').on(t.improvementId)],
);
