import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { runAsCaller } from '../../../kernel/auth/principal.ts';
import { expectedVersion } from '../../../kernel/http/etag.ts';
import { numberParam } from '../../../kernel/http/params.ts';
import { addChild, declareMajor, postMajorUpdate, updateReview } from '../commands/major.ts';
import { majorIncidentDeclarers, majorIncidentReviewers, workers } from '../policy.ts';
import { presentIncident } from '../queries/incident.ts';
import { incidentSchema, text } from '../shapes.ts';

const tags = ['incidents'];
const incidentNumber = numberParam('INC-000042');

/** Major incidents (docs/incidents.md): declaring one, its communications log, its children and its review. */
export const majorIncidentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;

  app.put(
    '/api/v1/incidents/:number/major',
    {
      config: { access: access.roles(...majorIncidentDeclarers) },
      schema: {
        tags,
        summary: 'Declare a major incident with its owner (or name another owner)',
        params: incidentNumber,
        body: z.object({ ownerId: z.uuid(), reason: text.max(2000) }),
        response: { 200: incidentSchema },
      },
    },
    async (request) => {
      const who = request.principal!;
      await runAsCaller(db, request, (ctx) => declareMajor(ctx, who, request.params.number, request.body));
      return presentIncident(db, request.params.number, who);
    },
  );

  app.post(
    '/api/v1/incidents/:number/major/updates',
    {
      config: { access: access.roles(...workers) },
      schema: {
        tags,
        summary: "Post to a major incident's communications log (internal, or for customers too)",
        params: incidentNumber,
        body: z.object({ audience: z.enum(['internal', 'customers']), body: text.max(20_000) }),
        response: {
          201: z.object({
            id: z.number().int(),
            workItemId: z.uuid(),
            audience: z.enum(['internal', 'customers']),
            body: z.string(),
            authorId: z.uuid().nullable(),
            at: z.date(),
          }),
        },
      },
    },
    async (request, reply) => {
      const u = await runAsCaller(db, request, (ctx) =>
        postMajorUpdate(ctx, request.principal!, request.params.number, request.body),
      );
      return reply.status(201).send(u);
    },
  );

  app.post(
    '/api/v1/incidents/:number/children',
    {
      config: { access: access.roles(...workers) },
      schema: {
        tags,
        summary: 'Link an incident as a child of this major incident',
        params: incidentNumber,
        body: z.object({ number: z.string().min(1).max(60) }),
        response: { 201: z.object({ id: z.uuid(), kind: z.string(), from: z.string(), to: z.string() }) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await runAsCaller(db, request, (ctx) =>
            addChild(ctx, request.principal!, request.params.number, request.body.number),
          ),
        ),
  );

  app.patch(
    '/api/v1/incidents/:number/review',
    {
      config: { access: access.roles(...majorIncidentReviewers) },
      schema: {
        tags,
        summary:
          'Write or complete the post-incident review of a major incident (send If-Match with its version)',
        params: incidentNumber,
        body: z.strictObject({
          summary: z.string().max(20_000).optional(),
          rootCause: z.string().max(20_000).optional(),
          wentWell: z.string().max(20_000).optional(),
          improvements: z.string().max(20_000).optional(),
          rootCauseKnown: z
            .boolean()
            .nullable()
            .optional()
            .describe('Whether the review found the root cause; completing with false opens a problem'),
          complete: z.boolean().optional(),
        }),
        response: { 200: incidentSchema },
      },
    },
    async (request) => {
      const who = request.principal!;
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        updateReview(ctx, who, request.params.number, expected, request.body),
      );
      return presentIncident(db, request.params.number, who);
    },
  );
};
