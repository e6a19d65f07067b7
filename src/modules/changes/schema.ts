import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/schema.ts';
import { workItems } from '../../kernel/records/schema.ts';
import { cis } from '../cmdb/schema.ts';
import type { ChangeKind, ChangeOutcome, ChangeRisk } from './lifecycle.ts';

/**
 * A change's own fields (docs/changes.md); title, description, service, state and people live in
 * `work_items` like every other work item's.
 */
export const changes = pgTable(
  'changes',
  {
    workItemId: uuid('work_item_id')
      .primaryKey()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ChangeKind>().notNull(),
    risk: text('risk').$type<ChangeRisk>().notNull(),
    /** Why the change is needed: the business reason the change authority weighs. */
    reason: text('reason').notNull().default(''),
    implementationPlan: text('implementation_plan').notNull().default(''),
    backoutPlan: text('backout_plan').notNull().default(''),
    plannedStart: timestamp('planned_start', { withTimezone: true }),
    plannedEnd: timestamp('planned_end', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    /** When its outcome was recorded: the moment the change success rate counts it. */
    implementedAt: timestamp('implemented_at', { withTimezone: true }),
    outcome: text('outcome').$type<ChangeOutcome>(),
    outcomeNote: text('outcome_note').notNull().default(''),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('changes_implemented_idx').on(t.implementedAt)],
);

/** The configuration items a change touches. */
export const changeCis = pgTable(
  'change_cis',
  {
    workItemId: uuid('work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    ciId: uuid('ci_id')
      .notNull()
      .references(() => cis.id),
  },
  (t) => [primaryKey({ columns: [t.workItemId, t.ciId] }), index('change_cis_ci_idx').on(t.ciId)],
);
