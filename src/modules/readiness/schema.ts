import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/schema.ts';

/**
 * The organisation's word on one clause of the register (docs/check-and-act.md): the clauses themselves are
 * data shipped with Keel (clauses.ts); a row here exists only once someone marked a clause not applicable
 * (with the justification an auditor will ask for) or applicable again.
 */
export const clauseApplicability = pgTable('clause_applicability', {
  clause: text('clause').primaryKey(),
  applicable: boolean('applicable').notNull(),
  justification: text('justification').notNull().default(''),
  decidedBy: uuid('decided_by').references(() => users.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/**
 * A requirement of the organisation's own in the register (a contract's, a law's, a customer's), filed under
 * the clause it belongs with, with its owner and how it is evidenced; reviewed every `reviewMonths`.
 */
export const ownRequirements = pgTable(
  'own_requirements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    source: text('source').$type<'contract' | 'legal' | 'regulatory' | 'customer' | 'internal'>().notNull(),
    /** Where it comes from: the contract's number, the law's article. */
    reference: text('reference').notNull().default(''),
    clause: text('clause'),
    ownerId: uuid('owner_id').references(() => users.id),
    /** How it is met and where the evidence is. */
    evidence: text('evidence').notNull().default(''),
    reviewMonths: integer('review_months').notNull().default(12),
    lastReviewedAt: timestamp('last_reviewed_at', { withTimezone: true }),
    retired: boolean('retired').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('own_requirements_code_key').on(sql`lower(${t.code})`)],
);

/**
 * The organisation's setting of one evidence rule's freshness (the rules are data in rules.ts with Keel's
 * defaults): how old the newest evidence may be, and how much of it there must be in that window.
 */
export const evidenceRuleSettings = pgTable('evidence_rule_settings', {
  rule: text('rule').primaryKey(),
  maxAgeDays: integer('max_age_days').notNull(),
  minCount: integer('min_count').notNull().default(1),
  setBy: uuid('set_by').references(() => users.id),
  setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** An evidence pack made: by whom, for which period, what its manifest hashed to and the audit chain's head. */
export const evidencePacks = pgTable(
  'evidence_packs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    madeBy: uuid('made_by').references(() => users.id),
    madeAt: timestamp('made_at', { withTimezone: true }).notNull().defaultNow(),
    periodFrom: timestamp('period_from', { withTimezone: true }).notNull(),
    periodTo: timestamp('period_to', { withTimezone: true }).notNull(),
    manifestSha256: text('manifest_sha256').notNull(),
    /** The audit log entry the pack is tied to (the newest sealed one) and its hash. */
    auditHeadId: text('audit_head_id'),
    auditHeadHash: text('audit_head_hash'),
    files: integer('files').notNull(),
    bytes: integer('bytes').notNull(),
  },
  (t) => [index('evidence_packs_made_at_idx').on(t.madeAt)],
);
