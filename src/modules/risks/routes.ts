import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { type Principal, runAsCaller } from '../../kernel/auth/principal.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { idParam, noBodyIsEmpty } from '../../kernel/http/params.ts';
import { addRiskAction, createRisk, setCriteria, setRiskActionDone, updateRisk } from './commands.ts';
import { criteriaSetters, mayEditRisk, riskReaders, riskRecorders } from './policy.ts';
import { criteriaOf, heatMap, listRisks, presentRisk } from './queries.ts';
import {
  criteriaBody,
  criteriaShape,
  doneBody,
  heatMapShape,
  registerQuery,
  riskActionBody,
  riskBody,
  riskDetailShape,
  riskListShape,
  riskPatch,
} from './shapes.ts';

const tags = ['risks'];

/** Risks and opportunities (6.1, docs/governance.md): criteria, the register, the heat map, treatment. */
export const riskRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const readers = access.roles(...riskReaders);
  const writers = access.roles(...riskRecorders);
  const show = async (who: Principal, id: string, reply: FastifyReply) => {
    const r = await presentRisk(db, id);
    setEtag(reply, r.version);
    return { ...r, abilities: { edit: mayEditRisk(who, r) } };
  };

  app.get(
    '/api/v1/risks/criteria',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'How risks are scored: the likelihood and impact scales and the acceptable score',
        response: { 200: criteriaShape },
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
      config: { access: access.roles(...criteriaSetters) },
      schema: {
        tags,
        summary: 'Top management sets the risk criteria (send If-Match; "0" before any are set)',
        body: criteriaBody,
        response: { 200: criteriaShape },
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
      config: { access: readers },
      schema: {
        tags,
        summary: 'The risk and opportunity register, highest residual score first',
        querystring: registerQuery,
        response: { 200: riskListShape },
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
      config: { access: writers },
      schema: {
        tags,
        summary: 'Record a risk or an opportunity with its scores, treatment and owner',
        body: riskBody,
        response: { 201: riskDetailShape },
      },
    },
    async (request, reply) => {
      const r = await runAsCaller(db, request, (ctx) => createRisk(ctx, request.principal!, request.body));
      reply.status(201);
      return show(request.principal!, r.id, reply);
    },
  );

  app.get(
    '/api/v1/risks/heatmap',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Open risks by likelihood and impact, after and before treatment',
        response: { 200: heatMapShape },
      },
    },
    () => heatMap(db),
  );

  app.get(
    '/api/v1/risks/:id',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'One risk with its treatment actions',
        params: idParam('risk'),
        response: { 200: riskDetailShape },
      },
    },
    (request, reply) => show(request.principal!, request.params.id, reply),
  );

  app.patch(
    '/api/v1/risks/:id',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Change a risk (send If-Match)',
        params: idParam('risk'),
        body: riskPatch,
        response: { 200: riskDetailShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        updateRisk(ctx, request.principal!, request.params.id, expected, request.body),
      );
      return show(request.principal!, request.params.id, reply);
    },
  );

  app.post(
    '/api/v1/risks/:id/actions',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Add a treatment action',
        params: idParam('risk'),
        body: riskActionBody,
        response: { 201: riskDetailShape },
      },
      preValidation: noBodyIsEmpty,
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) =>
        addRiskAction(ctx, request.principal!, request.params.id, request.body),
      );
      reply.status(201);
      return show(request.principal!, request.params.id, reply);
    },
  );

  app.put(
    '/api/v1/risks/:id/actions/:actionId/done',
    {
      config: { access: writers },
      schema: {
        tags,
        summary:
          'Tick a treatment action off, or open it again (its responsible person or the risk’s keepers)',
        params: z.object({ id: z.uuid(), actionId: z.uuid() }),
        body: doneBody,
        response: { 200: riskDetailShape },
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
      return show(request.principal!, request.params.id, reply);
    },
  );
};
