import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { type Principal, runAsCaller } from '../../kernel/auth/principal.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { pageOf } from '../../kernel/http/pagination.ts';
import { idParam } from '../../kernel/http/params.ts';
import { problems } from '../../kernel/http/problem.ts';
import { addCriterion, criteriaOf, updateCriterion } from './commands/criteria.ts';
import { proposeImprovement } from './commands/propose.ts';
import {
  addImprovementAction,
  fireImprovementStep,
  setImprovementActionDone,
  updateImprovement,
} from './commands/register.ts';
import { criteriaKeepers, improvementProposers, improvementReaders } from './policy.ts';
import { listImprovements, presentImprovement } from './queries.ts';
import {
  criterionInput,
  criterionPatchBody,
  criterionSchema,
  improvementActionPatchBody,
  improvementPatchBody,
  improvementRowSchema,
  improvementSchema,
  improvementTransitionBody,
  listQuery,
  newImprovementActionBody,
  newImprovementBody,
} from './shapes.ts';

const tags = ['improvements'];
const params = idParam('improvement');

async function present(db: Queryable, id: string, who: Principal) {
  const view = await presentImprovement(db, id, who);
  if (!view) throw problems.notFound(`Improvement ${id}`);
  return view;
}

/** The improvement register (ISO/IEC 20000-1 10.2, docs/check-and-act.md): criteria, opportunities, plans, benefits. */
export const improvementRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const readers = access.roles(...improvementReaders);
  // any member of the staff proposes; the record's rules (policy.ts) decide the rest, asked by each command
  const staff = access.roles(...improvementProposers);

  app.get(
    '/api/v1/improvement-criteria',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'The criteria opportunities are scored by (1–5 each), with their weights and directions',
        response: { 200: z.object({ items: z.array(criterionSchema) }) },
      },
    },
    async () => ({ items: await criteriaOf(db) }),
  );

  app.post(
    '/api/v1/improvement-criteria',
    {
      config: { access: access.roles(...criteriaKeepers) },
      schema: {
        tags,
        summary: 'Add a criterion (process owners, top management)',
        body: criterionInput,
        response: { 201: criterionSchema },
      },
    },
    async (request, reply) => {
      const row = await runAsCaller(db, request, (ctx) =>
        addCriterion(ctx, request.principal!, request.body),
      );
      setEtag(reply, row.version);
      return reply.status(201).send(row);
    },
  );

  app.patch(
    '/api/v1/improvement-criteria/:id',
    {
      config: { access: access.roles(...criteriaKeepers) },
      schema: {
        tags,
        summary: 'Change a criterion, or retire it (send If-Match); every score is weighed again',
        params: idParam('criterion'),
        body: criterionPatchBody,
        response: { 200: criterionSchema },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const row = await runAsCaller(db, request, (ctx) =>
        updateCriterion(ctx, request.principal!, request.params.id, expected, request.body),
      );
      setEtag(reply, row.version);
      return row;
    },
  );

  app.get(
    '/api/v1/improvements',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'The improvement register, best scored first, a page at a time',
        querystring: listQuery,
        response: { 200: pageOf(improvementRowSchema) },
      },
    },
    async (request) => listImprovements(db, request.query),
  );

  app.post(
    '/api/v1/improvements',
    {
      config: { access: staff },
      schema: {
        tags,
        summary: 'Propose an opportunity for improvement (any member of the staff); it starts proposed',
        body: newImprovementBody,
        response: { 201: improvementSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const made = await runAsCaller(db, request, (ctx) => proposeImprovement(ctx, who, request.body));
      const result = await present(db, made.id, who);
      setEtag(reply, result.version);
      return reply.status(201).header('location', `/api/v1/improvements/${made.id}`).send(result);
    },
  );

  app.get(
    '/api/v1/improvements/:id',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'One improvement: scores, decision, plan, and its benefit measured before and after',
        params,
        response: { 200: improvementSchema },
      },
    },
    async (request, reply) => {
      const result = await present(db, request.params.id, request.principal!);
      setEtag(reply, result.version);
      return result;
    },
  );

  app.patch(
    '/api/v1/improvements/:id',
    {
      config: { access: staff },
      schema: {
        tags,
        summary: 'Change an improvement, its scores, target and KPI (send If-Match)',
        description:
          'Its owner, process owners and top management; whoever proposed it while it is only proposed.',
        params,
        body: improvementPatchBody,
        response: { 200: improvementSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        updateImprovement(ctx, who, request.params.id, expected, request.body),
      );
      const result = await present(db, request.params.id, who);
      setEtag(reply, result.version);
      return result;
    },
  );

  app.post(
    '/api/v1/improvements/:id/transitions',
    {
      config: { access: staff },
      schema: {
        tags,
        summary: 'Approve, reject, propose again, start, realise or withdraw an improvement (send If-Match)',
        description:
          'approved and rejected need a reason (process owners, top management); realised needs the benefits, and records the value measured after (given, or read from the KPI); withdrawn needs a reason. Approval reads the KPI’s value before, over the last 90 days.',
        params,
        body: improvementTransitionBody,
        response: { 200: improvementSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        fireImprovementStep(ctx, who, request.params.id, expected, request.body),
      );
      const result = await present(db, request.params.id, who);
      setEtag(reply, result.version);
      return result;
    },
  );

  app.post(
    '/api/v1/improvements/:id/actions',
    {
      config: { access: staff },
      schema: {
        tags,
        summary: 'Add an action to an approved improvement’s plan',
        params,
        body: newImprovementActionBody,
        response: { 201: improvementSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      await runAsCaller(db, request, (ctx) =>
        addImprovementAction(ctx, who, request.params.id, request.body),
      );
      const result = await present(db, request.params.id, who);
      setEtag(reply, result.version);
      return reply.status(201).send(result);
    },
  );

  app.patch(
    '/api/v1/improvements/:id/actions/:actionId',
    {
      config: { access: staff },
      schema: {
        tags,
        summary: 'Tick an action of the plan off, or open it again',
        params: params.extend({ actionId: z.uuid({ error: 'must be an action id (UUID)' }) }),
        body: improvementActionPatchBody,
        response: { 200: improvementSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      await runAsCaller(db, request, (ctx) =>
        setImprovementActionDone(ctx, who, request.params.id, request.params.actionId, request.body.done),
      );
      const result = await present(db, request.params.id, who);
      setEtag(reply, result.version);
      return result;
    },
  );
};
