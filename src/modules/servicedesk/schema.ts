import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { groups, users } from '../../kernel/auth/schema.ts';
import { workItems } from '../../kernel/records/schema.ts';
import { agreements } from '../agreements/schema.ts';
import { cis } from '../cmdb/schema.ts';

/** Impact × urgency → priority (1 highest). One row per cell; the service desk manager may change it. */
export const priorityMatrix = pgTable(
  'priority_matrix',
  {
    impact: integer('impact').notNull(),
    urgency: integer('urgency').notNull(),
    priority: integer('priority').notNull(),
  },
  (t) => [primaryKey({ columns: [t.impact, t.urgency] })],
);

/** Incident categories, named in three languages, with the skills that work on them needs. */
export const incidentCategories = pgTable('incident_categories', {
  code: text('code').primaryKey(),
  names: jsonb('names').$type<Record<string, string>>().notNull(),
  skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
  active: boolean('active').notNull().default(true),
});

/** The service desk's settings: one row. */
export const serviceDeskSettings = pgTable('service_desk_settings', {
  id: integer('id').primaryKey().default(1),
  /** A closed incident may be reopened within this many days of closing. */
  reopenDays: integer('reopen_days').notNull().default(10),
  /** A resolved incident nobody answers is closed after this many days. */
  autoCloseDays: integer('auto_close_days').notNull().default(5),
  /** Major incident: this priority or higher on a service at this criticality or higher (1 = highest). */
  majorPriority: integer('major_priority').notNull().default(1),
  majorCriticality: integer('major_criticality').notNull().default(1),
  /** Possible major incident: this many incidents on one service within this many minutes. */
  burstCount: integer('burst_count').notNull().default(5),
  burstMinutes: integer('burst_minutes').notNull().default(15),
  /** How often a major incident's owner must post an update. */
  majorUpdateMinutes: integer('major_update_minutes').notNull().default(30),
  version: integer('version').notNull().default(1),
});

/** What an incident adds to its work item. */
export const incidents = pgTable(
  'incidents',
  {
    workItemId: uuid('work_item_id')
      .primaryKey()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    impact: integer('impact').notNull(),
    urgency: integer('urgency').notNull(),
    /** Set when someone chose the priority rather than the matrix. */
    priorityOverridden: boolean('priority_overridden').notNull().default(false),
    category: text('category').references(() => incidentCategories.code),
    /** The agreement whose targets the clocks run against. */
    agreementId: uuid('agreement_id').references(() => agreements.id),
    pendingReason: text('pending_reason'),
    /** While pending on a supplier: which one (its underpinning contract's clocks run meanwhile). */
    supplierCiId: uuid('supplier_ci_id').references(() => cis.id),
    resolutionCode: text('resolution_code'),
    resolutionText: text('resolution_text'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Hierarchical escalation: 0 none, 1 incident manager, 2 and up further management. */
    escalationLevel: integer('escalation_level').notNull().default(0),
    majorOwnerId: uuid('major_owner_id').references(() => users.id),
    majorDeclaredAt: timestamp('major_declared_at', { withTimezone: true }),
    majorReason: text('major_reason'),
    nextUpdateDue: timestamp('next_update_due', { withTimezone: true }),
  },
  (t) => [index('incidents_agreement_idx').on(t.agreementId)],
);

/** The CIs an incident affects: chosen by a person, or computed from the service. */
export const incidentCis = pgTable(
  'incident_cis',
  {
    workItemId: uuid('work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    ciId: uuid('ci_id')
      .notNull()
      .references(() => cis.id),
    source: text('source').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workItemId, t.ciId] }), index('incident_cis_ci_idx').on(t.ciId)],
);

/** Functional (to another group) and hierarchical (up the management line) escalations, with reasons. */
export const escalations = pgTable(
  'incident_escalations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workItemId: uuid('work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    fromGroupId: uuid('from_group_id').references(() => groups.id),
    toGroupId: uuid('to_group_id').references(() => groups.id),
    level: integer('level'),
    reason: text('reason').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incident_escalations_item_idx').on(t.workItemId, t.id)],
);

/** A major incident's communications log: what was said, to whom, by whom. */
export const majorUpdates = pgTable(
  'major_incident_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workItemId: uuid('work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    audience: text('audience').notNull(),
    body: text('body').notNull(),
    authorId: uuid('author_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('major_incident_updates_item_idx').on(t.workItemId, t.id)],
);

/** The post-incident review of a major incident, opened when it is resolved. */
export const postIncidentReviews = pgTable('post_incident_reviews', {
  workItemId: uuid('work_item_id')
    .primaryKey()
    .references(() => workItems.id, { onDelete: 'cascade' }),
  state: text('state').notNull().default('open'),
  summary: text('summary').notNull().default(''),
  rootCause: text('root_cause').notNull().default(''),
  /** Whether the review found the root cause; a completed review that did not opens a problem (docs/problems.md). */
  rootCauseKnown: boolean('root_cause_known'),
  wentWell: text('went_well').notNull().default(''),
  improvements: text('improvements').notNull().default(''),
  completedBy: uuid('completed_by').references(() => users.id),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});
