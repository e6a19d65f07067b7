import { sql } from 'drizzle-orm';
import {
  boolean,
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
import type { Role } from '../../kernel/access/roles.ts';
import { users } from '../../kernel/auth/schema.ts';

/** One activity of a process and who is Responsible, Accountable, Consulted, Informed for it (by role key). */
export type RaciRow = { activity: string; cells: Record<string, 'R' | 'A' | 'C' | 'I'> };

/**
 * The process register (4.4, 8): each process of the service management system with its owner, the KPIs it
 * is measured by, its criteria, and its RACI matrix over the role catalogue.
 */
export const smsProcesses = pgTable(
  'sms_processes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    ownerId: uuid('owner_id').references(() => users.id),
    kpis: text('kpis').array().notNull().default(sql`'{}'::text[]`),
    criteria: text('criteria').notNull().default(''),
    raci: jsonb('raci').$type<RaciRow[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('sms_processes_key_key').on(sql`lower(${t.key})`)],
);

/**
 * The role catalogue (5.3): what a role is for, its responsibilities and authorities, the competences it
 * needs, and the Keel access role its holders get while appointed.
 */
export const smsRoles = pgTable(
  'sms_roles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    responsibilities: text('responsibilities').array().notNull().default(sql`'{}'::text[]`),
    authorities: text('authorities').array().notNull().default(sql`'{}'::text[]`),
    competences: text('competences').array().notNull().default(sql`'{}'::text[]`),
    accessRole: text('access_role').$type<Role>(),
    processKey: text('process_key'),
    needsDeputy: boolean('needs_deputy').notNull().default(true),
    retired: boolean('retired').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('sms_roles_key_key').on(sql`lower(${t.key})`)],
);

/**
 * A person appointed to a role from one day to another (open-ended without `endsOn`), with a deputy who acts
 * for them while they are away (`awayFrom`–`awayUntil`). Days are calendar dates (UTC).
 */
export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roleId: uuid('role_id')
      .notNull()
      .references(() => smsRoles.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    deputyId: uuid('deputy_id').references(() => users.id),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    awayFrom: date('away_from'),
    awayUntil: date('away_until'),
    note: text('note').notNull().default(''),
    appointedBy: uuid('appointed_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('appointments_role_idx').on(t.roleId), index('appointments_user_idx').on(t.userId)],
);

/**
 * What a person has shown they can do (7.2): a competence with how it was gained (training, assessment,
 * experience), when, until when it holds, and the evidence. Gaps are a role's competences its holders lack.
 */
export const competenceRecords = pgTable(
  'competence_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    competence: text('competence').notNull(),
    source: text('source').$type<'training' | 'assessment' | 'experience'>().notNull(),
    title: text('title').notNull().default(''),
    achievedOn: date('achieved_on').notNull(),
    expiresOn: date('expires_on'),
    evidence: text('evidence').notNull().default(''),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('competence_records_user_idx').on(t.userId)],
);
