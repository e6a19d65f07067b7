import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

/**
 * Append-only audit log. Writers insert unsealed rows in their own transaction; the sealer later gives
 * each row a sequence number and a hash covering the previous row's hash, so writers never wait on the chain.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The writing transaction: the sealer only seals rows of transactions that can no longer commit later. */
    txId: xid8('tx_id').notNull().default(sql`pg_current_xact_id()`),
    at: timestamp('at', { withTimezone: true, precision: 6 }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    recordType: text('record_type').notNull(),
    recordId: text('record_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    seq: bigint('seq', { mode: 'number' }).unique(),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_log_unsealed_idx').on(t.id).where(sql`${t.seq} is null`),
    index('audit_log_record_idx').on(t.recordType, t.recordId),
    index('audit_log_at_idx').on(t.at),
  ],
);

/** The chain's head: the last sealed sequence number and its hash; catches deletion of the newest rows. */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull().defaultNow(),
});
