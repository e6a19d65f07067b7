import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { runAsCaller } from '../../kernel/auth/principal.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { cursorPageOf, cursorQuery } from '../../kernel/http/pagination.ts';
import { problems } from '../../kernel/http/problem.ts';
import { serviceStatuses } from '../cmdb/lifecycle.ts';
import { createService, updateService } from './commands.ts';
import { portfolioEditors, portfolioReaders } from './policy.ts';
import { getService, listServices, technicalView } from './queries.ts';

const tags = ['service portfolio'];
const text = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(10_000).default(''),
});
const catalogue = z.object({ en: text, nl: text.optional(), da: text.optional() });
const fields = {
  name: z.string().trim().min(1, { error: 'is required' }).max(300),
  status: z.enum(serviceStatuses).optional(),
  ownerId: z.uuid().nullable().optional(),
  criticality: z
    .number()
    .int()
    .min(1, { error: 'must be 1 (highest) to 4' })
    .max(4, { error: 'must be 1 (highest) to 4' })
    .optional(),
  requirements: z.string().max(20_000).optional(),
  hoursOfService: z.string().max(2000).optional(),
  customerIds: z.array(z.uuid()).max(1000).optional(),
  published: z.boolean().optional(),
  catalogue: catalogue.nullable().optional(),
  description: z.string().max(20_000).optional(),
};
const serviceSchema = z.object({
  id: z.uuid(),
  ciId: z.uuid(),
  name: z.string(),
  description: z.string(),
  kind: z.string(),
  status: z.string(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  criticality: z.number().int(),
  requirements: z.string(),
  hoursOfService: z.string(),
  published: z.boolean(),
  catalogue: catalogue.nullable(),
  customers: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
const list = (v: unknown) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v);

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
        querystring: cursorQuery.extend({
          status: z.preprocess(list, z.array(z.enum(serviceStatuses))).optional(),
          kind: z.enum(['business', 'technical']).optional(),
          q: z.string().trim().max(200).optional(),
          customerId: z.uuid().optional(),
        }),
        response: { 200: cursorPageOf(serviceSchema) },
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
        body: z.object({ ...fields, kind: z.enum(['business', 'technical']).default('business') }),
        response: { 201: serviceSchema },
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
        params: z.object({ id: z.uuid() }),
        response: { 200: serviceSchema },
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
        params: z.object({ id: z.uuid() }),
        body: z.strictObject({ ...fields, name: fields.name.optional() }),
        response: { 200: serviceSchema },
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

  const component = z.object({
    id: z.uuid(),
    name: z.string(),
    classKey: z.string(),
    status: z.string(),
    depth: z.number().int(),
  });
  app.get(
    '/api/v1/services/:id/technical-view',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'What a service stands on: its components and the supporting services, at any depth',
        params: z.object({ id: z.uuid() }),
        response: {
          200: z.object({
            components: z.array(component),
            supportingServices: z.array(component.extend({ serviceId: z.uuid() })),
          }),
        },
      },
    },
    async (request) => {
      const service = await getService(db, request.params.id);
      if (!service) throw problems.notFound(`Service ${request.params.id}`);
      return technicalView(db, service.ciId);
    },
  );
};
