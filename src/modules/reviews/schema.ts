import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/schema.ts';
import type { ReviewState } from './lifecycle.ts';

/**
 * A management review (9.3): the period it looks back on, the meeting date, who chairs it; the inputs are
 * assembled from live data for the period (inputs.ts) with the preparer's commentary per input, and frozen
 * into `inputs` when the review is held; then attendance, decisions, actions, and the minutes approved by
 * top management.
 */
export const managementReviews = pgTable(
  'management_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    meetingOn: date('meeting_on').notNull(),
    location: text('location').notNull().default(''),
    chairId: uuid('chair_id').references(() => users.id),
    state: text('state').$type<ReviewState>().notNull().default('planned'),
    /** The preparer's words on each input, by the input's key. */
    commentary: jsonb('commentary').$type<Record<string, string>>().notNull().default({}),
    preparedBy: uuid('prepared_by').references(() => users.id),
    preparedAt: timestamp('prepared_at', { withTimezone: true }),
    /** The inputs as they were when the review was held: the minutes refer to these figures, not today's. */
    inputs: jsonb('inputs').$type<unknown>(),
    heldAt: timestamp('held_at', { withTimezone: true }),
    minutes: text('minutes').notNull().default(''),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    cancelReason: text('cancel_reason').notNull().default(''),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('management_reviews_code_key').on(sql`lower(${t.code})`),
    index('management_reviews_meeting_idx').on(t.meetingOn),
  ],
);

/** Who was invited to a review and whether they attended. */
export const reviewAttendees = pgTable(
  'management_review_attendees',
  {
    reviewId: uuid('review_id')
      .notNull()
      .references(() => managementReviews.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    attended: boolean('attended'),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.userId] })],
);

/** A decision of a review: on improvement, changes to the SMS or services, resources. Never edited once approved. */
export const reviewDecisions = pgTable(
  'management_review_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => managementReviews.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    /** What it is about: improvement, a change to the SMS or its services, resources, other. */
    topic: text('topic').$type<'improvement' | 'change' | 'resources' | 'other'>().notNull().default('other'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('management_review_decisions_review_idx').on(t.reviewId)],
);

/** An action from a review, tracked to closure (the next review's first input; the leadership dashboard). */
export const reviewActions = pgTable(
  'management_review_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => managementReviews.id, { onDelete: 'cascade' }),
    decisionId: uuid('decision_id').references(() => reviewDecisions.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    responsibleId: uuid('responsible_id').references(() => users.id),
    due: date('due'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneNote: text('done_note').notNull().default(''),
  },
  (t) => [
    index('management_review_actions_review_idx').on(t.reviewId),
    index('management_review_actions_open_idx').on(t.due).where(sql`${t.doneAt} is null`),
  ],
);

/** How often reviews are held and how long before one its chair and preparer are reminded (one row). */
export const reviewSchedule = pgTable('management_review_schedule', {
  id: integer('id').primaryKey().default(1),
  everyMonths: integer('every_months').notNull().default(12),
  remindDays: integer('remind_days').notNull().default(14),
  setBy: uuid('set_by').references(() => users.id),
  setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});
