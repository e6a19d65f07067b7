import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Access, access } from '../../kernel/access/policy.ts';
import { internalRoles, roles, staffRoles } from '../../kernel/access/roles.ts';
import { type Principal, runAsCaller } from '../../kernel/auth/principal.ts';
import { languages } from '../../kernel/auth/users.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { contextRoutes } from './context-routes.ts';
import { leadershipDashboard } from './dashboard.ts';
import { planRoutes } from './plan-routes.ts';
import {
  acknowledgePolicy,
  createPolicy,
  decidePolicy,
  newDraft,
  publishPolicy,
  remindReaders,
  saveDraft,
  submitPolicy,
  updatePolicy,
  withdrawPolicy,
} from './policies.ts';
import { leaders, policyWriters } from './policy.ts';
import { changesIn, listPolicies, pendingAcknowledgements, presentPolicy } from './queries.ts';
import { heatMap, listRisks, presentRisk } from './risk-views.ts';
import {
  addRiskAction,
  createRisk,
  criteriaOf,
  setCriteria,
  setRiskActionDone,
  updateRisk,
} from './risks.ts';
import { roleRoutes } from './roles-routes.ts';
import { treatments } from './schema.ts';

const tags = ['governance'];
const writers = access.roles(...policyWriters);
const idParam = z.object({ id: z.uuid() });
const audience = z.object({
  everyone: z.boolean().default(false),
  roles: z.array(z.enum(roles)).max(20).default([]),
  groupIds: z.array(z.uuid()).max(100).default([]),
  customers: z.boolean().default(false),
  suppliers: z.boolean().default(false).describe('The contacts of suppliers (people with the supplier role)'),
});
const policyFields = {
  identifier: z.string().trim().min(1, { error: 'is required' }).max(40),
  title: z.string().trim().min(1, { error: 'is required' }).max(200),
  kind: z.enum(['service_management', 'process', 'other', 'plan']),
  process: z.string().trim().max(100).nullable().optional(),
  ownerId: z.uuid(),
  reviewMonths: z
    .number()
    .int()
    .min(1, { error: 'must be 1–60' })
    .max(60, { error: 'must be 1–60' })
    .optional(),
  approverRoles: z.array(z.enum(roles)).max(10),
  audience,
  language: z.enum(languages).optional(),
};

/** Policies (docs/governance.md): write, approve, publish, acknowledge, remind, review. */
export const governanceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  await app.register(roleRoutes);
  await app.register(contextRoutes);
  await app.register(planRoutes);
  const show = async (who: Principal, id: string, reply: FastifyReply) => {
    const p = await presentPolicy(db, who, id);
    setEtag(reply, p.version);
    return p;
  };

  /**
   * A POST that acts on one record (`…/:id/<step>`): its body is validated like every other route's, field by
   * field into problem+json (a request without a body counts as `{}`, so a step taking no fields needs none
   * and a step taking some names each one missing); the command runs; the record is shown.
   */
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
  const noFields = z.object({});
  const policyStep = <B extends z.ZodObject>(
    path: string,
    summary: string,
    fn: (ctx: CommandContext, who: Principal, id: string, body: z.output<B>) => Promise<unknown>,
    body: B,
    who = writers,
  ) => act(`/api/v1/policies/:id/${path}`, { summary, body, access: who }, fn, show);

  app.get(
    '/api/v1/policies',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary:
          'Policies you may read: the state of each, its version in force, acknowledgement coverage (for overseers) and whether you have still to acknowledge it',
        querystring: z.object({ reviewDue: z.enum(['true', 'false']).optional() }),
      },
    },
    async (request) => ({
      items: await listPolicies(db, request.principal!, { reviewDue: request.query.reviewDue === 'true' }),
    }),
  );

  app.post(
    '/api/v1/policies',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Write a policy: its first version starts as a draft',
        body: z.object({ ...policyFields, body: z.string().max(200_000).optional() }),
      },
    },
    async (request, reply) => {
      const p = await runAsCaller(db, request, (ctx) => createPolicy(ctx, request.principal!, request.body));
      reply.status(201);
      return show(request.principal!, p.id, reply);
    },
  );

  app.get(
    '/api/v1/policies/:id',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary:
          'One policy with the versions you may read, their decisions, coverage and your own acknowledgement',
        params: idParam,
      },
    },
    (request, reply) => show(request.principal!, request.params.id, reply),
  );

  app.patch(
    '/api/v1/policies/:id',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: "Change a policy's owner, audience, approvers or review interval (send If-Match)",
        params: idParam,
        body: z.object(policyFields).partial(),
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        updatePolicy(ctx, request.principal!, request.params.id, expected, request.body),
      );
      return show(request.principal!, request.params.id, reply);
    },
  );

  app.put(
    '/api/v1/policies/:id/draft',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Change the text of the draft version (sanitised rich text) and its change note',
        params: idParam,
        body: z.object({ body: z.string().max(200_000), changeNote: z.string().max(2000).optional() }),
      },
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) =>
        saveDraft(ctx, request.principal!, request.params.id, request.body),
      );
      return show(request.principal!, request.params.id, reply);
    },
  );

  policyStep(
    'versions',
    'Start the next version as a draft from the text in force',
    (ctx, who, id) => newDraft(ctx, who, id),
    noFields,
  );
  policyStep(
    'submit',
    'Send the draft to the approvers',
    (ctx, who, id) => submitPolicy(ctx, who, id),
    noFields,
  );
  policyStep(
    'decisions',
    "An approver's decision on the version in review (a rejection needs a comment)",
    (ctx, who, id, b) => decidePolicy(ctx, who, id, b),
    z.object({
      approved: z.boolean({ error: 'say whether you approve it (true) or send it back (false)' }),
      comment: z.string().max(5000).optional(),
    }),
    access.roles(...staffRoles),
  );
  policyStep(
    'publish',
    'Publish the approved version: its audience is notified and asked to acknowledge it',
    (ctx, who, id) => publishPolicy(ctx, who, id),
    noFields,
  );
  policyStep(
    'withdraw',
    'Withdraw the version in force, saying why',
    (ctx, who, id, b) => withdrawPolicy(ctx, who, id, b.reason),
    z.object({ reason: z.string({ error: 'say why it is withdrawn' }).max(2000) }),
  );
  policyStep(
    'reminders',
    'Remind everyone who has not yet acknowledged the version in force',
    (ctx, who, id) => remindReaders(ctx, who, id),
    noFields,
  );
  policyStep(
    'acknowledgement',
    'Confirm that you have read the version in force',
    (ctx, who, id) => acknowledgePolicy(ctx, who, id),
    noFields,
    access.self(),
  );

  app.get(
    '/api/v1/policies/:id/versions/:number/changes',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'What changed in a version against the one before it, word by word',
        params: z.object({ id: z.uuid(), number: z.coerce.number().int().min(1) }),
      },
    },
    (request) => changesIn(db, request.principal!, request.params.id, request.params.number),
  );

  app.get(
    '/api/v1/acknowledgements',
    {
      config: { access: access.self() },
      schema: { tags, summary: 'The published policies you have still to read and acknowledge' },
    },
    async (request) => ({ items: await pendingAcknowledgements(db, request.principal!) }),
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
