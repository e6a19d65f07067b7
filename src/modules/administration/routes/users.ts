import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { roles as allRoles } from '../../../kernel/access/roles.ts';
import { runAsCaller } from '../../../kernel/auth/principal.ts';
import { createUser, loadUser, resetPassword, updateUser } from '../../../kernel/auth/users.ts';
import { expectedVersion, setEtag } from '../../../kernel/http/etag.ts';
import { pageOf } from '../../../kernel/http/pagination.ts';
import { idParam } from '../../../kernel/http/params.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { userAdministrators, userReaders } from '../policy.ts';
import { listUsers } from '../queries.ts';
import { passwordResetBody, role, userBody, userListQuery, userPatch, userShape } from '../shapes.ts';

const tags = ['administration'];
const id = idParam('user');
/**
 * A one-time link is returned as a path; the administrator passes it on until Keel sends mail. The token
 * sits in the fragment, which browsers never send, so it cannot end up in access logs or Referer headers.
 */
const setPasswordPath = (token: string) => `/set-password#token=${encodeURIComponent(token)}`;

/** People and their access roles. */
export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const administrators = access.roles(...userAdministrators);
  const readers = access.roles(...userReaders);

  app.get(
    '/api/v1/access-roles',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: "Keel's access roles (the role catalogue of the service management system is /api/v1/roles)",
        response: { 200: z.object({ items: z.array(role) }) },
      },
    },
    async () => ({ items: [...allRoles] }),
  );

  app.get(
    '/api/v1/users',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'List users (search, filter by role and status, paged)',
        querystring: userListQuery,
        response: { 200: pageOf(userShape) },
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
      config: { access: administrators },
      schema: {
        tags,
        summary: 'Create a user; without a password the answer holds a one-time invitation link',
        body: userBody,
        response: { 201: z.object({ user: userShape, invitationLink: z.string().optional() }) },
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
      config: { access: readers },
      schema: { tags, summary: 'One user', params: id, response: { 200: userShape } },
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
      config: { access: administrators },
      schema: {
        tags,
        summary: 'Change a user: name, e-mail, roles, language, or deactivate/reactivate (needs If-Match)',
        params: id,
        body: userPatch,
        response: { 200: userShape },
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
      config: { access: administrators },
      schema: {
        tags,
        summary: "Reset a user's password: set a new one, or get a one-time link; signs the user out",
        params: id,
        body: passwordResetBody,
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
};
