import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { runAsCaller } from '../../../kernel/auth/principal.ts';
import { cursorPageOf } from '../../../kernel/http/pagination.ts';
import { idParam } from '../../../kernel/http/params.ts';
import { createRelationship, deleteRelationship } from '../commands/relationships.ts';
import { cmdbEditors, cmdbReaders } from '../policy.ts';
import { listRelationships } from '../relationships.ts';
import { ciRelationshipTypes } from '../schema.ts';
import {
  relationshipBody,
  relationshipListQuery,
  relationshipShape,
  relationshipTypeShape,
} from '../shapes.ts';

const tags = ['configuration management'];

/** Relationships between CIs and their types: what impact analysis walks. */
export const relationshipRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const readers = access.roles(...cmdbReaders);
  const editors = access.roles(...cmdbEditors);

  app.get(
    '/api/v1/ci-relationship-types',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Relationship types with their label each way',
        response: { 200: z.object({ items: z.array(relationshipTypeShape) }) },
      },
    },
    async () => ({ items: await db.select().from(ciRelationshipTypes).orderBy(ciRelationshipTypes.key) }),
  );

  app.get(
    '/api/v1/ci-relationships',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Relationships, filtered by CI and type; cursor-paged',
        querystring: relationshipListQuery,
        response: { 200: cursorPageOf(relationshipShape) },
      },
    },
    async (request) => listRelationships(db, request.query),
  );

  app.post(
    '/api/v1/ci-relationships',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Relate two CIs: source → target reads "source <type> target", e.g. app depends_on database',
        body: relationshipBody,
        response: { 201: relationshipShape },
      },
    },
    async (request, reply) => {
      const row = await runAsCaller(db, request, (ctx) => createRelationship(ctx, request.body));
      return reply.status(201).send({ ...row, createdAt: row.createdAt.toISOString() });
    },
  );

  app.delete(
    '/api/v1/ci-relationships/:id',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Remove a relationship',
        params: idParam('relationship'),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) => deleteRelationship(ctx, request.params.id));
      return reply.status(204).send(null);
    },
  );
};
