import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { type Principal, runAsCaller } from '../../kernel/auth/principal.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { idParam, noBodyIsEmpty } from '../../kernel/http/params.ts';
import {
  addAction,
  createObjective,
  recordValue,
  reviewObjective,
  setActionDone,
  updateObjective,
} from './commands.ts';
import { mayKeepObjective, objectiveReaders, objectiveSetters, objectiveWorkers } from './policy.ts';
import { listObjectives, presentObjective } from './queries.ts';
import {
  actionBody,
  doneBody,
  objectiveBody,
  objectiveDetailShape,
  objectiveListShape,
  objectivePatch,
  reviewBody,
  valueBody,
} from './shapes.ts';

const tags = ['objectives'];

/** Objectives (6.2, docs/governance.md): read by everyone inside the provider, kept by their owners. */
export const objectiveRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const readers = access.roles(...objectiveReaders);
  const workers = access.roles(...objectiveWorkers);
  const show = async (who: Principal, id: string, reply: FastifyReply) => {
    const o = await presentObjective(db, id);
    setEtag(reply, o.version);
    return { ...o, abilities: { keep: mayKeepObjective(who, o) } };
  };

  app.get(
    '/api/v1/objectives',
    {
      config: { access: readers },
      schema: {
        tags,
        summary:
          'Objectives with their value in the current period and status (on track, at risk, missed, achieved)',
        response: { 200: objectiveListShape },
      },
    },
    async () => ({ items: await listObjectives(db) }),
  );

  app.post(
    '/api/v1/objectives',
    {
      config: { access: access.roles(...objectiveSetters) },
      schema: {
        tags,
        summary: 'Set a measurable objective: target, deadline, owner, and a KPI or a recorded value',
        body: objectiveBody,
        response: { 201: objectiveDetailShape },
      },
    },
    async (request, reply) => {
      const o = await runAsCaller(db, request, (ctx) => createObjective(ctx, request.body));
      reply.status(201);
      return show(request.principal!, o.id, reply);
    },
  );

  app.get(
    '/api/v1/objectives/:id',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'One objective: current value, status, trend, plan and reviews',
        params: idParam(),
        response: { 200: objectiveDetailShape },
      },
    },
    (request, reply) => show(request.principal!, request.params.id, reply),
  );

  app.patch(
    '/api/v1/objectives/:id',
    {
      config: { access: workers },
      schema: {
        tags,
        summary: 'Change an objective (send If-Match)',
        params: idParam(),
        body: objectivePatch,
        response: { 200: objectiveDetailShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        updateObjective(ctx, request.principal!, request.params.id, expected, request.body),
      );
      return show(request.principal!, request.params.id, reply);
    },
  );

  app.post(
    '/api/v1/objectives/:id/values',
    {
      config: { access: workers },
      schema: {
        tags,
        summary: 'Record the value of the current (or a given) period with its evidence',
        params: idParam(),
        body: valueBody,
        response: { 201: objectiveDetailShape },
      },
      preValidation: noBodyIsEmpty,
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) =>
        recordValue(ctx, request.principal!, request.params.id, request.body),
      );
      reply.status(201);
      return show(request.principal!, request.params.id, reply);
    },
  );

  app.post(
    '/api/v1/objectives/:id/actions',
    {
      config: { access: workers },
      schema: {
        tags,
        summary: 'Add an action to the plan: what, who, with what resources, by when',
        params: idParam(),
        body: actionBody,
        response: { 201: objectiveDetailShape },
      },
      preValidation: noBodyIsEmpty,
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) =>
        addAction(ctx, request.principal!, request.params.id, request.body),
      );
      reply.status(201);
      return show(request.principal!, request.params.id, reply);
    },
  );

  app.post(
    '/api/v1/objectives/:id/reviews',
    {
      config: { access: workers },
      schema: {
        tags,
        summary: 'Review the objective: its status and value now are recorded with your note',
        params: idParam(),
        body: reviewBody,
        response: { 201: objectiveDetailShape },
      },
      preValidation: noBodyIsEmpty,
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) =>
        reviewObjective(ctx, request.principal!, request.params.id, request.body.note),
      );
      reply.status(201);
      return show(request.principal!, request.params.id, reply);
    },
  );

  app.put(
    '/api/v1/objectives/:id/actions/:actionId/done',
    {
      config: { access: workers },
      schema: {
        tags,
        summary: 'Mark an action of the plan done (or not); its responsible person or the owner may',
        params: z.object({ id: z.uuid(), actionId: z.uuid() }),
        body: doneBody,
        response: { 200: objectiveDetailShape },
      },
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) =>
        setActionDone(ctx, request.principal!, request.params.id, request.params.actionId, request.body.done),
      );
      return show(request.principal!, request.params.id, reply);
    },
  );
};
