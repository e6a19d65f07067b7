import { sql } from 'drizzle-orm';
import {
  date,
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
import type { AuditState, ChecklistAnswer, FindingKind, ProcessRisks, ProgrammeState } from './lifecycle.ts';

/** A piece of evidence pointed at: a record in Keel (by number or code and kind) or a file or address outside. */
export type EvidenceRef = { kind: 'record' | 'link' | 'attachment'; ref: string; label: string };

/**
 * An audit programme (9.2): audits planned over a cycle so every clause and process is covered, with the
 * method and how frequency follows risk and past results; approved by top management.
 */
export const auditProgrammes = pgTable(
  'audit_programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    cycleStart: date('cycle_start').notNull(),
    cycleEnd: date('cycle_end').notNull(),
    /** What the programme is for, its method, and how risk and past results set each process's frequency. */
    objectives: text('objectives').notNull().default(''),
    method: text('method').notNull().default(''),
    /**
     * Each process's risk as the planner rates it (process key → level); with the process's last audit
     * results it sets how often the process is audited (frequency.ts). A process left out is medium.
     */
    processRisk: jsonb('process_risk').$type<ProcessRisks>().notNull().default({}),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    state: text('state').$type<ProgrammeState>().notNull().default('draft'),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('audit_programmes_code_key').on(sql`lower(${t.code})`)],
);

/**
 * An internal audit: its scope (clauses, processes by the process register's key, services), criteria, lead
 * auditor and team, auditees, dates, and its report (summary and conclusion) approved before it is complete.
 */
export const audits = pgTable(
  'audits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    programmeId: uuid('programme_id').references(() => auditProgrammes.id),
    title: text('title').notNull(),
    scopeClauses: text('scope_clauses').array().notNull().default(sql`'{}'::text[]`),
    scopeProcesses: text('scope_processes').array().notNull().default(sql`'{}'::text[]`),
    scopeServiceIds: uuid('scope_service_ids').array().notNull().default(sql`'{}'::uuid[]`),
    criteria: text('criteria').notNull().default(''),
    leadAuditorId: uuid('lead_auditor_id')
      .notNull()
      .references(() => users.id),
    teamIds: uuid('team_ids').array().notNull().default(sql`'{}'::uuid[]`),
    auditeeIds: uuid('auditee_ids').array().notNull().default(sql`'{}'::uuid[]`),
    plannedStart: date('planned_start').notNull(),
    plannedEnd: date('planned_end').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    state: text('state').$type<AuditState>().notNull().default('planned'),
    /** The report: what was done and seen, and the auditor's conclusion on conformity and effectiveness. */
    summary: text('summary').notNull().default(''),
    conclusion: text('conclusion').notNull().default(''),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    cancelReason: text('cancel_reason').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('audits_code_key').on(sql`lower(${t.code})`),
    index('audits_programme_idx').on(t.programmeId, t.plannedStart),
    index('audits_planned_idx').on(t.plannedStart),
  ],
);

/** A question of an audit's checklist (generated from the clause register, editable) and its answer. */
export const auditChecklistItems = pgTable(
  'audit_checklist_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    auditId: uuid('audit_id')
      .notNull()
      .references(() => audits.id, { onDelete: 'cascade' }),
    clause: text('clause').notNull(),
    position: integer('position').notNull(),
    question: text('question').notNull(),
    answer: text('answer').$type<ChecklistAnswer>(),
    notes: text('notes').notNull().default(''),
    evidence: jsonb('evidence').$type<EvidenceRef[]>().notNull().default([]),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('audit_checklist_items_audit_idx').on(t.auditId, t.position)],
);

/**
 * A finding (9.2, 10.1): a major or minor nonconformity, an observation or an opportunity for improvement,
 * against a clause, with its evidence. A nonconformity finding leads to a nonconformity work item; an
 * opportunity to an entry in the improvement register (their ids, once raised).
 */
export const findings = pgTable(
  'findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    auditId: uuid('audit_id').references(() => audits.id),
    checklistItemId: uuid('checklist_item_id').references(() => auditChecklistItems.id),
    kind: text('kind').$type<FindingKind>().notNull(),
    clause: text('clause').notNull(),
    processKey: text('process_key'),
    title: text('title').notNull(),
    statement: text('statement').notNull().default(''),
    evidence: jsonb('evidence').$type<EvidenceRef[]>().notNull().default([]),
    raisedBy: uuid('raised_by').references(() => users.id),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    /** The nonconformity work item raised from it (kernel work_items id), or the improvement. */
    nonconformityId: uuid('nonconformity_id'),
    improvementId: uuid('improvement_id'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('findings_code_key').on(sql`lower(${t.code})`),
    index('findings_audit_idx').on(t.auditId),
    index('findings_raised_idx').on(t.raisedAt),
  ],
);
