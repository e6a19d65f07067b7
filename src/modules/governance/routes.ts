import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Access, access } from '../../kernel/access/policy.ts';
import { internalRoles, staffRoles } from '../../kernel/access/roles.ts';
import { type Principal, runAsCaller } from '../../kernel/auth/principal.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { contextRoutes } from './context-routes.ts';
import { leadershipDashboard } from './dashboard.ts';
import { planRoutes } from './plan-routes.ts';
import { leaders } from './policy.ts';
import { heatMap, listRisks, presentRisk } from './risk-views.ts';
import {
  addRiskAction,
  createRisk,
  criteriaOf,
  setCriteria,
  setRiskActionDone,
  updateRisk,
} from './risks.ts';
import { treatments } from './schema.ts';

const tags = ['governance'];
const idParam = z.object({ id: z.uuid() });

/** Risks and the leadership dashboard (docs/governance.md). */
export const governanceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  await app.register(contextRoutes);
  await app.register(planRoutes);

  const act = <B extends z.ZodObject>(
    url: string,
    opts: { summary: string; body: B; access: Access; status?: number },
    fn: (ctx: CommandContext, who: Principal, id: string, body: z.output<B>) => Promise<unknown>,
    present: (who: Principal, id: string, reply: FastifyReply) => Promise<unknown>,
  ) =>
    app.post(
      url,
      {
        config: { access: opts.access },
        schema: { tags, summary: opts.summary, params: idParam, body: opts.body },
        preValidation: async (request: FastifyRequest) => {
          request.body ??= {};
        },
      },
      async (request, reply) => {
        const who = request.principal!;
        await runAsCaller(db, request, (ctx) => fn(ctx, who, request.params.id, request.body as z.output<B>));
        if (opts.status) reply.status(opts.status);
        return present(who, request.params.id, reply);
      },
    );
  const staffReaders = access.roles(...internalRoles);
  const staffWriters = access.roles(...staffRoles);

  app.get(
    '/api/v1/leadership/dashboard',
    {
      config: {
        access: access.roles(...leaders),
      },
      schema: {
        tags,
        summary:
          'For top management and the head of service management: objectives by status with their KPIs, policies awaiting approval or review, and acknowledgement coverage; each entry links to its record',
      },
    },
    (request) => leadershipDashboard(db, request.principal!),
  );

  // risks and opportunities (6.1)
  const scale = z.number().int().min(1, { error: 'must be 1–5' }).max(5, { error: 'must be 1–5' });
  const riskFields = {
    kind: z.enum(['risk', 'opportunity']),
    title: z.string().trim().min(1, { error: 'is required' }).max(200),
    causes: z.string().max(5000).optional(),
    consequences: z.string().max(5000).optional(),
    serviceIds: z.array(z.uuid()).max(100).optional(),
    ciIds: z.array(z.uuid()).max(100).optional(),
    ownerId: z.uuid(),
    inherentLikelihood: scale,
    inherentImpact: scale,
    residualLikelihood: scale,
    residualImpact: scale,
    treatment: z.enum(treatments),
    reviewDue: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }),
    status: z.enum(['open', 'closed']).optional(),
  };
  const showRisk = async (id: string, reply: FastifyReply) => {
    const r = await presentRisk(db, id);
    setEtag(reply, r.version);
    return r;
  };

  app.get(
    '/api/v1/risks/criteria',
    {
      config: { access: staffReaders },
      schema: {
        tags,
        summary: 'How risks are scored: the likelihood and impact scales and the acceptable score',
      },
    },
    async (_request, reply) => {
      const c = await criteriaOf(db);
      setEtag(reply, c.version);
      return c;
    },
  );

  app.put(
    '/api/v1/risks/criteria',
    {
      config: { access: access.roles('top_management') },
      schema: {
        tags,
        summary: 'Top management sets the risk criteria (send If-Match; "0" before any are set)',
        body: z.object({
          likelihood: z.array(z.string().max(60)),
          impact: z.array(z.string().max(60)),
          acceptable: z.number().int().min(1).max(25),
        }),
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const c = await runAsCaller(db, request, (ctx) =>
        setCriteria(ctx, request.principal!, expected, request.body),
      );
      setEtag(reply, c.version);
      return c;
    },
  );

  app.get(
    '/api/v1/risks',
    {
      config: { access: staffReaders },
      schema: {
        tags,
        summary: 'The risk and opportunity register, highest residual score first',
        querystring: z.object({
          kind: z.enum(['risk', 'opportunity']).optional(),
          status: z.enum(['open', 'closed']).optional(),
          high: z.enum(['true', 'false']).optional(),
        }),
      },
    },
    async (request) => ({
      items: await listRisks(db, {
        ...request.query,
        high: request.query.high === undefined ? undefined : request.query.high === 'true',
      }),
    }),
  );

  app.post(
    '/api/v1/risks',
    {
      config: { access: staffWriters },
      schema: {
        tags,
        summary: 'Record a risk or an opportunity with its scores, treatment and owner',
        body: z.object(riskFields),
      },
    },
    async (request, reply) => {
      const r = await runAsCaller(db, request, (ctx) => createRisk(ctx, request.principal!, request.body));
      reply.status(201);
      return showRisk(r.id, reply);
    },
  );

  app.get(
    '/api/v1/risks/heatmap',
    {
      config: { access: staffReaders },
      schema: { tags, summary: 'Open risks by likelihood and impact, after and before treatment' },
    },
    () => heatMap(db),
  );

  app.get(
    '/api/v1/risks/:id',
    {
      config: { access: staffReaders },
      schema: { tags, summary: 'One risk with its treatment actions', params: idParam },
    },
    (request, reply) => showRisk(request.params.id, reply),
  );

  app.patch(
    '/api/v1/risks/:id',
    {
      config: { access: staffWriters },
      schema: {
        tags,
        summary: 'Change a risk (send If-Match)',
        params: idParam,
        body: z.object(riskFields).partial(),
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        updateRisk(ctx, request.principal!, request.params.id, expected, request.body),
      );
      return showRisk(request.params.id, reply);
    },
  );

  act(
    '/api/v1/risks/:id/actions',
    {
      summary: 'Add a treatment action',
      access: staffWriters,
      status: 201,
      body: z.object({
        title: z.string({ error: 'is required' }).trim().min(1, { error: 'is required' }).max(200),
        responsibleId: z.uuid().nullable().optional(),
        due: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).nullable().optional(),
      }),
    },
    addRiskAction,
    (_who, id, reply) => showRisk(id, reply),
  );

  app.put(
    '/api/v1/risks/:id/actions/:actionId/done',
    {
      config: { access: staffWriters },
      schema: {
        tags,
        summary:
          'Tick a treatment action off, or open it again (its responsible person or the risk’s keepers)',
        params: z.object({ id: z.uuid(), actionId: z.uuid() }),
        body: z.object({ done: z.boolean() }),
      },
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) =>
        setRiskActionDone(
          ctx,
          request.principal!,
          request.params.id,
          request.params.actionId,
          request.body.done,
        ),
      );
      return showRisk(request.params.id, reply);
    },
  );
};
