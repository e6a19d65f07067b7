import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
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
import { customers, groups, users } from '../auth/schema.ts';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const workItemCounters = pgTable('work_item_counters', {
  type: text('type').primaryKey(),
  last: bigint('last', { mode: 'number' }).notNull().default(0),
});

/** Every kind of work (incident, request, problem, change, ...) is a row here plus a detail table per type. */
export const workItems = pgTable(
  'work_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type').notNull(),
    number: text('number').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    state: text('state').notNull(),
    priority: integer('priority'),
    requesterId: uuid('requester_id').references(() => users.id),
    assigneeId: uuid('assignee_id').references(() => users.id),
    /** The assignment group; queues read it without joining a type's own table. */
    groupId: uuid('group_id').references(() => groups.id),
    customerId: uuid('customer_id').references(() => customers.id),
    /** The service concerned (a foreign key to services is added by the migration: modules sit above the kernel). */
    serviceId: uuid('service_id'),
    /** The language the text is written in (en, nl, da) for stemming in search; null means unknown. */
    language: text('language'),
    /** Whether the state is one of the type's final states: open-item queues use partial indexes on it. */
    final: boolean('final').notNull().default(false),
    /** The earliest deadline of the item's running SLA clocks ("breaching soon" sorts and filters on it). */
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** Set while the item is a major incident (or similar): the major-incident queue reads it. */
    major: boolean('major').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('work_items_number_key').on(t.number),
    index('work_items_type_state_idx').on(t.type, t.state, t.updatedAt),
    index('work_items_assignee_idx').on(t.assigneeId).where(sql`${t.assigneeId} is not null`),
    // queue order: highest priority first, then oldest (coalesce puts items without priority last)
    index('work_items_open_queue_idx')
      .on(sql`coalesce(${t.priority}, 9)`, t.createdAt, t.id)
      .where(sql`not ${t.final}`),
    index('work_items_open_assignee_idx')
      .on(t.assigneeId, sql`coalesce(${t.priority}, 9)`, t.createdAt, t.id)
      .where(sql`not ${t.final}`),
    // the unassigned queue: its own small index, so the planner knows how few rows it holds
    index('work_items_open_unassigned_idx')
      .on(sql`coalesce(${t.priority}, 9)`, t.createdAt, t.id)
      .where(sql`not ${t.final} and ${t.assigneeId} is null`),
    index('work_items_open_group_idx')
      .on(t.groupId, sql`coalesce(${t.priority}, 9)`, t.createdAt, t.id)
      .where(sql`not ${t.final}`),
    index('work_items_open_major_idx')
      .on(sql`coalesce(${t.priority}, 9)`, t.createdAt, t.id)
      .where(sql`not ${t.final} and ${t.major}`),
    index('work_items_open_due_idx')
      .on(sql`coalesce(${t.dueAt}, 'infinity'::timestamptz)`, t.id)
      .where(sql`not ${t.final}`),
    index('work_items_requester_idx').on(t.requesterId, t.updatedAt, t.id),
    index('work_items_updated_idx').on(t.updatedAt, t.id),
    index('work_items_created_idx').on(t.createdAt, t.id),
    // a service's recent incidents (the burst check for a possible major incident), from the index alone
    index('work_items_service_idx').on(t.serviceId, t.createdAt, t.type),
    index('work_items_customer_idx').on(t.customerId, t.updatedAt),
  ],
);

export const comments = pgTable(
  'work_item_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workItemId: uuid('work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id),
    body: text('body').notNull(),
    internal: boolean('internal').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('work_item_comments_item_idx').on(t.workItemId, t.createdAt),
    // search ranks the newest matching comments
    index('work_item_comments_created_idx').on(t.createdAt),
  ],
);

/** File content lives apart from its metadata, addressed by SHA-256, so lists never read file bytes. */
export const attachmentBlobs = pgTable('attachment_blobs', {
  sha256: text('sha256').primaryKey(),
  content: bytea('content').notNull(),
});

export const attachments = pgTable(
  'work_item_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workItemId: uuid('work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => attachmentBlobs.sha256),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('work_item_attachments_item_idx').on(t.workItemId)],
);

export const links = pgTable(
  'work_item_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fromId: uuid('from_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    toId: uuid('to_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('work_item_links_key').on(t.fromId, t.toId, t.kind),
    index('work_item_links_to_idx').on(t.toId),
  ],
);

/** The requester's verdict on work done for them: 1–5 and a comment, once, when they confirm it. */
export const ratings = pgTable('work_item_ratings', {
  workItemId: uuid('work_item_id')
    .primaryKey()
    .references(() => workItems.id, { onDelete: 'cascade' }),
  score: integer('score').notNull(),
  comment: text('comment').notNull().default(''),
  ratedBy: uuid('rated_by').references(() => users.id),
  ratedAt: timestamp('rated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const watchers = pgTable(
  'work_item_watchers',
  {
    workItemId: uuid('work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.workItemId, t.userId] })],
);

export const fieldHistory = pgTable(
  'work_item_field_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workItemId: uuid('work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    field: text('field').notNull(),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    actorId: uuid('actor_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('work_item_field_history_item_idx').on(t.workItemId, t.id)],
);
