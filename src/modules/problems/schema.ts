import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/schema.ts';
import { workItems } from '../../kernel/records/schema.ts';
import { cis } from '../cmdb/schema.ts';
import { services } from '../portfolio/schema.ts';
import type { ProblemOrigin, RcaMethod } from './lifecycle.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * A problem's own fields (docs/problems.md): the root-cause analysis, the known error's workaround and the
 * resolution. Title, description (the symptoms as first reported), service, priority, state and people live
 * in `work_items` like every other work item's; incidents and the fixing change are work-item links.
 */
export const problems = pgTable(
  'problems',
  {
    workItemId: uuid('work_item_id')
      .primaryKey()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    /** How it came to be recorded: proactively, from incidents, from a trend candidate, from a major incident. */
    origin: text('origin').$type<ProblemOrigin>().notNull().default('proactive'),
    symptoms: text('symptoms').notNull().default(''),
    /** What happened when, as the investigation reconstructed it. */
    timeline: text('timeline').notNull().default(''),
    cause: text('cause').notNull().default(''),
    contributingFactors: text('contributing_factors').notNull().default(''),
    /** The analysis method used, and the analysis itself as structured text (the whys, the fishbone's bones). */
    rcaMethod: text('rca_method').$type<RcaMethod>(),
    rcaAnalysis: text('rca_analysis').notNull().default(''),
    /** How to restore service until the cause is removed: what makes the problem a known error. */
    workaround: text('workaround').notNull().default(''),
    /** Whether the workaround may be shown to customers (a public note) or stays with the provider (internal). */
    workaroundPublic: boolean('workaround_public').notNull().default(false),
    knownErrorAt: timestamp('known_error_at', { withTimezone: true }),
    resolution: text('resolution').notNull().default(''),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /**
     * The title (in `work_items`) and workaround, stemmed in the problem's language: what known-error
     * suggestions rank by full text. A trigger on both tables keeps it (drizzle/0034_known_error_search.sql).
     */
    search: tsvector('search'),
    /** The title's trigrams (pg_trgm's show_trgm), kept with `search`: suggestions count those the text shares. */
    titleTrigrams: text('title_trigrams').array(),
  },
  (t) => [
    index('problems_known_error_idx').on(t.knownErrorAt).where(sql`${t.knownErrorAt} is not null`),
    index('problems_search_idx').using('gin', t.search),
    index('problems_workaround_trgm_idx').using('gin', t.workaround.op('gin_trgm_ops')),
  ],
);

/** The configuration items a problem concerns (known-error suggestions match incidents on them). */
export const problemCis = pgTable(
  'problem_cis',
  {
    workItemId: uuid('work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    ciId: uuid('ci_id')
      .notNull()
      .references(() => cis.id),
  },
  (t) => [primaryKey({ columns: [t.workItemId, t.ciId] }), index('problem_cis_ci_idx').on(t.ciId)],
);

/**
 * Trend detection's settings (one row): a candidate is proposed when at least `minIncidents` incidents on
 * one CI or service within `windowDays` have titles at least `minSimilarity` alike (pg_trgm).
 */
export const problemTrendSettings = pgTable('problem_trend_settings', {
  id: integer('id').primaryKey().default(1),
  minIncidents: integer('min_incidents').notNull().default(5),
  windowDays: integer('window_days').notNull().default(30),
  minSimilarity: real('min_similarity').notNull().default(0.3),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A problem candidate trend detection proposes: incidents on one CI or service with similar text. The
 * problem manager accepts it (a problem is recorded with the incidents linked) or dismisses it with a reason;
 * incidents a decided candidate held are never proposed again.
 */
export const problemCandidates = pgTable(
  'problem_candidates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id').references(() => services.id),
    ciId: uuid('ci_id').references(() => cis.id),
    /** A title proposed for the problem: the incidents' common words. */
    title: text('title').notNull(),
    state: text('state').$type<'open' | 'accepted' | 'dismissed'>().notNull().default('open'),
    firstSeen: timestamp('first_seen', { withTimezone: true }).notNull(),
    lastSeen: timestamp('last_seen', { withTimezone: true }).notNull(),
    reason: text('reason').notNull().default(''),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    problemId: uuid('problem_id').references(() => workItems.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('problem_candidates_state_idx').on(t.state, t.createdAt)],
);

/** The incidents a candidate holds. */
export const problemCandidateIncidents = pgTable(
  'problem_candidate_incidents',
  {
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => problemCandidates.id, { onDelete: 'cascade' }),
    workItemId: uuid('work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.candidateId, t.workItemId] }),
    index('problem_candidate_incidents_item_idx').on(t.workItemId),
  ],
);
