import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/schema.ts';
import { workItems } from '../../kernel/records/schema.ts';
import { agreements } from '../agreements/schema.ts';
import { services } from '../portfolio/schema.ts';
import type { Approval, FormField, ItemTexts, TaskTemplate } from './form.ts';

/** A request offering of a service (docs/requests.md): its form, approvals and fulfilment tasks. */
export const catalogueItems = pgTable(
  'catalogue_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    texts: jsonb('texts').$type<ItemTexts>().notNull(),
    form: jsonb('form').$type<FormField[]>().notNull().default([]),
    approval: jsonb('approval').$type<Approval>().notNull().default({ mode: 'none', approvers: [] }),
    tasks: jsonb('tasks').$type<TaskTemplate[]>().notNull().default([]),
    /** The customers who may order it; empty: every customer the service is offered to. */
    customerIds: uuid('customer_ids').array().notNull().default(sql`'{}'::uuid[]`),
    active: boolean('active').notNull().default(true),
    /** An address whose mails order this item (the mail's text becomes the request's note). */
    mailAddress: text('mail_address'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('catalogue_items_service_idx').on(t.serviceId),
    uniqueIndex('catalogue_items_mail_address_key').on(sql`lower(${t.mailAddress})`),
  ],
);

export const requests = pgTable('requests', {
  workItemId: uuid('work_item_id')
    .primaryKey()
    .references(() => workItems.id, { onDelete: 'cascade' }),
  catalogueItemId: uuid('catalogue_item_id')
    .notNull()
    .references(() => catalogueItems.id),
  /** The answers as validated and normalised at submission. */
  answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
  approvalMode: text('approval_mode').notNull().default('none'),
  agreementId: uuid('agreement_id').references(() => agreements.id),
  fulfilledAt: timestamp('fulfilled_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
});

export const requestApprovals = pgTable(
  'request_approvals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workItemId: uuid('work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    /** manager, service_owner, role or person: how the approver was named in the catalogue item. */
    kind: text('kind').notNull(),
    /** The person it falls to; null when anyone holding `role` may decide. */
    userId: uuid('user_id').references(() => users.id),
    role: text('role'),
    decision: text('decision').notNull().default('pending'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    comment: text('comment').notNull().default(''),
  },
  (t) => [
    index('request_approvals_item_idx').on(t.workItemId),
    index('request_approvals_pending_user_idx').on(t.userId).where(sql`${t.decision} = 'pending'`),
  ],
);

export const requestTasks = pgTable(
  'request_tasks',
  {
    taskId: uuid('task_id')
      .primaryKey()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    requestId: uuid('request_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    instructions: text('instructions').notNull().default(''),
  },
  (t) => [index('request_tasks_request_idx').on(t.requestId, t.position)],
);
