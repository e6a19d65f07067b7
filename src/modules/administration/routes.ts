import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { roles as allRoles } from '../../kernel/access/roles.ts';
import { runAsCaller } from '../../kernel/auth/principal.ts';
import { email } from '../../kernel/auth/routes.ts';
import { PASSWORD_MAX } from '../../kernel/auth/secrets.ts';
import {
  createApiToken,
  createUser,
  languages,
  loadUser,
  resetPassword,
  revokeApiToken,
  tokenScopes,
  updateUser,
} from '../../kernel/auth/users.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { pageOf, pageQuery } from '../../kernel/http/pagination.ts';
import { problems } from '../../kernel/http/problem.ts';
import { listTokens, listUsers } from './queries.ts';

const role = z.enum(allRoles);
const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  language: z.string(),
  active: z.boolean(),
  roles: z.array(role),
  directRoles: z.array(role),
  appointedRoles: z.array(role),
  customerId: z.uuid().nullable(),
  managerId: z.uuid().nullable(),
  hasPassword: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
const tokenSchema = z.object({
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
const idParams = z.object({ id: z.uuid({ error: 'must be a user id (UUID)' }) });
/**
 * A one-time link is returned as a path; the administrator passes it on until Keel sends mail. The token
 * sits in the fragment, which browsers never send, so it cannot end up in access logs or Referer headers.
 */
const setPasswordPath = (token: string) => `/set-password#token=${encodeURIComponent(token)}`;

const admin = access.roles('administrator');
const adminOrAuditor = access.roles('administrator', 'internal_auditor');

export const administrationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;

  app.get(
    '/api/v1/access-roles',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['administration'],
        summary: "Keel's access roles (the role catalogue of the service management system is /api/v1/roles)",
        response: { 200: z.object({ items: z.array(role) }) },
      },
    },
    async () => ({ items: [...allRoles] }),
  );

  app.get(
    '/api/v1/users',
    {
      config: { access: adminOrAuditor },
      schema: {
        tags: ['administration'],
        summary: 'List users (search, filter by role and status, paged)',
        querystring: pageQuery.extend({
          q: z.string().trim().max(200).optional(),
          role: role.optional(),
          active: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: pageOf(userSchema) },
      },
    },
    async (request) => {
      const { active, ...rest } = request.query;
      return listUsers(db, { ...rest, active: active === undefined ? undefined : active === 'true' });
    },
  );

  app.post(
    '/api/v1/users',
    {
      config: { access: admin },
      schema: {
        tags: ['administration'],
        summary: 'Create a user; without a password the answer holds a one-time invitation link',
        body: z.object({
          email,
          name: z.string().trim().min(1, { error: 'is required' }).max(200),
          password: z.string().max(PASSWORD_MAX).optional(),
          roles: z.array(role).max(allRoles.length).default([]),
          language: z.enum(languages).default('en'),
          customerId: z
            .uuid()
            .nullable()
            .optional()
            .describe('The customer organisation of a customer-side person'),
        }),
        response: { 201: z.object({ user: userSchema, invitationLink: z.string().optional() }) },
      },
    },
    async (request, reply) => {
      const res = await runAsCaller(db, request, (ctx) => createUser(ctx, request.body));
      setEtag(reply, res.user.version);
      return reply.status(201).send({
        user: res.user,
        invitationLink: res.inviteToken ? setPasswordPath(res.inviteToken) : undefined,
      });
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: { access: adminOrAuditor },
      schema: {
        tags: ['administration'],
        summary: 'One user',
        params: idParams,
        response: { 200: userSchema },
      },
    },
    async (request, reply) => {
      const user = await loadUser(db, request.params.id);
      if (!user) throw problems.notFound(`User ${request.params.id}`);
      setEtag(reply, user.version);
      return user;
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { access: admin },
      schema: {
        tags: ['administration'],
        summary: 'Change a user: name, e-mail, roles, language, or deactivate/reactivate (needs If-Match)',
        params: idParams,
        body: z.strictObject({
          name: z.string().trim().min(1).max(200).optional(),
          email: email.optional(),
          roles: z.array(role).optional(),
          language: z.enum(languages).optional(),
          active: z.boolean().optional(),
          customerId: z.uuid().nullable().optional(),
          managerId: z
            .uuid()
            .nullable()
            .optional()
            .describe("Whom this person's requests go to for approval"),
        }),
        response: { 200: userSchema },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const user = await runAsCaller(db, request, (ctx) =>
        updateUser(ctx, request.params.id, expected, request.body),
      );
      setEtag(reply, user.version);
      return user;
    },
  );

  app.post(
    '/api/v1/users/:id/password-reset',
    {
      config: { access: admin },
      schema: {
        tags: ['administration'],
        summary: "Reset a user's password: set a new one, or get a one-time link; signs the user out",
        params: idParams,
        body: z.object({ password: z.string().max(PASSWORD_MAX).optional() }).default({}),
        response: { 200: z.object({ resetLink: z.string().optional() }) },
      },
    },
    async (request) => {
      const token = await runAsCaller(db, request, (ctx) =>
        resetPassword(ctx, request.params.id, request.body.password),
      );
      return { resetLink: token ? setPasswordPath(token) : undefined };
    },
  );

  app.get(
    '/api/v1/api-tokens',
    {
      config: { access: adminOrAuditor },
      schema: {
        tags: ['administration'],
        summary: 'List API tokens (never their secrets)',
        querystring: z.object({ userId: z.uuid().optional() }),
        response: {
          200: z.object({
            items: z.array(tokenSchema.extend({ userName: z.string(), userEmail: z.string() })),
          }),
        },
      },
    },
    async (request) => ({ items: await listTokens(db, request.query.userId) }),
  );

  app.post(
    '/api/v1/api-tokens',
    {
      config: { access: admin },
      schema: {
        tags: ['administration'],
        summary: 'Create an API token for a user; the secret is in this answer only',
        body: z.object({
          userId: z.uuid(),
          name: z.string().trim().min(1, { error: 'is required' }).max(200),
          scopes: z.array(z.enum(tokenScopes)).min(1).default(['read', 'write']),
          expiresAt: z.iso
            .datetime({ offset: true, error: 'must be an ISO 8601 date-time' })
            .nullable()
            .optional(),
        }),
        response: { 201: z.object({ token: z.string(), apiToken: tokenSchema }) },
      },
    },
    async (request, reply) => {
      const { expiresAt, ...rest } = request.body;
      const res = await runAsCaller(db, request, (ctx) =>
        createApiToken(ctx, { ...rest, expiresAt: expiresAt ? new Date(expiresAt) : null }),
      );
      return reply.status(201).send({ token: res.token, apiToken: res.view });
    },
  );

  app.delete(
    '/api/v1/api-tokens/:id',
    {
      config: { access: admin },
      schema: {
        tags: ['administration'],
        summary: 'Revoke an API token',
        params: z.object({ id: z.uuid() }),
        response: { 200: tokenSchema },
      },
    },
    async (request) => runAsCaller(db, request, (ctx) => revokeApiToken(ctx, request.params.id)),
  );
};
