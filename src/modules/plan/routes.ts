import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { access } from '../../kernel/access/policy.ts';
import { runAsCaller } from '../../kernel/auth/principal.ts';
import { setEtag } from '../../kernel/http/etag.ts';
import { idParam } from '../../kernel/http/params.ts';
import { policyShape, policyWriters, presentPolicy } from '../policies/index.ts';
import { assemblePlanDraft } from './commands.ts';
import { planReaders } from './policy.ts';
import { assemblePlan, planOf } from './queries.ts';
import { assembleBody, planShape } from './shapes.ts';

const tags = ['plan'];

/** The service management plan (6.3). */
export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;

  app.get(
    '/api/v1/plan',
    {
      config: { access: access.roles(...planReaders) },
      schema: {
        tags,
        summary:
          'The service management plan: its document (a policy of kind "plan"), the author’s notes, and the plan as the records would assemble it now',
        response: { 200: planShape },
      },
    },
    async () => {
      const plan = await planOf(db);
      return { ...plan, preview: await assemblePlan(db, plan.language, plan.notes) };
    },
  );

  app.post(
    '/api/v1/policies/:id/assemble',
    {
      config: { access: access.roles(...policyWriters) },
      schema: {
        tags,
        summary:
          'Write the plan’s draft from Keel’s records and the author’s own text per section; it is then reviewed, approved and published like a policy',
        params: idParam('policy'),
        body: assembleBody,
        response: { 200: policyShape },
      },
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) =>
        assemblePlanDraft(ctx, request.principal!, request.params.id, request.body.notes),
      );
      const p = await presentPolicy(db, request.principal!, request.params.id);
      setEtag(reply, p.version);
      return p;
    },
  );
};
