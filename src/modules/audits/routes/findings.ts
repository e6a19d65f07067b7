import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { access } from '../../../kernel/access/policy.ts';
import { runAsCaller } from '../../../kernel/auth/principal.ts';
import { setEtag } from '../../../kernel/http/etag.ts';
import { idParam } from '../../../kernel/http/params.ts';
import { raiseFinding, sendToImprovements } from '../commands/findings.ts';
import { auditPerformers, auditReaders } from '../policy.ts';
import { listFindings, presentFinding } from '../queries/findings.ts';
import { findingBody, findingListQuery, findingListShape, findingRow } from '../shapes.ts';

const tags = ['audits'];
const id = idParam('finding');

/** Findings (9.2, 10.1): raised by an audit's team; nonconformities raise their NC work item at once. */
export const findingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const readers = access.roles(...auditReaders);
  const team = access.auditWork(...auditPerformers);

  app.get(
    '/api/v1/findings',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Findings in the order they were raised; narrowed by audit, kind and clause',
        querystring: findingListQuery,
        response: { 200: findingListShape },
      },
    },
    (request) => listFindings(db, request.query),
  );

  app.post(
    '/api/v1/findings',
    {
      config: { access: team },
      schema: {
        tags,
        summary:
          'Raise a finding on an audit in progress (its team); a major or minor nonconformity raises its nonconformity at once',
        body: findingBody,
        response: { 201: findingRow },
      },
    },
    async (request, reply) => {
      const f = await runAsCaller(db, request, (ctx) => raiseFinding(ctx, request.principal!, request.body));
      const shown = await presentFinding(db, f.id);
      setEtag(reply, shown.version);
      return reply.status(201).send(shown);
    },
  );

  app.get(
    '/api/v1/findings/:id',
    {
      config: { access: readers },
      schema: { tags, summary: 'One finding', params: id, response: { 200: findingRow } },
    },
    async (request, reply) => {
      const f = await presentFinding(db, request.params.id);
      setEtag(reply, f.version);
      return f;
    },
  );

  app.post(
    '/api/v1/findings/:id/improvement',
    {
      config: { access: team },
      schema: {
        tags,
        summary: 'Send an opportunity for improvement to the improvement register (its audit’s team, once)',
        params: id,
        response: { 200: findingRow },
      },
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) => sendToImprovements(ctx, request.principal!, request.params.id));
      const f = await presentFinding(db, request.params.id);
      setEtag(reply, f.version);
      return f;
    },
  );
};
