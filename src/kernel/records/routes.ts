import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../access/policy.ts';
import { runAsCaller } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { expectedVersion, setEtag } from '../http/etag.ts';
import { problems } from '../http/problem.ts';
import { createWorkItem, fireTransition, loadItem, updateWorkItem } from './commands.ts';
import { partRoutes } from './part-routes.ts';
import { presentItem } from './queries.ts';
import { workItemType } from './registry.ts';
import { workItemShape as itemSchema, workItemRef } from './shapes.ts';

/**
 * Routes every work-item type shares: record, read, edit and transitions here; comments, attachments, links,
 * watchers, history and ratings in part-routes.ts. Record-level rules come from the type's declaration (registry.ts); modules add their own
 * routes for type-specific fields.
 */
const ref = workItemRef;
const title = z.string().trim().min(1, { error: 'is required' }).max(300);
const description = z.string().max(100_000);
const priority = z.number().int().min(1).max(5).nullable();
const tags = ['work items'];

/**
 * A type's own transition route (`POST /api/v1/incidents/:number/transitions`): the caller's If-Match, the
 * body's target state and its inputs, and an item of another type not found as `only.noun`.
 */
export function fireTypedTransition(
  db: Db,
  request: FastifyRequest & { params: { number: string }; body: { to: string } },
  only: { type: string; noun: string },
) {
  const { to, ...input } = request.body;
  const expected = expectedVersion(request);
  return runAsCaller(db, request, (ctx) =>
    fireTransition(ctx, request.principal!, request.params.number, expected, { to, only }, input),
  );
}

export const recordRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(partRoutes);
  const { db } = app.keel;

  app.post(
    '/api/v1/work-items',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Record a work item of a registered type',
        body: z.object({
          type: z.string().min(1).max(40),
          title,
          description: description.optional(),
          priority: priority.optional(),
          assigneeId: z.uuid().nullable().optional(),
        }),
        response: { 201: itemSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const own = workItemType(request.body.type)?.ownRoutes;
      if (own) {
        throw problems.validation([{ field: 'type', message: `is recorded with POST ${own.create}` }]);
      }
      const result = await runAsCaller(db, request, async (ctx) => {
        const item = await createWorkItem(ctx, who, request.body);
        return presentItem(item, (await loadItem(ctx.tx, item.id, who)).def, who);
      });
      setEtag(reply, result.version);
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/v1/work-items/:ref',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'One work item with the transitions you may fire now',
        params: ref,
        response: { 200: itemSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const { item, def } = await loadItem(db, request.params.ref, who);
      setEtag(reply, item.version);
      return presentItem(item, def, who);
    },
  );

  app.patch(
    '/api/v1/work-items/:ref',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Change fields (send If-Match with the ETag you read)',
        params: ref,
        body: z.strictObject({
          title: title.optional(),
          description: description.optional(),
          priority: priority.optional(),
          assigneeId: z.uuid().nullable().optional(),
        }),
        response: { 200: itemSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const expected = expectedVersion(request);
      const result = await runAsCaller(db, request, async (ctx) => {
        const own = (await loadItem(ctx.tx, request.params.ref, who)).def.ownRoutes;
        if (own?.update) throw problems.badRequest(`Change this item with PATCH ${own.update}.`);
        const item = await updateWorkItem(ctx, who, request.params.ref, expected, request.body);
        return presentItem(item, (await loadItem(ctx.tx, item.id, who)).def, who);
      });
      setEtag(reply, result.version);
      return result;
    },
  );

  app.post(
    '/api/v1/work-items/:ref/transitions/:name',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Fire a lifecycle transition (send If-Match)',
        params: ref.extend({ name: z.string().min(1).max(60) }),
        body: z.record(z.string(), z.unknown()).default({}),
        response: { 200: itemSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const expected = expectedVersion(request);
      const result = await runAsCaller(db, request, async (ctx) => {
        const item = await fireTransition(
          ctx,
          who,
          request.params.ref,
          expected,
          request.params.name,
          request.body,
        );
        return presentItem(item, (await loadItem(ctx.tx, item.id, who)).def, who);
      });
      setEtag(reply, result.version);
      return result;
    },
  );
};
