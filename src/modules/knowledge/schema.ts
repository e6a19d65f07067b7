import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  customType,
  date,
  index,
  integer,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { customers, users } from '../../kernel/auth/schema.ts';
import { attachmentBlobs, workItems } from '../../kernel/records/schema.ts';
import { services } from '../portfolio/schema.ts';
import type { ArticleAudience, ArticleState, ArticleType, VersionState } from './lifecycle.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Article numbers: KB-000001, KB-000002, ... */
export const articleNumbers = pgSequence('article_number_seq');

/**
 * A knowledge article (ISO/IEC 20000-1 7.6, docs/knowledge.md): what stays the same across its versions —
 * type, audience, language, owner, services, tags, review and expiry dates — and a copy of the published
 * version's title, summary and body, which readers and search read without joining the versions.
 */
export const articles = pgTable(
  'articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    type: text('type').$type<ArticleType>().notNull(),
    /** Who may read it once published: agents only, customers (of the organisations listed, or all), everyone. */
    audience: text('audience').$type<ArticleAudience>().notNull(),
    /** en, nl or da: the language it is written in, and stemmed in for search. */
    language: text('language').notNull(),
    /** The article this one translates (all translations point at the same original). */
    translationOf: uuid('translation_of').references((): AnyPgColumn => articles.id),
    state: text('state').$type<ArticleState>().notNull().default('draft'),
    ownerId: uuid('owner_id').references(() => users.id),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** The published version's number and text (empty until first published). */
    publishedVersion: integer('published_version'),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    body: text('body').notNull().default(''),
    search: tsvector('search'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** When the owner should check it is still right; past it, the article is flagged stale. */
    reviewBy: date('review_by', { mode: 'string' }),
    /** After it, the article is no longer shown to readers. */
    expiresOn: date('expires_on', { mode: 'string' }),
    views: integer('views').notNull().default(0),
    helpful: integer('helpful').notNull().default(0),
    notHelpful: integer('not_helpful').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('articles_number_key').on(t.number),
    index('articles_search_idx').using('gin', t.search),
    index('articles_state_idx').on(t.state, t.updatedAt),
    index('articles_translation_idx').on(t.translationOf),
    index('articles_tags_idx').using('gin', t.tags),
  ],
);

/**
 * One version of an article: written as a draft, submitted for review, then approved (which publishes it)
 * or returned to its author. The published version stays live while the next one is drafted.
 */
export const articleVersions = pgTable(
  'article_versions',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    state: text('state').$type<VersionState>().notNull().default('draft'),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    body: text('body').notNull().default(''),
    /** What changed and why, for the reviewer. */
    changeNote: text('change_note').notNull().default(''),
    authorId: uuid('author_id').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note').notNull().default(''),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.number] })],
);

/** The services an article is about. */
export const articleServices = pgTable(
  'article_services',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.serviceId] }),
    index('article_services_service_idx').on(t.serviceId),
  ],
);

/** The customer organisations an article for customers is restricted to (none listed: all customers). */
export const articleCustomers = pgTable(
  'article_customers',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.customerId] }),
    index('article_customers_customer_idx').on(t.customerId),
  ],
);

/** Work items an article is linked to (an incident it helped with, the problem a known-error article describes). */
export const articleLinks = pgTable(
  'article_links',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    workItemId: uuid('work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    /** Whether it was sent to the requester in a reply (not only linked). */
    sent: boolean('sent').notNull().default(false),
    linkedBy: uuid('linked_by').references(() => users.id),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.workItemId] }),
    index('article_links_item_idx').on(t.workItemId),
  ],
);

/** "Was this helpful?": one answer per person and article (changed by answering again). */
export const articleFeedback = pgTable(
  'article_feedback',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    helpful: boolean('helpful').notNull(),
    comment: text('comment').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.userId] })],
);

/**
 * What a portal user did after Keel suggested articles while they typed an incident's title: gave up
 * reporting (deflected: the answer was enough) or reported anyway. The deflection rate counts these.
 */
export const knowledgeDeflections = pgTable(
  'knowledge_deflections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    customerId: uuid('customer_id').references(() => customers.id),
    articleId: uuid('article_id').references(() => articles.id, { onDelete: 'set null' }),
    query: text('query').notNull().default(''),
    outcome: text('outcome').$type<'deflected' | 'reported'>().notNull(),
    workItemId: uuid('work_item_id').references(() => workItems.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('knowledge_deflections_at_idx').on(t.at)],
);

/** Files attached to an article; the bytes live in the shared content-addressed blobs. */
export const articleAttachments = pgTable(
  'article_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => attachmentBlobs.sha256),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('article_attachments_article_idx').on(t.articleId)],
);
