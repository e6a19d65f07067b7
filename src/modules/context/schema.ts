import { sql } from 'drizzle-orm';
import { boolean, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/schema.ts';
import type { IssueKind, IssueStatus, PartyKind } from './lifecycle.ts';

/** Internal and external issues that affect the service management system (4.1). */
export const contextIssues = pgTable('context_issues', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').$type<IssueKind>().notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  /** How the issue affects the SMS and what Keel's users do about it. */
  effect: text('effect').notNull().default(''),
  climateRelated: boolean('climate_related').notNull().default(false),
  status: text('status').$type<IssueStatus>().notNull().default('open'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** Interested parties and their requirements (4.2). */
export const interestedParties = pgTable('interested_parties', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  kind: text('kind').$type<PartyKind>().notNull(),
  requirements: text('requirements').notNull().default(''),
  howAddressed: text('how_addressed').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/**
 * The scope of the SMS (4.3), one row per version, never changed: the statement, the services, organisational
 * units and locations in scope, and top management's decision whether climate change is a relevant issue.
 */
export const scopeStatements = pgTable(
  'scope_statements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: integer('number').notNull(),
    statement: text('statement').notNull(),
    serviceIds: uuid('service_ids').array().notNull().default(sql`'{}'::uuid[]`),
    units: text('units').array().notNull().default(sql`'{}'::text[]`),
    locations: text('locations').array().notNull().default(sql`'{}'::text[]`),
    exclusions: text('exclusions').notNull().default(''),
    climateRelevant: boolean('climate_relevant').notNull(),
    climateReasoning: text('climate_reasoning').notNull(),
    reason: text('reason').notNull().default(''),
    authorId: uuid('author_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('scope_statements_number_key').on(t.number)],
);
