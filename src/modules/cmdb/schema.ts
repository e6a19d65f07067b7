import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/schema.ts';
import type { AttributeDef, Names } from './shapes.ts';

/** The JSON columns hold what the API declares (shapes.ts); portfolio's schema names its texts with Names. */
export type { AttributeDef, Names };

export const ciClasses = pgTable('ci_classes', {
  key: text('key').primaryKey(),
  names: jsonb('names').$type<Names>().notNull(),
  description: text('description').notNull().default(''),
  attributes: jsonb('attributes').$type<AttributeDef[]>().notNull().default([]),
  builtIn: boolean('built_in').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const cis = pgTable(
  'cis',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    classKey: text('class_key')
      .notNull()
      .references(() => ciClasses.key),
    name: text('name').notNull(),
    externalId: text('external_id'),
    status: text('status').notNull().default('planned'),
    ownerId: uuid('owner_id').references(() => users.id),
    locationId: uuid('location_id'),
    description: text('description').notNull().default(''),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    purchaseDate: date('purchase_date'),
    supplier: text('supplier'),
    cost: numeric('cost', { precision: 14, scale: 2 }),
    warrantyEnd: date('warranty_end'),
    disposalDate: date('disposal_date'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('cis_class_name_key').on(t.classKey, sql`lower(${t.name})`),
    uniqueIndex('cis_external_id_key').on(t.externalId).where(sql`${t.externalId} is not null`),
    index('cis_status_idx').on(t.status),
    index('cis_name_idx').on(sql`lower(${t.name})`, t.id),
    index('cis_updated_idx').on(t.updatedAt, t.id),
    index('cis_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    index('cis_external_id_trgm_idx').using('gin', sql`${t.externalId} gin_trgm_ops`),
    index('cis_location_idx').on(t.locationId).where(sql`${t.locationId} is not null`),
  ],
);

export const ciRelationshipTypes = pgTable('ci_relationship_types', {
  key: text('key').primaryKey(),
  forward: jsonb('forward').$type<Names>().notNull(),
  reverse: jsonb('reverse').$type<Names>().notNull(),
});

/** source → target reads "source needs target"; impact upstream walks to sources, downstream to targets. */
export const ciRelationships = pgTable(
  'ci_relationships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => cis.id, { onDelete: 'cascade' }),
    targetId: uuid('target_id')
      .notNull()
      .references(() => cis.id, { onDelete: 'cascade' }),
    typeKey: text('type_key')
      .notNull()
      .references(() => ciRelationshipTypes.key),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ci_relationships_key').on(t.sourceId, t.targetId, t.typeKey),
    index('ci_relationships_target_idx').on(t.targetId, t.sourceId),
  ],
);

export const ciHistory = pgTable(
  'ci_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ciId: uuid('ci_id')
      .notNull()
      .references(() => cis.id, { onDelete: 'cascade' }),
    field: text('field').notNull(),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    actorId: uuid('actor_id').references(() => users.id),
    /** The change record (CHG-...) this change belongs to, once linked. */
    changeRef: text('change_ref'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ci_history_ci_idx').on(t.ciId, t.id)],
);

/**
 * Configuration verification (ISO/IEC 20000-1 8.2.6): an audit checks a set of CIs against reality.
 * planned → in_progress (first check recorded) → completed (every CI checked); cancelled before that.
 */
export const ciAudits = pgTable('ci_audits', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  /** The class audited, or null for a sample across all CIs in use. */
  classKey: text('class_key').references(() => ciClasses.key),
  sampleSize: integer('sample_size'),
  plannedFor: date('planned_for').notNull(),
  state: text('state').notNull().default('planned'),
  auditorId: uuid('auditor_id').references(() => users.id),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
});

export const ciAuditItems = pgTable(
  'ci_audit_items',
  {
    auditId: uuid('audit_id')
      .notNull()
      .references(() => ciAudits.id, { onDelete: 'cascade' }),
    ciId: uuid('ci_id')
      .notNull()
      .references(() => cis.id, { onDelete: 'cascade' }),
    /** null until checked; match or mismatch. */
    result: text('result'),
    discrepancy: text('discrepancy'),
    followUp: text('follow_up'),
    followUpDone: boolean('follow_up_done').notNull().default(false),
    checkedBy: uuid('checked_by').references(() => users.id),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('ci_audit_items_key').on(t.auditId, t.ciId), index('ci_audit_items_ci_idx').on(t.ciId)],
);
