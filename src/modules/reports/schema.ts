import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/schema.ts';
import type { ReportFormat, ReportFrequency, ReportKind } from './policy.ts';

/**
 * A scheduled service report (9.4): what is reported (a service level report for an agreement, the KPI pack,
 * the management review pack), how often, in which formats, to whom; the job sends it after each period.
 */
export const reportSchedules = pgTable('report_schedules', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  kind: text('kind').$type<ReportKind>().notNull(),
  /** The report's subject: an agreement's id for a service level report. */
  agreementId: uuid('agreement_id'),
  frequency: text('frequency').$type<ReportFrequency>().notNull(),
  formats: text('formats').array().$type<ReportFormat[]>().notNull(),
  /** Named recipients: people in Keel (by id) and addresses outside it. */
  recipientIds: uuid('recipient_ids').array().notNull(),
  recipientAddresses: text('recipient_addresses').array().notNull(),
  language: text('language').notNull().default('en'),
  active: boolean('active').notNull().default(true),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull(),
  ownerId: uuid('owner_id').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** One sending of a scheduled report: the period, to whom, which files with their hashes; evidence of 9.4. */
export const reportDistributions = pgTable(
  'report_distributions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scheduleId: uuid('schedule_id')
      .notNull()
      .references(() => reportSchedules.id, { onDelete: 'cascade' }),
    periodFrom: timestamp('period_from', { withTimezone: true }).notNull(),
    periodTo: timestamp('period_to', { withTimezone: true }).notNull(),
    recipients: text('recipients').array().notNull(),
    files: jsonb('files').$type<{ name: string; sha256: string; bytes: number }[]>().notNull(),
    status: text('status').$type<'sent' | 'failed'>().notNull(),
    error: text('error').notNull().default(''),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_distributions_schedule_idx').on(t.scheduleId, t.periodFrom)],
);
