import { sql } from 'drizzle-orm';
import {
  date,
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
import type { RiskStatus } from './lifecycle.ts';
import type { Treatment } from './policy.ts';

/** How risks are scored (6.1), set by top management: likelihood and impact scales 1–5, the acceptable score. */
export const riskCriteria = pgTable('risk_criteria', {
  id: integer('id').primaryKey().default(1),
  likelihood: jsonb('likelihood').$type<string[]>().notNull(),
  impact: jsonb('impact').$type<string[]>().notNull(),
  /** A residual score (likelihood × impact) at or below this is acceptable. */
  acceptable: integer('acceptable').notNull(),
  setBy: uuid('set_by').references(() => users.id),
  setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** A risk or an opportunity: causes, what it touches, scores before and after treatment, owner, review date. */
export const risks = pgTable(
  'risks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    kind: text('kind').$type<'risk' | 'opportunity'>().notNull(),
    title: text('title').notNull(),
    causes: text('causes').notNull().default(''),
    consequences: text('consequences').notNull().default(''),
    serviceIds: uuid('service_ids').array().notNull().default(sql`'{}'::uuid[]`),
    ciIds: uuid('ci_ids').array().notNull().default(sql`'{}'::uuid[]`),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    inherentLikelihood: integer('inherent_likelihood').notNull(),
    inherentImpact: integer('inherent_impact').notNull(),
    residualLikelihood: integer('residual_likelihood').notNull(),
    residualImpact: integer('residual_impact').notNull(),
    treatment: text('treatment').$type<Treatment>().notNull(),
    /** Who accepted a score above the acceptable level (top management only), and when. */
    acceptedBy: uuid('accepted_by').references(() => users.id),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    reviewDue: date('review_due').notNull(),
    status: text('status').$type<RiskStatus>().notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('risks_code_key').on(t.code)],
);

/** A treatment action: what is done about a risk, by whom, by when. */
export const riskActions = pgTable(
  'risk_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    riskId: uuid('risk_id')
      .notNull()
      .references(() => risks.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    responsibleId: uuid('responsible_id').references(() => users.id),
    due: date('due'),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [index('risk_actions_risk_idx').on(t.riskId)],
);
