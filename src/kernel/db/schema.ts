/** The kernel's tables. Modules keep their own schema.ts; drizzle-kit reads them all (see drizzle.config.ts). */
export * from '../audit/schema.ts';
export * from '../auth/schema.ts';
export * from '../jobs/schema.ts';
export * from '../mail/schema.ts';
export * from '../notify/schema.ts';
export * from '../records/schema.ts';
export * from '../views/schema.ts';
