import { sql } from 'drizzle-orm';
import {
  date,
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
import { customers, groups } from '../../kernel/auth/schema.ts';
import { workItems } from '../../kernel/records/schema.ts';
import { cis } from '../cmdb/schema.ts';
import { services } from '../portfolio/schema.ts';
import type { Holiday, Interval } from './calendar.ts';
import type { ClockEvent } from './clock.ts';

/** A business calendar, shared by the agreements that use it. */
export const businessCalendars = pgTable(
  'business_calendars',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull(),
    week: jsonb('week').$type<Record<string, Interval[]>>().notNull(),
    holidays: jsonb('holidays').$type<Holiday[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('business_calendars_name_key').on(sql`lower(${t.name})`)],
);

/**
 * An agreement (ISO/IEC 20000-1 8.3.3, 8.3.4): an SLA with a customer, an OLA with an internal party, or an
 * underpinning contract with a supplier; the services it covers, its targets and its calendar.
 */
export const agreements = pgTable(
  'agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    customerId: uuid('customer_id').references(() => customers.id),
    supplierCiId: uuid('supplier_ci_id').references(() => cis.id),
    internalParty: text('internal_party'),
    /** For an OLA: the internal group whose share of the work its clocks measure. */
    groupId: uuid('group_id').references(() => groups.id),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => businessCalendars.id),
    status: text('status').notNull().default('draft'),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    workloadLimits: text('workload_limits').notNull().default(''),
    exceptions: text('exceptions').notNull().default(''),
    /** Which pending reasons (customer, supplier, change) stop the clocks of items under this agreement. */
    pauseOn: text('pause_on').array().notNull().default(sql`'{customer}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('agreements_name_key').on(sql`lower(${t.name})`),
    index('agreements_customer_idx').on(t.customerId),
  ],
);

export const agreementServices = pgTable(
  'agreement_services',
  {
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.serviceId] }),
    index('agreement_services_service_idx').on(t.serviceId),
  ],
);

/** A target: for a metric (respond, resolve, fulfil) and a priority, the business minutes allowed. */
export const agreementTargets = pgTable(
  'agreement_targets',
  {
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    metric: text('metric').notNull(),
    priority: integer('priority').notNull(),
    minutes: integer('minutes').notNull(),
    /** Warn when this share of the target is used. */
    warnPercent: integer('warn_percent').notNull().default(75),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.metric, t.priority] })],
);

/**
 * The SLA clock of a work item for one metric under one agreement. Its events are its whole history; the
 * deadline, warning instant and state are derived from them (clock.ts) and kept here so screens and reports
 * read them without recomputing. Warning and breach fire as durable jobs at the derived instants.
 */
export const slaClocks = pgTable(
  'sla_clocks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workItemId: uuid('work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    metric: text('metric').notNull(),
    /**
     * Whose clock it is: 'sla' (the customer's agreement), 'ola:<group id>' (an internal group's share of the
     * work) or 'uc:<supplier CI id>' (a supplier's share). One clock per item, metric and scope.
     */
    scope: text('scope').notNull().default('sla'),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id),
    priority: integer('priority').notNull(),
    events: jsonb('events').$type<ClockEvent[]>().notNull().default([]),
    state: text('state').notNull().default('not_started'),
    deadline: timestamp('deadline', { withTimezone: true }),
    warnAt: timestamp('warn_at', { withTimezone: true }),
    warnedAt: timestamp('warned_at', { withTimezone: true }),
    breachedAt: timestamp('breached_at', { withTimezone: true }),
    /** Why the target was missed, as recorded by the service desk for the service level report. */
    breachReason: text('breach_reason'),
    /**
     * Why a paused clock is paused (its last event's reason), kept by PostgreSQL from the history: the
     * service level report tells "paused because resolved" (met) from other pauses (open) by it without
     * reading the history itself.
     */
    pauseReason: text('pause_reason').generatedAlwaysAs(
      sql`case when state = 'paused' then events->-1->>'reason' end`,
    ),
    /**
     * The work item's time of recording, type and service, copied by PostgreSQL (triggers in migration 0027)
     * on every insert and whenever they change on the item: the service level report counts one agreement's clocks
     * by them from one index, without reading the items of the period.
     */
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    itemType: text('item_type'),
    serviceId: uuid('service_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sla_clocks_key').on(t.workItemId, t.metric, t.scope),
    index('sla_clocks_deadline_idx').on(t.deadline).where(sql`${t.state} = 'running'`),
    // the service level report counts one agreement's clocks of a period, by everything it counts them by,
    // from this index alone (an index-only scan: one agreement's clocks lie on every page of the table)
    index('sla_clocks_report_idx').on(
      t.agreementId,
      t.recordedAt,
      t.workItemId,
      t.itemType,
      t.serviceId,
      t.metric,
      t.priority,
      t.state,
      t.deadline,
      t.breachedAt,
      t.pauseReason,
    ),
    // and finds the latest missed targets from this one, newest deadline first: breached, or running and
    // perhaps past deadline (sla_clocks_deadline_idx orders running clocks alone)
    index('sla_clocks_missed_idx')
      .on(t.agreementId, t.deadline.desc().nullsLast(), t.recordedAt, t.breachedAt, t.state, t.id)
      .where(sql`${t.breachedAt} is not null or ${t.state} = 'running'`),
    // running clocks past their deadline whose breach is not recorded yet: the report counts them missed
    // although sla_clock_counts still has them running (between a deadline and its breach job, or while
    // no job worker runs)
    index('sla_clocks_overdue_idx')
      .on(t.agreementId, t.deadline)
      .where(sql`${t.state} = 'running' and ${t.breachedAt} is null`),
  ],
);

/**
 * How many of one agreement's clocks stand where, per month of their items' recording (in the agreement's
 * calendar's time zone), metric, priority and service: 'met', 'missed', 'open' (paused, not resolved) or
 * 'running' (whether a running clock has missed depends on the time, so the report decides it when it
 * reads). PostgreSQL appends a row of +n or -n for every statement that moves clocks between these counts
 * (migration 0029), so that writers never wait for one another; Keel folds a group's rows into one now and
 * then. The service level report sums these rows for the whole months of its period instead of counting
 * every clock.
 */
export const slaClockCounts = pgTable(
  'sla_clock_counts',
  {
    agreementId: uuid('agreement_id').notNull(),
    month: date('month').notNull(),
    metric: text('metric').notNull(),
    priority: integer('priority').notNull(),
    serviceId: uuid('service_id'),
    state: text('state').notNull(),
    n: integer('n').notNull(),
  },
  // the report reads an agreement's months from this index alone (an agreement's rows lie on many pages)
  (t) => [
    index('sla_clock_counts_month_idx').on(
      t.agreementId,
      t.month,
      t.metric,
      t.priority,
      t.serviceId,
      t.state,
      t.n,
    ),
  ],
);

/**
 * How many work items one agreement's clocks measure, per month of recording and type (the workload beside
 * the agreement's limits), kept like sla_clock_counts: an item counts once however many clocks it has.
 */
export const slaItemCounts = pgTable(
  'sla_item_counts',
  {
    agreementId: uuid('agreement_id').notNull(),
    month: date('month').notNull(),
    itemType: text('item_type').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [index('sla_item_counts_month_idx').on(t.agreementId, t.month)],
);
