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
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/schema.ts';
import type { PolicyState } from './lifecycle.ts';

/**
 * Who a policy is for: everyone inside the provider, people with these access roles, members of these
 * groups, customers' users, suppliers' contacts (absent in versions published before suppliers could be named).
 */
export type Audience = {
  everyone: boolean;
  roles: string[];
  groupIds: string[];
  customers: boolean;
  suppliers?: boolean;
};

/** A policy (docs/governance.md): the document's identity; its text lives in its versions. */
export const policies = pgTable(
  'policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    identifier: text('identifier').notNull(),
    title: text('title').notNull(),
    kind: text('kind').$type<'service_management' | 'process' | 'other' | 'plan'>().notNull(),
    process: text('process'),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    reviewMonths: integer('review_months').notNull().default(12),
    approverRoles: text('approver_roles').array().notNull(),
    audience: jsonb('audience').$type<Audience>().notNull(),
    language: text('language').notNull().default('en'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('policies_identifier_key').on(sql`lower(${t.identifier})`)],
);

export const policyVersions = pgTable(
  'policy_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    state: text('state').$type<PolicyState>().notNull().default('draft'),
    body: text('body').notNull().default(''),
    changeNote: text('change_note').notNull().default(''),
    /** For the service management plan: the author's own text per section, kept to assemble the next version. */
    notes: jsonb('notes').$type<Record<string, string>>(),
    /** The audience this version was published to (the policy's audience at that moment). */
    audience: jsonb('audience').$type<Audience>(),
    authorId: uuid('author_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id),
    reviewDue: timestamp('review_due', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('policy_versions_number_key').on(t.policyId, t.number),
    // at most one version on its way (lifecycle.ts openStates), and one published, per policy
    uniqueIndex('policy_versions_open_key')
      .on(t.policyId)
      .where(sql`${t.state} in ('draft', 'in_review', 'approved')`),
    uniqueIndex('policy_versions_published_key').on(t.policyId).where(sql`${t.state} = 'published'`),
  ],
);

/** An approver's decision on a version in review: append-only, never edited. */
export const policyDecisions = pgTable(
  'policy_decisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => policyVersions.id, { onDelete: 'cascade' }),
    deciderId: uuid('decider_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    approved: boolean('approved').notNull(),
    comment: text('comment').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('policy_decisions_version_idx').on(t.versionId)],
);

/** A request to read a published version, and when the person confirmed having read it. */
export const policyAcknowledgements = pgTable(
  'policy_acknowledgements',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => policyVersions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    /** Closed unread because a newer version superseded it. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.userId] }),
    index('policy_acknowledgements_open_idx')
      .on(t.userId)
      .where(sql`${t.acknowledgedAt} is null and ${t.closedAt} is null`),
  ],
);
