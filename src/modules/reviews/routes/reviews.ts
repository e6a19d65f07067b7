import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { access } from '../../../kernel/access/policy.ts';
import { type Principal, runAsCaller } from '../../../kernel/auth/principal.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { expectedVersion, setEtag } from '../../../kernel/http/etag.ts';
import { fileAnswer, idParam } from '../../../kernel/http/params.ts';
import {
  approveReview,
  cancelReview,
  createReview,
  holdReview,
  prepareReview,
  updateReview,
} from '../commands/reviews.ts';
import { reviewInputsShape } from '../inputs/shapes.ts';
import { minutesPdf } from '../minutes.ts';
import { reviewPreparers, reviewReaders, transitionRoles } from '../policy.ts';
import { listReviews, presentReview, reviewInputs } from '../queries.ts';
import {
  minutesBody,
  reasonBody,
  reviewBody,
  reviewListQuery,
  reviewListShape,
  reviewPatch,
  reviewShape,
} from '../shapes.ts';

const tags = ['management reviews'];
const id = idParam('management review');

/** Management reviews (9.3, docs/check-and-act.md): plan, prepare, hold, approve; the inputs; the minutes. */
export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const readers = access.roles(...reviewReaders);
  const show = async (who: Principal, reviewId: string, reply: FastifyReply) => {
    const r = await presentReview(db, who, reviewId);
    setEtag(reply, r.version);
    return r;
  };

  app.get(
    '/api/v1/management-reviews',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Management reviews, the latest meeting first',
        querystring: reviewListQuery,
        response: { 200: reviewListShape },
      },
    },
    (request) => listReviews(db, request.query),
  );

  app.post(
    '/api/v1/management-reviews',
    {
      config: { access: access.roles(...reviewPreparers) },
      schema: {
        tags,
        summary: 'Plan a management review: the period it looks back on, the meeting day, the chair',
        body: reviewBody,
        response: { 201: reviewShape },
      },
    },
    async (request, reply) => {
      const r = await runAsCaller(db, request, (ctx) => createReview(ctx, request.principal!, request.body));
      reply.status(201);
      return show(request.principal!, r.id, reply);
    },
  );

  app.get(
    '/api/v1/management-reviews/:id',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'One management review with attendance, decisions and actions',
        params: id,
        response: { 200: reviewShape },
      },
    },
    (request, reply) => show(request.principal!, request.params.id, reply),
  );

  app.patch(
    '/api/v1/management-reviews/:id',
    {
      config: { access: access.roles(...reviewPreparers) },
      schema: {
        tags,
        summary:
          'Change the plan or comment the inputs (by input key) while planned or prepared (send If-Match)',
        params: id,
        body: reviewPatch,
        response: { 200: reviewShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        updateReview(ctx, request.principal!, request.params.id, expected, request.body),
      );
      return show(request.principal!, request.params.id, reply);
    },
  );

  // the body each step takes is validated by its schema: approve's minutes and cancel's reason are present
  type StepBody = { minutes?: string; reason?: string };
  const steps: Array<{
    name: keyof typeof transitionRoles;
    summary: string;
    run: (
      ctx: CommandContext,
      who: Principal,
      reviewId: string,
      expected: number,
      body: StepBody,
    ) => Promise<unknown>;
    body?: typeof minutesBody | typeof reasonBody;
  }> = [
    {
      name: 'prepare',
      summary: 'The head of service management marks the inputs prepared (send If-Match)',
      run: prepareReview,
    },
    {
      name: 'hold',
      summary:
        'Top management holds the review, on or after its meeting day: the inputs are frozen (send If-Match)',
      run: holdReview,
    },
    {
      name: 'approve',
      summary: 'Top management approves the minutes, once attendance is recorded (send If-Match)',
      run: (ctx, who, reviewId, expected, body) => approveReview(ctx, who, reviewId, expected, body.minutes!),
      body: minutesBody,
    },
    {
      name: 'cancel',
      summary: 'Call off a review not yet held, with the reason (send If-Match)',
      run: (ctx, who, reviewId, expected, body) => cancelReview(ctx, who, reviewId, expected, body.reason!),
      body: reasonBody,
    },
  ];
  for (const s of steps)
    app.post(
      `/api/v1/management-reviews/:id/${s.name}`,
      {
        config: { access: access.roles(...transitionRoles[s.name]) },
        schema: {
          tags,
          summary: s.summary,
          params: id,
          ...(s.body ? { body: s.body } : {}),
          response: { 200: reviewShape },
        },
      },
      async (request, reply) => {
        const expected = expectedVersion(request);
        await runAsCaller(db, request, (ctx) =>
          s.run(ctx, request.principal!, request.params.id, expected, (request.body ?? {}) as StepBody),
        );
        return show(request.principal!, request.params.id, reply);
      },
    );

  app.get(
    '/api/v1/management-reviews/:id/inputs',
    {
      config: { access: readers },
      schema: {
        tags,
        summary:
          'The inputs of the review for its period, assembled from live data; once the review is held, the frozen ones (frozen: true)',
        params: id,
        response: { 200: reviewInputsShape },
      },
    },
    (request) => reviewInputs(db, request.params.id),
  );

  app.get(
    '/api/v1/management-reviews/:id/minutes.pdf',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'The minutes as PDF: attendance, the inputs with commentary, decisions, actions, approval',
        params: id,
        produces: ['application/pdf'],
        response: { 200: fileAnswer('application/pdf', 'The minutes') },
      },
    },
    async (request, reply) => {
      const { pdf, fileName } = await minutesPdf(db, request.principal!, request.params.id);
      reply.type('application/pdf').header('content-disposition', `attachment; filename="${fileName}"`);
      // the PDF's bytes are sent as they are: the answer's schema describes them, it does not serialise them
      return reply.send(pdf);
    },
  );
};
