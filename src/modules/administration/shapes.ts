import { z } from 'zod';
import { roles as allRoles } from '../../kernel/access/roles.ts';
import { email } from '../../kernel/auth/routes.ts';
import { PASSWORD_MAX } from '../../kernel/auth/secrets.ts';
import { languages, tokenScopes } from '../../kernel/auth/users.ts';
import { pageQuery } from '../../kernel/http/pagination.ts';

/**
 * Administration's API shapes, declared once: the routes validate and answer with them, the customer
 * commands take their inferred inputs, and the web app imports the inferred answers (through index.ts).
 */

export const role = z.enum(allRoles);

/* ---------- people ---------- */

export const userShape = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  language: z.string(),
  active: z.boolean(),
  roles: z.array(role).describe('Every access role the person has now: granted, or by an appointment'),
  directRoles: z.array(role).describe('The roles an administrator granted'),
  appointedRoles: z.array(role).describe('The roles a current appointment gives'),
  customerId: z.uuid().nullable(),
  managerId: z.uuid().nullable(),
  hasPassword: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type User = z.infer<typeof userShape>;

export const userListQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional(),
  role: role.optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const userBody = z.object({
  email,
  name: z.string().trim().min(1, { error: 'is required' }).max(200),
  password: z.string().max(PASSWORD_MAX).optional(),
  roles: z.array(role).max(allRoles.length).default([]),
  language: z.enum(languages).default('en'),
  customerId: z.uuid().nullable().optional().describe('The customer organisation of a customer-side person'),
});

export const userPatch = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  email: email.optional(),
  roles: z.array(role).optional(),
  language: z.enum(languages).optional(),
  active: z.boolean().optional(),
  customerId: z.uuid().nullable().optional(),
  managerId: z.uuid().nullable().optional().describe("Whom this person's requests go to for approval"),
});

export const passwordResetBody = z.object({ password: z.string().max(PASSWORD_MAX).optional() }).default({});

/* ---------- API tokens ---------- */

export const tokenShape = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
/** A token as the list shows it, with its owner. */
export const listedTokenShape = tokenShape.extend({ userName: z.string(), userEmail: z.string() });
export type ApiToken = z.infer<typeof listedTokenShape>;

export const tokenBody = z.object({
  userId: z.uuid(),
  name: z.string().trim().min(1, { error: 'is required' }).max(200),
  scopes: z.array(z.enum(tokenScopes)).min(1).default(['read', 'write']),
  expiresAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).nullable().optional(),
});

/* ---------- customer organisations ---------- */

export const customerShape = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  version: z.number().int(),
});
export type Customer = z.infer<typeof customerShape>;

const customerFields = {
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,29}$/, { error: 'letters, digits, - and _; at most 30' }),
  name: z.string().trim().min(1, { error: 'is required' }).max(200),
};
export const customerBody = z.object(customerFields);
export type CustomerInput = z.infer<typeof customerBody>;
export const customerPatch = z.strictObject({
  code: customerFields.code.optional(),
  name: customerFields.name.optional(),
});
export type CustomerPatch = z.infer<typeof customerPatch>;
