import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { runAsCaller } from '../../kernel/auth/principal.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { idParam } from '../../kernel/http/params.ts';
import { completeTask, createEntry, updateEntry } from './commands.ts';
import { communicationKeepers, communicationReaders, communicationWorkers } from './policy.ts';
import { listCommunication } from './queries.ts';
import { communicationPlanShape, doneBody, entryBody, entryPatch, entryShape } from './shapes.ts';

const tags = ['communication'];

/** The communication plan (docs/governance.md, 7.4): entries, their dated tasks, done with a note. */
export const communicationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const readers = access.roles(...communicationReaders);
  const keepers = access.roles(...communicationKeepers);

  app.get(
    '/api/v1/communication',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'The communication plan: what, to whom, how, by whom, how often, and when next',
        response: { 200: communicationPlanShape },
      },
    },
    async () => ({ items: await listCommunication(db) }),
  );

  app.post(
    '/api/v1/communication',
    {
      config: { access: keepers },
      schema: { tags, summary: 'Plan a communication', body: entryBody, response: { 201: entryShape } },
    },
    async (request, reply) => {
      const row = await runAsCaller(db, request, (ctx) => createEntry(ctx, request.body));
      reply.status(201);
      setEtag(reply, row.version);
      return row;
    },
  );

  app.patch(
    '/api/v1/communication/:id',
    {
      config: { access: keepers },
      schema: {
        tags,
        summary: 'Change a planned communication, or stop it (send If-Match)',
        params: idParam('communication'),
        body: entryPatch,
        response: { 200: entryShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const row = await runAsCaller(db, request, (ctx) =>
        updateEntry(ctx, request.params.id, expected, request.body),
      );
      setEtag(reply, row.version);
      return row;
    },
  );

  app.post(
    '/api/v1/communication/tasks/:id/done',
    {
      config: { access: access.roles(...communicationWorkers) },
      schema: {
        tags,
        summary: 'Mark a dated communication done, with what was said; a recurring one is planned again',
        params: idParam('communication task'),
        body: doneBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) =>
        completeTask(ctx, request.principal!, request.params.id, request.body.note),
      );
      reply.status(204);
    },
  );
};
