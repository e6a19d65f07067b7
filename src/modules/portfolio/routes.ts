import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { access } from '../../kernel/access/policy.ts';
import { runAsCaller } from '../../kernel/auth/principal.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { cursorPageOf } from '../../kernel/http/pagination.ts';
import { idParam } from '../../kernel/http/params.ts';
import { problems } from '../../kernel/http/problem.ts';
import { createService, updateService } from './commands.ts';
import { portfolioEditors, portfolioReaders } from './policy.ts';
import { getService, listServices, technicalView } from './queries.ts';
import { serviceBody, serviceListQuery, servicePatch, serviceShape, technicalViewShape } from './shapes.ts';

const tags = ['service portfolio'];
const id = idParam('service');

export const portfolioRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const readers = access.roles(...portfolioReaders);
  const editors = access.roles(...portfolioEditors);

  app.get(
    '/api/v1/services',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'The service portfolio: filter by status, kind, text, customer; cursor-paged by name',
        querystring: serviceListQuery,
        response: { 200: cursorPageOf(serviceShape) },
      },
    },
    async (request) => listServices(db, request.query),
  );

  app.post(
    '/api/v1/services',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Add a service to the portfolio; its CI is created with it',
        body: serviceBody,
        response: { 201: serviceShape },
      },
    },
    async (request, reply) => {
      const view = await runAsCaller(db, request, async (ctx) =>
        getService(ctx.tx, (await createService(ctx, request.body)).id),
      );
      setEtag(reply, view!.version);
      return reply.status(201).send(view!);
    },
  );

  app.get(
    '/api/v1/services/:id',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'One service',
        params: id,
        response: { 200: serviceShape },
      },
    },
    async (request, reply) => {
      const view = await getService(db, request.params.id);
      if (!view) throw problems.notFound(`Service ${request.params.id}`);
      setEtag(reply, view.version);
      return view;
    },
  );

  app.patch(
    '/api/v1/services/:id',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Change a service (send If-Match); its CI follows name, owner, description and status',
        params: id,
        body: servicePatch,
        response: { 200: serviceShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const view = await runAsCaller(db, request, async (ctx) => {
        await updateService(ctx, request.params.id, expected, request.body);
        return getService(ctx.tx, request.params.id);
      });
      setEtag(reply, view!.version);
      return view!;
    },
  );

  app.get(
    '/api/v1/services/:id/technical-view',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'What a service stands on: its components and the supporting services, at any depth',
        params: id,
        response: { 200: technicalViewShape },
      },
    },
    async (request) => {
      const service = await getService(db, request.params.id);
      if (!service) throw problems.notFound(`Service ${request.params.id}`);
      return technicalView(db, service.ciId);
    },
  );
};
