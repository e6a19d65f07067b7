import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/schema.ts';
import { workItems } from '../../kernel/records/schema.ts';
import type { ClosedBy, Effectiveness, NonconformitySource, Severity } from './lifecycle.ts';

/**
 * A nonconformity's own fields (10.1, docs/check-and-act.md): where it came from, how bad it is, the
 * correction made at once, the root-cause analysis, the check for similar nonconformities, and the check of
 * the corrective actions' effectiveness at a set date. Title, description, state, owner (assignee) and
 * service live in `work_items` like every work item's.
 */
export const nonconformities = pgTable(
  'nonconformities',
  {
    workItemId: uuid('work_item_id')
      .primaryKey()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    source: text('source').$type<NonconformitySource>().notNull(),
    /** The record it came from: a finding's code, an incident's or complaint's number, a review's code. */
    sourceRef: text('source_ref').notNull().default(''),
    findingId: uuid('finding_id'),
    severity: text('severity').$type<Severity>().notNull(),
    clause: text('clause'),
    processKey: text('process_key'),
    correction: text('correction').notNull().default(''),
    correctedAt: timestamp('corrected_at', { withTimezone: true }),
    rootCause: text('root_cause').notNull().default(''),
    rootCauseMethod: text('root_cause_method').notNull().default(''),
    /** Whether similar nonconformities exist or could occur elsewhere, and what was found. */
    similar: text('similar').notNull().default(''),
    effectivenessDue: date('effectiveness_due'),
    effectiveness: text('effectiveness').$type<Effectiveness>(),
    effectivenessNote: text('effectiveness_note').notNull().default(''),
    effectivenessBy: uuid('effectiveness_by').references(() => users.id),
    effectivenessAt: timestamp('effectiveness_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('nonconformities_finding_idx').on(t.findingId)],
);

/** A corrective action: a tracked task with its owner and due date; escalated once when overdue. */
export const correctiveActions = pgTable(
  'corrective_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workItemId: uuid('work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    responsibleId: uuid('responsible_id')
      .notNull()
      .references(() => users.id),
    due: date('due').notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneNote: text('done_note').notNull().default(''),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('corrective_actions_item_idx').on(t.workItemId),
    index('corrective_actions_due_idx').on(t.due),
  ],
);

/** How nonconformities are handled here (one row): who closes them, how long until the effectiveness check. */
export const nonconformitySettings = pgTable('nonconformity_settings', {
  id: integer('id').primaryKey().default(1),
  closedBy: text('closed_by').$type<ClosedBy>().notNull().default('either'),
  effectivenessDays: integer('effectiveness_days').notNull().default(60),
  setBy: uuid('set_by').references(() => users.id),
  setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});
