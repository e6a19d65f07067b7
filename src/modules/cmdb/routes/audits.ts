import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { runAsCaller } from '../../../kernel/auth/principal.ts';
import { expectedVersion, setEtag } from '../../../kernel/http/etag.ts';
import { idParam } from '../../../kernel/http/params.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { cmdbEditors, cmdbReaders } from '../policy.ts';
import { auditPlanBody, auditShape, auditSummaryShape, checkBody } from '../shapes.ts';
import { closeAudit, getAudit, listAudits, planAudit, recordCheck } from '../verification.ts';

const tags = ['configuration verification'];
const auditId = idParam('configuration audit');

/** Configuration verification (ISO/IEC 20000-1 8.2.6): audits that check CIs against reality. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const readers = access.roles(...cmdbReaders);
  const verifiers = access.roles(...cmdbEditors);

  app.get(
    '/api/v1/ci-audits',
    {
      config: { access: readers },
      schema: {
        tags,
        summary:
          'Configuration audits with progress and accuracy; completed ones, by date, give accuracy over time',
        response: { 200: z.object({ items: z.array(auditSummaryShape) }) },
      },
    },
    async () => ({ items: await listAudits(db) }),
  );

  app.post(
    '/api/v1/ci-audits',
    {
      config: { access: verifiers },
      schema: {
        tags,
        summary: 'Plan a configuration audit: all CIs in use of a class, or a random sample',
        body: auditPlanBody,
        response: { 201: auditShape },
      },
    },
    async (request, reply) => {
      const audit = await runAsCaller(db, request, async (ctx) =>
        getAudit(ctx.tx, (await planAudit(ctx, request.body)).id),
      );
      setEtag(reply, audit!.version);
      return reply.status(201).send(audit!);
    },
  );

  app.get(
    '/api/v1/ci-audits/:id',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'One configuration audit with every CI and what was found',
        params: auditId,
        response: { 200: auditShape },
      },
    },
    async (request, reply) => {
      const audit = await getAudit(db, request.params.id);
      if (!audit) throw problems.notFound(`Configuration audit ${request.params.id}`);
      setEtag(reply, audit.version);
      return audit;
    },
  );

  app.put(
    '/api/v1/ci-audits/:id/items/:ciId',
    {
      config: { access: verifiers },
      schema: {
        tags,
        summary: 'Record whether a CI matches reality; a mismatch needs the discrepancy and its follow-up',
        params: auditId.extend({ ciId: z.uuid() }),
        body: checkBody,
        response: {
          200: z.object({ ciId: z.uuid(), result: z.string().nullable(), followUpDone: z.boolean() }),
        },
      },
    },
    async (request) => {
      const item = await runAsCaller(db, request, (ctx) =>
        recordCheck(ctx, request.params.id, request.params.ciId, request.body),
      );
      return { ciId: item.ciId, result: item.result, followUpDone: item.followUpDone };
    },
  );

  for (const to of ['completed', 'cancelled'] as const) {
    app.post(
      `/api/v1/ci-audits/:id/${to === 'completed' ? 'complete' : 'cancel'}`,
      {
        config: { access: verifiers },
        schema: {
          tags,
          summary:
            to === 'completed'
              ? 'Complete the audit once every CI is checked (send If-Match)'
              : 'Cancel the audit (send If-Match)',
          params: auditId,
          response: { 200: auditShape },
        },
      },
      async (request, reply) => {
        const expected = expectedVersion(request);
        const audit = await runAsCaller(db, request, async (ctx) => {
          await closeAudit(ctx, request.params.id, expected, to);
          return getAudit(ctx.tx, request.params.id);
        });
        setEtag(reply, audit!.version);
        return audit!;
      },
    );
  }
};
