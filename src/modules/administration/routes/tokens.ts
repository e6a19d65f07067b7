import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { runAsCaller } from '../../../kernel/auth/principal.ts';
import { createApiToken, revokeApiToken } from '../../../kernel/auth/users.ts';
import { idParam } from '../../../kernel/http/params.ts';
import { userAdministrators, userReaders } from '../policy.ts';
import { listTokens } from '../queries.ts';
import { listedTokenShape, tokenBody, tokenShape } from '../shapes.ts';

const tags = ['administration'];

/** API tokens for machines and scripts; their secrets are shown once, when issued. */
export const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const administrators = access.roles(...userAdministrators);

  app.get(
    '/api/v1/api-tokens',
    {
      config: { access: access.roles(...userReaders) },
      schema: {
        tags,
        summary: 'List API tokens (never their secrets)',
        querystring: z.object({ userId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(listedTokenShape) }) },
      },
    },
    async (request) => ({ items: await listTokens(db, request.query.userId) }),
  );

  app.post(
    '/api/v1/api-tokens',
    {
      config: { access: administrators },
      schema: {
        tags,
        summary: 'Create an API token for a user; the secret is in this answer only',
        body: tokenBody,
        response: { 201: z.object({ token: z.string(), apiToken: tokenShape }) },
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
      config: { access: administrators },
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: idParam('API token'),
        response: { 200: tokenShape },
      },
    },
    async (request) => runAsCaller(db, request, (ctx) => revokeApiToken(ctx, request.params.id)),
  );
};
