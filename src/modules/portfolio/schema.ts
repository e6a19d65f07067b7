import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { customers, users } from '../../kernel/auth/schema.ts';
import { cis, type Names } from '../cmdb/schema.ts';
import type { CatalogueText } from './shapes.ts';

/** A service of the portfolio. Every service is also a CI (ciId), so it takes part in relationships and impact. */
export const services = pgTable(
  'services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ciId: uuid('ci_id')
      .notNull()
      .unique()
      .references(() => cis.id, { onDelete: 'cascade' }),
    /** business (customer-facing) or technical (supporting other services). */
    kind: text('kind').notNull().default('business'),
    status: text('status').notNull().default('pipeline'),
    ownerId: uuid('owner_id').references(() => users.id),
    criticality: integer('criticality').notNull().default(3),
    requirements: text('requirements').notNull().default(''),
    hoursOfService: text('hours_of_service').notNull().default(''),
    published: boolean('published').notNull().default(false),
    catalogue: jsonb('catalogue').$type<CatalogueText>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('services_status_idx').on(t.status)],
);

/** Which customers a service serves, and so which customers see it in their catalogue. */
export const serviceCustomers = pgTable(
  'service_customers',
  {
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.serviceId, t.customerId] }),
    index('service_customers_customer_idx').on(t.customerId),
  ],
);

export type { Names };
