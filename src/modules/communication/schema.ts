import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/schema.ts';

/** The communication plan (7.4): what is communicated, to whom, how often, how and by whom. */
export const communicationEntries = pgTable('communication_entries', {
  id: uuid('id').primaryKey().defaultRandom(),
  subject: text('subject').notNull(),
  audience: text('audience').notNull(),
  channel: text('channel').notNull(),
  frequency: text('frequency').$type<'once' | 'monthly' | 'quarterly' | 'yearly'>().notNull(),
  responsibleId: uuid('responsible_id')
    .notNull()
    .references(() => users.id),
  firstDue: date('first_due').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** One dated occurrence of a communication plan entry: a task for its responsible person. */
export const communicationTasks = pgTable(
  'communication_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => communicationEntries.id),
    dueOn: date('due_on').notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by').references(() => users.id),
    note: text('note').notNull().default(''),
  },
  (t) => [
    uniqueIndex('communication_tasks_entry_due_key').on(t.entryId, t.dueOn),
    index('communication_tasks_open_idx').on(t.dueOn).where(sql`done_at is null`),
  ],
);
