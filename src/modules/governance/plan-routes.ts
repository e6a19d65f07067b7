import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { internalRoles } from '../../kernel/access/roles.ts';
import { runAsCaller } from '../../kernel/auth/principal.ts';
import { htmlToPdf } from '../../kernel/documents/pdf.ts';
import { setEtag } from '../../kernel/http/etag.ts';
import { problems } from '../../kernel/http/problem.ts';
import { assemblePlan, assemblePlanDraft, planNoteKeys, planOf } from './plan.ts';
import { policyWriters } from './policy.ts';
import { presentPolicy } from './queries.ts';

const tags = ['governance'];
const notes = z.object(Object.fromEntries(planNoteKeys.map((k) => [k, z.string().max(8000).optional()])));

/** The service management plan (6.3) and the PDF of any document version. */
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

  app.get(
    '/api/v1/policies/:id/versions/:number/pdf',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary:
          'A version of a policy or of the plan as PDF, with its state and approvals, for those who may read it',
        params: z.object({ id: z.uuid(), number: z.coerce.number().int().min(1) }),
      },
    },
    async (request, reply) => {
      const p = await presentPolicy(db, request.principal!, request.params.id);
      const v = p.versions.find((x) => x.number === request.params.number);
      if (!v) throw problems.notFound(`Version ${request.params.number} of ${p.identifier}`);
      const approvals = v.decisions
        .filter((d) => d.approved)
        .map((d) => `${d.decider} (${d.role}) ${d.at?.slice(0, 10) ?? ''}`);
      const subtitle = [
        `${p.identifier} · v${v.number} · ${v.state}`,
        v.publishedAt ? `published ${v.publishedAt.slice(0, 10)}` : null,
        approvals.length ? `approved by ${approvals.join(', ')}` : null,
        p.owner.name ? `owner ${p.owner.name}` : null,
      ]
        .filter(Boolean)
        .join(' · ');
      const pdf = await htmlToPdf({
        title: p.title,
        subtitle,
        html: v.body,
        footer: `${p.identifier} v${v.number}`,
        language: p.language,
      });
      reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${p.identifier}-v${v.number}.pdf"`);
      return reply.send(pdf);
    },
  );
};
