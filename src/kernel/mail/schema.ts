import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/schema.ts';
import { workItems } from '../records/schema.ts';

/**
 * Every e-mail Keel sends or receives (docs/mail.md). Outbound rows are the outbox: written in the same
 * transaction as the notification they carry, sent afterwards by the `mail.send` job. Inbound rows record
 * what arrived and what Keel did with it (opened an item, added a comment, or ignored it and why).
 */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    direction: text('direction').$type<'out' | 'in'>().notNull(),
    /** out: queued → sent | failed | skipped; in: opened | commented | ignored | rejected */
    state: text('state').notNull(),
    /** Why it was ignored, rejected, skipped or failed (the last error). */
    reason: text('reason'),
    workItemId: uuid('work_item_id').references(() => workItems.id, { onDelete: 'set null' }),
    /** out: the recipient; in: the sender when Keel knows them. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    messageId: text('message_id').notNull(),
    inReplyTo: text('in_reply_to'),
    fromAddress: text('from_address').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** Notification kind (out), or the attachments kept (in): names and sizes. */
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('mail_messages_message_id_key').on(t.direction, t.messageId),
    index('mail_messages_item_idx').on(t.workItemId, t.id),
    index('mail_messages_queued_idx').on(t.id).where(sql`${t.state} = 'queued'`),
    index('mail_messages_sender_idx')
      .on(sql`lower(${t.fromAddress})`, t.createdAt)
      .where(sql`${t.direction} = 'in'`),
  ],
);

/**
 * How far the mail sender has read the notifications: each notification after it becomes an outbound mail
 * once. Set to the newest notification when a Keel process first sends mail, so turning mail on does not
 * send the past.
 */
export const mailCursor = pgTable('mail_cursor', {
  id: integer('id').primaryKey().default(1),
  lastNotificationId: bigint('last_notification_id', { mode: 'number' }).notNull(),
});
