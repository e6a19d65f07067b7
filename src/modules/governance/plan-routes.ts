import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { internalRoles } from '../../kernel/access/roles.ts';
import { runAsCaller } from '../../kernel/auth/principal.ts';
import { setEtag } from '../../kernel/http/etag.ts';
import { policyWriters, presentPolicy } from '../policies/index.ts';
import { assemblePlan, assemblePlanDraft, planNoteKeys, planOf } from './plan.ts';

const tags = ['governance'];
const notes = z.object(Object.fromEntries(planNoteKeys.map((k) => [k, z.string().max(8000).optional()])));

/** The service management plan (6.3). */
export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;

  app.get(
    '/api/v1/plan',
    {
      config: { access: access.roles(...internalRoles) },
      schema: {
        tags,
        summary:
          'The service management plan: its document (a policy of kind "plan"), the author’s notes, and the plan as the records would assemble it now',
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
        params: z.object({ id: z.uuid() }),
        body: z.object({ notes }),
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
